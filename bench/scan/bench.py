"""Runs glassbox, picklescan, modelscan and fickling on every corpus file (one process per file,
the way each tool is used in CI) and prints the table tool x files flagged x seconds.

"Flagged" means the tool's own "found" exit code (1 for all four). Errors are exit codes 2/3
(fickling also exits 1 on a crash, counted as flagged, as its CLI does). Timing is wall-clock
per process, summed; large files are timed the same way (the peers hold every opcode in memory).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

GLASSBOX, OUT = sys.argv[1], sys.argv[2]
CORPUS = os.path.join(OUT, "corpus")
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "900"))


def tools(tmp):
    return {
        "glassbox": lambda f: [GLASSBOX, "scan", "--format", "json", f],
        "picklescan": lambda f: ["picklescan", "-p", f],
        "modelscan": lambda f: ["modelscan", "-p", f, "-r", "json", "-o", os.path.join(tmp, "ms.json")],
        "fickling": lambda f: ["fickling", "--check-safety", "-p", f, "--json-output", os.path.join(tmp, "fk.json")],
    }


def run(cmd):
    t = time.perf_counter()
    try:
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=TIMEOUT)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        rc = "timeout"
    return rc, time.perf_counter() - t


def main():
    rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(OUT, "list.tsv"))]
    files = [(exp, case, os.path.join(CORPUS, path), path) for exp, case, path in rows]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, mk in tools(tmp).items():
            per = []
            for exp, case, full, rel in files:
                rc, dt = run(mk(full))
                per.append({"file": rel, "case": case, "expect": exp, "rc": rc, "seconds": round(dt, 3)})
            results[name] = per
            print(f"{name}: done", file=sys.stderr)
        # glassbox on the whole folder in one process (how it is meant to be run).
        rc, dt = run([GLASSBOX, "scan", "--format", "json", CORPUS])
        results["glassbox (one process, whole folder)"] = [{"file": "*", "rc": rc, "seconds": round(dt, 3)}]
    json.dump(results, open(os.path.join(OUT, "results.json"), "w"), indent=1)

    mal = [f for f in files if f[0] in ("Found", "FoundOrError")]
    ben = [f for f in files if f[0] == "Clean"]
    print(f"\ncorpus: {len(files)} files ({len(mal)} malicious, {len(ben)} benign, {len(files) - len(mal) - len(ben)} hostile-input)\n")
    print(f"| tool | malicious flagged (of {len(mal)}) | benign flagged (of {len(ben)}) | all files flagged | errors (2/3/timeout) | seconds (sum of per-file runs) | seconds on large files |")
    print("|---|---|---|---|---|---|---|")
    for name, per in results.items():
        if name.startswith("glassbox (one"):
            continue
        flagged = [r for r in per if r["rc"] == 1]
        print(
            f"| {name} | {sum(1 for r in flagged if r['expect'] in ('Found', 'FoundOrError'))} "
            f"| {sum(1 for r in flagged if r['expect'] == 'Clean')} | {len(flagged)} "
            f"| {sum(1 for r in per if r['rc'] in (2, 3, 'timeout'))} "
            f"| {sum(r['seconds'] for r in per):.2f} | {sum(r['seconds'] for r in per if r['file'].startswith('large/')):.2f} |"
        )
    g = results["glassbox (one process, whole folder)"][0]
    print(f"\nglassbox, one process over the whole folder: {g['seconds']:.2f} s (exit {g['rc']})")
    missed = {}
    for name, per in results.items():
        if name.startswith("glassbox (one"):
            continue
        missed[name] = [r["file"] for r in per if r["expect"] in ("Found", "FoundOrError") and r["rc"] != 1]
    for name, m in missed.items():
        print(f"\n{name} misses {len(m)}: {', '.join(m)}")
    gb = {r["file"]: r["rc"] for r in results["glassbox"]}
    for name, per in results.items():
        if name.startswith("glassbox"):
            continue
        extra = [r["file"] for r in per if r["rc"] == 1 and gb.get(r["file"]) != 1]
        print(f"\nflagged by {name} but not by glassbox ({len(extra)}): {', '.join(extra)}")
    print("\nper-file large:")
    for name, per in results.items():
        for r in per:
            if r["file"].startswith("large/"):
                print(f"  {name:11} {r['file']:32} rc={r['rc']} {r['seconds']:.2f} s")


main()
