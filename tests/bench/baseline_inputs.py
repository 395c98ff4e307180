"""Baseline for moving between fields: a bare Textual app with N Inputs (N = the editor's largest section).

Run ``python3 tests/bench/baseline_inputs.py [N] [--no-blink]``. At 80×24 the
Inputs (three rows each) do not fit, so Tab scrolls the next one into view
with Textual's default smooth scrolling: the cost issue 6 compares against.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Input, Label

READY = "基线多字段"
"""Text of the first screen the benchmarks wait for."""
DEFAULT_FIELDS = 14
"""Fields in the editor's largest section when it cannot be counted (基本情况)."""


class BareInputs(App[None]):
    """A Label and ``count`` Inputs in the default scrolling screen."""

    def __init__(self, count: int = DEFAULT_FIELDS, *, blink: bool = True) -> None:
        super().__init__()
        self.count = count
        self.blink = blink

    def compose(self) -> ComposeResult:
        yield Label(READY)
        for number in range(1, self.count + 1):
            field = Input(placeholder=f"字段 {number}")
            field.cursor_blink = self.blink
            yield field


if __name__ == "__main__":
    numbers = [int(arg) for arg in sys.argv[1:] if arg.isdigit()]
    BareInputs(numbers[0] if numbers else DEFAULT_FIELDS, blink="--no-blink" not in sys.argv[1:]).run()
