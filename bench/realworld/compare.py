#!/usr/bin/env python3
"""Compares glassbox audits of the real-world development set with its labels.

usage: compare.py LABELS OUT_DIR RESULTS_TSV GLASSBOX_BIN

OUT_DIR holds, per repository OWNER+NAME, the files run.sh wrote: `.json` (the report),
`.err` (stderr), `.rc` (exit code) or `.missing` (no snapshot). Prints one line per repository
and the totals; writes the per-repository results to RESULTS_TSV. Standard library only.
"""

import csv
import json
import os
import subprocess
import sys

WEIGHTS = "Model parameters (Final)"


def read_labels(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [r for r in rows if r.get("repository")]


def slurp(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return None


class Resolver:
    """Label license ids resolved through `glassbox license show`, so aliases compare equal."""

    def __init__(self, binary):
        self.binary = binary
        self.cache = {}

    def resolve(self, ident):
        """The id glassbox knows the label's id by (the id itself when unknown)."""
        return self.lookup(ident)[0]

    def tier(self, ident):
        """The tier glassbox gives the label's license, or None when unknown."""
        return self.lookup(ident)[1]

    def lookup(self, ident):
        key = ident.lower()
        if key not in self.cache:
            resolved = (ident, None)
            try:
                out = subprocess.run(
                    [self.binary, "license", "show", ident, "--format", "json"],
                    capture_output=True,
                    text=True,
                    timeout=60,
                )
                if out.returncode == 0:
                    d = json.loads(out.stdout)
                    resolved = (d.get("id") or ident, d.get("tier"))
            except (OSError, ValueError, subprocess.TimeoutExpired):
                pass
            self.cache[key] = resolved
        return self.cache[key]


def weights_license(report):
    """(shown, id, tier, modified) of the final weights' license; id None when there is none.

    glassbox marks a known license whose text departs from the standard one as "(modified)"
    and grades the text itself: it is then not the label's license."""
    for c in report.get("components", []):
        if c.get("component") == WEIGHTS:
            lic = c.get("license")
            return shown_license(lic) if lic else ("-", None, None, False)
    return ("-", None, None, False)


def name_tokens(name):
    """A model name as glassbox compares it (licenses/models.rs `tokens`): lower case, split at
    non-alphanumerics and at letter/digit boundaries; the organisation dropped."""
    name = name.rsplit("/", 1)[-1].lower()
    out, cur, last = [], "", None
    for ch in name:
        if not ch.isalnum():
            if cur:
                out.append(cur)
            cur, last = "", None
            continue
        digit = ch.isdigit()
        if last is not None and last != digit and cur:
            out.append(cur)
            cur = ""
        cur += ch
        last = digit
    if cur:
        out.append(cur)
    return out


def shown_license(lic):
    """(shown, id, tier, modified) of one license object of the report."""
    if not lic:
        return ("none", None, None, False)
    ident = lic.get("id") or lic.get("name") or "?"
    tier = lic.get("tier")
    modified = "(modified" in (lic.get("name") or "")
    shown = ident
    if modified or (tier and tier not in ("P", "O")):
        shown = f"{ident} ({'modified, ' if modified else ''}tier {tier})"
    return (shown, ident, tier, modified)


def model_license(report, model):
    """The license glassbox states for the label's flagship `model` in the report's per-model
    table (`model_licenses`): the entry whose name is the model's (or starts it, or it starts),
    else the license of the release's other models. None when the report has no table."""
    table = report.get("model_licenses")
    if not table:
        return None
    want = name_tokens(model)
    best, best_len = None, 0
    for m in table.get("models", []):
        got = name_tokens(m.get("model", ""))
        n = min(len(got), len(want))
        if n and got[:n] == want[:n]:
            length = 1000 if got == want else n
            if length > best_len:
                best, best_len = m, length
    if best is not None:
        shown, ident, tier, modified = shown_license(best.get("license"))
        return (f"{shown} [model {best.get('model')}]", ident, tier, modified)
    shown, ident, tier, modified = shown_license(table.get("others"))
    return (f"{shown} [other models]", ident, tier, modified)


def license_agrees(label, gb_id, gb_tier, modified, resolver):
    lab = label.strip()
    if lab == "-":
        return gb_id is None
    if lab.lower() == "none":
        return gb_id is None or (gb_tier or "").lower() == "none"
    if gb_id is None:
        return False
    same = lab.lower() == gb_id.lower() or resolver.resolve(lab).lower() == gb_id.lower()
    if same and modified:
        # A modified text is the label's license only if glassbox still grades it as the
        # standard text (e.g. Apache-2.0 graded tier R because of edits is not Apache-2.0).
        return gb_tier is not None and gb_tier == resolver.tier(lab)
    return same


def short_error(err):
    """The last stderr line without the `glassbox: error: PATH: git PATH:` prefixes."""
    last = (err.splitlines() or ["no output"])[-1]
    for sep in ("/repo: ", ": git "):
        if sep in last:
            last = last.rsplit(sep, 1)[1]
    return "audit failed: " + last[:240]


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    labels_path, out_dir, results_path, binary = argv[1:]
    resolver = Resolver(binary)
    rows = []
    for lab in read_labels(labels_path):
        repo = lab["repository"]
        base = os.path.join(out_dir, repo.replace("/", "+"))
        row = {
            "repository": repo,
            "label_category": lab["category"],
            "label_license": lab["deciding_license"],
            "glassbox_category": "",
            "glassbox_license": "",
            "category": "",
            "license": "",
            "exit": "",
            "note": "",
        }
        if os.path.exists(base + ".missing"):
            row.update(category="not-run", license="not-run", note=slurp(base + ".missing").strip())
            rows.append(row)
            continue
        rc = (slurp(base + ".rc") or "").strip()
        err = (slurp(base + ".err") or "").strip()
        row["exit"] = rc
        report = None
        if rc == "0":
            try:
                report = json.loads(slurp(base + ".json") or "")
            except ValueError as e:
                err = f"unreadable JSON: {e}"
        if report is None:
            # A failed audit counts as a disagreement on both.
            row.update(
                glassbox_category="(failed)",
                glassbox_license="(failed)",
                category="disagree",
                license="disagree",
                note=short_error(err),
            )
            rows.append(row)
            continue
        head = (report.get("target") or {}).get("revision")
        if head and head != lab["commit"]:
            row["note"] = f"snapshot at {head[:12]}, label at {lab['commit'][:12]}"
        cat = ((report.get("verdicts") or {}).get("seed") or {}).get("category", "?")
        shown, gb_id, gb_tier, modified = weights_license(report)
        flagship = (lab.get("flagship_model") or "").strip()
        per_model = model_license(report, flagship) if flagship else None
        if per_model is not None:
            # A release of several models under different licenses: its weights row keeps the
            # most restrictive; the label names the flagship's, which the per-model table gives.
            shown, gb_id, gb_tier, modified = per_model
        if cat == "closed" and gb_id is not None:
            # No weights obtainable, so no license decides (the label's `-`); the license
            # glassbox attached to the weights it could not obtain is shown, not compared.
            shown, gb_id, gb_tier, modified = (f"- (weights row: {shown})", None, None, False)
        row["glassbox_category"] = cat
        row["glassbox_license"] = shown
        row["category"] = "agree" if cat == lab["category"] else "disagree"
        row["license"] = (
            "agree"
            if license_agrees(lab["deciding_license"], gb_id, gb_tier, modified, resolver)
            else "disagree"
        )
        rows.append(row)

    width = max(len(r["repository"]) for r in rows) if rows else 10
    print(f"{'repository':<{width}}  category / license: ok = agrees, XX = disagrees; "
          "each as label / glassbox")
    for r in rows:
        if r["category"] == "not-run":
            print(f"{r['repository']:<{width}}  NOT RUN: {r['note']}")
            continue
        mark = lambda v: "ok " if v == "agree" else "XX "
        print(
            f"{r['repository']:<{width}}  category {mark(r['category'])}"
            f"{r['label_category']} / {r['glassbox_category']}   "
            f"license {mark(r['license'])}{r['label_license']} / {r['glassbox_license']}"
            + (f"   [{r['note']}]" if r["note"] else "")
        )

    ran = [r for r in rows if r["category"] != "not-run"]
    n = len(ran)
    cat_ok = sum(r["category"] == "agree" for r in ran)
    lic_ok = sum(r["license"] == "agree" for r in ran)
    both = sum(r["category"] == "agree" and r["license"] == "agree" for r in ran)
    failed = sum(r["glassbox_category"] == "(failed)" for r in ran)
    false_open = [
        r["repository"]
        for r in ran
        if r["glassbox_category"] == "open-source" and r["label_category"] != "open-source"
    ]
    pct = lambda k: f"{100.0 * k / n:.1f}%" if n else "n/a"
    print()
    print(f"labelled: {len(rows)}, audited: {n}, not run (no snapshot): {len(rows) - n}, "
          f"failed audits: {failed}")
    print(f"category agreement:         {cat_ok}/{n} ({pct(cat_ok)})")
    print(f"deciding license agreement: {lic_ok}/{n} ({pct(lic_ok)})")
    print(f"both agree:                 {both}/{n} ({pct(both)})")
    print(f"called open-source, label not: {len(false_open)}"
          + (f" ({', '.join(false_open)})" if false_open else "") + "  (must be 0)")

    fields = ["repository", "label_category", "glassbox_category", "category",
              "label_license", "glassbox_license", "license", "exit", "note"]
    os.makedirs(os.path.dirname(os.path.abspath(results_path)), exist_ok=True)
    with open(results_path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, delimiter="\t", extrasaction="ignore",
                           lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: str(v).replace("\t", " ").replace("\n", " ") for k, v in r.items()})
    print(f"per-repository results: {results_path}")
    return 1 if false_open else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
