"""Show where a key's bytes go: each burst of output after each key, with its rows and text.

``python3 -m tests.bench.trace [--drafts DIR] [--bare] KEY ...`` starts
shenbao (on DIR, or on 10 generated drafts in a temporary folder) or, with
``--bare``, the bare Input app, and presses the keys one by one. A key named
``@wait`` pauses a second; keys are named as in ``tests.bench.keys`` (``enter``,
``tab``, ``f6``, ``n``, literal text). For each key it prints every burst:
milliseconds after the key, bytes, screen rows rewritten, and the text; bursts
that came after the 50 ms of quiet that ended the measured response are marked
``late`` (they count towards the next key in the benchmarks).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import apps, gen_drafts
from tests.bench.pty_driver import PtyApp
from tests.bench.terminal_text import BURST_GAP, rows_touched, strip_sequences

LATE = 0.3
"""After a key's response falls quiet (50 ms), output within this much more silence is shown as ``late``."""


def trace(app: PtyApp, keys: list[str], out: TextIO = sys.stdout) -> None:
    """Press each key and print the bursts of output that answer it."""
    for key in keys:
        if key == "@wait":
            time.sleep(1)
            continue
        mark = app.mark()
        sent = time.monotonic()
        result = app.press(key)
        answered = app.mark()
        app.wait_quiet(LATE)
        print(f"{key!r}: {result.bytes} B in {1000 * (result.seconds or 0):.0f} ms, {result.frames} bursts", file=out)
        bursts: list[list[tuple[int, float, bytes]]] = []
        for index, (moment, data) in enumerate(app.chunks(mark), start=mark):
            if not bursts or moment - bursts[-1][-1][1] > BURST_GAP:
                bursts.append([])
            bursts[-1].append((index, moment, data))
        for burst in bursts:
            data = b"".join(d for _, _, d in burst)
            text = " ".join(strip_sequences(data.decode("utf-8", errors="replace")).split())
            at = 1000 * (burst[0][1] - sent)
            late = "late" if burst[0][0] >= answered else "    "
            print(f"  {late} {at:6.1f} ms {len(data):6d} B  rows {rows_touched(data):2d}  {text[:84]!r}", file=out)


def main() -> None:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=Path, help="drafts folder (default: 10 generated drafts)")
    parser.add_argument("--bare", action="store_true", help="trace the bare Input app instead")
    parser.add_argument("keys", nargs="*")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shenbao-trace-") as tmp:
        if args.bare:
            app, painted = apps.launch_bare()
        else:
            folder = args.drafts or Path(tmp) / "drafts"
            if args.drafts is None:
                gen_drafts.generate(folder, 10, broken_share=0)
            app, painted = apps.launch_shenbao(folder, apps.first_row_text(folder))
        with app:
            settled = app.settle(0.3)
            print(f"first screen: {1000 * painted:.0f} ms, settled {1000 * settled:.0f} ms, {app.total_bytes} B")
            trace(app, args.keys)


if __name__ == "__main__":
    main()
