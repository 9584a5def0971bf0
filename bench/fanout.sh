#!/usr/bin/env bash
# Subscriptions at scale (issue 9, goal 4), in one command: SUBSCRIBERS (5,000) graphql-ws subscribers of
# leaderboardUpdated across FAMILIES (50) families of the peers' bench data, first on one instance, then split over two
# instances behind deploy/nginx/nginx.conf (Redis carries the events between them). bench/fanout.mjs measures each
# family's approval-to-receipt latency, the approval's round trip idle and under load, and memory per idle subscriber.
# Writes bench/results/<date>-fanout.md. MODES="one two" (default) or just one of them.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
peers="$(cd "${PEERS_DIR:-../shared/peers}" && pwd)"
results="${RESULTS_FILE:-$repo/bench/results/$(date -u +%F)-fanout.md}"
families="${FAMILIES:-50}"
redis_port="${KD_BENCH_REDIS_PORT:-56480}"
second_port=5094
nginx_port=5095
run_dir="${KD_PEERS_RUN:-$(dirname "$(mktemp -u)")/kd-peers-run}"
psql_bench=(psql -h 127.0.0.1 -p 55433 -U postgres -d kdfamily_bench -v ON_ERROR_STOP=1 -qAt)
work="$(mktemp -d)"
ulimit -n "$(ulimit -Hn)"
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  [ -f "$work/second.pid" ] && kill "$(cat "$work/second.pid")" 2>/dev/null
  "$peers/ours.sh" --stop >/dev/null 2>&1 || true
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  "$peers/pg.sh" stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$peers/pg.sh" start
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile "$work/redis.log"
(cd "$peers" && [ -d node_modules ] || npm ci --no-audit --no-fund)
(cd bench && [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null)
export KD_REDIS="127.0.0.1:$redis_port"
# One client machine opens every socket, and each member holds ~13 subscriptions: the per-address and per-user caps
# (100 and 10 by default) would refuse the bench itself.
limits="GraphQL__Limits__CostPerMinute=1000000000 GraphQL__Limits__WebSocketsPerIp=1000000 GraphQL__Limits__WebSocketsPerUser=1000"
export METRICS_KEY="bench-metrics-key-0123456789-abcdefghijklmn"
limits="$limits Metrics__ApiKey=$METRICS_KEY"
# ours.sh publishes into one fixed folder, and publish copies a file only when it is newer than the copy there: the
# build of an older checkout (a worktree at an earlier commit) would leave the newer build's binaries running, and
# the other way round. Start from an empty folder.
rm -rf "${KD_PEERS_RUN:-$(dirname "$(mktemp -u)")/kd-peers-run}/ours-out"
env $limits ${EXTRA_ENV:-} "$peers/ours.sh" "$repo"

# Every member of the first FAMILIES families can sign in (ours.sh registered the throwaway account), and their open
# tasks are COMPLETED work of a member who is not the advisor, ready to approve.
"${psql_bench[@]}" <<SQL
CREATE TEMP TABLE bench_families AS
  SELECT DISTINCT family_id FROM users WHERE username ~ '^bench_f([0-9]+)_u0$'
    AND substring(username from '^bench_f([0-9]+)_')::int <= $families;
UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE username = 'bench_tmp')
WHERE family_id IN (SELECT family_id FROM bench_families);
UPDATE tasks t
SET status = 'Completed',
    assigned_to_id = CASE WHEN t.assigned_to_id IS NULL OR t.assigned_to_id = adv.id THEN kid.id ELSE t.assigned_to_id END,
    started_at = coalesce(t.started_at, now() - interval '2 hours'), completed_at = now() - interval '1 hour',
    actual_minutes = coalesce(t.actual_minutes, 15), rejected_at = NULL, rejection_reason = NULL
FROM users adv, users kid
WHERE t.family_id IN (SELECT family_id FROM bench_families)
  AND adv.family_id = t.family_id AND adv.username LIKE 'bench\_f%\_u0'
  AND kid.family_id = t.family_id AND kid.username LIKE 'bench\_f%\_u2'
  AND t.status IN ('Pending', 'InProgress', 'Completed', 'Rejected') AND t.deleted_at IS NULL;
