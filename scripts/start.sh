#!/usr/bin/env bash
# npm start: find or start PostgreSQL and Redis, build, then run API and worker in one
# process (PROCESS_ROLE=all). Migrations run at start-up.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

services="$(bash scripts/services.sh)"
while IFS='=' read -r key value; do
  case "$key" in
    DATABASE_URL | REDIS_URL) [ -n "${!key:-}" ] || export "$key=$value" ;;
  esac
done <<<"$services"

if [ ! -f dist/main.js ] || [ -n "$(find src -newer dist/main.js -print -quit)" ]; then
  echo "start: building…" >&2
  npx nest build >&2
fi
export SEED_DEMO="${SEED_DEMO:-true}"
exec node dist/main.js
