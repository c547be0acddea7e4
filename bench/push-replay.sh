#!/usr/bin/env bash
# Real pushes as the judge of the push policy (seed 003; rules merge-source, push-drift, push-size,
# force-push): replays the last N merged pull requests of each repository as the `git push` that published
# the PR branch, with the remote-tracking refs set to what the remote held at the time, and runs
# `belay hook pre-push --format json origin /dev/null` on each (as a person, and as an agent with
# BELAY_SESSION=replay), plus `belay check --range origin/<default>..origin/pr-N --no-checks` as CI would,
# and the same push to a contributor's fork (`fork` remote, its main 30 days behind; and never fetched). Also
# the last commits of maintenance branches (release/stable/N.x …) as pushes of those branches.
# Every replayed push was merged by its project, so every error is a candidate false block (read them:
# bench/push-replay-results.md). It also injects realistic mistakes from the same history, each a must-catch:
# (a) a merge of another published branch -> merge-source, (b) a reset onto another published branch ->
# push-drift, (c) a force-push of the default branch -> force-push, (d) a merge with a conflict block left in
# -> conflict-marker. How pushes are chosen and simulated: the docstring of bench/push_replay.py.
# Not part of CI; run by hand.
#
#   BELAY=/path/to/belay bench/push-replay.sh [REPO...]     REPO: a bare mirror with refs/heads/* and
#                                                           refs/pull/N/head (default: the 12 in MIRRORS)
# Environment:
#   BELAY         the binary to measure (default: belay on PATH, else .build/release/belay)
#   N             merged PRs per repository (default 100)
#   INJECT        PRs per repository that get the injected mistakes (default 25)
#   MIRRORS       where the mirrors are (default /work/.mirror; REPO defaults to $MIRRORS/<owner>+<name>/repo)
#   OUT           output root (default bench/work/push-replay); per repository OUT/<owner+name>/:
#                 pushes.jsonl (one line per belay run: variant, PR, tip, base, exit, ms, diagnostics),
#                 summary.json, and clone/ (the scratch clone, shared objects; removed unless KEEP=1)
#   BELAY_TIMEOUT seconds per belay run (default 120); MAINT maintenance-branch commits per branch (default 5)
#   OTHER_BASES   1 (default): also up to 20 PRs merged into each other long-lived branch active in the
#                 last 60 days (vue's `minor`), pushed as new branches (OUT/<repo>/other-bases.jsonl); 0: skip
# Prints one summary line per repository; bench/push-replay-table.py turns the summaries into the table.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
belay=${BELAY:-$(command -v belay || echo "$root/.build/release/belay")}
[ -x "$belay" ] || { echo "push-replay.sh: no belay binary at '$belay' (set BELAY=…)" >&2; exit 2; }
mirrors=${MIRRORS:-/work/.mirror}
out=${OUT:-$root/bench/work/push-replay}
n=${N:-100}
inject=${INJECT:-25}
if [ $# -eq 0 ]; then
  set --
  for r in pallets+flask psf+requests fastapi+fastapi gin-gonic+gin urfave+cli tokio-rs+axum square+retrofit \
           JetBrains+Exposed rack+rack vapor+vapor axios+axios vuejs+core; do
    set -- "$@" "$mirrors/$r/repo"
  done
fi
for repo in "$@"; do
  name=$(basename "$repo" .git); [ "$name" = repo ] && name=$(basename "$(dirname "$repo")")
  python3 "$root/bench/push_replay.py" "$belay" "$repo" "$out/$name" "$n" "$inject" || echo "$name: FAILED" >&2
  [ "${OTHER_BASES:-1}" = 0 ] || python3 "$root/bench/push_replay.py" "$belay" "$repo" "$out/$name" --other-bases 20 ||
    echo "$name: other bases FAILED" >&2
  [ "${KEEP:-0}" = 1 ] || rm -rf "$out/$name/clone"
done
