#!/usr/bin/env bash
# Run the whole suite against the real PostgreSQL and Redis (.data/env, unless already set).
set -euo pipefail
cd "$(dirname "$0")/.."
given_db=${DATABASE_URL:-}; given_redis=${REDIS_URL:-}
set -a; . .data/env; set +a
DATABASE_URL=${given_db:-$DATABASE_URL}
REDIS_URL=${given_redis:-${REDIS_URL%/*}/15}
export DATABASE_URL REDIS_URL DJANGO_ALLOW_ASYNC_UNSAFE=true
# axe-core and the Nu HTML checker for the accessibility crawl, pinned by package-lock.json (vnu-jar's
# install script would fetch a Java of its own: Debian's is used instead).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
exec .venv/bin/python -m pytest "$@"
