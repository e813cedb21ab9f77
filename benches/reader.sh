#!/usr/bin/env bash
# The reader as the user feels it, on the release binary in a real terminal (tmux, 200x50):
# start to first screen (capture-pane polled until the list shows), a filter typed, a document
# opened, and the process's memory (VmRSS and VmHWM from /proc, each 100 ms) to the end.
#
#   benches/reader.sh DIR [CACHE]  # a generated corpus (examples/gen_corpus), cache warm
#
# The corpus cache goes to CACHE (default DIR.cache), as in benches/process.sh; run any command once first
# so that it is built. In-process figures per keystroke: `cargo bench --bench reader`.
# CHANGE, when set, is a shell command run in DIR after the cache is current and just before
# the reader starts: a change on disk that the reader's open (a file added or deleted changes
# the directory's mtime) or its full check after the first screen (an edit in place) finds,
# e.g. CHANGE='cp documents/A.toml x && sed "s/^id = \"A\"/id = \"A-new\"/" x > documents/A-new.toml'.
set -euo pipefail
dir=${1:?corpus directory}
cache=${2:-$dir.cache}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$root/target/release/lectern}
command -v tmux >/dev/null || { echo "reader.sh: tmux is not installed" >&2; exit 1; }
export LECTERN_CORPUS=$dir LECTERN_INDEX_DIR=$cache NO_COLOR=1
"$bin" list >/dev/null   # cache current
if [ -n "${CHANGE:-}" ]; then (cd "$dir" && eval "$CHANGE"); fi
session=lectern-reader-bench-$$
ws=$(mktemp -d)
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$ws"' EXIT
now() { date +%s%N; }
start=$(now)
tmux new-session -d -s "$session" -x 200 -y 50 \
  "env LECTERN_CORPUS=$dir LECTERN_INDEX_DIR=$cache XDG_DATA_HOME=$ws XDG_CONFIG_HOME=$ws $bin"
# The first screen: a list row (a date at the start of a row) is on the pane.
until tmux capture-pane -p -t "$session" | grep -qE '^ ?[0-9]{4}-[0-9]{2}-[0-9]{2} '; do
  sleep 0.005
done
first=$(( ($(now) - start) / 1000000 ))
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
# Memory each 100 ms from here to the end (the background jobs after the first screen: the
# heads decoded, the filter's haystacks, the links' index, the full freshness check).
poll=$ws/memory.txt
( t0=$(now); while [ -e "/proc/$pid/status" ]; do
    echo "$(( ($(now) - t0) / 1000000 )) $(awk '/VmRSS/{r=$2} /VmHWM/{h=$2} END{print r, h}' "/proc/$pid/status" 2>/dev/null)"
    sleep 0.1
  done ) >"$poll" 2>/dev/null &
echo "first screen: $first ms (VmHWM $(grep VmHWM /proc/$pid/status | awk '{print $2, $3}'))"
# Type a filter one key at a time; each time wait until the pane shows the answer settled.
before=$(tmux capture-pane -p -t "$session")
tmux send-keys -t "$session" f
for c in f r i e n d s h i p; do
  t=$(now)
  tmux send-keys -t "$session" "$c"
  # The list changed and then held still for 20 ms (the worker's answer drawn).
  prev=""
  while :; do
    cur=$(tmux capture-pane -p -t "$session")
    if [ "$cur" != "$before" ] && [ "$cur" = "$prev" ]; then break; fi
    prev=$cur
    sleep 0.02
  done
  echo "filter key '$c': screen settled after $(( ($(now) - t) / 1000000 - 20 )) ms"
  before=$cur
done
# Escape and Enter in separate sends: in one, crossterm reads ESC CR as Alt+Enter and the
# document never opens. The list's header leaves the screen once the reader is open.
tmux send-keys -t "$session" Escape
sleep 0.3
tmux send-keys -t "$session" Enter
sleep 2
if tmux capture-pane -p -t "$session" | head -1 | grep -q ' documents'; then
  echo "reader.sh: the document did not open (the list is still on screen)" >&2
  exit 1
fi
tmux send-keys -t "$session" t
sleep 1
tmux send-keys -t "$session" Escape
sleep 5   # the full check and the links' index, on their workers
echo "after a filter, an open document, the timeline and 5 s of background work:" \
  "VmHWM $(grep VmHWM /proc/$pid/status | awk '{print $2, $3}')," \
  "VmRSS $(grep VmRSS /proc/$pid/status | awk '{print $2, $3}')"
echo "VmRSS / VmHWM in MiB each 100 ms after the first screen (ms:rss/hwm):"
awk '$2 != "" {printf "%s:%d/%d ", $1, $2 / 1024, $3 / 1024} END {print ""}' "$poll"
tmux send-keys -t "$session" q
sleep 0.5
