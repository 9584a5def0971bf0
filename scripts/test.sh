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
# One closing line for the whole suite (every test project prints its own totals).
awk '/^[[:space:]]+Passed:[[:space:]]+[0-9]+$/ { p += $2 } /^[[:space:]]+Failed:[[:space:]]+[0-9]+$/ { f += $2 }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
