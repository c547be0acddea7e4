#!/usr/bin/env bash
# Built-in rules (all of them: the seven duplicate rules and the hygiene rules) over a staged change of
# 150 files: 1k, 10k, 12k (the issue's target: under 100 ms) and 100k added lines, to show the cost is linear
# in the size of the change. The code is real: 100 Python files (standard library and site-packages) and 50
# JavaScript files (npm) of the corpus (bench/corpus.sh). Each changed file has its first 40 lines committed;
# the change appends whole real files of the same language after them (the last one cut at the quota), so
# each file has an old and a new version to compare.
#   BELAY=.build/release/belay bench/builtin-rules.sh
#   BELAY_BASE=/tmp/belay-before bench/builtin-rules.sh     # also times another binary, side by side
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
belay=${BELAY:-$root/.build/release/belay}
[ -x "$belay" ] || { echo "build first: swift build -c release" >&2; exit 2; }
belay=$(cd "$(dirname "$belay")" && pwd)/$(basename "$belay")
command -v hyperfine >/dev/null || { echo "missing hyperfine (apt install hyperfine)" >&2; exit 2; }
"$root/bench/corpus.sh" >/dev/null
corpus=$root/bench/work/corpus
work=$root/bench/work/builtin-rules
mkdir -p "$work"

# make_repo DIR LINES: 150 files, LINES added lines in all, staged on top of a base commit.
make_repo() {
    local dir=$1 lines=$2
    rm -rf "$dir" && mkdir -p "$dir"
    git -C "$dir" init -q . && git -C "$dir" config user.email bench@belay.invalid && git -C "$dir" config user.name bench
    python3 - "$corpus" "$dir" "$lines" base <<'PY'
import os, random, subprocess, sys
corpus, dest, total, phase = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
files = subprocess.run(["git", "-C", corpus, "ls-files"], capture_output=True, text=True).stdout.split("\n")
r = random.Random(3)
py = sorted(f for f in files if f.startswith("python/") and f.endswith(".py") and "/test" not in f)
js = sorted(f for f in files if f.startswith("js/") and f.endswith(".js"))
r.shuffle(py); r.shuffle(js)
def lines(f):
    with open(os.path.join(corpus, f), encoding="utf-8", errors="replace") as h:
        return h.read().split("\n")[:-1]
targets = [("py", py.pop()) for _ in range(100)] + [("js", js.pop()) for _ in range(50)]
pools = {"py": py, "js": js}
for i, (ext, f) in enumerate(targets):
    per = total // len(targets) + (i < total % len(targets))
    text = lines(f)
    base, rest = text[:40], text[40:]
    while len(rest) < per:
        rest += lines(pools[ext].pop())
    with open(os.path.join(dest, f"file_{i:03}.{ext}"), "w") as h:
        h.write("\n".join(base) + "\n")
    with open(os.path.join(dest, f".added_{i:03}"), "w") as h:
        h.write("\n".join(rest[:per]) + "\n")
PY
    git -C "$dir" add -- 'file_*' && git -C "$dir" commit -qm base
    for f in "$dir"/.added_*; do
        n=${f##*_}
        cat "$f" >>"$(ls "$dir"/file_"$n".*)"
        rm "$f"
    done
    git -C "$dir" add -A
    echo "$(basename "$dir"): $(git -C "$dir" diff --cached --numstat | awk '{a+=$1} END {print a}') added lines in $(git -C "$dir" diff --cached --name-only | wc -l) files"
}

for n in 1000 10000 12000 100000; do make_repo "$work/$((n / 1000))k" "$n"; done
base=()
if [ -n "${BELAY_BASE:-}" ]; then
    for n in 1k 10k 12k 100k; do base+=(-n "base: $n added lines" "$BELAY_BASE -C $work/$n check --no-checks --format json"); done
fi
hyperfine --warmup 2 --min-runs 10 -N -i --export-markdown "$work/results.md" --export-json "$work/results.json" \
    -n "1k added lines" "$belay -C $work/1k check --no-checks --format json" \
    -n "10k added lines" "$belay -C $work/10k check --no-checks --format json" \
    -n "12k added lines (target < 100 ms)" "$belay -C $work/12k check --no-checks --format json" \
    -n "100k added lines" "$belay -C $work/100k check --no-checks --format json" \
    "${base[@]}" || true
python3 - "$work/results.json" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
for r, n in zip(res, (1, 10, 12, 100, 1, 10, 12, 100)):
    ms = r["median"] * 1000
    print(f"{r['command']:40} median {ms:8.1f} ms   {ms / n:6.2f} ms per 1k added lines")
PY
