"""Injection bench (driven by bench/inject.sh): makes each mistake of issue #3 in real files of the corpus as a
staged change and counts what belay catches; runs ruff on the same Python cases.

Kinds → rule: param → duplicate-parameter, kwarg → duplicate-keyword-argument, key → duplicate-key,
import → duplicate-import, deadstore → duplicate-assignment, function → duplicate-definition.

Python cases are placed with the ast module, JavaScript / TypeScript with the TypeScript compiler API
(bench/inject-js.js), Go / Rust / Java / Ruby by line patterns. One repository per (language, kind) under
bench/work/inject/, one file per case (the original committed, the mistake staged).
"""
import ast, json, os, random, re, shutil, subprocess, sys, collections

root, belay, per_kind = sys.argv[1], sys.argv[2], int(sys.argv[3])
work = os.path.join(root, "bench", "work")
corpus = os.path.join(work, "corpus")
out_dir = os.path.join(work, "inject")
# belay judges generated and vendored paths for conflict markers only, and much of the corpus sits under
# node_modules/ and vendor/: the injected copies get other folder names, so the detectors are measured.
GEN_SEGMENTS = {"node_modules": "nm", "vendor": "vnd", "dist": "dst"}
def remap(p):
    return "/".join(GEN_SEGMENTS.get(s, s) for s in p.split("/"))
RULE = {"require": "duplicate-import", "param": "duplicate-parameter", "kwarg": "duplicate-keyword-argument", "key": "duplicate-key",
        "import": "duplicate-import", "deadstore": "duplicate-assignment", "function": "duplicate-definition"}
LANGS = {"python": ("py",), "javascript": ("js", "mjs", "cjs"), "typescript": ("ts",), "go": ("go",),
         "rust": ("rs",), "java": ("java",), "ruby": ("rb",)}
KINDS = {"python": ["param", "kwarg", "key", "import", "deadstore", "function"],
         "javascript": ["param", "key", "import", "require", "deadstore", "function"],
         "typescript": ["param", "import", "function"],
         "go": ["param", "key", "import", "deadstore", "function"],
         "rust": ["param", "import", "function"],
         "java": ["param", "import", "deadstore", "function"],
         "ruby": ["param", "kwarg", "key", "import", "deadstore", "function"]}

files_by_lang = collections.defaultdict(list)
for path in subprocess.run(["git", "-C", corpus, "ls-files"], capture_output=True, text=True, check=True).stdout.split("\n"):
    ext = path.rsplit(".", 1)[-1]
    for lang, exts in LANGS.items():
        if ext in exts:
            files_by_lang[lang].append(path)

def read(path):
    with open(os.path.join(corpus, path), encoding="utf-8") as f:
        return f.read()

# ---------------------------------------------------------------- Python (ast)
def py_insert(text, lineno, col, s):
    """Insert s at (1-based line, UTF-8 byte column)."""
    lines = text.split("\n")
    b = lines[lineno - 1].encode()
    lines[lineno - 1] = (b[:col] + s.encode() + b[col:]).decode()
    return "\n".join(lines)

