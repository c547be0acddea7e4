#!/usr/bin/env bash
# Nothing missed: injects each mistake of issue #3 (a duplicated parameter, a repeated keyword argument, a
# repeated key, a repeated import, a dead store above the old line, a pasted function) into real files of the
# corpus (bench/corpus.sh) as a staged change, and counts what belay catches, per language and kind
# (~N cases each); runs `ruff check --select ALL` on the same Python cases for comparison.
# Writes bench/work/inject-results.md and bench/work/inject-misses.md (copy the latter to bench/ to file it).
#   BELAY=.build/release/belay bench/inject.sh [CASES-PER-KIND, default 20]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
belay=${BELAY:-$root/.build/release/belay}
[ -x "$belay" ] || { echo "build first: swift build -c release --static-swift-stdlib" >&2; exit 2; }
belay=$(cd "$(dirname "$belay")" && pwd)/$(basename "$belay")
command -v ruff >/dev/null || echo "ruff not found: the comparison column will be empty" >&2
[ -e /usr/share/nodejs/typescript ] || { echo "needs Debian's node-typescript (apt-get install node-typescript)" >&2; exit 2; }
"$root/bench/corpus.sh" >/dev/null
python3 "$root/bench/inject.py" "$root" "$belay" "${1:-20}"
