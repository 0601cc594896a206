#!/usr/bin/env bash
# Real-world development set (issue 12): audits the snapshot of every labelled repository in
# tests/realworld/labels.tsv and prints how far glassbox agrees with the labels.
#
# usage: bench/realworld/run.sh [SNAPSHOTS_DIR] [RESULTS_TSV]
#   SNAPSHOTS_DIR  bare git dirs, one per repository OWNER/NAME at SNAPSHOTS_DIR/OWNER+NAME/repo
#                  (or SNAPSHOTS_DIR/OWNER+NAME when that is itself a bare dir); default
#                  /work/.mirror (what the `fetch` tool fills)
#   RESULTS_TSV    per-repository results; default bench/realworld/results.tsv (git-ignored)
# env:
#   GLASSBOX_BIN   the glassbox binary to measure; default: built here in release mode
#   AUDIT_TIMEOUT  seconds per audit (default 600); a timed-out audit is a failed one
#
# Exit status: 0, or 1 when glassbox calls a release open-source whose label is not.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SNAPS="${1:-/work/.mirror}"
RESULTS="${2:-$ROOT/bench/realworld/results.tsv}"
LABELS="$ROOT/tests/realworld/labels.tsv"
OUT="$ROOT/bench/realworld/out"
TIMEOUT="${AUDIT_TIMEOUT:-600}"

if [ -n "${GLASSBOX_BIN:-}" ]; then
  BIN="$GLASSBOX_BIN"
else
  (cd "$ROOT" && cargo build --release -p glassbox --quiet)
  BIN="$ROOT/target/release/glassbox"
fi
[ -x "$BIN" ] || { echo "no glassbox binary at $BIN" >&2; exit 2; }

rm -rf "$OUT"
mkdir -p "$OUT"
echo "glassbox: $BIN ($("$BIN" --version 2>/dev/null || echo 'version unknown'))"
echo "labels:   $LABELS ($(($(wc -l <"$LABELS") - 1)) repositories)"
echo "snapshots: $SNAPS"
echo

# Audits one snapshot after the other (the machine is shared; each audit is short).
tail -n +2 "$LABELS" | while IFS=$'\t' read -r repo commit _rest; do
  [ -n "$repo" ] || continue
  name="${repo/\//+}"
  dir="$SNAPS/$name/repo"
  [ -d "$dir" ] || dir="$SNAPS/$name"
  if [ ! -f "$dir/HEAD" ]; then
    echo "no snapshot of $repo under $SNAPS" >"$OUT/$name.missing"
    echo "no snapshot of $repo under $SNAPS: not run" >&2
    continue
  fi
  rc=0
  timeout "$TIMEOUT" "$BIN" audit --offline --no-follow --no-scan "$dir" --format json \
    >"$OUT/$name.json" 2>"$OUT/$name.err" || rc=$?
  [ "$rc" != 124 ] || echo "timed out after ${TIMEOUT}s" >>"$OUT/$name.err"
  echo "$rc" >"$OUT/$name.rc"
done

python3 "$ROOT/bench/realworld/compare.py" "$LABELS" "$OUT" "$RESULTS" "$BIN"
