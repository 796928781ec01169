#!/usr/bin/env bash
# Runs vitest against a throwaway PostgreSQL server (npm run test:pg -- ARGS),
# so nobody needs a local database set up for the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=$(mktemp -d)
cleanup() {
  local rc=$?
  bash scripts/pg-test-server.sh stop "$dir" || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
TEST_PG_URL=$(bash scripts/pg-test-server.sh start "$dir")
export TEST_PG_URL

npx vitest run "$@"
