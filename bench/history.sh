#!/usr/bin/env bash
# Real commits as the judge (issue 9): replays the last N non-merge commits of a repository as staged
# changes (HEAD at the parent, index and working tree at the commit) and runs
# `belay check --no-checks --no-cache --format json` on each. Every one of those commits was merged by
# its project, so every error-level finding is a candidate false block (read them: bench/history-review.md).
#
#   BELAY=/path/to/belay bench/history.sh REPO [N]       N defaults to 200; REPO is any git repository path
#
# Writes to OUT (default bench/work/history/<repo-name>/):
#   commits.jsonl   one line per replayed commit: sha, parent, exit, verdict, ms, every error diagnostic
#   findings.tsv    sha, rule, path, line, message of every error-level finding of a blocked commit
#   abnormal.tsv    commits whose belay run exited 2/3, crashed, timed out (BELAY_TIMEOUT, 120 s) or printed no JSON
#   summary.txt/json
# and prints one summary line. The clone is a scratch copy under OUT, removed at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { sed -n 2,14p "$0" >&2; exit 2; }
repo=$(cd "$1" && pwd)
n=${2:-200}
belay=${BELAY:-$(command -v belay || echo "$root/.build/release/belay")}
[ -x "$belay" ] || { echo "history.sh: no belay binary at '$belay' (set BELAY=…)" >&2; exit 2; }
belay=$(cd "$(dirname "$belay")" && pwd)/$(basename "$belay")
name=$(basename "$repo" .git); [ "$name" = repo ] && name=$(basename "$(dirname "$repo")")
out=${OUT:-$root/bench/work/history/$name}
mkdir -p "$out"
exec python3 "$root/bench/replay.py" history "$belay" "$repo" "$out" "$n"