def py_case(path, kind, r):
    text = read(path)
    try:
        tree = ast.parse(text)
    except Exception:
        return None
    in_fstring = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.JoinedStr):
            in_fstring.update(id(m) for m in ast.walk(n))
    nodes = [n for n in ast.walk(tree) if id(n) not in in_fstring]
    lines = text.split("\n")
    if kind == "param":
        fns = [n for n in nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
               and [a for a in n.args.posonlyargs + n.args.args if a.arg not in ("self", "cls")]]
        if not fns: return None
        fn = r.choice(fns)
        pos = fn.args.posonlyargs + fn.args.args
        name = r.choice([a.arg for a in pos if a.arg not in ("self", "cls")])
        last = pos[-1]
        end = (last.end_lineno, last.end_col_offset)
        if len(fn.args.defaults) and fn.args.defaults[-1] is not None:
            end = (fn.args.defaults[-1].end_lineno, fn.args.defaults[-1].end_col_offset)
        s = f", {name}=None"
        return py_insert(text, end[0], end[1], s), end[0], f"{name}=None added to def {fn.name}"
    if kind == "kwarg":
        kws = [(c, k) for c in nodes if isinstance(c, ast.Call) for k in c.keywords
               if k.arg and k.lineno == k.end_lineno and len(ast.get_source_segment(text, k.value) or "x" * 99) <= 60]
        if not kws: return None
        c, k = r.choice(kws)
        s = f", {k.arg}={ast.get_source_segment(text, k.value)}"
        return py_insert(text, k.end_lineno, k.end_col_offset, s), k.end_lineno, s[2:]
    if kind == "key":
        items = [(d, k, v) for d in nodes if isinstance(d, ast.Dict) for k, v in zip(d.keys, d.values)
                 if isinstance(k, ast.Constant) and isinstance(k.value, str) and v.lineno == v.end_lineno == k.lineno]
        if not items: return None
        d, k, v = r.choice(items)
        vs = ast.get_source_segment(text, v)
        s = f", {ast.get_source_segment(text, k)}: {vs if len(vs) <= 40 else 'None'}"
        return py_insert(text, v.end_lineno, v.end_col_offset, s), v.end_lineno, s[2:]
    if kind == "import":
        imps = [st for st in tree.body if isinstance(st, (ast.Import, ast.ImportFrom)) and st.lineno == st.end_lineno
                and not (isinstance(st, ast.ImportFrom) and st.module == "__future__")
                and lines[st.lineno - 1].strip() == ast.get_source_segment(text, st)]
        if not imps: return None
        last, src = imps[-1], r.choice(imps)
        copy = lines[src.lineno - 1]
        new = lines[:last.end_lineno] + [copy] + lines[last.end_lineno:]
        return "\n".join(new), last.end_lineno + 1, copy
    if kind == "deadstore":
        in_try = {id(st) for t in nodes if isinstance(t, ast.Try) for st in t.body}
        sts = [st for st in nodes if id(st) not in in_try and isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name)
               and not any(isinstance(m, ast.Name) and m.id == st.targets[0].id for m in ast.walk(st.value))
               and lines[st.lineno - 1][:st.col_offset].strip() == "" and st.lineno > 1
               and not lines[st.lineno - 2].rstrip().endswith(("\\", ",", "(", "["))]
        if not sts: return None
        st = r.choice(sts)
        indent = lines[st.lineno - 1][:len(lines[st.lineno - 1]) - len(lines[st.lineno - 1].lstrip())]
        s = f"{indent}{st.targets[0].id} = {r.choice(['None', '0', '[]', '{}', repr('')])}"
        new = lines[:st.lineno - 1] + [s] + lines[st.lineno - 1:]
        return "\n".join(new), st.lineno, s.strip()
    if kind == "function":
        fns = [st for st in tree.body if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef))
               and not any("overload" in ast.unparse(d) for d in st.decorator_list)]
        if not fns: return None
        fn = r.choice(fns)
        first = min([fn.lineno] + [d.lineno for d in fn.decorator_list])
        src = lines[first - 1:fn.end_lineno]
        body = text if text.endswith("\n") else text + "\n"
        n = len(body.split("\n"))  # lines + 1
        new = body + "\n\n" + "\n".join(src) + "\n"
        return new, n + 2 + (fn.lineno - first), f"def {fn.name} pasted again at the end"
    return None

# ---------------------------------------------------------------- Go / Rust / Java / Ruby (line patterns)
def block_end(lines, i, close):
    """Index of the first line after i that is exactly `close` at the indentation of line i."""
    indent = re.match(r"[ \t]*", lines[i]).group(0)
    for j in range(i + 1, len(lines)):
        if lines[j] == indent + close:
            return j
    return None

_blocks = [None, []]
def in_comment_block(lines, i):
    """Ruby =begin … =end documentation blocks (cached for the last list, held so its id is not reused)."""
    if _blocks[0] is not lines:
        inside, marks = False, []
        for l in lines:
            if l.startswith("=begin"): inside = True
            elif l.startswith("=end"): inside = False
            marks.append(inside)
        _blocks[:] = [lines, marks]
    return _blocks[1][i]

