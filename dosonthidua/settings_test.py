"""Test settings: the real PostgreSQL and Redis (from DATABASE_URL / REDIS_URL), fast hashing."""

import os
from pathlib import Path

os.environ.setdefault("TESTING", "true")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dosonthidua")

# Under pytest-xdist each worker gets a test database of its own (pytest-django appends "_gw0", ...);
# the same suffix gives it its own deployment name (cache prefix, Celery queues) and Redis database,
# so two workers never take each other's tasks. Subprocesses started by tests inherit both.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER and not os.environ.get("_SUITE_WORKER_ISOLATED"):
    from .isolation import database_name_of, deployment_name, suite_redis_url

    _name = deployment_name(database_name_of(os.environ["DATABASE_URL"]))
    os.environ["DEPLOYMENT_NAME"] = f"{_name}_{_WORKER}"
    os.environ["REDIS_URL"] = suite_redis_url(os.environ["REDIS_URL"], os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{_name}_{_WORKER}")
    os.environ["_SUITE_WORKER_ISOLATED"] = "1"

from .settings import *  # noqa: E402,F403
from .settings import BASE_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# TEST_MEDIA_ROOT: a second portal run by a test in a subprocess keeps its files apart.
MEDIA_ROOT = (
    Path(os.environ["TEST_MEDIA_ROOT"])
    if os.environ.get("TEST_MEDIA_ROOT")
    else BASE_DIR / ".data" / ("test-media-" + _WORKER if _WORKER else "test-media")
)
# Two-factor sign-in stays optional for everyone in the suite (its own tests switch it on), so tests
# and browser journeys sign in with the password alone.
TWO_FACTOR_REQUIRED_ROLES = []
