"""What a terminal would show, from the bytes an app writes: escape sequences stripped, rows counted.

The benchmarks match the first screen's text on the output with every control
sequence removed (so colours and cursor moves between characters do not split
a word), and describe a key's response by how many screen rows it rewrote.
"""

from __future__ import annotations

import re

# ECMA-48 control sequences, in the order a parser would try them:
# CSI (ESC [ or 0x9b) params/intermediates then a final byte; OSC, DCS, SOS, PM
# and APC strings up to ST (ESC \) or BEL; two-byte ESC sequences (ESC 7, ESC =,
# charset designations like ESC ( B); any stray C0 control except newline.
_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]          # CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])   # OSC / DCS / SOS / PM / APC opener
    .*?(?:\x07|\x1b\\|\x9c)                   # … up to BEL or ST
  | \x1b[ -/]*[0-~]                           # other ESC sequences (incl. charsets)
  | [\x00-\x09\x0b-\x1a\x1c-\x1f\x7f]         # remaining C0 controls (keep \n)
    """,
    re.VERBOSE | re.DOTALL,
)
_UNFINISHED = re.compile(r"(?:\x1b|\x9b|\x1b\[[0-?]*[ -/]*|\x1b[\]PX^_](?:(?!\x07|\x1b\\).)*)\Z", re.DOTALL)
_CURSOR_ROW = re.compile(rb"\x1b\[(\d+)(?:;\d+)?H")


def strip_sequences(text: str) -> str:
    """The printable text of terminal output, every escape sequence and control removed.

    An unfinished sequence at the very end (the rest is still in flight) is
    dropped too, so matching never sees half of one.

    Args:
        text: Decoded terminal output.

    Returns:
        The text a person would read, in the order it was written.
    """
    text = _UNFINISHED.sub("", text)
    return _SEQUENCE.sub("", text)


def rows_touched(data: bytes) -> int:
    """How many distinct screen rows the output moved the cursor to (``ESC [ row ; col H``).

    Textual positions the cursor at the start of every stretch it rewrites, so
    this tells a small update (a field or two) from a repaint of the screen.
    """
    return len({int(match.group(1)) for match in _CURSOR_ROW.finditer(data)})


BURST_GAP = 0.008
"""Output chunks closer than this (seconds) belong to one burst: one write of one screen update."""


def frames(times: list[float], gap: float = BURST_GAP) -> int:
    """How many separate bursts of output arrived (chunks less than ``gap`` seconds apart are one).

    One screen update arrives as one burst; an animation (smooth scrolling, a
    fade) arrives as several, about 1/60 s apart.
    """
    count = 0
    last = None
    for moment in times:
        if last is None or moment - last > gap:
            count += 1
        last = moment
    return count
