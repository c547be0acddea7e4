#!/usr/bin/env bash
# Built-in rules over a staged change: 150 files / 12,000 added lines (the target: under 100 ms),
# and the same at 1k and 100k added lines to show the cost is linear in the size of the change.
# The added code is real: slices of Python's standard library and npm's JavaScript, appended to
# files of a repository so the change has old and new versions to compare.
#   BELAY=.build/release/belay bench/builtin-rules.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
belay=${BELAY:-$root/.build/release/belay}
[ -x "$belay" ] || { echo "build first: swift build -c release --static-swift-stdlib" >&2; exit 2; }
belay=$(cd "$(dirname "$belay")" && pwd)/$(basename "$belay")
command -v hyperfine >/dev/null || { echo "missing hyperfine (apt install hyperfine)" >&2; exit 2; }
pystd=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
npmjs=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/lib 2>/dev/null || true

# make_repo DIR FILES LINES: FILES files, LINES added lines in all, staged on top of a base commit.
make_repo() {
    local dir=$1 files=$2 lines=$3
    rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
    git init -q . && git config user.email bench@belay.invalid && git config user.name bench
    mapfile -t sources < <(find "$pystd" -maxdepth 1 -name '*.py' -size +20k | sort | head -n "$files")
    local i=0
    for src in "${sources[@]}"; do
        i=$((i + 1))
        head -n 40 "$src" >"file_$i.py"
    done
    git add -A && git commit -qm base
    local per=$(( lines / files ))
    i=0
    for src in "${sources[@]}"; do
        i=$((i + 1))
        tail -n +41 "$src" | head -n "$per" >>"file_$i.py"
    done
    git add -A
    echo "$dir: $(git diff --cached --numstat | awk '{a+=$1} END {print a}') added lines in $(git diff --cached --name-only | wc -l) files"
}

work=$root/bench/work/builtin-rules
mkdir -p "$work"
make_repo "$work/1k" 150 1000
make_repo "$work/12k" 150 12000
make_repo "$work/100k" 150 100000 || true
cd "$work"
hyperfine --warmup 2 --min-runs 10 -N --export-markdown "$work/results.md" \
    -n "1k added lines" "$belay -C $work/1k check --no-checks --format json" \
    -n "12k added lines (150 files)" "$belay -C $work/12k check --no-checks --format json" \
    -n "100k added lines" "$belay -C $work/100k check --no-checks --format json" || true
