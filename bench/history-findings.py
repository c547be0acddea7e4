#!/usr/bin/env python3
"""Prints every blocked commit of a history.sh run with its findings in context, for the hand review.
   bench/history-findings.py REPO OUT [RULE…]      (REPO: the repository history.sh replayed, OUT: its output dir)
For each blocked commit: sha, subject, the files it changes; for each error finding, the line at the commit
with 2 lines of context (rename-leftover findings grouped per message, 3 locations shown)."""
import collections, json, subprocess, sys
repo, out, rules = sys.argv[1], sys.argv[2], set(sys.argv[3:])
def git(*a):
    return subprocess.run(["git", "-C", repo, *a], capture_output=True, text=True, errors="replace").stdout
for line in open(f"{out}/commits.jsonl"):
    rec = json.loads(line)
    errs = [e for e in rec["errors"] if not rules or e["rule"] in rules]
    if rec["exit"] != 1 or not errs:
        continue
    sha = rec["sha"]
    print("=" * 100)
    print(sha[:10], git("log", "-1", "--format=%s", sha).strip())
    print(git("diff", "--stat=120", rec["parent"], sha).rstrip().splitlines()[-1])
    groups = collections.defaultdict(list)
    for e in errs:
        key = (e["rule"], e["message"]) if e["rule"] == "rename-leftover" else (e["rule"], e["path"], e["line"], e["message"])
        groups[key].append(e)
    for key, es in groups.items():
        print(f"--- [{es[0]['rule']}] {es[0]['message']}  ({len(es)}x)")
        for e in es[:3]:
            text = git("show", f"{sha}:{e['path']}").splitlines()
            n = e["line"] or 1
            print(f"    {e['path']}:{n}")
            for i in range(max(1, n - 2), min(len(text), n + 2) + 1):
                print(f"    {'>' if i == n else ' '}{i:5} {text[i-1][:160]}")
