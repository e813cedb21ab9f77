#!/usr/bin/env bash
# An edited document picked up by the next command, on a corpus whose cache and index are
# warm: the edit rows of benches/process.sh alone (written by rename with sed -i, written in
# place, then in place with --fresh), with the step table of the sed -i edit.
#
#   benches/edit.sh DIR        # DIR made by gen_corpus; its cache in DIR.cache
set -euo pipefail
dir=$1
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$root/target/release/lectern}
docs=$dir/documents
export LECTERN_CORPUS=$dir
export LECTERN_INDEX_DIR=$dir.cache
export NO_COLOR=1
"$bin" search kim --limit 1 >/dev/null # warm: cache and index current
id=$(ls "$docs" | sed -n '2p' | sed 's/\.toml$//')
file=$docs/$id.toml
cp "$file" "$file.orig"
sed -i '0,/^en = "/s//en = "Zanzibarquux /' "$file"
start=$(date +%s.%N)
hits=$("$bin" search Zanzibarquux --limit 1 | tail -n 1)
end=$(date +%s.%N)
printf 'edited document (sed -i) picked up by the next search: %.2f s (%s)\n' "$(echo "$end - $start" | bc -l)" "$hits"
sed '0,/Zanzibarquux/s//Quuxzanzibar/' "$file" > "$file.new" && cat "$file.new" > "$file" && rm "$file.new"
start=$(date +%s.%N)
hits=$("$bin" search Quuxzanzibar --limit 1 | tail -n 1)
end=$(date +%s.%N)
printf 'edited document (in place) picked up by the next search: %.2f s (%s)\n' "$(echo "$end - $start" | bc -l)" "$hits"
start=$(date +%s.%N)
hits=$("$bin" --fresh search Quuxzanzibar --limit 1 | tail -n 1)
end=$(date +%s.%N)
printf 'edited document (in place) picked up by the next search --fresh: %.2f s (%s)\n' "$(echo "$end - $start" | bc -l)" "$hits"
# The step table of one more edit by rename.
sed -i '0,/Quuxzanzibar/s//Zanzibarquux/' "$file"
echo "steps of an edit by sed -i (LECTERN_TIMING=1):"
LECTERN_TIMING=1 "$bin" search Zanzibarquux --limit 1 2>&1 >/dev/null | sed 's/^/  /'
mv "$file.orig" "$file"
"$bin" search kim --limit 1 >/dev/null # back to the unedited corpus
