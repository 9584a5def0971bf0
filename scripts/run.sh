#!/usr/bin/env bash
# Runs KD Family on http://localhost:5000/graphql with local PostgreSQL and Redis (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh
eval "$(scripts/services.sh)"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# A development-only signing key; production deployments set Jwt__SigningKey themselves.
export Jwt__SigningKey="${Jwt__SigningKey:-kd-family-local-development-signing-key-0123456789}"
# Banana Cake Pop (and local frontends) on this origin may call the API (README "Browsers: CORS and security headers").
export Cors__AllowedOrigins__0="${Cors__AllowedOrigins__0:-http://localhost:5000}"
dotnet run --project src/KdFamily.Graph -c Release -- migrate
exec dotnet run --project src/KdFamily.Graph -c Release --no-build -- --urls http://localhost:5000 --seed-demo
