#!/usr/bin/env bash
# License identification benchmark: glassbox against ScanCode (scancode-toolkit from PyPI).
#
#   bench/licenses/run.sh            (GLASSBOX_SHARED defaults to ../shared beside the repo)
#
# 1. Speed: `glassbox license identify` on 1,000 license files (the shared AI texts, every SPDX
#    text, modified copies), three runs.
# 2. Accuracy and time on the shared texts ($GLASSBOX_SHARED/data/licenses, expected answers in
#    expected.tsv), on modified copies of them (one clause appended), and on the real-world
#    corpus ($GLASSBOX_SHARED/data/licenses/real-world, license files of public repositories as
#    they ship them, labelled in its own expected.tsv), for both tools.
# Results go to bench/out/licenses/ (git-ignored); the summary is printed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${GLASSBOX_SHARED:-$root/../shared}
lic="$shared/data/licenses"
out="$root/bench/out/licenses"
[ -d "$lic" ] || { echo "no license texts at $lic (set GLASSBOX_SHARED)" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out/shared" "$out/modified" "$out/real-world"
real="$lic/real-world"
[ -f "$real/expected.tsv" ] || { echo "no real-world corpus at $real" >&2; exit 2; }

cd "$root"
# Two builds: with `--example`, cargo builds only that target, not glassbox's binary.
cargo build --quiet --release -p glassbox
cargo build --quiet --release -p glassbox-licenses --example bench_corpus
gb="$root/target/release/glassbox"
corpus_bin="$root/target/release/examples/bench_corpus"
# The machine is shared: the load during the run is part of the figures.
uptime > "$out/uptime.start"

timed() { # timed NAME CMD... : wall seconds of CMD into $out/NAME.time
    local name=$1; shift
    local t0 t1
    t0=$(date +%s.%N)
    "$@"
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc > "$out/$name.time"
}

# 1. 1,000 files.
"$corpus_bin" "$lic" "$out/corpus" 1000 2>/dev/null
for i in 1 2 3; do
    timed "glassbox-1000-run$i" sh -c "'$gb' license identify --format json '$out/corpus'/* > '$out/glassbox-1000.json'"
done

# 2. The shared texts, flattened (scancode-licensedb/x.txt -> scancode-licensedb__x.txt), and
#    modified copies of them.
grep -v '^#' "$here/expected.tsv" | while IFS=$'\t' read -r file _ _ _; do
    flat=${file//\//__}
    cp "$lic/$file" "$out/shared/$flat"
    { cat "$lic/$file"; printf '\n\nThe Licensee shall not use the Materials to develop weapons, and this restriction survives any termination of this Agreement.\n'; } > "$out/modified/$flat"
done
timed glassbox-shared sh -c "'$gb' license identify --format json '$out/shared'/* > '$out/glassbox-shared.json'"
timed glassbox-modified sh -c "'$gb' license identify --format json '$out/modified'/* > '$out/glassbox-modified.json'"

# The real-world files, flattened the same way (OWNER__NAME/sub__LICENSE ->
# OWNER__NAME__sub__LICENSE; the corpus already folds sub-folders into names, so these are
# unique). Names without an extension stay so: both tools must find them by content.
tail -n +2 "$real/expected.tsv" | while IFS=$'\t' read -r file _ _ _; do
    dest="$out/real-world/${file//\//__}"
    [ ! -e "$dest" ] || { echo "two real-world files flatten to $dest" >&2; exit 2; }
    cp "$real/$file" "$dest"
done
timed glassbox-real-world sh -c "'$gb' license identify --format json '$out/real-world'/* > '$out/glassbox-real-world.json'"
# Labels name some licenses by an alias of the knowledge base's id (LicenseRef-FLUX-1-dev-...):
# `license show` resolves them, outside the timed run.
tail -n +2 "$real/expected.tsv" | cut -f3 | tr '+' '\n' | sed 's/^ *//; s/ *$//' | grep '^LicenseRef-' | sort -u |
    while read -r id; do
        printf '%s\t%s\n' "$id" "$("$gb" license show "$id" --format json 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])' 2>/dev/null || echo -)"
    done > "$out/glassbox-aliases.tsv"

# 3. ScanCode in its own venv. A first scan of one file loads (and on first use builds) its
#    license index; it is timed separately so the scans below are compared warm.
"$here/setup_scancode.sh"
sc="$root/bench/.venv/bin/scancode"
mkdir -p "$out/warm" && echo "SPDX-License-Identifier: MIT" > "$out/warm/x.txt"
timed scancode-warmup "$sc" --quiet --license -n 2 --json "$out/warm.json" "$out/warm"
timed scancode-shared "$sc" --quiet --license -n 2 --json "$out/scancode-shared.json" "$out/shared"
timed scancode-modified "$sc" --quiet --license -n 2 --json "$out/scancode-modified.json" "$out/modified"
timed scancode-real-world "$sc" --quiet --license -n 2 --json "$out/scancode-real-world.json" "$out/real-world"
"$sc" --version 2>/dev/null | sed -n 1p > "$out/scancode.version"

uptime > "$out/uptime.end"

python3 "$here/compare.py" "$here/expected.tsv" "$out" "$real/expected.tsv"
