#!/usr/bin/env bash
# belay in CI: judge a pull request's commits the way the local gate judges a push.
#
# Run from the repository's top level (a clone with full history, so the base is there). It finds the
# pull request's base and head, checks every commit between their merge base and the head as one change
# (`belay check --range MERGE_BASE..HEAD`: the configured checks, the built-in rules and the push policy),
# prints GitHub annotations, writes a SARIF file for code scanning and a step summary, and exits with
# belay's own exit code: 0 pass, 1 blocked, 2 usage or configuration error, 3 belay failed.
#
# Environment (GitHub Actions sets the GITHUB_* ones):
#   BELAY              the belay binary (default: `belay` on PATH)
#   BELAY_SARIF        where to write the SARIF log (default: belay.sarif)
#   BELAY_BASE         the base commit or ref; default: the event's pull_request.base.sha, else
#                      origin/$GITHUB_BASE_REF
#   BELAY_HEAD         the head commit or ref; default: the event's pull_request.head.sha, else
#                      $GITHUB_SHA, else HEAD
#   GITHUB_EVENT_PATH  the event payload (JSON), read with python3 or jq
#   GITHUB_BASE_REF    the pull request's base branch: origin/HEAD is pointed at it (a fresh CI clone
#                      has none), so that the push policy's `auto` base and its messages name it
#   GITHUB_STEP_SUMMARY  where the verdict is summarised in Markdown, when set
set -uo pipefail

belay=${BELAY:-belay}
sarif=${BELAY_SARIF:-belay.sarif}

fail() {
    echo "::error title=belay CI::$1"
    echo "belay-ci: $1" >&2
    exit 2
}

# `event_field a.b.c`: that string in the event payload, or nothing.
event_field() {
    local event=${GITHUB_EVENT_PATH:-}
    [[ -n $event && -f $event ]] || return 0
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$event" "$1" <<'PY'
import json, sys
value = json.load(open(sys.argv[1], encoding="utf-8"))
for key in sys.argv[2].split("."):
    value = value.get(key) if isinstance(value, dict) else None
if isinstance(value, str):
    print(value)
PY
    elif command -v jq >/dev/null 2>&1; then
        jq -r --arg path "$1" 'getpath($path | split(".")) // empty | strings' "$event"
    else
        fail "reading $event needs python3 or jq; set BELAY_BASE and BELAY_HEAD instead"
    fi
}

command -v "$belay" >/dev/null 2>&1 || fail "no belay binary at '$belay' (set BELAY)"
git rev-parse --git-dir >/dev/null 2>&1 || fail "not inside a git repository: $(pwd)"

base=${BELAY_BASE:-$(event_field pull_request.base.sha)}
head=${BELAY_HEAD:-$(event_field pull_request.head.sha)}
if [[ -z $base && -n ${GITHUB_BASE_REF:-} ]]; then base="origin/$GITHUB_BASE_REF"; fi
if [[ -z $head ]]; then head=${GITHUB_SHA:-HEAD}; fi
[[ -n $base ]] || fail "no base: not a pull_request event; set BELAY_BASE"

for revision in "$base" "$head"; do
    git rev-parse --verify --quiet "$revision^{commit}" >/dev/null ||
        fail "$revision is not in this clone: check out with fetch-depth: 0"
done
merge_base=$(git merge-base "$base" "$head") || fail "$base and $head share no history"
head_commit=$(git rev-parse "$head^{commit}")
range="$merge_base..$head_commit"
commits=$(git rev-list --count "$range")

# `check --range` measures the push policy from the range's start; its `auto` base, named in its
# messages, is origin/HEAD, which actions/checkout does not set: make it the pull request's base branch.
if [[ -n ${GITHUB_BASE_REF:-} ]] &&
    git rev-parse --verify --quiet "refs/remotes/origin/$GITHUB_BASE_REF" >/dev/null; then
    git symbolic-ref refs/remotes/origin/HEAD "refs/remotes/origin/$GITHUB_BASE_REF"
fi

# A commit id as people read it; a ref name as it is.
short() { if [[ $1 =~ ^[0-9a-f]{40}$ ]]; then echo "${1:0:12}"; else echo "$1"; fi; }

echo "belay-ci: checking $commits commit(s), $(short "$merge_base")..$(short "$head_commit") (base $(short "$base"))"

# Annotations and the verdict: the checks run here, once.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$belay" check --range "$range" --format github | tee "$log"
status=${PIPESTATUS[0]}

# SARIF for code scanning: the built-in rules and the push policy again (milliseconds), without the
# checks, which already ran above and whose failures are annotated there.
"$belay" check --range "$range" --format sarif --no-checks >"$sarif"
sarif_status=$?
if ((sarif_status > 1)); then
    echo "::warning title=belay CI::the SARIF run exited $sarif_status; $sarif may be incomplete"
fi

if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
    case $status in
        0) verdict="passed" ;;
        1) verdict="blocked" ;;
        2) verdict="usage or configuration error" ;;
        *) verdict="belay failed (exit $status)" ;;
    esac
    errors=$(grep -c '^::error' "$log")
    warnings=$(grep -c '^::warning' "$log")
    {
        echo "### belay: $verdict"
        echo
        echo "$commits commit(s), \`$(short "$merge_base")..$(short "$head_commit")\` against \`$(short "$base")\`:" \
            "$errors error annotation(s), $warnings warning(s)."
        echo
        echo '```'
        tail -n 1 "$log"
        echo '```'
    } >>"$GITHUB_STEP_SUMMARY"
fi

exit "$status"
