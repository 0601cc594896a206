#!/usr/bin/env python3
"""Compares glassbox and ScanCode results from run.sh with the expected answers.

usage: compare.py expected.tsv OUT_DIR

A glassbox answer is right when its id is the expected one (and, for the verbatim texts, it
is not flagged modified; for the modified copies, it is). A ScanCode answer is right when the
license keys of `detected_license_expression` are exactly the expected key; for the modified
copies it must also signal the change (a match below 100 or license text below 100 %).
Files whose license has no ScanCode key count as ScanCode misses.
"""
import json
import os
import re
import statistics
import sys


def load_expected(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        file, gid, sckey, ai = line.rstrip("\n").split("\t")
        rows.append(dict(file=file, flat=file.replace("/", "__"), gid=gid, sckey=None if sckey == "-" else sckey, ai=ai == "1"))
    return rows


def glassbox(path):
    return {os.path.basename(o["file"]): o for o in json.load(open(path, encoding="utf-8"))}


def scancode(path):
    out = {}
    for f in json.load(open(path, encoding="utf-8"))["files"]:
        if f.get("type") != "file":
            continue
        expr = f.get("detected_license_expression") or ""
        keys = {k for k in re.split(r"[\s()]+", expr) if k and k.upper() not in ("AND", "OR", "WITH")}
        scores = [m.get("score", 0) for d in f.get("license_detections", []) for m in d.get("matches", [])]
        pct = f.get("percentage_of_license_text") or 0
        changed = bool(scores) and (min(scores) < 100 or pct < 100)
        out[os.path.basename(f["path"])] = dict(expr=expr or "-", keys=keys, changed=changed)
    return out


def seconds(out, name):
    try:
        return float(open(os.path.join(out, name + ".time")).read())
    except OSError:
        return float("nan")


def main():
    expected = load_expected(sys.argv[1])
    out = sys.argv[2]
    g_shared = glassbox(os.path.join(out, "glassbox-shared.json"))
    g_mod = glassbox(os.path.join(out, "glassbox-modified.json"))
    s_shared = scancode(os.path.join(out, "scancode-shared.json"))
    s_mod = scancode(os.path.join(out, "scancode-modified.json"))

    score = {k: 0 for k in ("g", "s", "g_ai", "s_ai", "g_mod", "s_mod", "g_mod_ai", "s_mod_ai", "s_keyed", "g_keyed", "n_keyed")}
    n_ai = sum(r["ai"] for r in expected)
    print("| file | expected | glassbox | ScanCode | glassbox (modified copy) | ScanCode (modified copy) |")
    print("|---|---|---|---|---|---|")
    for r in expected:
        g = g_shared.get(r["flat"], {})
        s = s_shared.get(r["flat"], dict(expr="-", keys=set(), changed=False))
        gm = g_mod.get(r["flat"], {})
        sm = s_mod.get(r["flat"], dict(expr="-", keys=set(), changed=False))
        g_ok = g.get("id") == r["gid"] and not g.get("modified")
        s_ok = r["sckey"] is not None and s["keys"] == {r["sckey"]}
        gm_ok = gm.get("id") == r["gid"] and bool(gm.get("modified"))
        sm_ok = r["sckey"] is not None and sm["keys"] == {r["sckey"]} and sm["changed"]
        for key, ok in (("g", g_ok), ("s", s_ok), ("g_mod", gm_ok), ("s_mod", sm_ok)):
            score[key] += ok
            if r["ai"]:
                score[key.replace("_mod", "") + ("_mod_ai" if "mod" in key else "_ai")] += ok
        if r["sckey"] is not None:
            score["n_keyed"] += 1
            score["s_keyed"] += s_ok
            score["g_keyed"] += g_ok
        mark = lambda ok: "✓" if ok else "✗"
        print(f"| {r['file']} | {r['gid']} / {r['sckey'] or '—'} | {mark(g_ok)} {g.get('id')} | {mark(s_ok)} {s['expr']} | "
              f"{mark(gm_ok)} {gm.get('id')}{' modified' if gm.get('modified') else ''} | {mark(sm_ok)} {sm['expr']}{' changed' if sm['changed'] else ''} |")
    n = len(expected)
    runs = [seconds(out, f"glassbox-1000-run{i}") for i in (1, 2, 3)]
    n_corpus = len(json.load(open(os.path.join(out, "glassbox-1000.json"), encoding="utf-8")))
    print()
    print(f"ScanCode: {open(os.path.join(out, 'scancode.version')).read().strip()}")
    print(f"Speed, {n_corpus} license files, glassbox license identify: runs {', '.join(f'{t:.2f}' for t in runs)} s (median {statistics.median(runs):.2f} s)")
    gs, ss = seconds(out, "glassbox-shared"), seconds(out, "scancode-shared")
    gm, sm = seconds(out, "glassbox-modified"), seconds(out, "scancode-modified")
    print(f"Shared texts ({n} files): glassbox {gs:.2f} s, ScanCode {ss:.2f} s (index already loaded once: warm-up {seconds(out, 'scancode-warmup'):.2f} s), ratio {ss / gs:.0f}x")
    print(f"Modified copies ({n} files): glassbox {gm:.2f} s, ScanCode {sm:.2f} s, ratio {sm / gm:.0f}x")
    print(f"Accuracy, verbatim texts: glassbox {score['g']}/{n}, ScanCode {score['s']}/{n}; AI licenses: glassbox {score['g_ai']}/{n_ai}, ScanCode {score['s_ai']}/{n_ai}")
    print(f"  only files whose license has a ScanCode key ({score['n_keyed']}): glassbox {score['g_keyed']}, ScanCode {score['s_keyed']}")
    print(f"Accuracy, modified copies (right license and change flagged): glassbox {score['g_mod']}/{n}, ScanCode {score['s_mod']}/{n}; AI licenses: glassbox {score['g_mod_ai']}/{n_ai}, ScanCode {score['s_mod_ai']}/{n_ai}")


if __name__ == "__main__":
    main()
