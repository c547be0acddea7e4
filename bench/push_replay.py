#!/usr/bin/env python3
"""Replays real merged pull requests as the pushes that published them, and injects realistic push
mistakes from the same history; runs `belay hook pre-push` on each (stdlib only). See bench/push-replay.sh.

  push_replay.py BELAY MIRROR OUT [N] [INJECT]
  push_replay.py BELAY MIRROR OUT --other-bases [N]   PRs merged into long-lived branches other than the
                                                      default (see other_bases); OUT/other-bases.jsonl

MIRROR is a bare repository with full history (`refs/heads/*` for every branch, `refs/pull/N/head` for PRs).
A scratch clone (`git clone --shared --no-checkout`) under OUT is the "developer's" repository; for each
replayed push its `refs/remotes/*` are rewritten to what the remote held at the time:

  origin/<default> = the base at the time, origin/HEAD -> it, and every other branch of the mirror at its
  state at the push's time T (the newest commit of its first-parent chain not later than T, where T is the
  PR tip's committer date: the earliest moment the PR's last push can have happened). A branch whose
  state at T is an earlier state of the PR itself (an ancestor of the tip, not of the base) is left out: it
  is the PR's own branch, not another one.

Which pushes (`method` in summary.json):
  merge   (repos merging PRs with merge commits) each of the last N first-parent merges M of the default
          branch. "Merge pull request #K ..." (or any merge whose subject is not a branch merge-forward):
          the push of a new branch refs/heads/pr-K at M^2 with origin/<default> = M^1.
          "Merge branch 'X'" / "Merge remote-tracking branch ...": a maintainer's direct push of the
          default branch itself (old M^1, new M): a merge-forward of a maintenance branch.
  squash  (repos squash-merging): the last N first-parent commits S whose subject ends "(#K)" with a
          refs/pull/K/head H not already on S^1: the push of new branch refs/heads/pr-K at H with
          origin/<default> = merge-base(H, S^1).

Variants per replayed PR push: `human` (plain hook), `agent` (BELAY_SESSION=replay: push-size is an error,
agent rules on), `ci` (`belay check --range origin/<default>..origin/pr-K --no-checks --no-cache`, with
origin/pr-K = tip published, as a CI job with a full fetch sees it), `fork-stale` (the same push to remote
`fork`, upstream as origin/* as above, fork/<default> at the default branch's state 30 days before T and
fork/HEAD -> it: a contributor's fork) and, on the first INJECT PRs, `fork-unfetched` (the push to a remote
with no remote-tracking refs at all).

Maintenance pushes (`maint`, human and agent): for each branch whose name looks long-lived (LONG_LIVED) and
that moved in the two years before the default branch's tip, its last MAINT (default 5) first-parent
commits C, each as an update of that branch (old C^1, new C), with origin/<default> and the other branches
at C's committer time.

Injected mistakes, on the first INJECT replayed PR pushes (each "must catch"; `expect` is the rule):
  a merge-source  origin/pr-K published at the tip, then a merge (git merge-tree --write-tree; conflicts kept
                  as markers, the seed-003 shape) of another published branch: a long-lived one with commits
                  not on the base (release/stable/develop/...) if any, else a colleague's PR branch
                  (published as origin/feature/pr-J), then pushed as an update of pr-K
  b push-drift    origin/pr-K published, then `git reset --hard <that other branch>` + one commit, pushed
  c force-push    origin/<default> = the merge M, then a rewritten default branch (M amended: same tree,
                  parent M^1) pushed over it; judged as a person and as an agent (c-agent)
  d conflict-marker  origin/pr-K published, then a merge of the base whose tree is the tip's with one
                  added hunk of the PR's first changed text file left as a conflict block, pushed

Writes OUT/pushes.jsonl (one line per run: variant, kind pr/forward/maint, PR, tip, base, exit, ms,
diagnostics), OUT/summary.json (per kind/variant: pushes, blocked by rule, policy vs content-only blocks,
warnings, median/p95/max ms, runs over 1 s; per injection: caught/injected) and prints a one-line summary.
Environment: BELAY_TIMEOUT (seconds per run, 120), MAINT.
"""
import bisect, collections, json, os, re, shutil, subprocess, sys, time

