#!/usr/bin/env bash
# Run the whole suite against the real PostgreSQL and Redis named in .data/env.
set -euo pipefail
cd "$(dirname "$0")/.."
set -a; . .data/env; set +a
export REDIS_URL="${REDIS_URL%/*}/15"
export DJANGO_ALLOW_ASYNC_UNSAFE=true
.venv/bin/python -m pytest "$@"
