#!/usr/bin/env bash
# The secret rules against the real world (issue 11), side by side with detect-secrets from PyPI:
#   1. recall: generated tokens of every shape in rules/secrets.json injected into real files;
#   2. false alarms on whole HEAD trees of real repositories (both tools, same files, timed);
#   3. false blocks on real histories: bench/history.sh replays the last N commits of each repository
#      (every one merged by its project) and the secret-token / secret-file errors are counted.
#
#   BELAY=/path/to/belay bench/secrets.sh [N] [REPO…]   N commits per history (default 100); REPOs
#                                                     default to the mirrors under /work/.mirror/*/repo
# Needs `detect-secrets` on PATH (pip install detect-secrets). Writes bench/work/secrets/ and prints
# the tables (also kept in bench/secrets-results.md when RECORD=1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100}; shift || true
belay=${BELAY:-$root/.build/release/belay}
[ -x "$belay" ] || { echo "secrets.sh: no belay binary at '$belay' (swift build -c release, or set BELAY=…)" >&2; exit 2; }
command -v detect-secrets >/dev/null || { echo "secrets.sh: pip install detect-secrets" >&2; exit 2; }
if [ $# -gt 0 ]; then repos=("$@"); else repos=(/work/.mirror/*/repo); fi
out=$root/bench/work/secrets
mkdir -p "$out"
python3 "$root/bench/secrets.py" "$belay" "$out" "${repos[@]}"
echo "## Real histories: secret errors in the last $n commits of each repository (false blocks)"
echo
echo "| repository | commits | secret-token errors | secret-file errors |"
echo "|---|---|---|---|"
for repo in "${repos[@]}"; do
  name=$(basename "$(dirname "$repo")")
  OUT=$out/history/$name BELAY=$belay "$root/bench/history.sh" "$repo" "$n" >/dev/null 2>&1 || true
  findings=$out/history/$name/findings.tsv
  commits=$(wc -l < "$out/history/$name/commits.jsonl" 2>/dev/null || echo 0)
  token=$(grep -c $'\tsecret-token\t' "$findings" 2>/dev/null || true)
  file=$(grep -c $'\tsecret-file\t' "$findings" 2>/dev/null || true)
  echo "| $name | $commits | ${token:-0} | ${file:-0} |"
  grep -h $'\tsecret-' "$findings" 2>/dev/null | sed 's/^/    /' || true
done
