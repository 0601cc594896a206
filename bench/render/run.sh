#!/usr/bin/env bash
# Render benchmark: the report of a generated 10,000-file release, rendered from its saved JSON
# in every format (`glassbox render`), timed; output sizes show what each format carries.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${BENCH_DIR:-$(mktemp -d)}
cargo build --release -q -p glassbox -p glassbox-examples
./target/release/gen-bench "$out" >/dev/null
bin=./target/release/glassbox
$bin audit "$out/many-files" --format json -o "$out/report.json"
echo "report: $(stat -c %s "$out/report.json") bytes, $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['artifacts']))" "$out/report.json") artifacts"
for f in text markdown html sarif cyclonedx spdx; do
  $bin render "$out/report.json" --format $f -o "$out/r.$f" # warm
  /usr/bin/time -f "$f: %e s wall, %M KB max RSS" $bin render "$out/report.json" --format $f -o "$out/r.$f"
  echo "   $(stat -c %s "$out/r.$f") bytes"
done
