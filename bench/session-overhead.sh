#!/bin/sh
# What `belay run` adds to an agent session: `belay run -- true` against `true`, in a small repository.
# Covers session setup (hooks dir, git shim, ref snapshot) and the end-of-session audit with nothing to
# audit. Target: under 30 ms added. Usage: bench/session-overhead.sh [path/to/belay]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
belay=${1:-$root/.build/release/belay}
[ -x "$belay" ] || belay=$root/.build/debug/belay
[ -x "$belay" ] || { echo "build belay first (swift build -c release)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed" >&2; exit 2; }
repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
cd "$repo"
git init -q -b agent/bench
printf 'print("hello")\n' > app.py
git add app.py
git -c user.name=bench -c user.email=bench@localhost commit -q -m start
hyperfine -N --warmup 5 --runs 50 "$belay run -- true" "true" --export-json "$repo/result.json"
python3 - "$repo/result.json" <<'PY' 2>/dev/null || true
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(f"added by belay run: {(r[0]['mean'] - r[1]['mean']) * 1000:.1f} ms")
PY
