#!/usr/bin/env bash
# Installs what KD Family needs beside the .NET SDK and Node, when it is missing:
# PostgreSQL 15 and Redis server binaries (Debian packages), the dotnet-ef local tool,
# and, with --test, Chromium for the browser test, nginx for the two-instance deployment test
# and the npm packages of tests/node and tests/node/clients.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

missing=()
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql postgresql-contrib)
command -v redis-server >/dev/null || missing+=(redis-server)
if $want_test; then
  command -v chromium >/dev/null || missing+=(chromium)
  # Debian installs nginx in /usr/sbin, which may not be on a non-root PATH.
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing ${missing[*]} ..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian packages start system-wide services; we run our own on private ports instead.
  $SUDO service postgresql stop >/dev/null 2>&1 || true
  $SUDO service redis-server stop >/dev/null 2>&1 || true
  # The deployment test starts its own nginx on a free port.
  $SUDO service nginx stop >/dev/null 2>&1 || true
fi

dotnet tool restore >/dev/null

if $want_test; then
  (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
  (cd tests/node/clients && npm ci --no-audit --no-fund --loglevel=error)
fi
