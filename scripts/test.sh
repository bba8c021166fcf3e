#!/usr/bin/env bash
# Run the whole suite against the real PostgreSQL and Redis (.data/env, unless already set).
set -euo pipefail
cd "$(dirname "$0")/.."
given_db=${DATABASE_URL:-}; given_redis=${REDIS_URL:-}
set -a; . .data/env; set +a
DATABASE_URL=${given_db:-$DATABASE_URL}
REDIS_URL=${given_redis:-${REDIS_URL%/*}/15}
export DATABASE_URL REDIS_URL DJANGO_ALLOW_ASYNC_UNSAFE=true
exec .venv/bin/python -m pytest "$@"
