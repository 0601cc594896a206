#!/usr/bin/env bash
# The catalog benchmark: queue throughput (1, 2, 4 workers), the list and the catalog page with
# 100,000 releases in the store, 200 concurrent readers of the report endpoint. Release build,
# the mock Hub on 127.0.0.1; prints the figures. Sizes: GLASSBOX_BENCH_RELEASES (default 1000),
# GLASSBOX_BENCH_STORE (default 100000).
set -euo pipefail
cd "$(dirname "$0")/../.."
export NO_PROXY="127.0.0.1,localhost" no_proxy="127.0.0.1,localhost"
cargo test --release -p glassbox --test bench_catalog -- --ignored --nocapture --test-threads 1
