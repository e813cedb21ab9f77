#!/usr/bin/env bash
# Where a filter keystroke's time goes, on the release binary in tmux (200x50): each key is
# sent with `tmux send-keys`, then the pane is captured as fast as tmux answers (no sleep;
# one capture takes a few ms) until it has held still for 300 ms. A key's time is from just
# before its send-keys to the end of the first capture that shows the screen it settled on.
# The same is measured on a trivial program in another pane (a shell loop that echoes each key
# it reads in raw mode): tmux's own floor, send-keys and capture-pane included. The reader runs
# with LECTERN_TRACE, so its own events (key read, filter answered, frame written) line up
# with the bench's clock and the time splits into tmux in, lectern, and tmux out.
#
#   benches/keys.sh DIR [CACHE]     # LECTERN_BIN=… to time another binary (default: this tree's)
#                                   # KEEP=DIR to keep the log and the trace
#
# The query "friendship" is typed twice: right after the first screen (the background jobs of
# the start still running, as reader.sh types it) and again after WAIT seconds (default 8).
set -euo pipefail
dir=${1:?corpus directory}
cache=${2:-$dir.cache}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${LECTERN_BIN:-$root/target/release/lectern}
wait_s=${WAIT:-8}
command -v tmux >/dev/null || { echo "keys.sh: tmux is not installed" >&2; exit 1; }
export LECTERN_CORPUS=$dir LECTERN_INDEX_DIR=$cache NO_COLOR=1
"$bin" list >/dev/null   # cache current
ws=$(mktemp -d)
session=lectern-keys-bench-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$ws"' EXIT
# The clock without a fork (bash 5), so that the capture loop is only capture-pane (~3 ms).
now_us() { t=${EPOCHREALTIME/./}; }
log=$ws/bench.log
# A screen without its first line and its last two (the list's rows).
# Sets R (no fork: a subshell would slow the capture loop).
rows_of() { local s=${1#*$'\n'}; s=${s%$'\n'*}; R=${s%$'\n'*}; }
# Types $2 into pane $1, one key at a time, logging each send and each capture that differs.
type_keys() {
  local pane=$1 keys=$2 label=$3 c prev cur still rows
  prev=$(tmux capture-pane -p -t "$pane")
  for (( k = 0; k < ${#keys}; k++ )); do
    c=${keys:k:1}
    now_us; echo "$t SEND $label $c" >>"$log"
    tmux send-keys -t "$pane" "$c"
    now_us; still=$t
    while :; do
      cur=$(tmux capture-pane -p -t "$pane")
      now_us
      if [ "$cur" != "$prev" ]; then
        # Whether the list's rows changed (the lines between the header and the status line,
        # where the count and the typed query show).
        rows_of "$cur"; rows=$R; rows_of "$prev"
        if [ "$rows" != "$R" ]; then echo "$t CAP rows" >>"$log"; else echo "$t CAP" >>"$log"; fi
        prev=$cur
        still=$t
      elif (( t - still > 300000 )); then
        echo "$t STILL" >>"$log"
        break
      fi
    done
  done
}
# tmux's floor: a program that reads a key in raw mode and writes it back at once.
tmux new-session -d -s "$session" -x 200 -y 50 \
  "stty raw -echo; while IFS= read -r -n1 c; do printf '%s' \"\$c\"; done"
floor=$session:0.0
sleep 0.3
type_keys "$floor" friendship floor
# The reader, in a second window of the same session.
tmux new-window -t "$session" \
  "env LECTERN_TRACE=$ws/trace.txt XDG_DATA_HOME=$ws XDG_CONFIG_HOME=$ws $bin"
reader=$session:1.0
until tmux capture-pane -p -t "$reader" | grep -qE '^ ?[0-9]{4}-[0-9]{2}-[0-9]{2} '; do
  sleep 0.005
done
tmux send-keys -t "$reader" f
sleep 0.3
type_keys "$reader" friendship start
tmux send-keys -t "$reader" Escape
sleep "$wait_s"
tmux send-keys -t "$reader" f
sleep 0.3
type_keys "$reader" friendship later
tmux send-keys -t "$reader" Escape q
sleep 0.5
python3 "$root/benches/keys_report.py" "$log" "$ws/trace.txt"
# KEEP=DIR keeps the bench's log and the reader's trace.
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP"; cp "$log" "$KEEP"/; cp "$ws/trace.txt" "$KEEP"/ 2>/dev/null || true; fi
