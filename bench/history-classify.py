#!/usr/bin/env python3
"""Joins a history.sh run with the hand classification (bench/history-classes.tsv) and ranks the false-finding
classes by the blocked commits they cause.
   bench/history-classify.py [OUTROOT]        (default bench/work; reads OUTROOT/history/<repo>/commits.jsonl)
trailing-whitespace and mixed-line-endings are classified here by rule of thumb:
  GEN   generated or vendored file (dist/, build output, Javadoc/Dokka site, .snap, minified)
  MD2   Markdown line ending in two or more spaces (a hard line break, meaningful)
  MIX   the file already mixed line endings before the change
  WS    otherwise: whitespace really added to a hand-written file. True by the letter (git diff --check agrees)
        but a style nit the project merged; counted apart ("style"), neither a real mistake nor a false finding.
A (commit, rule) pair missing from the TSV is 'unreviewed'. A commit counts as falsely blocked when none of its
error findings is true. 'only cause' = commits that a fix of that class alone would unblock."""
import collections, json, os, re, subprocess, sys
here = os.path.dirname(os.path.abspath(__file__))
outroot = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "work")
mirrors = os.environ.get("MIRRORS", "/work/.mirror")
GEN = re.compile(r"(^|/)(dist|build|website|docs/api|vendor|node_modules)/|\.snap$|\.min\.|\.map$")
table = {}
for line in open(os.path.join(here, "history-classes.tsv")):
    if line.startswith("#") or not line.strip():
        continue
    repo, sha, rule, verdict, cls, note = (line.rstrip("\n").split("\t") + [""] * 6)[:6]
    table[(repo, sha, rule)] = (verdict, cls, note)
def show(repo, rev, path):
    return subprocess.run(["git", "-C", f"{mirrors}/{repo}/repo", "show", f"{rev}:{path}"], capture_output=True).stdout
per_class = collections.defaultdict(set)
only = collections.Counter()
total_blocked = false_blocked = style_blocked = 0
unreviewed = []
for repo in sorted(os.listdir(os.path.join(outroot, "history"))):
    p = os.path.join(outroot, "history", repo, "commits.jsonl")
    if not os.path.exists(p):
        continue
    for line in open(p):
        rec = json.loads(line)
        if rec["exit"] != 1:
            continue
        total_blocked += 1
        sha = rec["sha"][:10]
        classes, any_true = set(), False
        for rule in sorted({e["rule"] for e in rec["errors"]}):
            if rule in ("trailing-whitespace", "mixed-line-endings"):
                for e in (x for x in rec["errors"] if x["rule"] == rule):
                    if GEN.search(e["path"]):
                        classes.add("GEN")
                    elif rule == "mixed-line-endings":
                        old = show(repo, rec["parent"], e["path"]).split(b"\n")
                        crlf = sum(l.endswith(b"\r") for l in old)
                        if 0 < crlf < len(old) - 1:
                            classes.add("MIX")
                        else:
                            any_true = True
                    else:
                        text = show(repo, rec["sha"], e["path"]).split(b"\n")
                        l = text[e["line"] - 1] if 0 < e["line"] <= len(text) else b""
                        if e["path"].endswith((".md", ".markdown")) and re.search(rb"\S {2,}\r?$", l):
                            classes.add("MD2")
                        else:
                            classes.add("WS")
                continue
            v = table.get((repo, sha, rule))
            if not v:
                unreviewed.append(f"{repo} {sha} {rule}")
                classes.add("unreviewed")
            elif v[0] == "true":
                any_true = True
            else:
                classes.add(v[1])
        if any_true:
            continue
        if classes == {"WS"}:
            style_blocked += 1
            continue
        classes.discard("WS")
        false_blocked += 1
        for c in classes:
            per_class[c].add(f"{repo}:{sha}")
        if len(classes) == 1:
            only[next(iter(classes))] += 1
print(f"{total_blocked} blocked commits: {total_blocked - false_blocked - style_blocked} with a real mistake, "
      f"{style_blocked} only by whitespace nits (WS), {false_blocked} falsely blocked (every other finding false)")
print("class        falsely-blocked-commits  only-cause")
for c, s in sorted(per_class.items(), key=lambda kv: -len(kv[1])):
    print(f"{c:12} {len(s):>23}  {only[c]:>10}")
if unreviewed:
    print("unreviewed:", *unreviewed, sep="\n  ")
