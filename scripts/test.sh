#!/usr/bin/env bash
# Runs the whole test suite. The tests start their own throwaway PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh --test
dotnet build KdFamily.sln -c Release
dotnet test KdFamily.sln -c Release --no-build --logger "console;verbosity=normal" "$@"
