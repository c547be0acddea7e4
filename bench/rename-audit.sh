#!/usr/bin/env bash
# Benchmarks `belay rename-audit OLD NEW` against `git grep` (and `rg` when installed) on a large
# repository of real sources copied from this machine (Python's standard library and site-packages,
# the Swift toolchain's headers and module interfaces): at least 10,000 files and 100 MB.
#
# The corpus is built once and cached under bench/work/ (gitignored). Usage:
#   bench/rename-audit.sh [OLD [NEW]]        defaults: old_field new_field
# Environment:
#   BELAY      the belay binary (default .build/release/belay; build it with `swift build -c release`)
#   BELAY_BASE another belay binary to time side by side (e.g. the one before a change)
#   PYLIB      Python library folder to copy (default the pyenv 3.11.7 one)
#   SWIFTROOT  Swift toolchain folder to copy (default /opt/swift/usr)
#   RUNS       hyperfine runs per command (default 10)
#
# Every tool is timed with its output discarded, side by side in one hyperfine run. git grep and rg look
# for the five spellings (snake, camel, Pascal, SCREAMING, kebab) as whole words, in their fast forms
# (`-w -e … -e …`: a `\b(…|…)\b` regex is several times slower in git grep); belay also finds dotted,
# prose and flat spellings and compounds (`getOldField`), and classifies each hit (code, string,
# comment, doc), so it does strictly more work per byte.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
package="$(cd "$here/.." && pwd)"
work="$here/work"
corpus="$work/rename-corpus"
old="${1:-old_field}"
new="${2:-new_field}"
belay="${BELAY:-$package/.build/release/belay}"
pylib="${PYLIB:-/root/.pyenv/versions/3.11.7/lib/python3.11}"
swiftroot="${SWIFTROOT:-/opt/swift/usr}"
runs="${RUNS:-10}"

need() { command -v "$1" >/dev/null || { echo "bench: '$1' is required" >&2; exit 2; }; }
need git
need hyperfine

# Copies the text sources under $1 into $corpus/$2, keeping the folder layout.
copy_sources() {
    local from="$1" to="$corpus/$2"
    [ -d "$from" ] || { echo "bench: $from not found; set PYLIB / SWIFTROOT" >&2; exit 2; }
    mkdir -p "$to"
    (cd "$from" && find . -type f -size -2M \
        \( -name '*.py' -o -name '*.pyi' -o -name '*.txt' -o -name '*.md' -o -name '*.rst' -o -name '*.json' \
        -o -name '*.toml' -o -name '*.cfg' -o -name '*.c' -o -name '*.h' -o -name '*.hpp' -o -name '*.def' \
        -o -name '*.swift' -o -name '*.swiftinterface' -o -name '*.modulemap' -o -name '*.apinotes' \
        -o -name '*.js' -o -name '*.html' -o -name '*.css' -o -name '*.yaml' -o -name '*.yml' \) \
        -not -path '*/__pycache__/*' -print0 | tar --null -T - -cf - | tar -xf - -C "$to")
}

build_corpus() {
    echo "bench: building the corpus in $corpus (once)" >&2
    rm -rf "$corpus"
    mkdir -p "$corpus"
    copy_sources "$pylib" python
    copy_sources "$swiftroot" swift
    # Plant leftovers in every 250th file so that every tool reports something.
    local index=0
    while IFS= read -r -d '' file; do
        index=$((index + 1))
        if [ $((index % 250)) -eq 0 ]; then
            printf '\n# leftover: %s and %s\n' "$old" "$(echo "$old" | sed -E 's/_([a-z])/\U\1/g')" >>"$file"
        fi
    done < <(find "$corpus" -type f -print0 | sort -z)
    (cd "$corpus" && git init -q && git add -A && git -c user.name=bench -c user.email=bench@localhost \
        commit -qm corpus)
    echo "$old" >"$work/planted"
}

if [ ! -d "$corpus/.git" ] || [ "$(cat "$work/planted" 2>/dev/null)" != "$old" ]; then build_corpus; fi

files=$(cd "$corpus" && git ls-files | wc -l)
bytes=$(cd "$corpus" && git ls-files -z | xargs -0 cat | wc -c)
mb=$((bytes / 1000000))
echo "bench: corpus $files files, $mb MB" >&2
if [ "$files" -lt 10000 ] || [ "$mb" -lt 100 ]; then
    echo "bench: the corpus is smaller than 10,000 files / 100 MB; point PYLIB at a larger tree" >&2
fi

# The five spellings that a careful grep user would type.
words=$(echo "$old" | sed -E 's/([a-z0-9])([A-Z])/\1_\2/g; s/[-. ]+/_/g' | tr '[:upper:]' '[:lower:]')
snake="$words"
camel=$(echo "$words" | sed -E 's/_([a-z0-9])/\U\1/g')
pascal=$(echo "$camel" | sed -E 's/^([a-z])/\U\1/')
screaming=$(echo "$words" | tr '[:lower:]' '[:upper:]')
kebab=$(echo "$words" | tr '_' '-')
spelled=(-e "$snake" -e "$camel" -e "$pascal" -e "$screaming" -e "$kebab")
quoted=$(printf "'%s' " "${spelled[@]}")

commands=(
    --command-name "git grep -n -w (5 spellings)" "git -C '$corpus' grep -n -w $quoted >/dev/null || true"
)
if command -v rg >/dev/null; then
    commands+=(--command-name "rg -n -w (5 spellings)" "rg -n -w $quoted '$corpus' >/dev/null || true")
fi
[ -x "$belay" ] || { echo "bench: $belay not found; build it with 'swift build -c release'" >&2; exit 2; }
status=0
(cd "$corpus" && "$belay" rename-audit "$old" "$new" --format json >"$work/belay.json" 2>"$work/belay.err") || status=$?
# The command must speak the JSON contract (exit 0 clean, 1 hits).
if [ "$status" -gt 1 ] || ! grep -q '"hits"' "$work/belay.json"; then
    echo "bench: '$belay rename-audit' failed (exit $status):" >&2
    cat "$work/belay.err" >&2
    exit 1
fi
echo "bench: belay hits: $(grep -c '"path"' "$work/belay.json")" >&2
commands+=(--command-name "belay rename-audit --format json"
    "cd '$corpus' && '$belay' rename-audit '$old' '$new' --format json >/dev/null || true")
if [ -n "${BELAY_BASE:-}" ]; then
    commands+=(--command-name "base: belay rename-audit --format json"
        "cd '$corpus' && '$BELAY_BASE' rename-audit '$old' '$new' --format json >/dev/null || true")
fi
(cd "$corpus" && git grep -n -w "${spelled[@]}" | wc -l) | sed 's/^/bench: git grep hits: /' >&2

hyperfine --warmup 2 --runs "$runs" --export-json "$work/rename-audit.json" "${commands[@]}"
# Medians and ratios to rg (hyperfine's summary ranks means, which one slow run on a busy machine skews).
python3 - "$work/rename-audit.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
rg = next((r["median"] for r in results if r["command"].startswith("rg ")), None)
for r in results:
    ratio = f"   {r['median'] / rg:5.2f}x rg" if rg else ""
    print(f"{r['command']:40} median {r['median'] * 1000:7.1f} ms{ratio}")
PY
