#!/bin/sh
# bench/fuzz.sh [CASES] [SEED]: the data-safety fuzz test (Tests/BelayCLITests/DataSafetyFuzzTests.swift)
# with many cases, and a summary: cases, states by kind, commands by kind, failures.
set -u
cases=${1:-2000}
seed=${2:-}
cd "$(dirname "$0")/.." || exit 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
started=$(date +%s)
if [ -n "$seed" ]; then
    BELAY_FUZZ_CASES=$cases BELAY_FUZZ_SEED=$seed swift test --filter DataSafetyFuzzTests >"$log" 2>&1
else
    BELAY_FUZZ_CASES=$cases swift test --filter DataSafetyFuzzTests >"$log" 2>&1
fi
status=$?
elapsed=$(($(date +%s) - started))
grep -a '^fuzz: cases' "$log" | sed 's/^fuzz: //'
echo "time: ${elapsed}s"
echo "states by kind:"
grep -a '^fuzz: state ' "$log" | sed 's/^fuzz: state /  /'
echo "commands by kind:"
grep -a '^fuzz: command ' "$log" | sed 's/^fuzz: command /  /'
failures=$(grep -a -c ': error: DataSafetyFuzzTests' "$log")
echo "failed assertions: $failures"
grep -a ': error: DataSafetyFuzzTests' "$log" | cut -c1-600 | head -20
if [ "$status" -ne 0 ] && [ "$failures" -eq 0 ]; then tail -30 "$log"; fi
exit "$status"
