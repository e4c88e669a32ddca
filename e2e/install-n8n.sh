#!/usr/bin/env bash
# Installs one n8n version into the e2e cache (outside the repo), once.
# usage: e2e/install-n8n.sh <version>    prints the install folder on stdout.
# n8n 1.x runs on this machine's Node (>= 20); n8n 2.x needs Node 24 (scripts/node24.sh).
set -euo pipefail
version=${1:?usage: install-n8n.sh <n8n version>}
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${E2E_CACHE:-$HOME/.cache/n8n-nodes-assemblyai-highlights-e2e}
dir="$cache/n8n-$version"
marker="$dir/.installed-ok"
major=${version%%.*}
mkdir -p "$cache"
# One installer per version at a time (two CI runs on one machine share the cache).
exec 9>"$cache/.lock-n8n-$version"
flock -w 3600 9 || { echo "timed out waiting for another install of n8n@$version" >&2; exit 1; }
if [ -f "$marker" ] && [ -x "$dir/node_modules/.bin/n8n" ]; then echo "$dir"; exit 0; fi
# An unfinished earlier attempt is started over.
rm -rf "$dir"
mkdir -p "$dir"
log="$dir/install.log"
start=$(date +%s)
if [ "$major" -ge 2 ]; then
  bin=$(bash "$root/scripts/node24.sh")
  if [ -n "$bin" ]; then export PATH="$bin:$PATH"; export npm_config_nodedir=$(dirname "$bin"); fi
  cat > "$dir/package.json" <<JSON
{ "private": true, "name": "n8n-e2e-$version", "overrides": { "xlsx": "0.18.5", "linkedom": "0.18.12" } }
JSON
  echo "installing n8n@$version (Node $(node -v)) into $dir, log $log" >&2
  ( cd "$dir" && timeout 1800 npm install "n8n@$version" --ignore-scripts --no-audit --no-fund --loglevel=error >"$log" 2>&1 \
    && timeout 900 npm rebuild sqlite3 isolated-vm --loglevel=error >>"$log" 2>&1 ) \
    || { echo "n8n@$version install failed, see $log" >&2; tail -20 "$log" >&2; exit 1; }
else
  cat > "$dir/package.json" <<JSON
{ "private": true, "name": "n8n-e2e-$version", "overrides": { "xlsx": "0.18.5" } }
JSON
  echo "installing n8n@$version (Node $(node -v)) into $dir, log $log" >&2
  ( cd "$dir" && timeout 1800 npm install "n8n@$version" --no-audit --no-fund --loglevel=error >"$log" 2>&1 ) \
    || { echo "n8n@$version install failed, see $log" >&2; tail -20 "$log" >&2; exit 1; }
fi
[ -x "$dir/node_modules/.bin/n8n" ] || { echo "n8n binary missing after install in $dir" >&2; exit 1; }
end=$(date +%s)
echo "$((end - start))" > "$dir/.install-seconds"
date -u +%FT%TZ > "$marker"
echo "installed n8n@$version in $((end - start))s" >&2
echo "$dir"
