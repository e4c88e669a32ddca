#!/usr/bin/env bash
# The node, transport and highlights tests again in a time zone east and one west of UTC, both at
# once: AssemblyAI's time stamps carry no zone, and a server's zone once made the node pay twice.
# Left out: streamed-upload (memory only) and time-zones (it runs the node in these zones itself).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache
zones=(Asia/Kolkata America/Los_Angeles)
pids=()
for zone in "${zones[@]}"; do
	TZ=$zone npx jest test/node test/transport test/highlights --testPathIgnorePatterns streamed-upload time-zones \
		>".cache/test-tz-${zone//\//-}.log" 2>&1 &
	pids+=($!)
done
status=0
for i in "${!zones[@]}"; do
	log=".cache/test-tz-${zones[$i]//\//-}.log"
	if wait "${pids[$i]}"; then
		echo "TZ=${zones[$i]}: $(grep -m1 '^tests:' "$log")"
	else
		cat "$log"
		echo "TZ=${zones[$i]}: FAILED (log above, kept in $log)"
		status=1
	fi
done
exit $status
