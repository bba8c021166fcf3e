#!/usr/bin/env bash
# `make bench`: create and seed the benchmark database once, then measure (bench/run.py).
set -euo pipefail
cd "$(dirname "$0")/.."
set -a; . .data/env; set +a
base=${DATABASE_URL%/*}
port=$(echo "$base" | sed -E 's#.*:([0-9]+)$#\1#')
db=${BENCH_DB:-dosonthidua_bench}
psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc "select 1 from pg_database where datname='$db'" | grep -q 1 \
  || psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "create database $db"
export DATABASE_URL="$base/$db" DEBUG=true
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py seed_demo > /dev/null
if ! .venv/bin/python manage.py shell -c "from units.models import Unit; import sys; sys.exit(0 if Unit.objects.filter(short_code='BENCH-ROOT').exists() else 1)"; then
  .venv/bin/python manage.py seed_bench ${BENCH_ARGS:-}
fi
exec .venv/bin/python -m bench.run "$@"
