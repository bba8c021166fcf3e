#!/usr/bin/env bash
# Make PostgreSQL and Redis answer, and write their URLs to .data/env.
# With DATABASE_URL / REDIS_URL already set, those are used as they are.
# Otherwise: the machine's own servers on 127.0.0.1:5432 / 6379 (started if installed but down);
# if PostgreSQL there refuses us, a private cluster under .data/pg on port 55432.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .data
db_name=${DB_NAME:-dosonthidua}

start_local_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return 0; fi
  if command -v pg_ctlcluster >/dev/null; then
    ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)
    if [ -n "$ver" ]; then
      pg_ctlcluster --skip-systemctl-redirect "$ver" main start 2>/dev/null || pg_ctlcluster "$ver" main start || true
    fi
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 0.5; done
  return 1
}

private_postgres() {
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  local dir="$PWD/.data/pg"
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"; chown postgres "$dir" 2>/dev/null || true
    runuser -u postgres -- "$bin/initdb" -D "$dir" -A trust -U postgres --locale=C.UTF-8 >/dev/null
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 55432; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -l "$dir/log" -o "-p 55432 -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 55432 && break; sleep 0.5; done
  fi
  echo "postgres://postgres@127.0.0.1:55432/$db_name"
}

if [ -z "${DATABASE_URL:-}" ]; then
  if start_local_postgres && psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1" >/dev/null 2>&1; then
    DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db_name"
  else
    DATABASE_URL=$(private_postgres)
  fi
  # Create the database when missing.
  base=${DATABASE_URL%/*}
  port=$(echo "$base" | sed -E 's#.*:([0-9]+)$#\1#')
  psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc "select 1 from pg_database where datname='$db_name'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "create database $db_name" >/dev/null
fi

if [ -z "${REDIS_URL:-}" ]; then
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    mkdir -p .data/redis
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir "$PWD/.data/redis" --logfile "$PWD/.data/redis/redis.log"
    for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.25; done
  fi
  REDIS_URL="redis://127.0.0.1:6379/0"
fi

printf 'DATABASE_URL=%s\nREDIS_URL=%s\n' "$DATABASE_URL" "$REDIS_URL" > .data/env
echo "PostgreSQL: $DATABASE_URL"
echo "Redis:      $REDIS_URL"
