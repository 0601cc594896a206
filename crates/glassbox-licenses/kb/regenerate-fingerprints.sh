#!/bin/sh
# Rewrites every kb/fingerprints/*.fp from the text its `file:` line names, relative to
# $GLASSBOX_SHARED/data. Run after changing the normaliser (src/normalize.rs): the hashes
# depend on it.
set -eu
: "${GLASSBOX_SHARED:?set GLASSBOX_SHARED to the folder that holds data/licenses}"
here=$(cd "$(dirname "$0")" && pwd)
cargo build -q -p glassbox-licenses --example fingerprint
bin=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/debug/examples/fingerprint
for fp in "$here"/fingerprints/*.fp; do
    id=$(sed -n 's/^id: //p' "$fp")
    source=$(sed -n 's/^source: //p' "$fp")
    file=$(sed -n 's/^file: //p' "$fp")
    if [ -z "$file" ]; then
        # A text that is not among the shared test texts (taken from a fetched repository,
        # named by its `source:` line): regenerate it by hand from that file.
        echo "skipped $(basename "$fp"): no file: line" >&2
        continue
    fi
    "$bin" "$id" "$source" "$GLASSBOX_SHARED/data/$file" | sed "3a file: $file" > "$fp.new"
    mv "$fp.new" "$fp"
done
echo "rewrote $(ls "$here"/fingerprints/*.fp | wc -l) fingerprints"
