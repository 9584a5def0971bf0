#!/usr/bin/env bash
# Starts PostgreSQL and Redis on loopback with their data under .data/ (or $KD_DATA_DIR) (idempotent).
# Prints the connection strings as shell exports for scripts/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root="${KD_DATA_DIR:-$PWD/.data}"
pg_port="${KD_PG_PORT:-55432}"
redis_port="${KD_REDIS_PORT:-56379}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
mkdir -p "$root"

# PostgreSQL refuses to run as root; use the 'postgres' account the Debian package creates.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ ! -f "$root/pg/PG_VERSION" ]; then
  mkdir -p "$root/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$root/pg"
  as_pg "$bin/initdb" -D "$root/pg" -U kdfamily --auth=trust -E UTF8 >/dev/null
fi
[ "$(id -u)" -eq 0 ] && chown -R postgres "$root/pg"
if ! as_pg "$bin/pg_ctl" -D "$root/pg" status >/dev/null 2>&1; then
  as_pg "$bin/pg_ctl" -D "$root/pg" -l "$root/pg/server.log" -w \
    -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
fi
"$bin/psql" -h 127.0.0.1 -p "$pg_port" -U kdfamily -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='kdfamily'" | grep -q 1 \
  || "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U kdfamily kdfamily

if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
  mkdir -p "$root/redis"
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$root/redis" --daemonize yes \
    --logfile "$root/redis/redis.log" --save "" >/dev/null
fi

# The pool's ceiling stays well below max_connections, leaving room for psql, migrations and a second instance.
echo "export ConnectionStrings__Postgres='Host=127.0.0.1;Port=$pg_port;Database=kdfamily;Username=kdfamily;Maximum Pool Size=50'"
echo "export ConnectionStrings__Redis='127.0.0.1:$redis_port'"
