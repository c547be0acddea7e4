#!/usr/bin/env bash
# Builds (once, cached) a git repository of real code that nobody on this project wrote, for the
# noise and injection benches of issue #3:
#   python/stdlib         the Python standard library (sysconfig's stdlib path, without site-packages)
#   python/site-packages  the interpreter's installed packages (.py and .pyi)
#   js/npm, js/corepack   npm's and corepack's own JavaScript from the Node installation
#   ts/                   .ts / .d.ts: Debian's node-typescript lib/*.d.ts and the few .d.ts in npm
#   swift/                .swiftinterface files under /opt/swift, renamed *.swift (real Swift declarations)
#   rust/                 Debian rust-src (rustc 1.63): library/ and compiler/ (not src/test: ui tests are
#                         intentionally invalid)
#   go/                   Debian golang-go's standard library src/ (without testdata/ folders, which are
#                         intentionally invalid or non-Go inputs, and without go/test/)
#   ruby/                 Debian ruby's standard library /usr/lib/ruby/3.x
#   java/                 openjdk-17-source: java.base, java.sql, java.net.http, java.logging from src.zip
# Kotlin: no Kotlin source exists on this machine or in a Debian package (the kotlin package is jars).
#
# Excluded, with the reason written to bench/work/corpus-excluded.txt:
#   - intentionally invalid fixtures: CPython's badsyntax_*.py, lib2to3/tests/data
#   - files that do not parse: Python checked with ast.parse (3.11 grammar; lib2to3 test data,
#     badsyntax_*.py, py2-only files), Go checked with gofmt -e
#   - minified / generated files: any line longer than 2,000 characters, or files over 1 MB
#   - symlinks (counted once through their target)
#
# Usage: bench/corpus.sh [--rebuild]    → prints per-language files/lines, writes bench/work/corpus-stats.tsv
# Needs (installs if missing, Debian): golang-go ruby rust-src openjdk-17-source node-typescript
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/bench/work
corpus=$work/corpus
mkdir -p "$work"

if [ "${1:-}" = --rebuild ]; then rm -rf "$corpus"; fi
if [ -d "$corpus/.git" ] && git -C "$corpus" rev-parse -q --verify HEAD >/dev/null; then
    cat "$work/corpus-stats.tsv"
    exit 0
fi

