#!/usr/bin/env bash
# Installs one n8n version into the e2e cache (outside the repo), once.
# usage: e2e/install-n8n.sh <version>    prints the install folder on stdout.
# n8n 1.x runs on Node 20-22, n8n 2.x on Node 24 (e2e/lib/toolchain.js picks them). Native modules
# (sqlite3, isolated-vm) are built by the Node that will run n8n, with that Node's headers, whatever
# PATH and npm_config_nodedir the caller exported (./run exports Node 24's for everything).
set -euo pipefail
version=${1:?usage: install-n8n.sh <n8n version>}
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${E2E_CACHE:-$HOME/.cache/n8n-nodes-assemblyai-highlights-e2e}
dir="$cache/n8n-$version"
marker="$dir/.installed-ok"
major=${version%%.*}

node_dir=$(node -e 'process.stdout.write(require(process.argv[1]).nodeDirFor(process.argv[2]))' "$root/e2e/lib/toolchain.js" "$version")
# npm's own variables from a parent `npm run` (nodedir, node_gyp, execpath…) must not leak in.
for v in $(compgen -e | grep -i '^npm_' || true); do unset "$v"; done
export PATH="$node_dir:$PATH"
export npm_config_nodedir=$(dirname "$node_dir")
[ -f "$npm_config_nodedir/include/node/node.h" ] || echo "warning: no Node headers in $npm_config_nodedir/include/node" >&2
built_with="Node $(node -v) ($node_dir/node), headers from $npm_config_nodedir/include/node"
check_native() { node "$root/e2e/lib/native-modules.js" "$dir" "$node_dir/node"; }

mkdir -p "$cache"
# One installer per version at a time (two CI runs on one machine share the cache).
exec 9>"$cache/.lock-n8n-$version"
flock -w 3600 9 || { echo "timed out waiting for another install of n8n@$version" >&2; exit 1; }
if [ -f "$marker" ] && [ -x "$dir/node_modules/.bin/n8n" ]; then
  # A cache filled by an older installer may hold addons built for another Node: rebuild them.
  if ! check_native 2>>"$dir/install.log"; then
    echo "n8n@$version: native modules do not load under $(node -v); rebuilding them with $built_with" >&2
    echo "rebuilt native modules with $built_with" >> "$dir/install.log"
    ( cd "$dir" && timeout 900 npm rebuild sqlite3 $([ "$major" -ge 2 ] && echo isolated-vm) --loglevel=error >>"$dir/install.log" 2>&1 ) || true
    check_native || { echo "n8n@$version: native modules still do not load, see $dir/install.log" >&2; exit 1; }
  fi
  echo "$dir"; exit 0
fi
# An unfinished earlier attempt is started over.
rm -rf "$dir"
mkdir -p "$dir"
log="$dir/install.log"
start=$(date +%s)
echo "installing n8n@$version into $dir, built with $built_with; log $log" >&2
echo "built with $built_with" > "$log"
if [ "$major" -ge 2 ]; then
  # e2e/n8n-<version>-overrides.json: n8n's own packages that this release names but the registry here
  # lacks, pinned to the newest one it has (2.41.3's @n8n/* patch releases never reached it).
  extra="$root/e2e/n8n-$version-overrides.json"
  node -e '
    const [dir, version, extra] = process.argv.slice(1);
    const fs = require("fs");
    const overrides = { xlsx: "0.18.5", linkedom: "0.18.12", ...(fs.existsSync(extra) ? JSON.parse(fs.readFileSync(extra, "utf8")) : {}) };
    fs.writeFileSync(dir + "/package.json", JSON.stringify({ private: true, name: "n8n-e2e-" + version, overrides }, null, 2));
  ' "$dir" "$version" "$extra"
  ( cd "$dir" && timeout 1800 npm install "n8n@$version" --ignore-scripts --no-audit --no-fund --loglevel=error >>"$log" 2>&1 \
    && timeout 900 npm rebuild sqlite3 isolated-vm --loglevel=error >>"$log" 2>&1 ) \
    || { echo "n8n@$version install failed, see $log" >&2; tail -20 "$log" >&2; exit 1; }
else
  cat > "$dir/package.json" <<JSON
{ "private": true, "name": "n8n-e2e-$version", "overrides": { "xlsx": "0.18.5" } }
JSON
  ( cd "$dir" && timeout 1800 npm install "n8n@$version" --no-audit --no-fund --loglevel=error >>"$log" 2>&1 ) \
    || { echo "n8n@$version install failed, see $log" >&2; tail -20 "$log" >&2; exit 1; }
fi
[ -x "$dir/node_modules/.bin/n8n" ] || { echo "n8n binary missing after install in $dir" >&2; exit 1; }
check_native 2>>"$log" || { echo "n8n@$version: native modules do not load under the Node that runs n8n, see $log" >&2; tail -5 "$log" >&2; exit 1; }
end=$(date +%s)
echo "$((end - start))" > "$dir/.install-seconds"
echo "$built_with" > "$dir/.built-with"
date -u +%FT%TZ > "$marker"
echo "installed n8n@$version in $((end - start))s with $built_with" >&2
echo "$dir"
