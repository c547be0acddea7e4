#!/usr/bin/env python3
"""The tables of bench/push-replay-results.md from bench/push-replay.sh's output (stdlib only).

  bench/push-replay-table.py [OUT]        OUT defaults to bench/work/push-replay
  bench/push-replay-table.py OUT --blocks  every blocked push of the real-history variants, for reading by hand
"""
import json, os, sys

POLICY = {"merge-source", "push-drift", "push-size", "force-push"}
out = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "work", "push-replay")
repos = sorted(d for d in os.listdir(out) if os.path.exists(os.path.join(out, d, "summary.json")))


def fmt(d):
    return ", ".join(f"{k} {v}" for k, v in sorted(d.items(), key=lambda kv: -kv[1])) or "–"


if "--blocks" in sys.argv:
    for repo in repos:
        for l in open(os.path.join(out, repo, "pushes.jsonl")):
            x = json.loads(l)
            if x["variant"].startswith("inject") or x["exit"] == 0:
                continue
            errs = [d for d in x["diagnostics"] if d["severity"] == "error"]
            if x["variant"] == "agent" and not any(d["rule"] in POLICY for d in errs):
                continue
            seen = set()
            for d in errs:
                key = (d["rule"], d["message"][:80])
                if key in seen:
                    continue
                seen.add(key)
                print(f"{repo}\t{x['kind']}/{x['variant']}\tPR {x['pr']}\t{x['tip'][:10]}\t{x['base'][:10]}\t"
                      f"{d['rule']}\t{d.get('path') or ''}:{d.get('line') or ''}\t{d['message'][:200]}\t{x['subject'][:70]}")
    sys.exit(0)

rows = []
print("| repo | method | default | PR pushes | blocked (policy / content) | by rule | warnings | ms median / p95 / max |"
      " agent: blocked by policy (rule) / content only | CI range: blocked | fork, main 30 d stale: blocked | fork, unfetched: blocked |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for repo in repos:
    s = json.load(open(os.path.join(out, repo, "summary.json")))
    v = s["variants"]
    h, a, c, fs, fu = (v[f"pr/{k}"] for k in ("human", "agent", "ci", "fork-stale", "fork-unfetched"))
    ap = {k: n for k, n in a["blocked_by"].items() if k in POLICY}
    print(f"| {repo} | {s['method']} | {s['default']} | {h['pushes']} | {h['blocked']} ({h['blocked_policy']} / "
          f"{h['blocked_content_only']}) | {fmt(h['blocked_by'])} | {fmt(h['warned_by'])} | "
          f"{h['ms_median']} / {h['ms_p95']} / {h['ms_max']} | {a['blocked_policy']} ({fmt(ap)}) / "
          f"{a['blocked_content_only']} | {c['blocked']} ({fmt(c['blocked_by'])}) | {fs['blocked']}/{fs['pushes']} "
          f"({fmt({k: n for k, n in fs['blocked_by'].items() if k in POLICY})}) | {fu['blocked']}/{fu['pushes']} |")
print()
print("| repo | default-branch merge-forward pushes: blocked / agent blocked (policy) | maintenance-branch pushes: blocked (rule) | warnings | agent blocked by policy (rule) | ms median / max |")
print("|---|---|---|---|---|---|")
for repo in repos:
    s = json.load(open(os.path.join(out, repo, "summary.json")))
    v = s["variants"]
    f, fa, m, ma = v["forward/human"], v["forward/agent"], v["maint/human"], v["maint/agent"]
    if not f["pushes"] and not m["pushes"]:
        continue
    map_ = {k: n for k, n in ma["blocked_by"].items() if k in POLICY}
    print(f"| {repo} | {f['pushes']}: {f['blocked']} / {fa['blocked_policy']} | {m['pushes']}: {m['blocked']} "
          f"({fmt(m['blocked_by'])}) | {fmt(m['warned_by'])} | {ma['blocked_policy']} ({fmt(map_)}) | "
          f"{m['ms_median']} / {m['ms_max']} |")
print()
print("| repo | a merge-source | b push-drift | c force-push (person) | c force-push (agent) | d conflict-marker |")
print("|---|---|---|---|---|---|")
tot = {}
for repo in repos:
    s = json.load(open(os.path.join(out, repo, "summary.json")))
    cells = []
    for k in ("inject-a", "inject-b", "inject-c", "inject-c-agent", "inject-d"):
        i = s["injections"][k]
        t = tot.setdefault(k, [0, 0])
        t[0] += i["caught"]
        t[1] += i["injected"]
        cells.append(f"{i['caught']}/{i['injected']}")
    print(f"| {repo} | " + " | ".join(cells) + " |")
print("| **all** | " + " | ".join(f"**{tot[k][0]}/{tot[k][1]}**" for k in
                                   ("inject-a", "inject-b", "inject-c", "inject-c-agent", "inject-d")) + " |")
