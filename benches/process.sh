#!/usr/bin/env bash
# Process-level benchmark: whole `lectern` invocations (release binary) on a generated corpus,
# each timed next to `rg -F -l` over the same files in the same run.
#
#   benches/process.sh N [DIR]      # N documents, generated into DIR (default /tmp/lectern-bench-N)
#
# Needs hyperfine and ripgrep (installed by .ci/setup). Builds the release binary and the
# generator first. The index and corpus cache go to a fresh directory under DIR, so the first
# open is measured from nothing; every other figure is with a warm cache and a warm OS cache.
set -euo pipefail
n=${1:-10000}
dir=${2:-/tmp/lectern-bench-$n}
root=$(cd "$(dirname "$0")/.." && pwd)
cargo=${CARGO:-cargo}
for tool in hyperfine rg; do
  command -v $tool >/dev/null || { echo "process.sh: $tool is not installed (run .ci/setup)" >&2; exit 1; }
done
(cd "$root" && $cargo build --release --bin lectern --example gen_corpus) >&2
bin=$root/target/release/lectern
[ -d "$dir/documents" ] || "$root/target/release/examples/gen_corpus" "$n" "$dir"
docs=$dir/documents
export LECTERN_CORPUS=$dir
export LECTERN_INDEX_DIR=$dir.cache
export NO_COLOR=1
mb=$(du -sm --apparent-size "$docs" | cut -f1)
echo "corpus: $n documents, $mb MB of TOML in $docs"

# First open: cache and index built from nothing.
rm -rf "$LECTERN_INDEX_DIR"
start=$(date +%s.%N)
"$bin" search kim --limit 1 >/dev/null
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc -l)
printf 'first open (index built, then one search): %.2f s = %.1f MB/s of corpus text\n' \
  "$secs" "$(echo "$mb / $secs" | bc -l)"

# The floor every command pays to know the cache is current: one stat per document file
# (what `find -printf '%s %T@'` does), and where a warm `list` spends its time.
hyperfine -N --warmup 1 --runs ${RUNS:-10} --style basic -n "stat of every document file (find)" \
  "find $docs -name '*.toml' -printf '%s %T@\n'" 2>&1 | grep -E 'Time' || true
LECTERN_TIMING=1 "$bin" list 2>&1 >/dev/null | sed 's/^/  /'

# A document id and queries drawn from the generated text.
id=$(ls "$docs" | sed -n '2p' | sed 's/\.toml$//')
run() { # name, lectern args, rg pattern
  local name=$1 args=$2 pat=$3
  echo "== $name"
  hyperfine -N --warmup 2 --runs ${RUNS:-10} --style basic \
    --export-markdown "$dir.$name.md" \
    -n "lectern $args" "$bin $args" \
    -n "rg -F -l '$pat'" "rg -F -l --no-messages -- '$pat' $docs" \
    2>&1 | grep -E 'Time|±|faster|lectern|rg' || true
}
hyperfine -N --warmup 2 --runs ${RUNS:-10} --style basic -n "lectern list | head" \
  "sh -c '$bin list | head -n 20'" 2>&1 | grep -E 'Time' || true
run term "search friendship --limit 20" friendship
run phrase "search \"the Soviet Union\" --limit 20" "the Soviet Union"
run chinese "search 金日成 --limit 20" 金日成
run filtered "search friendship kind:treaty date:1950..1965 --limit 20" friendship
hyperfine -N --warmup 2 --runs ${RUNS:-10} --style basic -n "lectern show $id" \
  "$bin show $id" 2>&1 | grep -E 'Time' || true

# One edited document, picked up by the next command: written by rename (sed -i) and in place.
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
# From 20,000 files the default (auto) trusts the directory, which an edit in place leaves
# unchanged: the line above then says "no matches". `--fresh` checks every file.
start=$(date +%s.%N)
hits=$("$bin" --fresh search Quuxzanzibar --limit 1 | tail -n 1)
end=$(date +%s.%N)
printf 'edited document (in place) picked up by the next search --fresh: %.2f s (%s)\n' "$(echo "$end - $start" | bc -l)" "$hits"
mv "$file.orig" "$file"
"$bin" search kim --limit 1 >/dev/null # back to the unedited corpus
