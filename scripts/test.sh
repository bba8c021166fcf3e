#!/usr/bin/env bash
# Run the whole suite against the real PostgreSQL and Redis (.data/env, unless already set).
set -euo pipefail
cd "$(dirname "$0")/.."
given_db=${DATABASE_URL:-}; given_redis=${REDIS_URL:-}
set -a; . .data/env; set +a
DATABASE_URL=${given_db:-$DATABASE_URL}
# The suite's own Redis database, numbered from the test database's name (dosonthidua/isolation.py), so
# two checkouts testing on one Redis server do not share a database (key and queue names differ too).
# TEST_REDIS_URL overrides it.
REDIS_URL=${TEST_REDIS_URL:-$(.venv/bin/python dosonthidua/isolation.py "${given_redis:-$REDIS_URL}" "$DATABASE_URL")}
export DATABASE_URL REDIS_URL DJANGO_ALLOW_ASYNC_UNSAFE=true
# axe-core and the Nu HTML checker for the accessibility crawl, pinned by package-lock.json (vnu-jar's
# install script would fetch a Java of its own: Debian's is used instead).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
# The suite runs on every core (pytest-xdist; TEST_WORKERS=0 runs it in one process): each worker has
# its own test database, Redis database, Celery queues and media folder (dosonthidua/settings_test.py).
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-auto}" --dist worksteal "$@"
