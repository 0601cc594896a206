#!/usr/bin/env bash
# Spine benchmark: audit a generated folder of 10,000 files, and a release of 8 GiB of sharded
# safetensors (sparse files) to show that weights cost header reads only.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${BENCH_DIR:-$(mktemp -d)}
cargo build --release -q -p glassbox -p glassbox-examples
./target/release/gen-bench "$out"
bin=./target/release/glassbox
echo "== 10,000 files"
find "$out/many-files" -type f | wc -l
$bin audit "$out/many-files" --format json >/dev/null   # warm the page cache
for i in 1 2 3 4 5; do /usr/bin/time -f "%e s wall, %M KB max RSS" $bin audit "$out/many-files" --format json >/dev/null; done
echo "== 8 GiB of safetensors shards"
du -sh --apparent-size "$out/big-weights"
/usr/bin/time -f "%e s wall, %M KB max RSS" $bin audit "$out/big-weights" --format json > "$out/big.json"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); s=r['stats']; print(f\"bytes_total={s['bytes_total']} bytes_read={s['bytes_read']}\")" "$out/big.json"
