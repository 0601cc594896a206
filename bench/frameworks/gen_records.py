#!/usr/bin/env python3
"""Generates N MOF model.yml records for the frameworks benchmark.

Deterministic (seeded). Each record lists a random subset of the 17 MOF components with a mix of
component-level licenses (SPDX ids, misspelt ids, AI licenses, `unlicensed`) and global licenses,
so every path of the claims reader and of the MOF evaluation (included, invalid, unlicensed,
inherited, research paper standing in) is exercised.

usage: gen_records.py OUT_DIR [N] [SEED]
"""

import os
import random
import sys

COMPONENTS = [
    "Model architecture", "Model parameters (Final)", "Evaluation results", "Model card",
    "Data card", "Technical report", "Sample model outputs", "Training code", "Inference code",
    "Evaluation code", "Evaluation data", "Supporting libraries and tools", "Datasets",
    "Data preprocessing code", "Model parameters (Intermediate)", "Research paper", "Model metadata",
]
LICENSES = [
    "Apache-2.0", "MIT", "BSD-3-Clause", "GPL-3.0-only", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0",
    "CDLA-Permissive-2.0", "ODbL-1.0", "OpenMDW-1.0", "CC-BY-NC-4.0", "apache-2.0", "Apache 2.0",
    "LicenseRef-Llama-3.1", "LicenseRef-BigScience-OpenRAIL-M", "unlicensed", "Proprietary",
]
TYPES = ["", "language", "vision", "code", "multimodal"]
ARCHS = ["", "transformer decoder", "decoder", "diffusion", "undisclosed"]


def q(s):
    return "'" + s.replace("'", "''") + "'"


def record(i, rng):
    lines = [
        "framework:",
        "  name: 'Model Openness Framework'",
        "  version: '1.0'",
        "  date: '2024-12-15'",
        "release:",
        f"  name: {q(f'bench-model-{i:05d}')}",
        f"  version: '{rng.randint(1, 70)}B'",
        f"  date: '2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}'",
        f"  type: {q(rng.choice(TYPES))}",
        f"  architecture: {q(rng.choice(ARCHS))}",
        "  origin: ''",
        f"  producer: 'Producer {i % 97}'",
        "  contact: ''",
        "  license:",
    ]
    for kind in ("distribution", "code", "data", "document"):
        if rng.random() < 0.5:
            lines += [f"    {kind}:", f"      name: {q(rng.choice(LICENSES))}", f"      path: 'https://example.com/{kind}/LICENSE'"]
    if lines[-1] == "  license:":
        lines[-1] = "  license: {}"
    chosen = rng.sample(COMPONENTS, rng.randint(0, len(COMPONENTS)))
    if not chosen:
        lines.append("  components: []")
    else:
        lines.append("  components:")
        for c in chosen:
            lines.append(f"    - name: {q(c)}")
            lines.append(f"      description: {q('Benchmark component: ' + c)}")
            if rng.random() < 0.7:
                lines.append(f"      license: {q(rng.choice(LICENSES))}")
                lines.append(f"      license_path: 'https://example.com/{i}/LICENSE'")
            lines.append(f"      component_path: 'https://example.com/{i}/{c.replace(' ', '_')}'")
    return "\n".join(lines) + "\n"


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 42
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        with open(os.path.join(out, f"model-{i:05d}.yml"), "w") as f:
            f.write(record(i, rng))
    print(f"wrote {n} records to {out}")


if __name__ == "__main__":
    main()
