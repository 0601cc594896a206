#!/usr/bin/env python3
"""Independent check of SPDX 3.0.1 JSON-LD documents with spdx-python-model (bindings generated
from the SPDX 3.0.1 SHACL model by shacl2code; no network needed).

For each file: deserialise strictly (unknown types and properties are errors, values are type- and
pattern-checked), link references (every IRI must resolve to an element in the document), and
serialise again (which enforces each property's minimum and maximum counts). Prints one line per
file and exits 1 if any failed.
"""
import io
import sys

from spdx_python_model import v3_0_1 as spdx


def check(path):
    objset = spdx.SHACLObjectSet()
    with open(path, encoding="utf-8") as f:
        spdx.JSONLDDeserializer().read(f, objset)
    missing = objset.link()
    # IRIs of the SPDX License List are defined outside any document; all others must resolve.
    missing = {m for m in missing if not m.startswith("https://spdx.org/licenses/")}
    if missing:
        raise ValueError(f"unresolved references: {sorted(missing)}")
    spdx.JSONLDSerializer().write(objset, io.BytesIO())
    counts = {}
    for o in objset.objects:
        counts[type(o).__name__] = counts.get(type(o).__name__, 0) + 1
    for needed in ("ai_AIPackage", "SpdxDocument", "CreationInfo"):
        if not counts.get(needed):
            raise ValueError(f"no {needed}")
    return counts


def main(paths):
    failed = 0
    for p in paths:
        try:
            counts = check(p)
            summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            print(f"ok   {p}: {summary}")
        except Exception as e:  # report every file, then fail
            failed += 1
            print(f"FAIL {p}: {type(e).__name__}: {e}")
    print(f"{len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
