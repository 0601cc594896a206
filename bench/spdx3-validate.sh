#!/usr/bin/env bash
# Independent validation of glassbox's SPDX 3.0.1 output with spdx-python-model (PyPI), the
# Python bindings generated from the SPDX 3.0.1 SHACL model. Audits every bundled example,
# renders it as SPDX, and checks each document strictly (unknown types or properties, bad
# enum values, missing required properties, dangling references all fail).
#
# (spdx3-validate on PyPI fetches its JSON schema and SHACL model from spdx.org at run time,
# which this project's machines cannot reach; spdx-python-model carries the model with it.)
#
# Usage: bench/spdx3-validate.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."

venv=bench/.venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q "spdx-python-model==0.0.6"

cargo build -q -p glassbox
out=bench/out/spdx
mkdir -p "$out"
for ex in examples/*/; do
  name=$(basename "$ex")
  target/debug/glassbox audit "$ex" --format json -o "$out/$name.report.json"
  target/debug/glassbox render "$out/$name.report.json" --format spdx -o "$out/$name.spdx3.json"
done
"$venv/bin/python" bench/spdx3_check.py "$out"/*.spdx3.json
