#!/usr/bin/env bash
# Builds and runs every cargo-fuzz target for SECONDS each (default 60) with the address
# sanitizer, seeded from the repository (bundled examples, test fixtures, the scan corpus, the
# small hand-written seeds in fuzz/seeds/), and prints execs/s, corpus size and coverage per
# target. Usage: [FUZZ_JOBS=N] fuzz/run.sh [SECONDS] [TARGET...]
#
# Works on the stable toolchain: RUSTC_BOOTSTRAP=1 lets it accept the nightly-only sanitizer
# flags cargo-fuzz passes. Needs `cargo install cargo-fuzz` and a C++ compiler (libFuzzer).
# Generated corpora go to fuzz/corpus/ and logs to fuzz/out/ (both git-ignored); a crash
# leaves its input in fuzz/artifacts/TARGET/ and makes the script exit 1 after the other
# targets have run.
set -uo pipefail
cd "$(dirname "$0")"
FUZZ="$(pwd)"
ROOT="$(cd .. && pwd)"
SECS="${1:-60}"
shift || true
export RUSTC_BOOTSTRAP=1
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
# Memory per run: a parser that allocates from a lying length fails the run.
RSS_MB="${RSS_MB:-2048}"
# Targets run FUZZ_JOBS at a time (default 1); each still gets SECONDS of wall-clock time.
FUZZ_JOBS="${FUZZ_JOBS:-1}"

command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz missing: cargo install cargo-fuzz" >&2; exit 2; }

if [ "$#" -gt 0 ]; then
  TARGETS=("$@")
else
  mapfile -t TARGETS < <(cargo fuzz list)
fi

echo "== building ${#TARGETS[@]} targets (release, debug assertions, address sanitizer)"
# Only the named targets are built: a full build of all of them takes the better part of an hour.
if [ "$#" -gt 0 ]; then
  for t in "${TARGETS[@]}"; do cargo fuzz build -O -a "$t" || exit 2; done
else
  cargo fuzz build -O -a || exit 2
fi

# --- seed corpora ----------------------------------------------------------------------------
SEED="$FUZZ/corpus/.seed"
rm -rf "$SEED" && mkdir -p "$SEED"
# The scan crate's corpus: pickles, torch zips and legacy files, archives, npy, gguf, onnx, ...
(cd "$ROOT" && cargo run -q -j "$CARGO_BUILD_JOBS" -p glassbox-scan --example write_corpus -- "$SEED/scan" >/dev/null) \
  || echo "warning: could not write the scan corpus; seeding from examples only" >&2
# A MOF record as glassbox writes it, for the model.yml target (a debug build of the CLI: only
# when that target runs).
if printf '%s\n' "${TARGETS[@]}" | grep -qx model_yml; then
  (cd "$ROOT" && cargo run -q -j "$CARGO_BUILD_JOBS" -p glassbox -- audit examples/open-source --format mof >"$SEED/model.yml" 2>/dev/null) \
    || rm -f "$SEED/model.yml"
fi

