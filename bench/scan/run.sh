#!/usr/bin/env bash
# Peer benchmark for `glassbox scan`: installs picklescan, modelscan and fickling from PyPI into
# bench/.venv, generates the corpus (crates/glassbox-scan/src/corpus.rs; LARGE=1 adds the 200 MB
# tensor pickle, the 180 MB opcode-dense pickle and the 200 MB torch zip), runs all four tools on
# every file, and prints the table tool x files flagged x seconds.
#
#   bash bench/scan/run.sh            # full corpus with the large files
#   LARGE=0 bash bench/scan/run.sh    # small corpus only
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$ROOT/bench/out/scan}
VENV=$ROOT/bench/.venv
LARGE=${LARGE:-1}
mkdir -p "$OUT"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --disable-pip-version-check picklescan modelscan fickling numpy typing_extensions
"$VENV/bin/pip" freeze | grep -iE '^(picklescan|modelscan|fickling|numpy)==' > "$OUT/versions.txt" || true
(cd "$ROOT" && cargo build -q --release -p glassbox --bin glassbox && cargo build -q --release -p glassbox-scan --example write_corpus)
rm -rf "$OUT/corpus"
flag=""
[ "$LARGE" = "1" ] && flag="--large"
"$ROOT/target/release/examples/write_corpus" "$OUT/corpus" $flag > "$OUT/list.tsv"
export PATH="$VENV/bin:$PATH" PROMPTFOO_DISABLE_TELEMETRY=1
"$VENV/bin/python" "$ROOT/bench/scan/bench.py" "$ROOT/target/release/glassbox" "$OUT"
