"""Names that keep two deployments apart when they share one Redis server: the cache key prefix, the
Celery queue and exchange names and the Redis database the test suite uses are all derived from one
deployment name, itself the database name unless DEPLOYMENT_NAME says otherwise. Plain Python (no
Django import), so settings.py and shell scripts can use it."""

import re
import zlib
from urllib.parse import urlsplit


def deployment_name(database_name):
    """'dosonthidua_h12' -> 'dosonthidua_h12'; anything but letters, digits and '_' becomes '_'."""
    return re.sub(r"[^a-z0-9_]+", "_", (database_name or "").lower()).strip("_") or "dosonthidua"


def database_name_of(database_url):
    """The database name of a postgres:// URL ('' when it has none)."""
    return urlsplit(database_url).path.lstrip("/")


def queue_name(purpose, deployment=None):
    """The Celery queue of this deployment for ``purpose`` ('default', 'reports', ...):
    '<deployment>.<purpose>'. Without ``deployment``, the running Django settings' one."""
    if deployment is None:
        from django.conf import settings

        deployment = settings.DEPLOYMENT_NAME
    return f"{deployment}.{purpose}"


def redis_db_number(name, databases=16):
    """A Redis database number from 1 to ``databases`` - 1 chosen from ``name`` (stable across runs and
    machines; 0 is left to deployments that configure nothing)."""
    return 1 + zlib.crc32(name.encode()) % (databases - 1)


def suite_redis_url(redis_url, database_url):
    """The Redis URL the test suite of the deployment of ``database_url`` uses: same server, its own
    database number, chosen from the test database's name ('test_' + name, as Django names it)."""
    base = redis_url.rsplit("/", 1)[0] if urlsplit(redis_url).path.strip("/").isdigit() else redis_url.rstrip("/")
    return f"{base}/{redis_db_number('test_' + deployment_name(database_name_of(database_url)))}"


if __name__ == "__main__":  # python dosonthidua/isolation.py REDIS_URL DATABASE_URL
    import sys

    print(suite_redis_url(sys.argv[1], sys.argv[2]))
