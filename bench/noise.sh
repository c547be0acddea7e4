#!/usr/bin/env bash
# Noise on real code: the seven duplicate rules over every file of the corpus (bench/corpus.sh).
# Writes bench/work/noise.json (belay's report), bench/work/noise-summary.txt (findings per rule and per
# language, per 100,000 lines) and bench/work/noise-findings.txt (each finding with 3 lines of context,
# numbered, for the hand review in bench/noise-review.md).
#   BELAY=.build/release/belay bench/noise.sh [RULE…]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
belay=${BELAY:-$root/.build/release/belay}
[ -x "$belay" ] || { echo "build first: swift build -c release --static-swift-stdlib" >&2; exit 2; }
belay=$(cd "$(dirname "$belay")" && pwd)/$(basename "$belay")
work=$root/bench/work
rules=("$@")
[ ${#rules[@]} -gt 0 ] || rules=(duplicate-parameter duplicate-keyword-argument duplicate-key duplicate-import
    duplicate-definition duplicate-assignment added-not-replaced)

known=$("$belay" rules | awk 'NR > 1 {print $1}')
present=()
for r in "${rules[@]}"; do
    if grep -qx -- "$r" <<<"$known"; then present+=("$r"); else echo "skipping $r: not in this belay ('belay rules')" >&2; fi
done
rules=("${present[@]}")
"$root/bench/corpus.sh" >/dev/null
corpus=$work/corpus
start=$(date +%s.%N)
set +e
"$belay" -C "$corpus" check --all --only "${rules[@]}" --no-checks --format json >"$work/noise.json" 2>"$work/noise.stderr"
rc=$?
set -e
end=$(date +%s.%N)
echo "belay exit $rc in $(echo "$end - $start" | bc) s ($(wc -c <"$work/noise.json") bytes of JSON)"
[ -s "$work/noise.stderr" ] && { echo "stderr:"; head -20 "$work/noise.stderr"; }

python3 - "$work" "${rules[@]}" <<'EOF'
import json, sys, collections, os
work, rules = sys.argv[1], sys.argv[2:]
corpus = os.path.join(work, "corpus")
report = json.load(open(os.path.join(work, "noise.json")))
stats = {}
for line in open(os.path.join(work, "corpus-stats.tsv")).read().splitlines()[1:]:
    lang, files, lines = line.split("\t")
    stats[lang] = int(lines)
def language(path):
    ext = path.rsplit(".", 1)[-1]
    return {"py": "python", "pyi": "python", "js": "javascript", "mjs": "javascript", "cjs": "javascript",
            "ts": "typescript", "mts": "typescript", "cts": "typescript", "swift": "swift", "go": "go",
            "rs": "rust", "java": "java", "rb": "ruby", "gemspec": "ruby", "rake": "ruby"}.get(ext, "other")
diags = report["diagnostics"]
by = collections.Counter((d["rule"], language(d["path"])) for d in diags)
langs = [l for l in sorted(stats) if l != "total"]
out = []
out.append(f"{len(diags)} findings over {stats['total']:,} lines "
           f"({len(diags) / stats['total'] * 1e5:.2f} per 100k lines)\n")
out.append("rule".ljust(28) + "".join(l[:10].rjust(11) for l in langs) + "total".rjust(8) + "  /100k")
for rule in rules:
    counts = [by[(rule, l)] for l in langs]
    out.append(rule.ljust(28) + "".join(str(c).rjust(11) for c in counts) + str(sum(counts)).rjust(8)
               + f"  {sum(counts) / stats['total'] * 1e5:.2f}")
out.append("lines".ljust(28) + "".join(f"{stats[l]:,}".rjust(11) for l in langs) + f"{stats['total']:,}".rjust(12))
summary = "\n".join(out)
print(summary)
open(os.path.join(work, "noise-summary.txt"), "w").write(summary + "\n")

cache = {}
def lines_of(path):
    if path not in cache:
        with open(os.path.join(corpus, path), encoding="utf-8", errors="replace") as f:
            cache[path] = f.read().split("\n")
    return cache[path]
def context(path, line, n=3):
    text = lines_of(path)
    rows = []
    for i in range(max(1, line - n), min(len(text), line + n) + 1):
        rows.append(f"  {'>' if i == line else ' '}{i:6} | {text[i - 1][:200]}")
    return "\n".join(rows)
with open(os.path.join(work, "noise-findings.txt"), "w") as f:
    for i, d in enumerate(sorted(diags, key=lambda d: (d["rule"], language(d["path"]), d["path"], d["line"])), 1):
        f.write(f"#{i} [{d['rule']}] {d['path']}:{d['line']}:{d['column']}: {d['message']}\n")
        for r in d.get("related", []):
            f.write(f"   related {r['path']}:{r['line']}:{r['column']}: {r.get('message', '')}\n")
            if r["path"] == d["path"] and abs(r["line"] - d["line"]) > 3:
                f.write(context(r["path"], r["line"]) + "\n   ...\n")
        f.write(context(d["path"], d["line"]) + "\n\n")
print(f"review file: {os.path.join(work, 'noise-findings.txt')}")
EOF