# Files under DIR... whose name matches the extended regex, copied into corpus/TARGET.
seed() {
  local target="$1" re="$2"; shift 2
  mkdir -p "$FUZZ/corpus/$target"
  find "$@" -type f -size -2M 2>/dev/null | grep -E "$re" | while read -r f; do
    cp "$f" "$FUZZ/corpus/$target/seed-$(sha1sum "$f" | cut -c1-16)"
  done
}
EX="$ROOT/examples"
KB="$ROOT/crates/glassbox-licenses/kb"
for t in "${TARGETS[@]}"; do
  [ -d "$FUZZ/seeds/$t" ] && seed "$t" '.' "$FUZZ/seeds/$t"
  case "$t" in
    card) seed card '\.md$' "$EX" ;;
    model_yml) seed model_yml 'model\.yml$|\.ya?ml$' "$SEED" "$EX" ;;
    config_json) seed config_json '\.json$' "$EX" "$SEED/scan" ;;
    license) seed license 'LICENSE|\.template\.txt$' "$EX" "$KB/templates" ;;
    safetensors) seed safetensors '\.safetensors$|index\.json$' "$EX" "$SEED/scan" ;;
    gguf) seed gguf '\.gguf$|\.jinja$' "$SEED/scan" ;;
    pickle) seed pickle '\.(pkl|pickle|bin|pt|pth|joblib)$' "$SEED/scan" ;;
    zip|pytorch|keras) seed "$t" '\.(zip|pt|pth|bin|npz|keras|pb)$' "$SEED/scan" ;;
    numpy) seed numpy '\.(npy|npz)$' "$SEED/scan" ;;
    onnx) seed onnx '\.onnx$' "$SEED/scan" ;;
    # Targets that read a leading selector byte: seeds get a fitting byte in front.
    policy)
      { printf '\0'; cat "$ROOT/crates/glassbox-check/src/starter.toml"; } >"$FUZZ/corpus/policy/seed-starter" ;;
    check_source)
      find "$ROOT/bench" "$ROOT/fuzz/seeds" -type f -name '*.py' -size -256k | while read -r f; do
        { printf '\0'; cat "$f"; } >"$FUZZ/corpus/check_source/seed-$(sha1sum "$f" | cut -c1-16)"
      done ;;

    scan)
      mkdir -p "$FUZZ/corpus/scan"
      find "$SEED/scan" "$EX" -type f -size -2M | while read -r f; do
        { printf '\0'; cat "$f"; } >"$FUZZ/corpus/scan/seed-$(sha1sum "$f" | cut -c1-16)"
      done ;;
  esac
done

# --- runs ------------------------------------------------------------------------------------
mkdir -p "$FUZZ/out"
SUMMARY="$FUZZ/out/summary.tsv"
printf 'target\tseconds\truns\texecs_per_s\tcov_start\tcov_end\tcorpus_files\tpeak_rss_mb\tresult\n' >"$SUMMARY"
# One target's run; its summary line goes to $SUMMARY, and a crash leaves "$FUZZ/out/$t.crashed".
run_one() {
  local t="$1"
  mkdir -p "$FUZZ/corpus/$t" "$FUZZ/artifacts/$t"
  local log="$FUZZ/out/$t.log"
  rm -f "$FUZZ/out/$t.crashed"
  echo "== $t: ${SECS}s"
  cargo fuzz run -O -a "$t" "$FUZZ/corpus/$t" -- \
    -max_total_time="$SECS" -rss_limit_mb="$RSS_MB" -malloc_limit_mb="$RSS_MB" -timeout=30 \
    -print_final_stats=1 -artifact_prefix="$FUZZ/artifacts/$t/" >"$log" 2>&1
  local rc=$?
  local runs eps rss cov0 cov1 files result
  runs=$(grep -oP 'stat::number_of_executed_units:\s*\K\d+' "$log" | tail -1)
  eps=$(grep -oP 'stat::average_exec_per_sec:\s*\K\d+' "$log" | tail -1)
  rss=$(grep -oP 'stat::peak_rss_mb:\s*\K\d+' "$log" | tail -1)
  cov0=$(grep -E 'INITED' "$log" | grep -oP 'cov: \K\d+' | head -1)
  cov1=$(grep -oP 'cov: \K\d+' "$log" | tail -1)
  files=$(find "$FUZZ/corpus/$t" -type f | wc -l)
  if [ "$rc" -eq 0 ]; then result=ok; else result="CRASH (exit $rc, see $log)"; touch "$FUZZ/out/$t.crashed"; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$SECS" "${runs:-?}" "${eps:-?}" "${cov0:-?}" "${cov1:-?}" "$files" "${rss:-?}" "$result" >>"$SUMMARY"
  echo "   $t: runs ${runs:-?}, ${eps:-?} execs/s, coverage ${cov0:-?} -> ${cov1:-?} (+$(( ${cov1:-0} - ${cov0:-0} ))), corpus $files files, peak RSS ${rss:-?} MB: $result"
}

# FUZZ_JOBS lanes run side by side, each taking every FUZZ_JOBS-th target in turn.
lane() {
  local i
  for ((i = $1; i < ${#TARGETS[@]}; i += FUZZ_JOBS)); do run_one "${TARGETS[$i]}"; done
}
for ((l = 0; l < FUZZ_JOBS; l++)); do lane "$l" & done
wait
status=0
ls "$FUZZ"/out/*.crashed >/dev/null 2>&1 && status=1

echo
column -t -s $'\t' "$SUMMARY"
exit "$status"
