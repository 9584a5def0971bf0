#!/usr/bin/env bash
# Runs the whole test suite. The tests start their own throwaway PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh --test
dotnet build KdFamily.sln -c Release
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test KdFamily.sln -c Release --no-build --logger "console;verbosity=normal" "$@" | tee "$log" || status=$?
# Failures again at the end, so they can be read from the last lines of a long log: each failed test
# with its message and the first lines of its stack, without the hosts' log lines in between.
awk '/^[[:space:]]+Failed [A-Za-z_]/ { block = 1; n = 0; print "FAILED:" substr($0, index($0, "Failed") + 6); next }
     /^[[:space:]]+(Passed|Skipped) / || /^\{"Timestamp"/ || /^\[xUnit/ { block = 0 }
     block && n < 25 { print; n++ }' "$log"
# One closing line for the whole suite (every test project prints its own totals).
awk '/^[[:space:]]+Passed:[[:space:]]+[0-9]+$/ { p += $2 } /^[[:space:]]+Failed:[[:space:]]+[0-9]+$/ { f += $2 }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
