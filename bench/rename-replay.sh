#!/usr/bin/env bash
# Real renames as the judge (issue 9): mines complete renames from a repository's history and replays them.
# A mined rename is a non-merge commit C whose diff turns a definition line of OLD (identifier of 4+ chars)
# into the same line with NEW (one identifier substituted), where OLD is in no file at C (`git grep -w`),
# was in 3+ files at C^, and NEW is present at C. Each is replayed twice:
#   as-made   C staged over C^: "clean" when belay reports no error-level rename-leftover
#   reverted  the same, with one or two caller files (files referencing OLD at C^ other than the definition's)
#             put back at their C^ content in index and working tree: "caught" when every reverted file
#             gets an error-level rename-leftover of OLD's rename ("warning-only" when only warnings name it,
#             "other-rename" when the file is flagged only by other renames the commit makes)
#
#   BELAY=/path/to/belay bench/rename-replay.sh REPO
# Environment: MAX (renames per repository, default 10), SCAN (commits scanned, default 3000),
#   OUT (default bench/work/rename-replay/<repo-name>/).
# Writes cases.tsv (one row per replay: commit, mode, old, new, definition file, files reverted, result,
# exit, files with leftover errors / warnings, other error findings), cases.json (with the leftover
# diagnostics), summary.txt/json, and prints one summary line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { sed -n 2,17p "$0" >&2; exit 2; }
repo=$(cd "$1" && pwd)
belay=${BELAY:-$(command -v belay || echo "$root/.build/release/belay")}
[ -x "$belay" ] || { echo "rename-replay.sh: no belay binary at '$belay' (set BELAY=…)" >&2; exit 2; }
belay=$(cd "$(dirname "$belay")" && pwd)/$(basename "$belay")
name=$(basename "$repo" .git); [ "$name" = repo ] && name=$(basename "$(dirname "$repo")")
out=${OUT:-$root/bench/work/rename-replay/$name}
mkdir -p "$out"
exec python3 "$root/bench/replay.py" rename "$belay" "$repo" "$out" "${MAX:-10}" "${SCAN:-3000}"
