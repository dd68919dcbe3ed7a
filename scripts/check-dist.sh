#!/usr/bin/env bash
# Fails when the committed dist/ differs from a fresh build of the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
npm run --silent package -- --out "$fresh" >/dev/null
if ! diff -r -q dist "$fresh" >/dev/null; then
  echo "dist/ is not a fresh build of src/. Run 'npm run package' and commit dist/." >&2
  diff -r -q dist "$fresh" >&2 || true
  exit 1
fi
echo "dist/ is a fresh build."