TIMEOUT = int(os.environ.get("BELAY_TIMEOUT", "120"))
MAINT = int(os.environ.get("MAINT", "5"))
ZERO = "0" * 40
POLICY = {"merge-source", "push-drift", "push-size", "force-push"}
TEXT_EXT = re.compile(r"\.(py|go|rs|js|ts|mjs|cjs|tsx|jsx|vue|rb|swift|kt|java|kts|c|h|md|rst|txt|toml|yml|yaml|cfg|ini)$")
LONG_LIVED = re.compile(r"(^|/)(release|stable|develop|dev|next|minor|maint|maintenance|v?\d+(\.\d+)*(\.x|-stable)?|\d+-\d+-stable|[\w.-]*\.x)($|[/-])", re.I)


def git(repo, *args, check=True, inp=None, env=None):
    r = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, errors="replace", input=inp,
                       env=env)
    if check and r.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


def lines(s):
    return [l for l in s.split("\n") if l]


def clone(mirror, dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    subprocess.run(["git", "clone", "-q", "--shared", "--no-checkout", mirror, dest], check=True)
    for k, v in [("core.autocrlf", "false"), ("advice.detachedHead", "false"), ("core.hooksPath", "/dev/null"),
                 ("gc.auto", "0"), ("user.name", "replay"), ("user.email", "replay@example.invalid")]:
        git(dest, "config", k, v)
    return dest


def parse_reports(text):
    """Every JSON object belay printed (the hook writes its reports to stderr, between progress lines)."""
    dec, i, out = json.JSONDecoder(), 0, []
    while True:
        j = text.find("{", i)
        if j < 0:
            return out
        try:
            obj, end = dec.raw_decode(text, j)
            if isinstance(obj, dict) and "verdict" in obj:
                out.append(obj)
            i = end
        except ValueError:
            i = j + 1


class Replay:
    def __init__(self, belay, mirror, out):
        self.belay, self.mirror, self.out = belay, mirror, out
        self.work = clone(mirror, os.path.join(out, "clone"))
        self.default = git(mirror, "symbolic-ref", "--short", "HEAD").strip()
        heads = dict(l.split(" ", 1)[::-1] for l in lines(git(mirror, "for-each-ref", "--format=%(objectname) %(refname:lstrip=2)", "refs/heads/")))
        self.branches = {b: s for b, s in heads.items() if b != self.default}
        # Each other branch's first-parent chain, oldest first: (committer time, sha).
        self.chains = {}
        for b, s in self.branches.items():
            rows = [l.split() for l in lines(git(mirror, "log", "--first-parent", "--format=%ct %H", s))]
            rows.reverse()
            self.chains[b] = ([int(t) for t, _ in rows], [h for _, h in rows])
        self.pulls = {}
        for l in lines(git(mirror, "for-each-ref", "--format=%(objectname) %(refname)", "refs/pull/")):
            sha, ref = l.split(" ", 1)
            m = re.match(r"refs/pull/(\d+)/head$", ref)
            if m:
                self.pulls[int(m.group(1))] = sha
        # The local side: one branch at the default's tip (never pushed from), nothing else.
        for ref in lines(git(self.work, "for-each-ref", "--format=%(refname)", "refs/remotes/", "refs/heads/")):
            if ref != f"refs/heads/{self.default}":
                git(self.work, "update-ref", "-d", ref)
        self.remote_refs, self.heads = set(), set()
        rows = [l.split() for l in lines(git(mirror, "log", "--first-parent", "--format=%ct %H", self.default))]
        rows.reverse()
        self.chains[self.default] = ([int(t) for t, _ in rows], [h for _, h in rows])

    # -- the remote's state ------------------------------------------------------------------------------
    def at(self, branch, t):
        times, shas = self.chains[branch]
        i = bisect.bisect_right(times, t)
        return shas[i - 1] if i else None

    def set_remote(self, refs, heads=None):
        """refs: short name (origin/main, fork/main) -> sha; heads: remote -> its HEAD's branch (origin -> default)."""
        heads = {"origin": self.default} if heads is None else heads
        for remote in self.heads:
            git(self.work, "symbolic-ref", "-d", f"refs/remotes/{remote}/HEAD", check=False)
        cmds = [f"delete refs/remotes/{r}" for r in sorted(self.remote_refs)]
        if cmds:
            git(self.work, "update-ref", "--stdin", inp="\n".join(cmds) + "\n")
        cmds = [f"update refs/remotes/{n} {s}" for n, s in sorted(refs.items())]
        git(self.work, "update-ref", "--stdin", inp="\n".join(cmds) + "\n")
        for remote, branch in heads.items():
            git(self.work, "symbolic-ref", f"refs/remotes/{remote}/HEAD", f"refs/remotes/{remote}/{branch}")
        self.remote_refs, self.heads = set(refs), set(heads)

    def others_at(self, t, tip, base, drop_own=True, skip=None):
        """Other branches at time t, without earlier states of the PR itself."""
        own = set(lines(git(self.work, "rev-list", tip, f"^{base}"))) if drop_own else set()
        result, dropped = {}, []
        for b in self.branches:
            if b == skip:
                continue
            s = self.at(b, t)
            if s is None:
                continue
            if s in own:
                dropped.append(b)
                continue
            result[b] = s
        return result, dropped

    # -- running belay --------------------------------------------------------------------------------------
    def env(self, agent):
        e = {k: v for k, v in os.environ.items() if not k.startswith("BELAY_") and not k.startswith("GIT_")}
        e["GIT_CONFIG_NOSYSTEM"] = "1"
        if agent:
            e["BELAY_SESSION"] = "replay"
        return e

    def hook(self, local_ref, tip, remote_ref, old, agent=False, remote="origin"):
        line = f"{local_ref} {tip} {remote_ref} {old}\n"
        return self._run([self.belay, "hook", "pre-push", "--format", "json", remote, "/dev/null"], line, agent)

    def check_range(self, rng):
        return self._run([self.belay, "check", "--range", rng, "--no-checks", "--no-cache", "--format", "json"], "", False)

    def _run(self, argv, stdin, agent):
        t0 = time.time()
        try:
            r = subprocess.run(argv, cwd=self.work, input=stdin, capture_output=True, text=True, errors="replace",
                               timeout=TIMEOUT, env=self.env(agent))
            rc, out, err = r.returncode, r.stdout, r.stderr
        except subprocess.TimeoutExpired:
            rc, out, err = "timeout", "", "timeout"
        ms = int((time.time() - t0) * 1000)
        reports = parse_reports(out + "\n" + err)
        diags = [d for rep in reports for d in rep.get("diagnostics", [])]
        notes = [n for rep in reports for n in rep.get("notes", [])]
        slim = [{"rule": d.get("rule"), "severity": d.get("severity"), "message": d.get("message", "")[:400],
                 "path": (d.get("location") or {}).get("path") if isinstance(d.get("location"), dict) else d.get("path"),
                 "line": (d.get("location") or {}).get("line") if isinstance(d.get("location"), dict) else d.get("line")}
                for d in diags]
        extra = "" if reports or rc == 0 else (err.strip()[-600:])
        return {"exit": rc, "ms": ms, "diagnostics": slim, "notes": notes[:5], "stderr": extra}

    # -- objects for the injections ------------------------------------------------------------------------
    def commit(self, tree, parents, msg):
        args = ["commit-tree", tree] + [x for p in parents for x in ("-p", p)] + ["-m", msg]
        e = dict(os.environ, GIT_AUTHOR_DATE="@1700000000 +0000", GIT_COMMITTER_DATE="@1700000000 +0000")
        return git(self.work, *args, env=e).strip()

    def merge_tree(self, a, b):
        r = subprocess.run(["git", "-C", self.work, "merge-tree", "--write-tree", "--no-messages", a, b],
                           capture_output=True, text=True, errors="replace")
        if r.returncode not in (0, 1) or not r.stdout.strip():
            return None, False
        return r.stdout.split("\n")[0].strip(), r.returncode == 1

    def conflicted_tree(self, base, tip):
        """The tip's tree with one added hunk of the PR's first changed text file turned into a conflict block."""
        for l in lines(git(self.work, "diff", "--numstat", "--no-renames", f"{base}...{tip}", "--")):
            added, deleted, path = l.split("\t", 2)
            if added == "-" or int(added) == 0 or not TEXT_EXT.search(path) or "lock" in path:
                continue
            diff = git(self.work, "diff", "-U0", "--no-renames", f"{base}...{tip}", "--", path)
            m = re.search(r"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@.*\n((?:[-+].*\n|\\.*\n)*)", diff, re.M)
            if not m:
                continue
            start, count = int(m.group(2)), int(m.group(3) or 1)
            if count == 0:
                continue
            old = [x[1:] for x in m.group(4).split("\n") if x.startswith("-")]
            content = git(self.work, "cat-file", "blob", f"{tip}:{path}")
            rows = content.split("\n")
            new = rows[start - 1:start - 1 + count]
            block = ["<<<<<<< HEAD"] + new + ["======="] + old + [f">>>>>>> origin/{self.default}"]
            rows[start - 1:start - 1 + count] = block
            blob = git(self.work, "hash-object", "-w", "--stdin", inp="\n".join(rows)).strip()
            mode = git(self.work, "ls-tree", tip, "--", path).split(" ", 2)[0]
            index = os.path.join(self.out, "inject.index")
            e = dict(os.environ, GIT_INDEX_FILE=index)
            git(self.work, "read-tree", tip, env=e)
            git(self.work, "update-index", "--cacheinfo", f"{mode},{blob},{path}", env=e)
            tree = git(self.work, "write-tree", env=e).strip()
            os.remove(index)
            return tree, path, start
        return None, None, None


def merged_prs(r, n):
    """The pushes to replay, newest first, and the method."""
    fp = [l.split("\x1f") for l in lines(git(r.mirror, "log", "--first-parent", "--format=%H\x1f%P\x1f%ct\x1f%s", "-400", r.default))]
    merges = sum(1 for _, p, _, _ in fp if len(p.split()) > 1)
    items = []
    if merges >= 100:
        method = "merge"
        for h, p, ct, s in (l.split("\x1f") for l in lines(git(r.mirror, "log", "--first-parent", "--merges", "--format=%H\x1f%P\x1f%ct\x1f%s", "-3000", r.default))):
            if sum(1 for i in items if i["kind"] == "pr") >= n:
                break
            ps = p.split()
            if len(ps) != 2:
                continue
            pr = re.match(r"Merge pull request #(\d+)", s) or re.search(r"\(#(\d+)\)$", s)
            forward = not pr and re.match(r"Merge (remote-tracking )?branch '", s)
            items.append({"kind": "forward" if forward else "pr", "pr": int(pr.group(1)) if pr else None,
                          "merge": h, "base": ps[0], "tip": ps[1], "subject": s[:120]})
    else:
        method = "squash"
        for h, p, ct, s in (l.split("\x1f") for l in lines(git(r.mirror, "log", "--first-parent", "--no-merges", "--format=%H\x1f%P\x1f%ct\x1f%s", "-3000", r.default))):
            m = re.search(r"\(#(\d+)\)$", s)
            if not m or int(m.group(1)) not in r.pulls or not p:
                continue
            head = r.pulls[int(m.group(1))]
            parent = p.split()[0]
            if subprocess.run(["git", "-C", r.work, "merge-base", "--is-ancestor", head, parent]).returncode == 0:
                continue
            mb = git(r.work, "merge-base", head, parent, check=False).strip()
            if not mb:
                continue
            items.append({"kind": "pr", "pr": int(m.group(1)), "merge": h, "base": mb, "tip": head,
                          "subject": s[:120]})
            if len(items) >= n:
                break
    return method, items


def origin(d):
    return {f"origin/{b}": sha for b, sha in d.items()}


def main():
    belay, mirror, out = sys.argv[1], sys.argv[2], sys.argv[3]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    inject_n = int(sys.argv[5]) if len(sys.argv) > 5 else 25
    os.makedirs(out, exist_ok=True)
    r = Replay(belay, mirror, out)
    method, items = merged_prs(r, n)
    log = open(os.path.join(out, "pushes.jsonl"), "w")
    D = r.default
    rows = []

    def record(item, variant, res, **kw):
        row = {"variant": variant, "kind": item["kind"], "pr": item.get("pr"), "merge": item.get("merge"),
               "tip": item["tip"], "base": item["base"], "subject": item["subject"], **kw, **res}
        log.write(json.dumps(row) + "\n")
        log.flush()
        rows.append(row)
        return row

    # A colleague's PR branch for injections when no long-lived branch carries commits off the base:
    # for merge repos the PR merged before this one... is on the base, so the one merged next (open at the
    # time); for squash repos the next older PR's head (squashed, so its commits are on no branch).
    pr_items = [i for i in items if i["kind"] == "pr"]
    injected = 0
    for idx, item in enumerate(items):
        tip, base = item["tip"], item["base"]
        t = int(git(r.work, "log", "-1", "--format=%ct", tip).strip())
        others, dropped = r.others_at(t, tip, base, drop_own=item["kind"] == "pr")
        name = f"pr-{item['pr']}" if item["pr"] else f"merge-{idx}"
        ctx = {"dropped": dropped, "others": len(others)}
        if item["kind"] == "forward":
            # A maintainer's direct push of the default branch: old M^1, new M.
            r.set_remote({f"origin/{D}": base, **origin(others)})
            for agent in (False, True):
                res = r.hook(f"refs/heads/{D}", item["merge"], f"refs/heads/{D}", base, agent=agent)
                record(item, "agent" if agent else "human", res, **ctx)
            continue
        state = {f"origin/{D}": base, **origin(others)}
        r.set_remote(state)
        for agent in (False, True):
            res = r.hook(f"refs/heads/{name}", tip, f"refs/heads/{name}", ZERO, agent=agent)
            record(item, "agent" if agent else "human", res, **ctx)
        r.set_remote({**state, f"origin/{name}": tip})
        record(item, "ci", r.check_range(f"origin/{D}..origin/{name}"), **ctx)
        # From a fork: upstream is `origin` as above; the fork's default branch was synced 30 days before.
        stale = r.at(D, t - 30 * 86400) or base
        r.set_remote({**state, f"fork/{D}": stale}, {"origin": D, "fork": D})
        res = r.hook(f"refs/heads/{name}", tip, f"refs/heads/{name}", ZERO, remote="fork")
        record(item, "fork-stale", res, fork_base=stale, **ctx)
        if injected >= inject_n:
            continue
        injected += 1
        # ... and (on the first INJECT PRs) a fork remote added and pushed to, never fetched (no fork/* refs).
        r.set_remote(state)
        res = r.hook(f"refs/heads/{name}", tip, f"refs/heads/{name}", ZERO, remote="fork")
        record(item, "fork-unfetched", res, **ctx)
        # The other published branch: a long-lived one carrying commits off the base, else a colleague's PR.
        source, src_sha, extra = None, None, {}
        for b in sorted((b for b in others if LONG_LIVED.search(b)))[:12]:
            c = int(git(r.work, "rev-list", "--count", others[b], f"^{base}", f"^{tip}").strip() or 0)
            if c > 0:
                source, src_sha = b, others[b]
                break
        if source is None:
            k = pr_items.index(item)
            other = pr_items[k - 1] if method == "merge" and k > 0 else (pr_items[k + 1] if k + 1 < len(pr_items) else None)
            if other and other["tip"] != tip:
                c = int(git(r.work, "rev-list", "--count", other["tip"], f"^{base}", f"^{tip}").strip() or 0)
                if c > 0:
                    source, src_sha = f"feature/pr-{other['pr']}", other["tip"]
                    extra = {f"origin/{source}": src_sha}
        published = {**state, f"origin/{name}": tip, **extra}
        if source:
            foreign = int(git(r.work, "rev-list", "--count", src_sha, f"^{base}", f"^{tip}").strip())
            tree, conflicted = r.merge_tree(tip, src_sha)
            if tree:
                m = r.commit(tree, [tip, src_sha], f"Merge origin/{source} into {name}")
                r.set_remote(published)
                res = r.hook(f"refs/heads/{name}", m, f"refs/heads/{name}", tip)
                record(item, "inject-a", res, expect="merge-source", source=source, foreign=foreign,
                       conflicted=conflicted)
            wip = r.commit(git(r.work, "rev-parse", f"{src_sha}^{{tree}}").strip(), [src_sha], "wip")
            r.set_remote(published)
            res = r.hook(f"refs/heads/{name}", wip, f"refs/heads/{name}", tip)
            record(item, "inject-b", res, expect="push-drift", source=source, foreign=foreign)
        # c: a rewritten default branch over the merge.
        merge = item["merge"]
        amended = r.commit(git(r.work, "rev-parse", f"{merge}^{{tree}}").strip(),
                           [git(r.work, "rev-parse", f"{merge}^1").strip()], "amended")
        r.set_remote({f"origin/{D}": merge, **origin(others)})
        for agent in (False, True):
            res = r.hook(f"refs/heads/{D}", amended, f"refs/heads/{D}", merge, agent=agent)
            record(item, "inject-c-agent" if agent else "inject-c", res, expect="force-push")
        # d: a merge of the base with a conflict block left in.
        tree, path, line = r.conflicted_tree(base, tip)
        if tree:
            m = r.commit(tree, [tip, base], f"Merge origin/{D} into {name}")
            r.set_remote({**state, f"origin/{name}": tip})
            res = r.hook(f"refs/heads/{name}", m, f"refs/heads/{name}", tip)
            record(item, "inject-d", res, expect="conflict-marker", path=path, line=line)

    # Maintenance branches: the last MAINT first-parent commits of each long-lived branch active in the
    # two years before the default branch's tip, each as a push of that branch (old C^1, new C).
    newest = r.chains[D][0][-1]
    for b in sorted(r.branches):
        if not LONG_LIVED.search(b):
            continue
        times, shas = r.chains[b]
        if not times or times[-1] < newest - 2 * 365 * 86400:
            continue
        for i in range(len(shas) - 1, max(0, len(shas) - 1 - MAINT), -1):
            c, parent, t = shas[i], shas[i - 1], times[i]
            subject = git(r.work, "log", "-1", "--format=%s", c).strip()[:120]
            # The parent on the branch's chain is what the remote branch held; the default branch and the
            # others at the commit's time.
            others, _ = r.others_at(t, c, parent, drop_own=False, skip=b)
            at_d = r.at(D, t)
            if at_d is None:
                continue
            r.set_remote({f"origin/{D}": at_d, **origin(others), f"origin/{b}": parent})
            item = {"kind": "maint", "pr": None, "merge": c, "tip": c, "base": at_d, "subject": f"{b}: {subject}"}
            for agent in (False, True):
                res = r.hook(f"refs/heads/{b}", c, f"refs/heads/{b}", parent, agent=agent)
                record(item, "agent" if agent else "human", res, branch=b,
                       merge_commit=len(git(r.work, "log", "-1", "--format=%P", c).split()) > 1)
    log.close()
    summarize(out, os.path.basename(os.path.dirname(mirror.rstrip("/"))) if mirror.rstrip("/").endswith("/repo") else os.path.basename(mirror), method, rows, D)


def other_bases(belay, mirror, out, n):
    """PRs merged into a long-lived branch other than the default (vue's `minor`, a gitflow `develop`):
    squash commits "(#K)" on that branch's first-parent chain whose PR head grew from the branch's own line
    (its merge-base with the branch is not on the default branch), pushed as new branches with
    origin/<default> and origin/<branch> at the time (origin/HEAD -> the default, as a clone has it)."""
    r = Replay(belay, mirror, os.path.join(out, "other-bases"))
    D = r.default
    newest = r.chains[D][0][-1]
    log = open(os.path.join(out, "other-bases.jsonl"), "w")
    total = collections.Counter()
    for b in sorted(r.branches):
        times, _ = r.chains[b]
        if not LONG_LIVED.search(b) or not times or times[-1] < newest - 60 * 86400:
            continue
        done = 0
        for h, p, subj in (l.split("\x1f") for l in lines(git(r.mirror, "log", "--first-parent", "--no-merges", "--format=%H\x1f%P\x1f%s", "-1000", b, f"^{D}"))):
            m = re.search(r"\(#(\d+)\)$", subj)
            if not m or int(m.group(1)) not in r.pulls or not p:
                continue
            head, parent = r.pulls[int(m.group(1))], p.split()[0]
            if subprocess.run(["git", "-C", r.work, "merge-base", "--is-ancestor", head, parent]).returncode == 0:
                continue
            mb = git(r.work, "merge-base", head, parent, check=False).strip()
            if not mb or subprocess.run(["git", "-C", r.work, "merge-base", "--is-ancestor", mb, f"refs/heads/{D}"]).returncode == 0:
                continue
            t = int(git(r.work, "log", "-1", "--format=%ct", head).strip())
            others, _ = r.others_at(t, head, mb, skip=b)
            at_d = r.at(D, t)
            if at_d is None:
                continue
            r.set_remote({f"origin/{D}": at_d, f"origin/{b}": mb, **origin(others)})
            res = r.hook(f"refs/heads/pr-{m.group(1)}", head, f"refs/heads/pr-{m.group(1)}", ZERO)
            errs = sorted({d["rule"] for d in res["diagnostics"] if d["severity"] == "error"})
            log.write(json.dumps({"variant": "other-base", "branch": b, "pr": int(m.group(1)), "tip": head,
                                  "base": mb, "subject": subj[:120], **res}) + "\n")
            total[(b, tuple(errs))] += 1
            done += 1
            if done >= n:
                break
    log.close()
    shutil.rmtree(r.work, ignore_errors=True)
    print(f"{os.path.basename(out)} other-base PR pushes: " + ", ".join(f"{b} {list(e) or 'pass'}: {c}" for (b, e), c in sorted(total.items())), flush=True)


def pct(xs, p):
    if not xs:
        return 0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def summarize(out, name, method, rows, default):
    s = {"repo": name, "method": method, "default": default, "variants": {}, "injections": {}}
    groups = [("pr", v) for v in ("human", "agent", "ci", "fork-stale", "fork-unfetched")] + \
             [(k, v) for k in ("forward", "maint") for v in ("human", "agent")]
    for kind, v in groups:
        vr = [x for x in rows if x["variant"] == v and x["kind"] == kind]
        blocked = [x for x in vr if x["exit"] != 0]
        by_err, by_warn = collections.Counter(), collections.Counter()
        for x in vr:
            for d in x["diagnostics"]:
                (by_err if d["severity"] == "error" else by_warn)[d["rule"]] += 1
        ms = [x["ms"] for x in vr]
        policy = [x for x in blocked if any(d["rule"] in POLICY and d["severity"] == "error" for d in x["diagnostics"])]
        s["variants"][f"{kind}/{v}"] = {
            "pushes": len(vr), "passed": len(vr) - len(blocked), "blocked": len(blocked),
            "blocked_policy": len(policy), "blocked_content_only": len(blocked) - len(policy),
            "blocked_by": dict(collections.Counter(d["rule"] for x in blocked for d in {(d["rule"], d["severity"]): d for d in x["diagnostics"]}.values() if d["severity"] == "error")),
            "warned_by": dict(collections.Counter(d["rule"] for x in vr for d in {(d["rule"], d["severity"]): d for d in x["diagnostics"]}.values() if d["severity"] != "error")),
            "abnormal": sum(1 for x in vr if x["exit"] not in (0, 1)),
            "ms_median": pct(ms, 50), "ms_p95": pct(ms, 95), "ms_max": max(ms or [0]),
            "slow": [(x.get("pr"), x["ms"]) for x in vr if x["ms"] > 1000],
        }
    for v in ("inject-a", "inject-b", "inject-c", "inject-c-agent", "inject-d"):
        vr = [x for x in rows if x["variant"] == v]
        caught = [x for x in vr if x["exit"] == 1 and any(d["rule"] == x["expect"] and d["severity"] == "error" for d in x["diagnostics"])]
        s["injections"][v] = {"injected": len(vr), "caught": len(caught),
                              "missed": [(x.get("pr"), [d["rule"] for d in x["diagnostics"]]) for x in vr if x not in caught][:10]}
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(s, f, indent=1)
    parts = []
    for key, v in s["variants"].items():
        if v["pushes"]:
            parts.append(f"{key} {v['pushes']}: {v['blocked']} blocked ({v['blocked_policy']} policy) {v['blocked_by']}"
                         f"{' warn ' + str(v['warned_by']) if v['warned_by'] else ''} ms {v['ms_median']}/{v['ms_p95']}/{v['ms_max']}")
    inj = " ".join(f"{k[7:]}:{v['caught']}/{v['injected']}" for k, v in s["injections"].items())
    print(f"{name} [{method}, {default}] " + "; ".join(parts) + f"; inject {inj}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 4 and sys.argv[4] == "--other-bases":
        other_bases(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[5]) if len(sys.argv) > 5 else 20)
    else:
        main()
