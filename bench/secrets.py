#!/usr/bin/env python3
"""Benchmark of belay's secret rules next to detect-secrets (see bench/secrets.sh for the usage).

recall:  tokens of every shape in rules/secrets.json, generated here from the table (an independent
         generator: its own CRC32 checksums), injected one per copy of a real source file from the
         mirrors; a shape is found when the tool reports the injected line. Findings on any other line
         of those real files are false alarms.
tree:    both tools over the whole HEAD tree of each mirror: every finding is a candidate false alarm
         (popular projects hold no live credentials; fake fixtures count against both tools alike).
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def table():
    text = open(os.path.join(ROOT, "rules", "secrets.json")).read()
    text = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("//"))
    return json.loads(text)


def chars(spec):
    out, i = [], 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out += [chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1)]
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return out


def segment(rng, seg):
    if "literal" in seg:
        return seg["literal"]
    low = seg.get("length", seg.get("min", 1))
    high = seg.get("length", seg.get("max", low))
    n = rng.randint(low, min(high, max(low, 64)))
    alphabet = chars(seg["chars"])
    return "".join(rng.choice(alphabet) for _ in range(n))


def generate(shape, rng):
    kind = shape.get("kind")
    if kind == "pem":
        b64 = chars("A-Za-z0-9+/")
        lines = ["".join(rng.choice(b64) for _ in range(64)) for _ in range(rng.randint(5, 20))]
        return "-----BEGIN PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END PRIVATE KEY-----"
    if kind == "url-password":
        password = "".join(rng.choice(chars("A-Za-z0-9")) for _ in range(rng.randint(10, 24)))
        scheme = rng.choice(["postgres", "mysql", "mongodb+srv", "redis", "amqps"])
        return f"{scheme}://svc_{rng.randint(1, 99)}:{password}@db{rng.randint(1, 9)}.prod.acme-corp.io:5432/app"
    before = "".join(segment(rng, s) for s in shape.get("before", []))
    if shape["id"] == "aws-secret-access-key":
        after = rng.choice([" = ", "=", ": ", '": "']) + segment(rng, shape["after"][1])
    else:
        after = "".join(segment(rng, s) for s in shape.get("after", []))
    if shape.get("checksum") == "crc32-base62":
        body = after[:-6]
        crc, digits = zlib.crc32(body.encode()), ""
        for _ in range(6):
            digits = BASE62[crc % 62] + digits
            crc //= 62
        after = body + digits
    return before + rng.choice(shape["anchors"]) + after


def corpus_files(mirrors, per_repo=4):
    """A few real source files from each mirror: (name, text)."""
    files = []
    for mirror in mirrors:
        listing = subprocess.run(["git", "-C", mirror, "ls-tree", "-r", "--name-only", "HEAD"], capture_output=True,
                                 text=True).stdout.split("\n")
        picks = [p for p in listing if re.search(r"\.(py|js|ts|go|rb|java|kt|swift|rs|yml|yaml|json)$", p)
                 and "test" not in p.lower() and "vendor" not in p][:200]
        random.Random(mirror).shuffle(picks)
        taken = 0
        for path in picks:
            blob = subprocess.run(["git", "-C", mirror, "show", f"HEAD:{path}"], capture_output=True).stdout
            if 20 < blob.count(b"\n") < 2000 and b"\0" not in blob:
                files.append((os.path.basename(mirror.rstrip("/").replace("/repo", "")) + "_" + path.replace("/", "_"),
                              blob.decode("utf-8", "replace")))
                taken += 1
            if taken >= per_repo:
                break
    return files


def git(directory, *args):
    subprocess.run(["git", "-C", directory, *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@x.invalid",
                        "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@x.invalid"})


def run_belay(belay, directory, scope):
    start = time.time()
    out = subprocess.run([belay, "check", scope, "--no-checks", "--no-cache", "--format", "json", "--only",
                          "secret-token", "secret-file"], cwd=directory, capture_output=True, text=True)
    elapsed = time.time() - start
    report = json.loads(out.stdout) if out.stdout.strip() else {"diagnostics": []}
    return [(d["path"], d.get("line"), d["severity"], d["message"]) for d in report["diagnostics"]], elapsed


def run_detect_secrets(directory):
    start = time.time()
    out = subprocess.run(["detect-secrets", "scan", "--all-files"], cwd=directory, capture_output=True, text=True)
    elapsed = time.time() - start
    results = json.loads(out.stdout)["results"] if out.stdout.strip() else {}
    return [(path, r["line_number"], r["type"]) for path, rs in results.items() for r in rs], elapsed


def recall(belay, mirrors, variants):
    spec = table()
    rng = random.Random(11)
    files = corpus_files(mirrors)
    with tempfile.TemporaryDirectory() as work:
        git(work, "init", "-q")
        git(work, "commit", "-q", "--allow-empty", "-m", "base")
        expected = {}
        index = 0
        for shape in spec["shapes"]:
            for variant in range(variants):
                name, text = files[index % len(files)]
                index += 1
                lines = text.split("\n")
                at = rng.randint(1, max(1, len(lines) - 1))
                token = generate(shape, rng)
                lines.insert(at, f'    credential = "{token}"' if "\n" not in token else f"    credential = '''{token}'''")
                path = f"inject/{shape['id']}/{variant}_{name}"
                os.makedirs(os.path.join(work, os.path.dirname(path)), exist_ok=True)
                open(os.path.join(work, path), "w").write("\n".join(lines))
                expected[path] = (shape["id"], at + 1)
        git(work, "add", "-A")
        found, belay_ms = run_belay(belay, work, "--staged")
        git(work, "commit", "-q", "-m", "injected")
        detected, ds_ms = run_detect_secrets(work)
    per_shape = {}
    for path, (shape, line) in expected.items():
        b = any(p == path and l == line for p, l, _, _ in found)
        d = any(p == path and l == line for p, l, _ in detected)
        entry = per_shape.setdefault(shape, [0, 0, 0])
        entry[0] += 1
        entry[1] += b
        entry[2] += d
    belay_false = [f for f in found if expected.get(f[0], (None, -1))[1] != f[1]]
    ds_false = [f for f in detected if expected.get(f[0], (None, -1))[1] != f[1]]
    return per_shape, belay_false, ds_false, belay_ms, ds_ms, len(expected)


def tree(belay, mirror):
    with tempfile.TemporaryDirectory() as work:
        archive = subprocess.run(["git", "-C", mirror, "archive", "HEAD"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", work], input=archive, check=True)
        git(work, "init", "-q")
        git(work, "add", "-A")
        git(work, "commit", "-q", "-m", "tree")
        files = len(subprocess.run(["git", "-C", work, "ls-files"], capture_output=True, text=True).stdout.split())
        found, belay_s = run_belay(belay, work, "--all")
        detected, ds_s = run_detect_secrets(work)
    return files, found, belay_s, detected, ds_s


def speed(belay, mirrors):
    """150 real files, 12,000 added lines, staged: the secret rules alone and every rule, best of 5."""
    files = corpus_files(mirrors, per_repo=40)
    with tempfile.TemporaryDirectory() as work:
        git(work, "init", "-q")
        git(work, "commit", "-q", "--allow-empty", "-m", "base")
        total = 0
        for index, (name, text) in enumerate(files[:150]):
            lines = text.split("\n")[: max(1, (12000 - total) // max(1, 150 - index))]
            total += len(lines)
            open(os.path.join(work, f"{index}_{name}"), "w").write("\n".join(lines) + "\n")
        git(work, "add", "-A")
        timings = {}
        for label, only in [("baseline: one trivial rule (final-newline), i.e. process, git and I/O", ["--only", "final-newline"]),
                            ("secret rules", ["--only", "secret-token", "secret-file"]), ("every rule", [])]:
            best = None
            for _ in range(5):
                start = time.time()
                subprocess.run([belay, "check", "--no-checks", "--no-cache", "--format", "json", *only], cwd=work,
                               capture_output=True)
                best = min(best or 1e9, time.time() - start)
            timings[label] = best
        return min(150, len(files)), total, timings


def main():
    belay, out = sys.argv[1], sys.argv[2]
    mirrors = sys.argv[3:]
    variants = int(os.environ.get("VARIANTS", "5"))
    lines = []
    per_shape, belay_false, ds_false, belay_s, ds_s, total = recall(belay, mirrors, variants)
    b_total = sum(v[1] for v in per_shape.values())
    d_total = sum(v[2] for v in per_shape.values())
    lines.append(f"## Recall: {total} generated tokens ({variants} per shape) injected into real files\n")
    lines.append(f"belay {b_total}/{total} ({100 * b_total / total:.1f}%), {belay_s * 1000:.0f} ms; "
                 f"detect-secrets {d_total}/{total} ({100 * d_total / total:.1f}%), {ds_s * 1000:.0f} ms\n")
    lines.append(f"False alarms on the real lines of those files: belay {len(belay_false)}, "
                 f"detect-secrets {len(ds_false)}\n")
    lines.append("| shape | belay | detect-secrets |\n|---|---|---|")
    for shape, (n, b, d) in per_shape.items():
        lines.append(f"| `{shape}` | {b}/{n} | {d}/{n} |")
    for f in belay_false:
        lines.append(f"\nbelay false alarm: {f}")
    count, added, timings = speed(belay, mirrors)
    lines.append(f"\n## Speed: {count} staged files, {added} added lines, whole `belay check --no-checks` process, best of 5\n")
    for label, seconds in timings.items():
        lines.append(f"- {label}: {seconds * 1000:.0f} ms")
    lines.append("\n## Whole HEAD trees: every finding is a candidate false alarm\n")
    lines.append("| repository | files | belay errors | belay warnings | belay s | detect-secrets findings | detect-secrets s |")
    lines.append("|---|---|---|---|---|---|---|")
    details = []
    for mirror in mirrors:
        name = os.path.basename(os.path.dirname(mirror.rstrip("/")))
        files, found, b_s, detected, d_s = tree(belay, mirror)
        errors = [f for f in found if f[2] == "error"]
        warnings = [f for f in found if f[2] == "warning"]
        lines.append(f"| {name} | {files} | {len(errors)} | {len(warnings)} | {b_s:.2f} | {len(detected)} | {d_s:.2f} |")
        details += [f"- {name}: {f[0]}:{f[1]} {f[2]} {f[3]}" for f in found]
    lines.append("\nbelay findings on the trees (to review):\n")
    lines += details or ["- none"]
    text = "\n".join(lines) + "\n"
    open(os.path.join(out, "secrets-results.md"), "w").write(text)
    print(text)


if __name__ == "__main__":
    main()
