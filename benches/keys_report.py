#!/usr/bin/env python3
"""The report of benches/keys.sh: each key's time, split by the reader's trace.

    keys_report.py BENCH_LOG TRACE

BENCH_LOG lines: `us SEND label key`, `us CAP [rows]` (a capture that differs from the one
before; `rows` when the list's rows differ too), `us STILL` (the pane held still for 300 ms). TRACE lines (LECTERN_TRACE): `us thread
event…`. All times are microseconds of the same clock.
"""
import statistics
import sys


def keys(log_path):
    """Each key: (label, key, sent, [(capture time, whether the rows changed)])."""
    out = []
    for line in open(log_path):
        t, kind, *rest = line.split()
        t = int(t)
        if kind == "SEND":
            out.append((rest[0], rest[1], t, []))
        elif kind == "CAP" and out:
            out[-1][3].append((t, rest == ["rows"]))
    return out


def trace(path):
    try:
        lines = open(path).read().splitlines()
    except OSError:
        return []
    events = []
    for line in lines:
        t, thread, event = line.split(" ", 2)
        events.append((int(t), thread, event))
    return events


def ms(us):
    return f"{us / 1000:6.1f}"


def main():
    ks = keys(sys.argv[1])
    events = trace(sys.argv[2])
    rows = {}
    for n, (label, key, sent, caps) in enumerate(ks):
        if not caps:
            print(f"{label:5} {key}: the screen did not change")
            continue
        settled = caps[-1][0]
        row_caps = [t for t, rows in caps if rows]
        end = ks[n + 1][2] if n + 1 < len(ks) else float("inf")
        window = [e for e in events if sent <= e[0] < end]
        read = next((t for t, _, e in window if e.startswith("key read")), None)
        frames = [t for t, _, e in window if e == "frame written"]
        shown = [t for t in frames if t <= settled]
        row = {"settled": settled - sent, "first change": caps[0][0] - sent}
        text = (f"{label:5} {key}: settled {ms(settled - sent)} ms, first change"
                f" {ms(caps[0][0] - sent)} ms")
        if row_caps:
            row["rows shown"] = row_caps[-1] - sent
            text += f", rows shown {ms(row_caps[-1] - sent)} ms"
        text += f", {len(caps)} screens seen, {len(frames)} frames"
        if read is not None and shown:
            row["tmux in"] = read - sent
            row["lectern"] = shown[-1] - read
            row["tmux out"] = settled - shown[-1]
            text += (f" | tmux in {ms(read - sent)}, lectern {ms(shown[-1] - read)}"
                     f" (to the last frame before the settled capture), tmux out + capture"
                     f" {ms(settled - shown[-1])}")
        print(text)
        rows.setdefault(label, []).append(row)
    print("medians (ms):")
    for label, rs in rows.items():
        parts = []
        for name in ["settled", "rows shown", "first change", "tmux in", "lectern", "tmux out"]:
            vals = [r[name] for r in rs if name in r]
            if vals:
                parts.append(f"{name} {statistics.median(vals) / 1000:.1f}"
                             f" ({min(vals) / 1000:.0f}-{max(vals) / 1000:.0f})")
        print(f"  {label:5} " + ", ".join(parts))


main()
