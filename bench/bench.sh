#!/usr/bin/env bash
# `npm run bench`: runs bench/run.ts under Node 24 (fetched into .cache/ by scripts/node24.sh when the
# machine's Node is older), TypeScript transpiled on require (no build needed); each bench runs
# in a child process of its own (bench/lib/child.ts).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
node_bin=$(bash scripts/node24.sh) || { echo "Could not get Node 24" >&2; exit 1; }
[ -n "$node_bin" ] && export PATH="$node_bin:$PATH"
exec node -r ./scripts/ts-register.js bench/run.ts "$@"
