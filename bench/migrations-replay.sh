#!/bin/sh
# Replays real history through destructive-migration (run by hand, not in CI): for each repository, the
# last N non-merge commits that touch its migrations, each judged alone with
#   belay check --range C^..C --only destructive-migration --no-checks --format json
# Findings are appended as JSON lines to OUT (one line per finding: repo, commit, rule, severity, path,
# line, message), and a count per repository is printed. Repositories are clones of real projects
# (e.g. from the fetch tool's mirrors), never committed.
#
#   bench/migrations-replay.sh BELAY OUT N REPO:PATHSPEC...
#   bench/migrations-replay.sh .build/release/belay /tmp/replay.jsonl 200 /tmp/rubygems:db/migrate
set -eu
belay=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
count=$3
shift 3
: >"$out"
for spec in "$@"; do
    repo=${spec%%:*}
    pathspec=${spec#*:}
    name=$(basename "$repo")
    commits=0
    blocked=0
    for commit in $(git -C "$repo" log --no-merges --format=%H -n "$count" -- "$pathspec"); do
        git -C "$repo" rev-parse -q --verify "$commit^" >/dev/null || continue
        commits=$((commits + 1))
        code=0
        json=$(cd "$repo" && "$belay" check --range "$commit^..$commit" --only destructive-migration --no-checks \
            --format json 2>/dev/null) || code=$?
        [ "$code" = 1 ] && blocked=$((blocked + 1))
        printf '%s\n' "$json" | python3 -c '
import json, sys
repo, commit = sys.argv[1], sys.argv[2]
try:
    report = json.load(sys.stdin)
except Exception:
    sys.exit(0)
for d in report.get("diagnostics", []):
    print(json.dumps({"repo": repo, "commit": commit, "rule": d["rule"], "severity": d["severity"],
                      "path": d.get("path"), "line": d.get("line"), "message": d["message"]}))
' "$name" "$commit" >>"$out"
    done
    findings=$(grep -c "\"repo\": \"$name\"" "$out" || true)
    echo "$name: $commits commits replayed, $findings findings, $blocked blocked"
done
# Per repository: findings by kind and severity.
python3 - "$out" <<'PY'
import collections, json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
table = collections.defaultdict(collections.Counter)
for row in rows:
    table[row["repo"]][(row["message"].split(":")[0], row["severity"])] += 1
for repo, counts in table.items():
    print(repo + ": " + ", ".join(f"{kind} {severity} {n}" for (kind, severity), n in sorted(counts.items())))
PY
