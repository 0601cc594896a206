#!/usr/bin/env bash
# Hub benchmarks against the mock Hub on 127.0.0.1 (no network): a metadata-only audit of a
# 20-shard safetensors repository (bytes per shard, wall time), and 100 repositories audited
# with `--jobs N` (wall time, connections open at once). Prints the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo test --release -p glassbox --test bench_hf -- --ignored --nocapture --test-threads 1 2>&1 \
  | sed -E 's/^test [a-z_]+ \.\.\. //' | grep -vE '^(running|ok$|$)|test result|Compiling|Finished|Running|Blocking'
