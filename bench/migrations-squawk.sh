#!/bin/sh
# belay's destructive-migration next to squawk (pip install squawk-cli) on the same SQL cases
# (bench/migrations-squawk/*.sql; run by hand, not in CI). For each case it prints the squawk rules that
# fired among those belay covers (ban-drop-column, renaming-column, renaming-table, changing-column-type,
# adding-not-nullable-field, adding-required-field, ban-drop-table, ban-truncate-cascade) and the kinds
# belay reported, then MISSED for a case squawk flags and belay passes. Cases 01–49 are destructive,
# 50–99 look-alikes that belay passes on purpose.
#
#   bench/migrations-squawk.sh [BELAY]      (default .build/release/belay, else .build/debug/belay)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
belay=${1:-}
if [ -z "$belay" ]; then
    belay=$here/../.build/release/belay
    [ -x "$belay" ] || belay=$here/../.build/debug/belay
fi
belay=$(cd "$(dirname "$belay")" && pwd)/$(basename "$belay")
command -v squawk >/dev/null || { echo "squawk is not installed: pip install squawk-cli" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$work" init -q
mkdir -p "$work/db/migrations"
for case in "$here"/migrations-squawk/*.sql; do
    cp "$case" "$work/db/migrations/$(basename "$case" .sql).up.sql"
done
git -C "$work" add -A
(cd "$work" && "$belay" check --all --only destructive-migration --no-checks --format json >"$work/belay.json" || true)
python3 - "$here/migrations-squawk" "$work/belay.json" <<'PY'
import json, os, subprocess, sys
folder, belay_path = sys.argv[1], sys.argv[2]
relevant = {"ban-drop-column", "renaming-column", "renaming-table", "changing-column-type",
            "adding-not-nullable-field", "adding-required-field", "ban-drop-table", "ban-truncate-cascade"}
belay = {}
for d in json.load(open(belay_path))["diagnostics"]:
    name = os.path.basename(d["path"]).replace(".up.sql", "")
    belay.setdefault(name, []).append(d["message"].split(":")[0])
rows, missed = [], 0
counts = {"destructive": [0, 0, 0], "look-alike": [0, 0, 0]}  # cases, squawk flags, belay flags
for file in sorted(os.listdir(folder)):
    name = file[:-4]
    out = subprocess.run(["squawk", "--reporter", "json", os.path.join(folder, file)], capture_output=True, text=True).stdout
    try:
        found = json.loads(out or "[]")
    except json.JSONDecodeError:
        found = [{"rule_name": "parse-error"}]
    rules = sorted({v["rule_name"] for v in found if v["rule_name"] in relevant})
    kinds = sorted(belay.get(name, []))
    group = "destructive" if int(name[:2]) < 50 else "look-alike"
    counts[group][0] += 1
    counts[group][1] += bool(rules)
    counts[group][2] += bool(kinds)
    verdict = ""
    if rules and not kinds:
        verdict = "MISSED" if group == "destructive" else "passed on purpose"
        missed += group == "destructive"
    elif kinds and not rules:
        verdict = "belay only"
    rows.append((name, ", ".join(rules) or "-", ", ".join(kinds) or "-", verdict))
print("| case | squawk | belay | |")
print("|---|---|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")
print()
for group, (cases, squawk, ours) in counts.items():
    print(f"{group}: {cases} cases, squawk flags {squawk}, belay flags {ours}")
print(f"destructive cases squawk flags and belay misses: {missed}")
sys.exit(1 if missed else 0)
PY
