#!/usr/bin/env python3
"""Replays real commits of a git repository as staged changes and runs belay on each (stdlib only).

Two benchmarks share this driver (see bench/history.sh and bench/rename-replay.sh):

  replay.py history BELAY REPO OUT N         the last N non-merge commits, each as a staged change
  replay.py rename  BELAY REPO OUT MAX SCAN   complete renames mined from the last SCAN commits

A replayed commit C is staged over its first parent: HEAD detached at C^, index and working tree at C
(`git read-tree -u --reset C` then `git update-ref --no-deref HEAD C^`), which is cheap between commits
and removes files the previous replay added. belay runs with `check --no-checks --no-cache --format json`,
so a belay.json5 in the replayed repository (valid or not) runs nothing.
"""
import collections, json, os, re, shutil, subprocess, sys, time

TIMEOUT = int(os.environ.get("BELAY_TIMEOUT", "120"))


def git(repo, *args, check=True, text=True):
    r = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=text,
                       errors="replace" if text else None)
    if check and r.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


def repo_name(path):
    p = os.path.abspath(path).rstrip("/")
    base = os.path.basename(p)
    if base.endswith(".git"):
        base = base[:-4]
    if base in ("repo", ""):
        base = os.path.basename(os.path.dirname(p))
    return base


def clone(src, dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    subprocess.run(["git", "clone", "-q", "--no-checkout", src, dest], check=True)
    # Quiet, deterministic, no LFS smudging, no hooks of the replayed repository.
    for k, v in [("core.autocrlf", "false"), ("advice.detachedHead", "false"), ("core.hooksPath", "/dev/null"),
                 ("filter.lfs.smudge", "cat"), ("filter.lfs.process", ""), ("filter.lfs.required", "false"),
                 ("gc.auto", "0")]:
        git(dest, "config", k, v)
    return dest


def stage(work, commit, parent):
    """HEAD at parent, index and working tree at commit."""
    git(work, "read-tree", "-u", "--reset", commit)
    git(work, "update-ref", "--no-deref", "HEAD", parent)


def run_belay(belay, work):
    t0 = time.time()
    try:
        r = subprocess.run([belay, "check", "--no-checks", "--no-cache", "--format", "json"], cwd=work,
                           capture_output=True, text=True, errors="replace", timeout=TIMEOUT)
        rc, out, err = r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired as e:
        rc, out, err = "timeout", (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or ""), "timeout"
    ms = int((time.time() - t0) * 1000)
    report = None
    try:
        report = json.loads(out) if out.strip() else None
    except ValueError:
        report = None
    return rc, report, err, ms


def errors_of(report):
    if not report:
        return []
    return [d for d in report.get("diagnostics", []) if d.get("severity") == "error"]


def oneline(s, n=300):
    s = " ".join(str(s).split())
    return s[:n]


# ---------------------------------------------------------------------------------------------- history

def history(belay, src, out, n):
    name = repo_name(src)
    os.makedirs(out, exist_ok=True)
    work = clone(src, os.path.join(out, "clone"))
    head = git(work, "rev-parse", "HEAD").strip()
    shas = git(work, "rev-list", "--no-merges", "--topo-order", "-n", str(n), head).split()
    shas.reverse()  # oldest first
    git(work, "checkout", "-q", "--detach", head)
    results = open(os.path.join(out, "commits.jsonl"), "w")
    findings = open(os.path.join(out, "findings.tsv"), "w")
    findings.write("sha\trule\tpath\tline\tmessage\n")
    abnormal = open(os.path.join(out, "abnormal.tsv"), "w")
    abnormal.write("sha\texit\tstderr\n")
    replayed = blocked = roots = 0
    by_rule, commits_by_rule, bad = collections.Counter(), collections.Counter(), []
    t0 = time.time()
    for sha in shas:
        parents = git(work, "rev-list", "--parents", "-n", "1", sha).split()[1:]
        if not parents:
            roots += 1
            continue
        parent = parents[0]
        try:
            stage(work, sha, parent)
        except RuntimeError as e:
            bad.append(sha)
            abnormal.write(f"{sha}\tstage\t{oneline(e)}\n")
            continue
        rc, report, err, ms = run_belay(belay, work)
        replayed += 1
        errs = errors_of(report)
        verdict = report.get("verdict") if report else None
        rec = {"sha": sha, "parent": parent, "exit": rc, "verdict": verdict, "ms": ms,
               "errors": [{k: d.get(k) for k in ("rule", "path", "line", "column", "message")} for d in errs],
               "warnings": sum(1 for d in (report or {}).get("diagnostics", []) if d.get("severity") != "error")}
        if rc not in (0, 1) or report is None:
            rec["stderr"] = oneline(err, 2000)
            bad.append(sha)
            abnormal.write(f"{sha}\t{rc}\t{oneline(err)}\n")
        elif rc == 1:
            blocked += 1
            for d in errs:
                by_rule[d.get("rule")] += 1
                findings.write("\t".join([sha, str(d.get("rule")), str(d.get("path")), str(d.get("line")),
                                          oneline(d.get("message", ""))]) + "\n")
            for r in {d.get("rule") for d in errs}:
                commits_by_rule[r] += 1
        results.write(json.dumps(rec) + "\n")
        results.flush()
    secs = time.time() - t0
    rules = ", ".join(f"{r} {c} ({commits_by_rule[r]} commits)" for r, c in by_rule.most_common()) or "none"
    summary = (f"{name}: {replayed} commits replayed, {blocked} blocked ({100 * blocked / max(replayed, 1):.1f} %), "
               f"{len(bad)} abnormal (exit 2/3/crash/timeout); findings by rule: {rules}; {secs:.0f} s")
    json.dump({"repo": name, "head": head, "replayed": replayed, "blocked": blocked, "abnormal": len(bad),
               "roots_skipped": roots, "findings_by_rule": dict(by_rule),
               "blocked_commits_by_rule": dict(commits_by_rule), "seconds": round(secs)},
              open(os.path.join(out, "summary.json"), "w"), indent=1)
    open(os.path.join(out, "summary.txt"), "w").write(summary + "\n")
    shutil.rmtree(work)
    print(summary)


# ------------------------------------------------------------------------------------------------ rename

IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
TOKEN = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*|\s+|.")
KEYWORDS = set("""
def class func fn function const let var val fun struct enum trait interface type protocol module object
typealias static public private protected internal final abstract override async await return import from
self this super true false none null nil new package impl pub mut where extends implements throws void int
string bool boolean float double char long short byte self Self True False None lambda yield async export
default case break continue switch match else elif while for loop unsafe extern crate use mod dyn ref
""".split())
DEF_KW = (r"def|class|func|fn|function|const|let|var|val|fun|struct|enum|trait|interface|type|protocol|"
          r"module|object|typealias|record|alias|macro_rules!|static")
# A definition of NAME on a line: keyword [receiver/modifiers] NAME, a Java/Kotlin-style method
# `Type NAME(`, or a module-level `NAME =` assignment.
def def_patterns(name):
    n = re.escape(name)
    return [
        re.compile(rf"\b(?:{DEF_KW})\s+(?:\([^)]*\)\s*)?(?:[\w.]+\s*\.\s*)?{n}\b"),         # def / func (r T) / fn
        re.compile(rf"^\s*(?:(?:public|private|protected|static|final|abstract|synchronized|override|open|"
                   rf"internal|suspend|inline)\s+)+(?:[\w<>\[\],.?]+\s+)*{n}\s*[(<=:{{]"),       # Java/Kotlin members
        re.compile(rf"^\s*(?:[A-Z][\w<>\[\],.?]*\s+){n}\s*\("),                             # Java `Type name(`
        re.compile(rf"^(?:export\s+)?{n}\s*(?::[^=]+)?=[^=]"),                               # module-level NAME =
        re.compile(rf"^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?{n}\s*\([^)]*\)\s*{{"),   # JS method
        re.compile(rf"^\s*{n}\s*:\s*(?:function|\()"),                                       # JS object method
    ]


CODE_EXT = {".py", ".pyi", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".vue", ".go", ".rs", ".java",
            ".kt", ".kts", ".rb", ".swift"}
GENERATED = re.compile(r"(^|/)(dist|build|vendor|node_modules|third_party|generated)/|\.min\.|\.map$|\.snap$|"
                       r"\.pb\.go$|_generated\.")
CHANGELOG = re.compile(r"(^|/)(CHANGES|CHANGELOG|HISTORY|NEWS|RELEASE)[^/]*$|(^|/)migrations?/", re.I)


IMPORT_LINE = re.compile(r"^\s*(import|from|use|using|require|include|#include|@import|export\s+\{|export\s+\*)\b")


def is_definition(line, name):
    if IMPORT_LINE.search(line) or re.search(r"\brequire\s*\(", line):
        return False  # an import defines nothing the repository owns
    return any(p.search(line) for p in def_patterns(name))


def substitution(old_line, new_line):
    """The single identifier substitution OLD -> NEW that turns old_line into new_line, or None."""
    a, b = TOKEN.findall(old_line), TOKEN.findall(new_line)
    if len(a) != len(b) or a == b:
        return None
    pair = None
    for x, y in zip(a, b):
        if x == y:
            continue
        if not (IDENT.fullmatch(x) and IDENT.fullmatch(y)):
            return None
        if pair is None:
            pair = (x, y)
        elif pair != (x, y):
            return None
    return pair


def parse_log(stream):
    """Yields (sha, parent, [(path, removed_lines, added_lines) per hunk]) from `git log -p -U0`."""
    sha = parent = path = None
    hunks, rem, add = [], [], []
    def flush_hunk():
        nonlocal rem, add
        if path and (rem or add):
            hunks.append((path, rem, add))
        rem, add = [], []
    for line in stream:
        line = line.rstrip("\n")
        if line.startswith("@@@COMMIT "):
            flush_hunk()
            if sha:
                yield sha, parent, hunks
            parts = line.split()
            sha, parent = parts[1], (parts[2] if len(parts) > 2 else None)
            hunks, path = [], None
        elif line.startswith("diff --git "):
            flush_hunk()
            path = None
        elif line.startswith("+++ "):
            p = line[4:]
            path = p[2:] if p.startswith("b/") else None
        elif line.startswith("--- "):
            pass
        elif line.startswith("@@"):
            flush_hunk()
        elif line.startswith("-"):
            rem.append(line[1:])
        elif line.startswith("+"):
            add.append(line[1:])
    flush_hunk()
    if sha:
        yield sha, parent, hunks


def grep_files(work, word, rev):
    r = subprocess.run(["git", "-C", work, "grep", "-l", "-w", "-I", "-F", "-e", word, rev], capture_output=True,
                       text=True, errors="replace")
    return [l.split(":", 1)[1] for l in r.stdout.splitlines() if ":" in l]


def mine(work, head, max_renames, scan):
    p = subprocess.Popen(["git", "-C", work, "log", "--no-merges", "--topo-order", f"-n{scan}", "-p", "-U0",
                          "--no-renames", "--no-ext-diff", "--format=@@@COMMIT %H %P", head],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, errors="replace")
    found, seen, checked = [], set(), 0
    global SCANNED
    SCANNED = 0
    for sha, parent, hunks in parse_log(p.stdout):
        SCANNED += 1
        if not parent:
            continue
        cands = collections.OrderedDict()
        for path, rem, add in hunks:
            if len(rem) > 40 or len(add) > 40:
                continue
            pairs = list(zip(rem, add)) if len(rem) == len(add) else [(r, a) for r in rem for a in add][:400]
            for r, a in pairs:
                s = substitution(r, a)
                if not s:
                    continue
                old, new = s
                if len(old) < 4 or old.lower() in KEYWORDS or new.lower() in KEYWORDS or old in seen:
                    continue
                if GENERATED.search(path) or os.path.splitext(path)[1] not in CODE_EXT:
                    continue
                if is_definition(r, old) and is_definition(a, new):
                    cands.setdefault((old, new), (path, r.strip(), a.strip()))
        for (old, new), (path, rline, aline) in cands.items():
            checked += 1
            if grep_files(work, old, sha):
                continue
            before = grep_files(work, old, parent)
            if len(before) < 3 or not grep_files(work, new, sha):
                continue
            seen.add(old)
            found.append({"sha": sha, "parent": parent, "old": old, "new": new, "def_path": path,
                          "removed": rline, "added": aline, "files_before": before})
            break  # one rename per commit
        if len(found) >= max_renames:
            break
    p.kill()
    p.wait()
    return found, checked


def infer(belay, work):
    """The renames `belay rename-audit --infer` sees in the staged change, as OLD→NEW strings."""
    try:
        r = subprocess.run([belay, "rename-audit", "--infer", "--format", "json"], cwd=work, capture_output=True,
                           text=True, errors="replace", timeout=TIMEOUT)
        return [f"{x.get('old')}→{x.get('new')}" for x in json.loads(r.stdout).get("renames", [])]
    except (ValueError, subprocess.TimeoutExpired, AttributeError):
        return ["<infer failed>"]


def leftover_files(report, old, naming=None):
    """Paths with a rename-leftover (of the rename of `naming` when given): {path: severities}."""
    out = collections.defaultdict(set)
    for d in (report or {}).get("diagnostics", []):
        if d.get("rule") == "rename-leftover" and (naming is None or f"rename {naming} →" in d.get("message", "")):
            out[d.get("path")].add(d.get("severity"))
    return out


def rename(belay, src, out, max_renames, scan):
    name = repo_name(src)
    os.makedirs(out, exist_ok=True)
    work = clone(src, os.path.join(out, "clone"))
    head = git(work, "rev-parse", "HEAD").strip()
    t0 = time.time()
    found, checked = mine(work, head, max_renames, scan)
    git(work, "checkout", "-q", "--detach", head)
    tsv = open(os.path.join(out, "cases.tsv"), "w")
    tsv.write("commit\tmode\told\tnew\tdef_path\tfiles_reverted\tresult\texit\tleftover_errors\tleftover_warnings\t"
              "other_errors\tinferred_old_new\terrors_naming_old\tinferred_renames\n")
    clean = caught = caught_any = 0
    reverted_cases = 0
    records = []
    for case in found:
        sha, parent, old = case["sha"], case["parent"], case["old"]
        # The files holding the removed definition (at C^) are not callers.
        def_files = {case["def_path"]}
        for f in case["files_before"]:
            blob = git(work, "show", f"{parent}:{f}", check=False)
            if any(is_definition(l, old) for l in blob.splitlines()):
                def_files.add(f)
        at_c = set(git(work, "ls-tree", "-r", "--name-only", sha).splitlines())
        callers = [f for f in case["files_before"] if f not in def_files]
        # Callers in source code the commit edited (still present) first; never changelogs or migrations,
        # which belay does not search by design.
        callers = [f for f in callers if not CHANGELOG.search(f)]
        callers.sort(key=lambda f: (os.path.splitext(f)[1] not in CODE_EXT, f not in at_c))
        # (a) as made
        stage(work, sha, parent)
        rc, report, err, ms = run_belay(belay, work)
        lo = leftover_files(report, old)
        errs = errors_of(report)
        lo_err = sorted(p for p, s in lo.items() if "error" in s)
        lo_warn = sorted(p for p, s in lo.items() if "error" not in s)
        other = sorted({f"{d['rule']}@{d['path']}:{d['line']}" for d in errs if d["rule"] != "rename-leftover"})
        ok = rc in (0, 1) and report is not None
        inferred = infer(belay, work)
        of_old = sum(1 for d in errs if d["rule"] == "rename-leftover" and f"rename {old} →" in d.get("message", ""))
        res_a = "clean" if ok and not lo_err else ("flagged" if ok else f"abnormal({rc})")
        clean += res_a == "clean"
        tsv.write("\t".join([sha, "as-made", old, case["new"], case["def_path"], "-", res_a, str(rc),
                             ",".join(lo_err), ",".join(lo_warn), ",".join(other)[:500],
                             ("yes" if f"{old}→{case['new']}" in inferred else "no"), str(of_old),
                             " ".join(inferred)[:500]]) + "\n")
        rec = dict(case, inferred=inferred, as_made={"result": res_a, "leftover_errors_naming_old": of_old, "exit": rc, "leftover_errors": lo_err,
                                  "leftover_warnings": lo_warn, "other_errors": other,
                                  "diagnostics": [d for d in (report or {}).get("diagnostics", [])
                                                  if d.get("rule") == "rename-leftover"][:30]})
        # (b) one or two callers reverted to C^
        if callers:
            rev = callers[:2]
            reverted_cases += 1
            git(work, "checkout", "-q", parent, "--", *rev)
            rc, report, err, ms = run_belay(belay, work)
            lo = leftover_files(report, old)
            named = leftover_files(report, old, naming=old)
            ok = rc in (0, 1) and report is not None
            hit_err = all("error" in named.get(f, ()) for f in rev)
            hit_other = all("error" in lo.get(f, ()) for f in rev)
            hit_any = all(f in named for f in rev)
            # "caught" only counts errors that name OLD's rename: in a large refactoring other inferred renames
            # can flag the reverted file by accident ("other-rename").
            res_b = ("caught" if hit_err else "warning-only" if hit_any else "other-rename" if hit_other
                     else "missed") if ok else f"abnormal({rc})"
            caught += res_b == "caught"
            caught_any += res_b in ("caught", "warning-only")
            lo_err = sorted(p for p, s in lo.items() if "error" in s)
            lo_warn = sorted(p for p, s in lo.items() if "error" not in s)
            tsv.write("\t".join([sha, "reverted", old, case["new"], case["def_path"], ",".join(rev), res_b, str(rc),
                                 ",".join(lo_err), ",".join(lo_warn), ""]) + "\n")
            rec["reverted"] = {"files": rev, "result": res_b, "exit": rc, "leftover_errors": lo_err,
                               "leftover_warnings": lo_warn}
        else:
            tsv.write("\t".join([sha, "reverted", old, case["new"], case["def_path"], "-", "no-caller", "-", "", "",
                                 ""]) + "\n")
            rec["reverted"] = {"files": [], "result": "no-caller"}
        records.append(rec)
        tsv.flush()
    json.dump(records, open(os.path.join(out, "cases.json"), "w"), indent=1)
    secs = time.time() - t0
    summary = (f"{name}: renames mined {len(found)} ({SCANNED} commits scanned, {checked} candidates checked), clean as made "
               f"{clean}/{len(found)}, caught when reverted {caught}/{reverted_cases} "
               f"(any severity {caught_any}/{reverted_cases}); {secs:.0f} s")
    json.dump({"repo": name, "head": head, "mined": len(found), "clean": clean, "reverted": reverted_cases,
               "caught": caught, "caught_any_severity": caught_any, "scanned": SCANNED, "seconds": round(secs)},
              open(os.path.join(out, "summary.json"), "w"), indent=1)
    open(os.path.join(out, "summary.txt"), "w").write(summary + "\n")
    shutil.rmtree(work)
    print(summary)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "history":
        history(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif cmd == "rename":
        rename(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    else:
        sys.exit(f"unknown command {cmd}")
