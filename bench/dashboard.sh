#!/usr/bin/env bash
# FamilyDashboard beside the peers, in one command: KD Family, PostGraphile 5 and a raw .NET + Npgsql endpoint on
# one PostgreSQL cluster with the same data (../shared/peers), each warmed up, then ROUNDS alternating runs
# (kdfamily, postgraphile, raw, kdfamily, ...) and SQL statements per request counted by PostgreSQL itself
# (pg_stat_statements: every statement it executed, resets included). Writes the table to
# bench/results/<date>-dashboard.md (RESULTS_FILE to change) and stops everything it started.
#
#   bench/dashboard.sh
#   Environment: PEERS_DIR (../shared/peers beside the repository), ROUNDS (3), DURATION (15 s per run),
#   CONNECTIONS (32), WARMUP_SECONDS (20: untimed load on each target before the first round), EXTRA_ENV (more
#   settings for KD Family, e.g. "Auth__SessionCacheLifetime=00:00:00"), NOTE (a line for the results file).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
peers="$(cd "${PEERS_DIR:-../shared/peers}" && pwd)"
rounds="${ROUNDS:-3}"
warmup="${WARMUP_SECONDS:-20}"
results="${RESULTS_FILE:-$repo/bench/results/$(date -u +%F)-dashboard.md}"
mkdir -p "$(dirname "$results")"

cleanup() {
  "$peers/ours.sh" --stop >/dev/null 2>&1 || true
  "$peers/down.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

"$peers/up.sh"
# The bench sends one user's dashboard ~1,000 times a second: lift that caller's cost budget (nothing else).
# shellcheck disable=SC2086
# ours.sh publishes into one fixed folder, and publish copies a file only when it is newer than the copy there: the
# build of an older checkout (a worktree at an earlier commit) would leave the newer build's binaries running, and
# the other way round. Start from an empty folder.
rm -rf "${KD_PEERS_RUN:-$(dirname "$(mktemp -u)")/kd-peers-run}/ours-out"
env GraphQL__Limits__CostPerMinute=1000000000 ${EXTRA_ENV:-} "$peers/ours.sh" "$repo"

targets=(
  kdfamily http://127.0.0.1:5092/graphql "$peers/bodies/kdfamily.json"
  postgraphile http://127.0.0.1:5090/graphql "$peers/bodies/postgraphile.json"
  raw http://127.0.0.1:5091/dashboard "$peers/bodies/raw.json"
)

# A freshly started .NET process runs unoptimized code until tiered compilation has recompiled its hot paths, and
# every target fills its connection pool and prepares its statements on first use: warm all three the same way.
for ((i = 0; i < ${#targets[@]}; i += 3)); do
  DURATION="$warmup" WARMUP=0 "$peers/load.sh" "${targets[i + 1]}" "${targets[i + 2]}" "${targets[i]} (warm-up)" >/dev/null
done

table="$(ROUNDS="$rounds" "$peers/bench.sh" "${targets[@]}")"
statements="$(cd "$peers" && PGDATABASE=kdfamily_bench node stmts.mjs http://127.0.0.1:5092/graphql bodies/kdfamily.json 50)"

{
  echo "# FamilyDashboard beside the peers, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "\`bench/dashboard.sh\` at $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet || echo ' (with uncommitted changes)'):"
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), ${rounds} alternating rounds of"
  echo "${DURATION:-15} s at ${CONNECTIONS:-32} connections after ${warmup} s of warm-up per target.${EXTRA_ENV:+ KD Family settings: \`$EXTRA_ENV\`.}"
  [ -n "${NOTE:-}" ] && echo && echo "$NOTE"
  echo
  echo '```'
  echo "$table" | grep '^\[round'
  echo '```'
  echo "$table" | sed -n '/^| round/,$p'
  echo
  echo "$table" | awk -F'|' '$2 ~ /^ (kdfamily|postgraphile|raw) $/ && $3 ~ /^ [0-9.]+ $/ { rps[$2] = $3; p99[$2] = $5 }
    END {
      k = " kdfamily "; r = " raw "; g = " postgraphile "
      printf "KD Family / raw: %.2fx the throughput, %.2fx the p99. KD Family / PostGraphile: %.2fx the throughput, %.2fx the p99.\n",
        rps[k] / rps[r], p99[k] / p99[r], rps[k] / rps[g], p99[k] / p99[g]
    }'
  echo
  echo "Statements PostgreSQL executed per KD Family request (pg_stat_statements, 50 sequential requests):"
  echo
  echo '```'
  echo "$statements"
  echo '```'
} >"$results"
cat "$results"
