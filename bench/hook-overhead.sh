#!/usr/bin/env bash
# Hook overhead: belay vs prek, pre-commit and lefthook, each running the same two checks
# (ruff check, ruff format --check) on the same 3 staged files of a generated 50-file Python repo.
# Cases: cold (belay --no-cache on an unchanged tree), a cache hit, and the realistic one — a new staged
# tree before every run (one line of a staged file changed), with belay's cache on, beside prek and ruff
# on the same new trees. Set BELAY_TRACE=1 on a single `belay check` to see where its time goes.
# Needs: hyperfine (apt), ruff prek pre-commit lefthook (pip). Run by hand; numbers go in the notes.
#   BELAY=.build/release/belay bench/hook-overhead.sh
#   BELAY_BASE=/tmp/belay-before bench/hook-overhead.sh     # also times another binary, side by side
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
belay=${BELAY:-$root/.build/release/belay}
[ -x "$belay" ] || { echo "build first: swift build -c release" >&2; exit 2; }
for tool in hyperfine ruff prek pre-commit lefthook; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt install hyperfine; pip install ruff prek pre-commit lefthook)" >&2; exit 2; }
done
belay=$(cd "$(dirname "$belay")" && pwd)/$(basename "$belay")
# pyenv puts bash shims on PATH that cost ~70 ms per call and would swamp every contender alike;
# put the real tools' directory first so the numbers are about the hook runners, not the shims.
real_bin=$(dirname "$(python3 -c 'import ruff; print(ruff.find_ruff_bin())')")
export PATH="$real_bin:$PATH"
echo "tools from $real_bin: $(command -v ruff) $(command -v prek) $(command -v pre-commit) $(command -v lefthook)"

work=$root/bench/work/hook-overhead
rm -rf "$work" && mkdir -p "$work" && cd "$work"
git init -q . && git config user.email bench@belay.invalid && git config user.name bench
mkdir -p pkg
for i in $(seq 1 50); do
    cat >"pkg/module_$i.py" <<PY
"""Module $i."""


def compute_$i(value: int) -> int:
    total = 0
    for step in range(value):
        total += step * $i
    return total


class Worker$i:
    def __init__(self, name: str) -> None:
        self.name = name

    def run(self) -> str:
        return f"{self.name}: {compute_$i(10)}"
PY
done
cat >belay.json5 <<'J'
{
  checks: [
    { name: "lint", run: "ruff check {files}", files: ["*.py"] },
    { name: "format", run: "ruff format --check {files}", files: ["*.py"] },
  ],
}
J
cat >.pre-commit-config.yaml <<'Y'
repos:
  - repo: local
    hooks:
      - id: lint
        name: lint
        entry: ruff check
        language: system
        types: [python]
      - id: format
        name: format
        entry: ruff format --check
        language: system
        types: [python]
Y
cat >lefthook.yml <<'Y'
pre-commit:
  parallel: true
  commands:
    lint:
      glob: "*.py"
      run: ruff check {staged_files}
    format:
      glob: "*.py"
      run: ruff format --check {staged_files}
Y
git add -A && git commit -qm base
for i in 1 2 3; do printf '\n\ndef extra_%s() -> int:\n    return %s\n' "$i" "$i" >>"pkg/module_$i.py"; done
git add pkg/module_1.py pkg/module_2.py pkg/module_3.py
staged="pkg/module_1.py pkg/module_2.py pkg/module_3.py"

# Sanity: every contender passes on this change before it is timed.
"$belay" check --no-cache >/dev/null
prek run >/dev/null
pre-commit run >/dev/null
lefthook run pre-commit >/dev/null

# A new staged tree before each run of the realistic case: the cache is on but has never seen the tree.
cat >"$work/new-tree.sh" <<'SH'
sed -i "s/return [0-9]*\$/return $(date +%s%N)/" pkg/module_3.py && git add pkg/module_3.py
SH
# name, command, what runs before each timing (hyperfine takes one --prepare per command, in order).
runs=(
    "ruff alone (2 commands)" "sh -c 'ruff check $staged && ruff format --check $staged'" true
    "ruff alone (2 commands side by side)" "sh -c 'ruff check $staged & ruff format --check $staged; wait'" true
    "ruff alone (side by side, a new staged tree each run)" "sh -c 'ruff check $staged & ruff format --check $staged; wait'" "sh $work/new-tree.sh"
    "belay check (cold: --no-cache)" "$belay check --no-cache" true
    "belay check (cache hit)" "$belay check" true
    "belay check (a new staged tree each run, cache on)" "$belay check" "sh $work/new-tree.sh"
    "belay check --no-checks (built-in rules only)" "$belay check --no-checks" true
)
if [ -n "${BELAY_BASE:-}" ]; then
    "$BELAY_BASE" check --no-cache >/dev/null
    runs+=("base: belay check (cold: --no-cache)" "$BELAY_BASE check --no-cache" true
        "base: belay check (cache hit)" "$BELAY_BASE check" true
        "base: belay check (a new staged tree each run, cache on)" "$BELAY_BASE check" "sh $work/new-tree.sh")
fi
runs+=("prek run" "prek run" true
    "prek run (a new staged tree each run)" "prek run" "sh $work/new-tree.sh"
    "lefthook run pre-commit" "lefthook run pre-commit" true
    "pre-commit run" "pre-commit run" true)
arguments=()
for ((i = 0; i < ${#runs[@]}; i += 3)); do
    arguments+=(-n "${runs[i]}" "${runs[i + 1]}" --prepare "${runs[i + 2]}")
done
# The two ruff commands one after the other, and side by side as belay runs them (its floor).
hyperfine --warmup 3 --min-runs 20 -N --export-markdown "$root/bench/work/hook-overhead.md" \
    --export-json "$root/bench/work/hook-overhead.json" "${arguments[@]}"
# Medians (hyperfine's summary ranks means, which one slow outlier on a busy machine skews).
python3 - "$root/bench/work/hook-overhead.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
prek = next(r["median"] for r in results if r["command"] == "prek run")
for r in results:
    print(f"{r['command']:48} median {r['median'] * 1000:7.1f} ms   {r['median'] / prek:5.2f}x prek")
PY
