#!/usr/bin/env bash
# Builds dist/ with ncc: dist/index.js (the action) and dist/cli/index.js (the monday-sync CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist
if [ "${1:-}" = "--out" ]; then out=$2; fi
rm -rf "$out"
ncc build src/main.ts -o "$out" --license licenses.txt --quiet
ncc build src/cli.ts -o "$out/cli" --license licenses.txt --quiet
sed -i '1s|^|#!/usr/bin/env node\n|' "$out/cli/index.js"
chmod +x "$out/cli/index.js"