def line_case(lang, path, kind, r):
    text = read(path)
    lines = text.split("\n")
    idx = list(range(len(lines)))
    if kind == "import":
        pat = {"go": r'^\t"[\w./-]+"$|^import "[\w./-]+"$', "rust": r"^use [\w:]+( as \w+)?;$",
               "java": r"^import (static )?[\w.]+(\.\*)?;$", "ruby": r"^require ['\"][\w/.-]+['\"]$"}[lang]
        hits = [i for i in idx if re.match(pat, lines[i]) and not in_comment_block(lines, i)
                and not (i > 0 and lines[i - 1].lstrip().startswith("#["))]   # a cfg-gated use is another branch
        if not hits: return None
        src = r.choice(hits)
        copy = lines[src]
        if lang == "go" and copy.startswith("import "):
            pass
        new = lines[:src + 1] + [copy] + lines[src + 1:]
        return "\n".join(new), src + 2, copy
    if kind == "function":
        pat = {"go": r"^func (\w+)\(.*\{$", "rust": r"^(pub(\([\w:]+\))? )?fn (\w+)(<[^>]*>)?\(.*\{$",
               "java": r"^    (public |private |protected )?(static )?(final )?[\w<>\[\], ]+ (\w+)\([^)]*\)( throws [\w., ]+)? \{$",
               "ruby": r"^(  )?def (self\.)?\w+[(?!]?.*$"}[lang]
        hits = []
        for i in idx:
            if re.match(pat, lines[i]):
                if lang == "java" and re.match(r"^    (return|new|else|if|for|while)\b", lines[i]): continue
                end = block_end(lines, i, "end" if lang == "ruby" else "}")
                if end is not None and end - i < 80:
                    hits.append((i, end))
        if not hits: return None
        i, end = r.choice(hits)
        # a doc comment / attribute block directly above belongs to the function
        start = i
        while start > 0 and re.match(r"^\s*(//|#\[|@|#(?!!))", lines[start - 1]) and lang != "ruby":
            start -= 1
        chunk = lines[start:end + 1]
        if lang in ("go", "rust"):   # top level: paste at the end of the module
            body = lines[:-1] if lines[-1] == "" else lines
            new = body + [""] + chunk + [""]
            return "\n".join(new), len(body) + 2 + (i - start), lines[i].strip() + " … pasted again at the end"
        # Java / Ruby methods: paste again right after the original (same class)
        new = lines[:end + 1] + [""] + chunk + lines[end + 1:]
        return "\n".join(new), end + 3 + (i - start), lines[i].strip() + " … pasted again below"
    if kind == "param":
        pat = {"go": r"^func (\(\w+ \*?\w+\) )?\w+\((\w+) ([\w.*\[\]]+)(, \w+ [\w.*\[\]]+)*\)",
               "rust": r"^\s*(pub )?fn \w+(<[^>]*>)?\((&?(mut )?self, )?(\w+): ([\w:&<>' ]+)\)",
               "java": r"^\s+(public |private |protected )?(static )?(final )?[\w<>\[\]]+ \w+\(((final )?[\w<>\[\]]+) (\w+)\)",
               "ruby": r"^\s*def \w+[?!]?\((\w+)(, \w+)*\)"}[lang]
        hits = [i for i in idx if re.match(pat, lines[i]) and not in_comment_block(lines, i)]
        if lang == "rust": hits = [i for i in hits if re.match(pat, lines[i]).group(5) != "_"]
        if not hits: return None
        i = r.choice(hits)
        m = re.match(pat, lines[i])
        line = lines[i]
        if lang == "go":
            name, typ = m.group(2), m.group(3); close = m.end() - 1; add = f", {name} {typ}"
        elif lang == "rust":
            name, typ = m.group(5), m.group(6); close = m.end() - 1; add = f", {name}: {typ}"
        elif lang == "java":
            typ, name = m.group(4), m.group(6); close = m.end() - 1; add = f", {typ} {name}"
        else:
            name = m.group(1); close = m.end() - 1; add = f", {name}"
        return "\n".join(lines[:i] + [line[:close] + add + line[close:]] + lines[i + 1:]), i + 1, add[2:]
    if kind == "key":
        pat = {"go": r'^\t+"[\w .-]+": .+,$', "ruby": r"^\s+(\w+: |['\"][\w .-]+['\"] => |:\w+ => ).+,$"}[lang]
        def opens_literal(i):   # walk up the run of key lines: it must start right after a line ending in `{`
            j = i - 1
            while j >= 0 and re.match(pat, lines[j]): j -= 1
            return j >= 0 and lines[j].rstrip().endswith("{")
        hits = [i for i in idx if re.match(pat, lines[i]) and i > 0 and opens_literal(i) and not in_comment_block(lines, i)]
        if lang == "go":   # only map literals (struct literals have identifier keys, not strings)
            hits = [i for i in hits if any(re.search(r"map\[[^\]]+\][\w.*\[\]]+\{$", lines[j]) for j in range(max(0, i - 30), i))]
        if not hits: return None
        i = r.choice(hits)
        return "\n".join(lines[:i + 1] + [lines[i]] + lines[i + 1:]), i + 2, lines[i].strip()
    if kind == "kwarg":   # Ruby: foo(a, key: value) on one line
        pat = r"^(.*\w\((?:[^()]*, )?)(\w+): ([^,()]+)\)(.*)$"
        hits = [i for i in idx if re.match(pat, lines[i]) and not lines[i].lstrip().startswith(("#", "def "))
                and not re.search(r"['\"#]", re.match(pat, lines[i]).group(1)) and not in_comment_block(lines, i)]
        if not hits: return None
        i = r.choice(hits)
        m = re.match(pat, lines[i])
        new_line = f"{m.group(1)}{m.group(2)}: {m.group(3)}, {m.group(2)}: {m.group(3)}){m.group(4)}"
        return "\n".join(lines[:i] + [new_line] + lines[i + 1:]), i + 1, f"{m.group(2)}: {m.group(3)} repeated"
    if kind == "deadstore":
        pat = {"go": r"^(\t+)(\w+) = (.+)$", "java": r"^(\s+)(\w+) = (.+);$", "ruby": r"^(\s+)(\w+) = (.+)$"}[lang]
        hits = []
        for i in idx:
            m = re.match(pat, lines[i])
            if m and i > 0 and not re.search(r"\b" + re.escape(m.group(2)) + r"\b", m.group(3)) \
                    and not lines[i - 1].rstrip().endswith((",", "(", "\\", "&&", "||", "+", "=")) \
                    and m.group(2) not in ("return", "else", "_") and not in_comment_block(lines, i) \
                    and (lang == "ruby" or re.search(r"[;{}]\s*(//.*)?$|^\s*$", lines[i - 1])):
                hits.append(i)
        if lang == "go":   # not inside a `var ( … )` block, where `x = …` declares
            open_var, in_var = False, []
            for l in lines:
                if re.match(r"^var \($", l): open_var = True
                elif l == ")": open_var = False
                in_var.append(open_var)
            hits = [i for i in hits if not in_var[i]]
        if not hits: return None
        i = r.choice(hits)
        m = re.match(pat, lines[i])
        zero = {"go": "nil", "java": "null", "ruby": "nil"}[lang]
        if lang == "go" and re.match(r"^\d", m.group(3)): zero = "0"
        if lang == "go" and m.group(3).startswith('"'): zero = '""'
        s = f"{m.group(1)}{m.group(2)} = {zero}" + (";" if lang == "java" else "")
        return "\n".join(lines[:i] + [s] + lines[i:]), i + 1, s.strip()
    return None

