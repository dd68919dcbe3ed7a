#!/usr/bin/env bash
# Fails when src/graphql/generated.ts is not what `npm run codegen` makes of graphql/ and monday's
# schema. Needs the schema: ../shared/monday (development) or $MONDAY_SCHEMA_DIR (CI fetches it).
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
CODEGEN_OUT="$fresh/generated.ts" npx graphql-codegen --config codegen.ts --silent >/dev/null
if ! diff -q src/graphql/generated.ts "$fresh/generated.ts" >/dev/null; then
  echo "src/graphql/generated.ts is stale. Run 'npm run codegen' and commit it." >&2
  diff -u src/graphql/generated.ts "$fresh/generated.ts" | head -40 >&2 || true
  exit 1
fi
echo "src/graphql/generated.ts is fresh."
