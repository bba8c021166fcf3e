#!/usr/bin/env bash
# `make bench`: create and seed the benchmark databases once (city scale in BENCH_DB, demo scale in
# BENCH_SMALL_DB for the growth between them), then measure (bench/run.py).
set -euo pipefail
cd "$(dirname "$0")/.."
set -a; . .data/env; set +a
base=${DATABASE_URL%/*}
port=$(echo "$base" | sed -E 's#.*:([0-9]+)$#\1#')
db=${BENCH_DB:-dosonthidua_bench}
small=${BENCH_SMALL_DB:-${db}_small}

seed() {  # database, seed_bench arguments
  psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc "select 1 from pg_database where datname='$1'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "create database $1"
  DATABASE_URL="$base/$1" .venv/bin/python manage.py migrate --noinput -v0
  DATABASE_URL="$base/$1" .venv/bin/python manage.py seed_demo > /dev/null
  if ! DATABASE_URL="$base/$1" .venv/bin/python manage.py shell -c "from units.models import Unit; import sys; sys.exit(0 if Unit.objects.filter(short_code='BENCH-ROOT').exists() else 1)"; then
    DATABASE_URL="$base/$1" .venv/bin/python manage.py seed_bench $2
  fi
}

export DEBUG=true
seed "$db" "${BENCH_ARGS:-}"
seed "$small" "--units 40 --people 4000 --nominations 20000 --decided 2000"
export DATABASE_URL="$base/$db" BENCH_SMALL_DATABASE_URL="$base/$small"
exec .venv/bin/python -m bench.run "$@"