# ---------------------------------------------------------------- driver
def js_cases(lang, kind, files, r, need):
    """Ask bench/inject-js.js for cases, in batches, until `need` are found."""
    got = []
    helper = os.path.join(root, "bench", "inject-js.js")
    for start in range(0, len(files), 60):
        batch = files[start:start + 60]
        req = "".join(json.dumps({"path": os.path.join(corpus, p), "kind": kind, "seed": r.randrange(1, 2**31)}) + "\n" for p in batch)
        res = subprocess.run(["node", helper], input=req, capture_output=True, text=True)
        for p, line in zip(batch, res.stdout.splitlines()):
            d = json.loads(line)
            if d["ok"]:
                got.append((p, d["text"], d["line"], d["injected"] + (f"  [{d['form']}]" if d.get("form") else "")))
                if len(got) == need: return got
    return got

def run_json(cmd, cwd):
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    try:
        return json.loads(res.stdout)
    except Exception:
        sys.stderr.write(f"bad output from {cmd}: {res.stdout[:300]} {res.stderr[:300]}\n")
        return None

rows, misses, ruff_rows = [], [], collections.defaultdict(lambda: [0, 0, 0, collections.Counter()])
shutil.rmtree(out_dir, ignore_errors=True)
for lang, kinds in KINDS.items():
    for kind in kinds:
        r = random.Random(f"{lang}-{kind}")
        files = list(files_by_lang[lang]); r.shuffle(files)
        if lang in ("javascript", "typescript"):
            cases = js_cases(lang, kind, files, r, per_kind)
        else:
            cases = []
            for p in files:
                try:
                    c = py_case(p, kind, r) if lang == "python" else line_case(lang, p, kind, r)
                except Exception:
                    c = None
                if c and c[0] != read(p):
                    cases.append((p,) + c)
                    if len(cases) == per_kind: break
        if not cases:
            continue
        repo = os.path.join(out_dir, f"{lang}-{kind}")
        os.makedirs(repo)
        git = lambda *a: subprocess.run(["git", "-C", repo] + list(a), check=True, capture_output=True)
        git("init", "-q", "."); git("config", "user.email", "bench@belay.invalid"); git("config", "user.name", "bench")
        orig = os.path.join(out_dir, f"{lang}-{kind}.orig")
        for p, *_ in cases:
            for base in (repo, orig):
                os.makedirs(os.path.dirname(os.path.join(base, remap(p))), exist_ok=True)
                shutil.copyfile(os.path.join(corpus, p), os.path.join(base, remap(p)))
        git("add", "-A"); git("commit", "-qm", "base", "--no-verify")
        for p, text, line, desc in cases:
            with open(os.path.join(repo, remap(p)), "w", encoding="utf-8") as f: f.write(text)
        git("add", "-A")
        report = run_json([belay, "check", "--only", RULE[kind], "--no-checks", "--format", "json"], repo) or {"diagnostics": []}
        caught = 0
        for p, text, line, desc in cases:
            ds = [d for d in report["diagnostics"] if d["path"] == remap(p)]
            hit = any(d["line"] == line or any(x["line"] == line for x in d.get("related", [])) for d in ds)
            caught += hit
            if not hit:
                misses.append((lang, kind, p, line, desc, text.split("\n")[max(0, line - 3):line + 2],
                               [f"{d['line']}: {d['message']}" for d in ds]))
        rows.append((lang, kind, caught, len(cases)))
        if lang == "python":
            paths = [remap(p) for p, *_ in cases]   # named explicitly: ruff's default excludes skip site-packages/ folders
            new = run_json(["ruff", "check", "--select", "ALL", "--isolated", "--no-cache", "--output-format", "json"] + paths, repo) or []
            old = run_json(["ruff", "check", "--select", "ALL", "--isolated", "--no-cache", "--output-format", "json"] + paths, orig) or []
            old_codes = collections.Counter((os.path.relpath(d["filename"], orig), d["code"]) for d in old)
            rr = ruff_rows[kind]
            for p, text, line, desc in cases:
                at = [d for d in new if os.path.relpath(d["filename"], repo) == remap(p) and d["location"]["row"] == line]
                fresh = [d for d in at if (d["code"] is None) or old_codes[(remap(p), d["code"])] < sum(
                    1 for e in new if os.path.relpath(e["filename"], repo) == remap(p) and e["code"] == d["code"])]
                rr[0] += 1; rr[1] += bool(at); rr[2] += bool(fresh)
                for d in fresh: rr[3][d["code"] or "syntax-error"] += 1
        print(f"  {lang:11} {kind:10} {caught}/{len(cases)}", flush=True)

