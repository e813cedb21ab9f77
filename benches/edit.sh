#!/usr/bin/env bash
# An edited document picked up by the next command, on a corpus whose cache and index are
# warm: the edit rows of benches/process.sh alone (written by rename with sed -i, written in
# place, then in place with --fresh), with the step table of the sed -i edit; then a document
# added, renamed (its file and id) and deleted, each picked up by the next search or list, with
# the step table of an addition.
#
#   benches/edit.sh DIR        # DIR made by gen_corpus; its cache in DIR.cache (BIN: binary)
set -euo pipefail
dir=$1
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$root/target/release/lectern}
docs=$dir/documents
export LECTERN_CORPUS=$dir
export LECTERN_INDEX_DIR=${LECTERN_INDEX_DIR:-$dir.cache}
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
# Added, renamed and deleted documents: a copy of the edited one under a new id (an id is its
# file's name), with a word of its own.
added=$id-added
renamed=$id-renamed
add() { sed "s/^id = \"$id\"/id = \"$1\"/; 0,/^en = \"/s//en = \"Addedquux /" "$file" > "$docs/$1.toml"; }
timed() { # label, command...
  local label=$1; shift
  start=$(date +%s.%N)
  out=$("$@" | tail -n 1)
  end=$(date +%s.%N)
  printf '%s: %.2f s (%s)\n' "$label" "$(echo "$end - $start" | bc -l)" "$out"
}
add "$added"
steps=$(mktemp)
LECTERN_TIMING=1 timed "added document picked up by the next search" "$bin" search Addedquux --limit 1 2>"$steps"
sed "s/^id = \"$added\"/id = \"$renamed\"/" "$docs/$added.toml" > "$docs/$renamed.toml"
rm "$docs/$added.toml"
timed "renamed document picked up by the next search" "$bin" search Addedquux --limit 1
rm "$docs/$renamed.toml"
timed "deleted document picked up by the next search" "$bin" search Addedquux --limit 1
add "$added"
timed "added document picked up by the next list" sh -c "'$bin' list | grep -c -- '$added'"
rm "$docs/$added.toml"
timed "deleted document picked up by the next list" sh -c "'$bin' list | grep -c -- '$added' || true"
echo "steps of the first addition (LECTERN_TIMING=1):"
sed 's/^/  /' "$steps" && rm "$steps"
"$bin" search kim --limit 1 >/dev/null # back to the unchanged corpus