need=()
for pkg in golang-go ruby rust-src openjdk-17-source node-typescript; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${need[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}") >&2 || true
fi

rm -rf "$corpus" && mkdir -p "$corpus"
excluded=$work/corpus-excluded.txt
: >"$excluded"

# copy SRC_ROOT DEST FIND-ARGS…: copies the regular files find selects, keeping their relative paths.
copy() {
    local src=$1 dest=$2; shift 2
    [ -d "$src" ] || { echo "skip: $src not found" >&2; return 0; }
    mkdir -p "$corpus/$dest"
    (cd "$src" && find . "$@" -type f -print0 | tar --null -T - -cf - 2>/dev/null) | tar -xf - -C "$corpus/$dest"
}

pystd=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
pysite=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
copy "$pystd" python/stdlib \( -path ./site-packages -o -path ./__pycache__ -o -name __pycache__ \) -prune -o -name '*.py'
copy "$pysite" python/site-packages -name __pycache__ -prune -o \( -name '*.py' -o -name '*.pyi' \)

nodemods=$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/../.." && pwd)
for pkg in npm corepack; do
    copy "$nodemods/$pkg" "js/$pkg" \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' \)
    copy "$nodemods/$pkg" "ts/$pkg" \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' \)
done
copy /usr/share/nodejs/typescript/lib ts/typescript-lib -name '*.d.ts'

# .swiftinterface → .swift: belay picks the language by extension.
if [ -d /opt/swift ]; then
    mkdir -p "$corpus/swift"
    while IFS= read -r -d '' f; do
        rel=${f#/opt/swift/}
        mkdir -p "$corpus/swift/$(dirname "$rel")"
        cp "$f" "$corpus/swift/${rel%.swiftinterface}.swift"
    done < <(find /opt/swift -name '*.swiftinterface' -type f -print0)
fi

rustsrc=$(ls -d /usr/src/rustc-* 2>/dev/null | sort -V | tail -1 || true)
if [ -n "$rustsrc" ]; then
    copy "$rustsrc/library" rust/library -name '*.rs'
    copy "$rustsrc/compiler" rust/compiler -name '*.rs'
fi
for rs in ~/.rustup/toolchains/*/lib/rustlib/src/rust/library; do
    [ -d "$rs" ] && [ -z "$rustsrc" ] && copy "$rs" rust/library -name '*.rs'
done

gosrc=$(readlink -f /usr/lib/go 2>/dev/null || true)
[ -d "$gosrc/src" ] && copy "$gosrc/src" go/src -name testdata -prune -o -name '*.go'

rubylib=$(ls -d /usr/lib/ruby/[0-9]* 2>/dev/null | sort -V | tail -1 || true)
[ -n "$rubylib" ] && copy "$rubylib" ruby/stdlib \( -name '*.rb' -o -name '*.gemspec' -o -name '*.rake' \)

jsrc=$(ls /usr/lib/jvm/java-17-openjdk-*/lib/src.zip 2>/dev/null | head -1 || true)
if [ -n "$jsrc" ]; then
    mkdir -p "$corpus/java"
    (cd "$corpus/java" && unzip -q -o "$jsrc" 'java.base/*' 'java.sql/*' 'java.net.http/*' 'java.logging/*')
    find "$corpus/java" -type f ! -name '*.java' -delete
fi

# Exclusions ------------------------------------------------------------------------------------
cd "$corpus"
# Python files that do not parse with this interpreter's grammar.
find python -name '*.py' -o -name '*.pyi' | python3 -c '
import ast, sys, warnings
warnings.simplefilter("ignore")
for path in sys.stdin.read().split("\n"):
    if not path: continue
    try:
        with open(path, "rb") as f: ast.parse(f.read(), path)
    except Exception as e:
        print(f"{path}\tdoes not parse (python3.11 ast): {type(e).__name__}: {str(e)[:80]}")
' >>"$excluded"
# Go files that do not parse.
if command -v gofmt >/dev/null && [ -d go ]; then
    gofmt -e -l go 2>&1 >/dev/null | sed -n 's/^\([^:]*\.go\):[0-9].*/\1/p' | sort -u |
        sed 's/$/\tdoes not parse (gofmt -e)/' >>"$excluded" || true
fi
# Intentionally invalid test fixtures that happen to parse: CPython's badsyntax_*.py (compile-time errors:
# duplicate __future__ imports…) and lib2to3's tests/data (grammar-test inputs).
find python -name 'badsyntax_*.py' -o -path '*/lib2to3/tests/data/*' -type f | sed 's/$/\tintentionally invalid test fixture/' >>"$excluded"
# Minified or generated files.
find . -path ./.git -prune -o -type f -size +1M -print | sed 's|^\./||; s/$/\tover 1 MB (generated)/' >>"$excluded"
find . -path ./.git -prune -o -type f -print0 | xargs -0 awk 'length($0) > 2000 { print FILENAME "\tline over 2000 characters (minified/generated)"; nextfile }' |
    sed 's|^\./||' >>"$excluded"
sort -u -t$'\t' -k1,1 "$excluded" -o "$excluded"
cut -f1 "$excluded" | while IFS= read -r f; do rm -f "$f"; done

git init -q . && git config user.email corpus@belay.invalid && git config user.name corpus
git add -A && git commit -qm "real code corpus" --no-verify

# Per-language statistics (language by belay's extension table).
{
    printf 'language\tfiles\tlines\n'
    git ls-files -z | xargs -0 wc -l | awk '
        $2 == "total" { next }
        {
            n = $2; lang = "other"
            if (n ~ /\.pyi?$/) lang = "python"; else if (n ~ /\.(js|mjs|cjs)$/) lang = "javascript"
            else if (n ~ /\.(ts|mts|cts)$/) lang = "typescript"; else if (n ~ /\.swift$/) lang = "swift"
            else if (n ~ /\.go$/) lang = "go"; else if (n ~ /\.rs$/) lang = "rust"
            else if (n ~ /\.java$/) lang = "java"; else if (n ~ /\.(rb|gemspec|rake)$/) lang = "ruby"
            files[lang]++; lines[lang] += $1; tf++; tl += $1
        }
        END { for (l in files) printf "%s\t%d\t%d\n", l, files[l], lines[l]; printf "total\t%d\t%d\n", tf, tl }' | sort
} >"$work/corpus-stats.tsv"
echo "excluded $(wc -l <"$excluded") files (reasons in $excluded)"
cat "$work/corpus-stats.tsv"
