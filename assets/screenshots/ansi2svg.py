"""Draws a tmux `capture-pane -e` screen as an SVG, with python `rich` (its ANSI decoder and
SVG export), in the colours of a dark or a light terminal.

    python ansi2svg.py --theme dark|light --cols N --title T screen.ansi out.svg
"""

import argparse
import io

from rich.console import Console
from rich.terminal_theme import TerminalTheme
from rich.text import Text

# A dark and a light terminal palette (background, foreground, 8 normal and 8 bright colours),
# close to the xterm defaults, so that the theme lectern picks is seen as on such a terminal.
DARK = TerminalTheme(
    (24, 24, 27),
    (220, 220, 220),
    [(0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16), (36, 114, 200),
     (188, 63, 188), (17, 168, 205), (229, 229, 229)],
    [(102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67), (59, 142, 234),
     (214, 112, 214), (41, 184, 219), (255, 255, 255)],
)
LIGHT = TerminalTheme(
    (255, 255, 255),
    (30, 30, 30),
    [(0, 0, 0), (205, 49, 49), (0, 128, 0), (160, 120, 0), (4, 81, 165),
     (188, 5, 188), (5, 152, 188), (200, 200, 200)],
    [(102, 102, 102), (205, 49, 49), (20, 150, 20), (180, 140, 0), (4, 81, 165),
     (188, 5, 188), (5, 152, 188), (160, 160, 160)],
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--theme", choices=["dark", "light"], required=True)
    parser.add_argument("--cols", type=int, required=True)
    parser.add_argument("--title", default="lectern")
    parser.add_argument("screen")
    parser.add_argument("svg")
    args = parser.parse_args()

    with open(args.screen, encoding="utf-8", errors="replace") as f:
        screen = f.read().rstrip("\n")
    console = Console(
        record=True,
        width=args.cols,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
    )
    # Decoded whole, not line by line: tmux does not repeat a style that carries over from the
    # end of one line to the next, so each line alone would lose it.
    console.print(Text.from_ansi(screen), no_wrap=True, overflow="crop", crop=True)
    console.save_svg(args.svg, title=args.title, theme=DARK if args.theme == "dark" else LIGHT)


if __name__ == "__main__":
    main()
