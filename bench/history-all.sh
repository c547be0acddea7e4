#!/usr/bin/env bash
# Both real-code benchmarks (issue 9) on the twelve mirrored repositories, one after the other, then the
# per-repository table (bench/work/history-table.md):
#   BELAY=/path/to/belay bench/history-all.sh            # N=200 commits each; MIRRORS=/work/.mirror
#   BELAY=… ONLY=history bench/history-all.sh            # or ONLY=rename
# Output goes under OUTROOT (default bench/work): history/<repo>/, rename-replay/<repo>/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mirrors=${MIRRORS:-/work/.mirror}
outroot=${OUTROOT:-$here/work}
repos=(pallets+flask psf+requests fastapi+fastapi gin-gonic+gin urfave+cli tokio-rs+axum square+retrofit
       JetBrains+Exposed rack+rack vapor+vapor axios+axios vuejs+core)
for r in "${repos[@]}"; do
    [ "${ONLY:-history}" = rename ] || OUT=$outroot/history/$r "$here/history.sh" "$mirrors/$r/repo" "${N:-200}"
done
for r in "${repos[@]}"; do
    [ "${ONLY:-rename}" = history ] || OUT=$outroot/rename-replay/$r "$here/rename-replay.sh" "$mirrors/$r/repo"
done
python3 - "$outroot" "${repos[@]}" <<'PY' | tee "$outroot/history-table.md"
import json, os, sys
root, repos = sys.argv[1], sys.argv[2:]
def load(kind, r):
    p = os.path.join(root, kind, r, "summary.json")
    return json.load(open(p)) if os.path.exists(p) else None
print("| repository | commits | blocked | % | abnormal | findings by rule (blocked commits) | renames | clean as made | caught reverted |")
print("|---|---:|---:|---:|---:|---|---:|---:|---:|")
T = [0, 0, 0, 0, 0, 0, 0]
for r in repos:
    h, m = load("history", r), load("rename-replay", r)
    hist = (f"{h['replayed']} | {h['blocked']} | {100*h['blocked']/max(h['replayed'],1):.1f} | {h['abnormal']} | " +
            (", ".join(f"{k} {v} ({h['blocked_commits_by_rule'][k]})" for k, v in
                       sorted(h['findings_by_rule'].items(), key=lambda kv: -h['blocked_commits_by_rule'][kv[0]])) or "–")
            ) if h else "– | – | – | – | –"
    ren = f"{m['mined']} | {m['clean']}/{m['mined']} | {m['caught']}/{m['reverted']}" if m else "– | – | –"
    print(f"| {r} | {hist} | {ren} |")
    if h: T[0] += h['replayed']; T[1] += h['blocked']; T[2] += h['abnormal']
    if m: T[3] += m['mined']; T[4] += m['clean']; T[5] += m['caught']; T[6] += m['reverted']
print(f"| **total** | {T[0]} | {T[1]} | {100*T[1]/max(T[0],1):.1f} | {T[2]} | | {T[3]} | {T[4]}/{T[3]} | {T[5]}/{T[6]} |")
PY
