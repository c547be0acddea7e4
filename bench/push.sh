#!/usr/bin/env bash
# What the push policy costs: `belay hook pre-push` on a push of 40 new commits (one of them a merge of
# the base) to a branch of a repository with a published main and develop, against a bare remote. The
# repository is built once under bench/work/push (gitignored); no checks are configured, so the time is
# belay's own: the policy's git calls plus the built-in rules on what the push publishes.
#   BELAY=.build/release/belay bench/push.sh          RUNS (default 20) hyperfine runs
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
belay="${BELAY:-$here/../.build/release/belay}"
runs="${RUNS:-20}"
command -v hyperfine >/dev/null || { echo "bench: hyperfine is required (apt-get install hyperfine)" >&2; exit 2; }
work="$here/work/push"
rm -rf "$work"
mkdir -p "$work"
cd "$work"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=b GIT_AUTHOR_EMAIL=b@example.com GIT_COMMITTER_NAME=b GIT_COMMITTER_EMAIL=b@example.com
git init -q --bare origin.git
git init -q -b main repo
cd repo
git remote add origin ../origin.git
for i in $(seq 1 200); do printf 'def f%d(x):\n    return x + %d\n' "$i" "$i" > "m$i.py"; done
git add -A && git commit -q -m start
git push -q origin main
git checkout -q -b develop
for i in $(seq 1 30); do echo "D$i = $i" > "d$i.py"; git add -A; git commit -q -m "develop $i"; done
git push -q origin develop
git checkout -q main
for i in $(seq 1 5); do echo "M$i = $i" > "main$i.py"; git add -A; git commit -q -m "main $i"; done
git push -q origin main
git checkout -q -b feature main~5
for i in $(seq 1 39); do printf 'def g%d(y):\n    return y * %d\n' "$i" "$i" > "f$i.py"; git add -A; git commit -q -m "feature $i"; done
git merge -q --no-edit origin/main
tip=$(git rev-parse HEAD)
zero=0000000000000000000000000000000000000000
echo "refs/heads/feature $tip refs/heads/feature $zero" > ../stdin
echo "bench: $(git rev-list --count feature --not --remotes) commits pushed; one merge of the base" >&2
"$belay" hook pre-push origin ../origin.git < ../stdin
# Both through the shell (hyperfine 1.15 has no --input): the shell's start-up is in both.
hyperfine --warmup 3 --runs "$runs" \
    --command-name "belay hook pre-push (40 commits)" "'$belay' hook pre-push origin ../origin.git < ../stdin" \
    --command-name "git rev-list (the same commits)" "git rev-list --parents feature --not --remotes < ../stdin"