ANALYZE;
SQL
# One line per family: its node id, its members' logins (advisor first), its COMPLETED tasks.
"${psql_bench[@]}" -c "
  SELECT encode(convert_to('Family:' || replace(f.id::text, '-', ''), 'UTF8'), 'base64') || '|' ||
         (SELECT string_agg(u.username, ',' ORDER BY u.username) FROM users u WHERE u.family_id = f.id AND u.removed_at IS NULL) || '|' ||
         (SELECT string_agg(t.id::text, ',') FROM tasks t WHERE t.family_id = f.id AND t.status = 'Completed')
  FROM families f JOIN users a ON a.family_id = f.id AND a.username ~ '^bench_f[0-9]+_u0$'
  WHERE substring(a.username from '^bench_f([0-9]+)_')::int <= $families
  ORDER BY substring(a.username from '^bench_f([0-9]+)_')::int" \
  | sed -e 's#+#-#g; s#/#_#g; s#=*|#|#' >"$work/families.txt"

runs=()
# The second run starts after the tasks the first may have approved per family: a few untimed and idle approvals, every
# warm-up round and the measured one.
two_offset=$(( ${WARM_UP_ROUNDS:-20} + 5 ))
for mode in ${MODES:-one two}; do
  if [ "$mode" = one ]; then
    runs+=("$(FAMILIES_FILE="$work/families.txt" WS_URLS=http://127.0.0.1:5092 node bench/fanout.mjs | tee /dev/stderr)")
  else
    # A second instance from the same build, with the same settings as ours.sh's, then nginx in front of both.
    (cd "$run_dir/ours-out"; exec env ConnectionStrings__Postgres="Host=127.0.0.1;Port=55433;Username=postgres;Database=kdfamily_bench;Maximum Pool Size=50" \
      ConnectionStrings__Redis="$KD_REDIS" Jwt__SigningKey="bench-signing-key-0123456789-abcdefghijklmnopqrstuv" Jwt__Issuer=kdfamily \
      Jwt__Audience=kdfamily Jwt__AccessTokenLifetime=12:00:00 Jobs__Enabled=false Auth__RateLimitPermitLimit=100000 \
      $limits ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
      ASPNETCORE_URLS="http://127.0.0.1:$second_port" ${EXTRA_ENV:-} nohup dotnet KdFamily.Graph.dll >"$work/second.log" 2>&1 </dev/null) &
    echo $! >"$work/second.pid"
    for _ in $(seq 60); do curl -sf -o /dev/null "http://127.0.0.1:$second_port/health" && break; sleep 1; done
    mkdir -p "$work/nginx"
    sed -e "s#listen 5000;#listen 127.0.0.1:$nginx_port;#" \
        -e "s#^http {#http {\n    access_log off; client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;#" \
        deploy/nginx/nginx.conf >"$work/nginx/nginx.conf"
    printf 'server 127.0.0.1:5092;\nserver 127.0.0.1:%s;\n' "$second_port" >"$work/nginx/upstream.conf"
    nginx -c "$work/nginx/nginx.conf" -p "$work/nginx/" -g "daemon on; pid $work/nginx.pid; error_log $work/nginx/error.log;$([ "$(id -u)" = 0 ] && echo ' user root;')"
    for _ in $(seq 30); do curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/health" && break; sleep 0.5; done
    runs+=("$(FAMILIES_FILE="$work/families.txt" WS_URLS="http://127.0.0.1:$nginx_port" METRICS_URLS="http://127.0.0.1:5092,http://127.0.0.1:$second_port" \
      API_URL="http://127.0.0.1:$nginx_port" TASK_OFFSET="$two_offset" node bench/fanout.mjs | tee /dev/stderr)")
  fi
done

{
  echo "# Subscriptions at scale, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "\`bench/fanout.sh\` at $(git -C "$repo" rev-parse --short HEAD): $(nproc) cores; clients, servers, nginx, Redis and PostgreSQL on one machine. ${NOTE:-}"
  for run in "${runs[@]}"; do
    echo
    echo '```json'
    echo "$run"
    echo '```'
  done
} >"$results"
cat "$results"
