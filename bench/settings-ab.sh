#!/usr/bin/env bash
# One KD Family setting measured on the dashboard bench, in one alternating run: instance `a` as `ours.sh` starts it
# (127.0.0.1:5092) and instance `b` from the same build with B_ENV added (127.0.0.1:5093), both on the peers' cluster
# and data, beside the raw peer. Each target gets WARMUP_SECONDS of untimed load, then ROUNDS alternating runs.
# Run it once with B_ENV empty first: the a/b ratio of two identical instances is the run's noise.
#
#   B_ENV="Auth__SessionCacheLifetime=00:00:00" bench/settings-ab.sh
#   Environment: B_ENV (settings for b, as NAME=value words), ROUNDS (3), DURATION (15), WARMUP_SECONDS (20),
#   PEERS_DIR (../shared/peers). Prints the table; writes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
peers="$(cd "${PEERS_DIR:-../shared/peers}" && pwd)"
run="${KD_PEERS_RUN:-$(dirname "$(mktemp -u)")/kd-peers-run}"
b_pid=""
cleanup() {
  [ -n "$b_pid" ] && kill "$b_pid" 2>/dev/null || true
  "$peers/ours.sh" --stop >/dev/null 2>&1 || true
  "$peers/down.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

"$peers/up.sh" >/dev/null
# ours.sh publishes into one fixed folder, and publish copies a file only when it is newer than the copy there: the
# build of an older checkout (a worktree at an earlier commit) would leave the newer build's binaries running, and
# the other way round. Start from an empty folder.
rm -rf "${KD_PEERS_RUN:-$(dirname "$(mktemp -u)")/kd-peers-run}/ours-out"
GraphQL__Limits__CostPerMinute=1000000000 "$peers/ours.sh" "$repo" >/dev/null
# b: ours.sh's settings (same database, same signing key, so the bench token works on both), then B_ENV.
# shellcheck disable=SC2086
(cd "$run/ours-out" && exec env \
  ConnectionStrings__Postgres="Host=127.0.0.1;Port=55433;Username=postgres;Database=kdfamily_bench;Maximum Pool Size=50" \
  Jwt__SigningKey="bench-signing-key-0123456789-abcdefghijklmnopqrstuv" Jwt__Issuer=kdfamily Jwt__Audience=kdfamily \
  Jwt__AccessTokenLifetime=12:00:00 Jobs__Enabled=false Auth__RateLimitPermitLimit=100000 \
  ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning GraphQL__Limits__CostPerMinute=1000000000 \
  ASPNETCORE_URLS="http://127.0.0.1:5093" ${B_ENV:-} dotnet KdFamily.Graph.dll >"$run/ours-b.log" 2>&1 </dev/null) &
b_pid=$!
for _ in $(seq 60); do curl -sf -o /dev/null "http://127.0.0.1:5093/health" && break; sleep 1; done

cd "$peers"
targets=(
  a http://127.0.0.1:5092/graphql bodies/kdfamily.json
  b http://127.0.0.1:5093/graphql bodies/kdfamily.json
  raw http://127.0.0.1:5091/dashboard bodies/raw.json
)
for ((i = 0; i < ${#targets[@]}; i += 3)); do
  DURATION="${WARMUP_SECONDS:-20}" WARMUP=0 ./load.sh "${targets[i + 1]}" "${targets[i + 2]}" "${targets[i]} (warm-up)" >/dev/null
done
echo "b: ${B_ENV:-(the same settings as a)}"
ROUNDS="${ROUNDS:-3}" ./bench.sh "${targets[@]}" | sed -n '/^| target/,$p'
