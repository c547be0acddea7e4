#!/usr/bin/env python3
"""Lists the renames behind the rename-leftover errors of a history.sh run: one row per (commit, OLD → NEW)
with the number of error findings, the files they are in, and the line the rename was inferred from.
   bench/history-renames.py REPO OUT"""
import collections, json, re, subprocess, sys
repo, out = sys.argv[1], sys.argv[2]
PAT = re.compile(r"rename (\S+) → (\S+) \(renamed at (.+):(\d+)\)")
def show(rev, path):
    return subprocess.run(["git", "-C", repo, "show", f"{rev}:{path}"], capture_output=True, text=True,
                          errors="replace").stdout.splitlines()
for line in open(f"{out}/commits.jsonl"):
    rec = json.loads(line)
    groups = collections.defaultdict(list)
    for e in rec["errors"]:
        if e["rule"] != "rename-leftover":
            continue
        m = PAT.search(e["message"])
        if m:
            groups[m.groups()].append(e)
    for (old, new, path, ln), es in groups.items():
        text = show(rec["sha"], path)
        src = text[int(ln) - 1].rstrip() if int(ln) <= len(text) else "?"
        hits = collections.Counter(e["message"].split("'")[1] for e in es)
        files = len({e["path"] for e in es})
        print(f"{rec['sha'][:10]}  {old} → {new}  {len(es)} errors in {files} files  @ {path}:{ln}: {src.strip()[:110]}")
        print(f"      hits: " + ", ".join(f"{h} {c}" for h, c in hits.most_common(6)))
