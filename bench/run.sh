#!/usr/bin/env bash
# Runs the subscriber fan-out benchmark end to end: builds KD Family (Release), starts it in the background on
# its own port with its own PostgreSQL/Redis data dir (seeded with the demo family), runs bench/subscribers.mjs
# against it, then stops everything this script started. Extra environment (SUBSCRIBERS, TIMEOUT_MS, ...) is
# passed through to the node script; see bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# 1,000 WebSockets on one machine need more descriptors than the usual soft limit of 1,024 (client and server side).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

port="${BENCH_PORT:-5080}"
export KD_DATA_DIR="${KD_DATA_DIR:-$PWD/.data/bench}"
export KD_PG_PORT="${KD_PG_PORT:-55532}"
export KD_REDIS_PORT="${KD_REDIS_PORT:-56479}"
export BENCH_URL="http://127.0.0.1:$port"
log_file="$KD_DATA_DIR/server.log"

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
server_pid=""
stop_all() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -f "$KD_DATA_DIR/pg/PG_VERSION" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$KD_DATA_DIR/pg" -m fast stop >/dev/null 2>&1 || true
  fi
  redis-cli -p "$KD_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}

# RUNS=3 repeats the whole run (fresh data, fresh server) three times; the node script appends every run to the
# same results file, so the spread between runs on a shared machine is recorded with them.
runs="${RUNS:-1}"
trap stop_all EXIT
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export Jwt__SigningKey="${Jwt__SigningKey:-kd-family-local-benchmark-signing-key-0123456789}"
# Request logging at Information would measure the console, not the server.
export Logging__LogLevel__Default="${Logging__LogLevel__Default:-Warning}"
export Jobs__Enabled="${Jobs__Enabled:-false}"
# One results file for all runs of this invocation.
export RESULTS_FILE="${RESULTS_FILE:-$PWD/bench/results/$(date -u +%F)-subscribers-${SUBSCRIBERS:-1000}.json}"

scripts/prerequisites.sh
[ -d bench/node_modules ] || (cd bench && npm ci --no-audit --no-fund)
dotnet build src/KdFamily.Graph -c Release -v quiet -nologo
dll="src/KdFamily.Graph/bin/Release/net10.0/KdFamily.Graph.dll"

status=0
for run in $(seq 1 "$runs"); do
  # A fresh database per run (BENCH_KEEP_DATA=1 keeps the previous one), so results do not depend on leftovers.
  stop_all
  server_pid=""
  if [ "${BENCH_KEEP_DATA:-0}" != "1" ]; then
    rm -rf "$KD_DATA_DIR"
  fi
  mkdir -p "$KD_DATA_DIR"
  eval "$(scripts/services.sh)"
  dotnet "$dll" migrate >/dev/null
  dotnet "$dll" --urls "$BENCH_URL" --seed-demo >"$log_file" 2>&1 &
  server_pid=$!

  for _ in $(seq 1 120); do
    if curl -fsS "$BENCH_URL/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "The server exited; see $log_file" >&2
      tail -n 40 "$log_file" >&2
      exit 1
    fi
    sleep 1
  done
  curl -fsS "$BENCH_URL/health" >/dev/null || { echo "The server did not become healthy; see $log_file" >&2; exit 1; }

  echo "Run $run/$runs: server pid $server_pid on $BENCH_URL (log: $log_file), open-file limit $(ulimit -n), $(uptime)"
  node bench/subscribers.mjs || status=$?
done
exit "$status"
