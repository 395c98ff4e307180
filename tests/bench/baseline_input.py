"""Baseline for start-up and typing: a bare Textual app with one Label and one focused Input.

Run ``python3 tests/bench/baseline_input.py [--no-blink]``. With Textual's
defaults the Input's cursor blinks (about 1.7 KB/s over the wire while idle);
``--no-blink`` turns only that off, which is the fair baseline for bytes per
typed character, since shenbao's fields do not blink.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Input, Label

READY = "基线输入框"
"""Text of the first screen the benchmarks wait for."""


class BareInput(App[None]):
    """One Label and one Input, everything else as Textual ships it."""

    def __init__(self, *, blink: bool = True) -> None:
        super().__init__()
        self.blink = blink

    def compose(self) -> ComposeResult:
        yield Label(READY)
        field = Input(placeholder="输入")
        field.cursor_blink = self.blink
        yield field


if __name__ == "__main__":
    BareInput(blink="--no-blink" not in sys.argv[1:]).run()
