#!/usr/bin/env bash
# Makes the README's screenshots from the real binary in a real terminal: lectern runs in a
# tmux window of a fixed size, on the bundled corpus, with an empty home; `capture-pane -e`
# takes the screen with its colours, and `ansi2svg.py` (python `rich`) draws it as SVG.
#
#   assets/screenshots/make.sh            # builds the release binary, writes assets/screenshots/*.svg
#   LECTERN_BIN=path/to/lectern make.sh   # uses that binary instead
#
# Needs tmux and python3 (with venv); rich is installed into a venv under the user's cache.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT:-$here}

command -v tmux >/dev/null || { echo "make.sh: tmux is needed (apt install tmux)" >&2; exit 1; }

if [ -z "${LECTERN_BIN:-}" ]; then
    (cd "$root" && cargo build --release --locked --bin lectern)
    LECTERN_BIN=$root/target/release/lectern
fi

venv=${XDG_CACHE_HOME:-$HOME/.cache}/lectern-screenshots/venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import rich' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'rich>=13,<15'
fi

home=$(mktemp -d)
socket=lectern-shots-$$
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$home"' EXIT

tm() { tmux -L "$socket" -f /dev/null "$@"; }

# Polls the pane until two captures 0.3 s apart are the same (the reader has drawn and settled).
settle() {
    local last="" now tries=0
    while :; do
        now=$(tm capture-pane -p -e -t shot)
        if [ -n "$now" ] && [ "$now" = "$last" ]; then return; fi
        last=$now
        tries=$((tries + 1))
        [ "$tries" -lt 60 ] || { echo "make.sh: the screen did not settle" >&2; exit 1; }
        sleep 0.3
    done
}

# shot NAME THEME COLS ROWS KEYS... : starts lectern, sends each key (settling after each),
# and writes NAME-THEME.svg.
shot() {
    local name=$1 theme=$2 cols=$3 rows=$4
    shift 4
    rm -rf "$home"/*
    tm new-session -d -s shot -x "$cols" -y "$rows" \
        "env -u DISPLAY -u WAYLAND_DISPLAY -u SSH_TTY HOME=$home XDG_CONFIG_HOME=$home/config \
         XDG_DATA_HOME=$home/data XDG_CACHE_HOME=$home/cache XDG_STATE_HOME=$home/state \
         LANG=C.UTF-8 TERM=xterm-256color COLORTERM=truecolor LECTERN_THEME=$theme \
         '$LECTERN_BIN'; sleep 30"
    settle
    for key in "$@"; do
        tm send-keys -t shot "$key"
        settle
    done
    tm capture-pane -p -e -N -t shot >"$home/screen.ansi"
    tm kill-session -t shot
    "$venv/bin/python" "$here/ansi2svg.py" --theme "$theme" --cols "$cols" \
        --title "lectern — $name" "$home/screen.ansi" "$out/$name-$theme.svg"
    echo "wrote $out/$name-$theme.svg"
}

for theme in dark light; do
    # The list, as lectern starts.
    shot list "$theme" 120 30
    # The People's Daily article (first in date order): Chinese and English side by side, the
    # panel hidden (p).
    shot reader "$theme" 120 36 Enter j p
    # The treaty with the footnote / citation panel, at a wide terminal.
    shot panel "$theme" 180 44 j j Enter j j
done