with open(os.path.join(work, "inject-results.md"), "w") as f:
    f.write("| language | kind (rule) | caught / injected |\n|---|---|---|\n")
    for lang, kind, c, n in rows:
        f.write(f"| {lang} | {kind} ({RULE[kind]}) | {c} / {n} |\n")
    tot = collections.Counter(); totn = collections.Counter()
    for lang, kind, c, n in rows: tot[kind] += c; totn[kind] += n
    f.write("\n| kind | caught / injected, all languages |\n|---|---|\n")
    for k in RULE:
        if totn[k]: f.write(f"| {k} ({RULE[k]}) | {tot[k]} / {totn[k]} |\n")
    f.write(f"| **all** | **{sum(tot.values())} / {sum(totn.values())}** |\n")
    f.write("\nruff check --select ALL on the same Python cases (any diagnostic at the injected line; a new one, not on "
            "the original file; the codes of the new ones):\n\n| kind | cases | any at line | new at line | codes |\n|---|---|---|---|---|\n")
    for k, (n, anyc, fresh, codes) in ruff_rows.items():
        f.write(f"| {k} | {n} | {anyc} | {fresh} | {', '.join(f'{c}×{m}' for c, m in codes.most_common(6))} |\n")
with open(os.path.join(work, "inject-misses.md"), "w") as f:
    f.write(f"# Injected mistakes belay missed ({len(misses)})\n\nGenerated by bench/inject.sh; each case: the corpus file, "
            "the injected line, and the text around it after the injection.\n")
    for lang, kind, p, line, desc, ctx, other in misses:
        f.write(f"\n## {lang} / {kind} → {RULE[kind]}: `{p}:{line}`\n\ninjected: `{desc}`\n")
        if other: f.write(f"belay reported elsewhere in the file: {other}\n")
        f.write("\n```\n" + "\n".join(ctx) + "\n```\n")
print(open(os.path.join(work, "inject-results.md")).read())
