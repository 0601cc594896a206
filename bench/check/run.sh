#!/usr/bin/env bash
# Discovery benchmark for `glassbox check` (issue 14): a generated codebase of N files (default
# 50,000) walked and parsed by glassbox-check's discovery, release build, best of RUNS runs,
# with peak RSS. Audits are not part of it (they depend on the Hub, not on the codebase).
#
# usage: bench/check/run.sh [N] [RUNS] [THREADS]
set -euo pipefail
N="${1:-50000}"
RUNS="${2:-3}"
THREADS="${3:-2}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${BENCH_DIR:-$ROOT/bench/check/.codebase}"

cd "$ROOT"
cargo build --release -p glassbox-check --example discover --quiet -j 2
BIN="$ROOT/target/release/examples/discover"

rm -rf "$WORK"
python3 bench/check/gen_codebase.py "$WORK" "$N"
echo "codebase: $(find "$WORK" -type f | wc -l) files, $(du -sh "$WORK" | cut -f1)"

"$BIN" "$WORK" "$THREADS" >/dev/null  # warm the page cache
for i in $(seq "$RUNS"); do
  echo "run $i: $("$BIN" "$WORK" "$THREADS") (load $(cut -d' ' -f1 /proc/loadavg))"
done
/usr/bin/time -f "peak RSS: %M KiB, wall %e s" "$BIN" "$WORK" "$THREADS"
