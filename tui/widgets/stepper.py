"""The editor's stepper: every section on one line, each with its state, the current one marked.

States are shown by a glyph and a colour, both single-width (``-`` 空, ``~``
填写中 — something is still missing, not yet pointed out —, ``✓`` 完成, ``!``
警告, ``x`` 错误), so the line stays aligned in terminals that draw
ambiguous-width symbols two cells wide. The stepper can take focus (Ctrl+G in
the editor): then a digit or ← / → and Enter choose a section. Those keys are
the editor screen's (priority bindings, so a digit typed right after Ctrl+G
cannot land in a field); the stepper only draws and moves its highlight.

A key nothing here or above uses (Backspace, a letter) ends on the stepper.
Bubbling on, Textual would look its binding up on whatever has focus by the
time it reaches the app: after a Tab typed next, the 合计 line a table's last
cell wraps round to, deleting what was typed there (the rule of an empty
table's line, ``tui.widgets.grid_empty``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.widgets.keys import unbound

StepState = Literal["empty", "incomplete", "complete", "warning", "error"]

GLYPHS: dict[str, str] = {"empty": "-", "incomplete": "~", "complete": "✓", "warning": "!", "error": "x"}
"""One single-width glyph per state."""
STATE_NAMES: dict[str, str] = {
    "empty": "空",
    "incomplete": "填写中",
    "complete": "完成",
    "warning": "警告",
    "error": "错误",
}
"""The states in words (status line, help)."""
_STYLES: dict[str, str] = {
    "empty": "dim",
    "incomplete": "dim",
    "complete": "green",
    "warning": "yellow",
    "error": "bold red",
}


def step_state(findings: Sequence[Any], *, blank: bool = False) -> StepState:
    """A section's state: 空 when nothing is filled in, else 错误 / 警告 / 完成 by its worst finding.

    Args:
        findings: The findings (``severity`` "error" or "warning") that belong to the section.
        blank: Nothing of the section has been filled in.
    """
    if blank:
        return "empty"
    if any(f.severity == "error" for f in findings):
        return "error"
    return "warning" if findings else "complete"


class Stepper(Widget, can_focus=True):
    """One line naming every section with its state; posts ``Selected`` when one is chosen."""

    DEFAULT_CSS = """
    Stepper {
        height: 1;
        width: 1fr;
        background: $panel;
        &:focus { background: $primary 40%; }
    }
    """

    current: reactive[int] = reactive(0)
    """Index of the section shown."""
    highlighted: reactive[int] = reactive(0)
    """Index a press of Enter would open (follows ``current`` until moved)."""

    class Selected(Message):
        """A section was chosen in the stepper."""

        def __init__(self, index: int) -> None:
            self.index = index
            """Index of the section (0-based)."""
            super().__init__()

    def __init__(self, titles: list[tuple[str, str]], *, id: str | None = None) -> None:
        """Build the stepper.

        Args:
            titles: (short, full) name of every section, in order.
            id: The widget id.
        """
        super().__init__(id=id)
        self.titles = titles
        """(short, full) names of the sections."""
        self.states: list[str] = ["empty"] * len(titles)
        """The state of every section (``empty``, ``complete``, ``warning``, ``error``)."""
        self._spans: list[tuple[int, int]] = []

    def set_states(self, states: list[str]) -> None:
        """Show new states (one per section)."""
        if states != self.states:
            self.states = list(states)
            self.refresh()

    def watch_current(self, current: int) -> None:
        """The highlight follows the section shown."""
        self.highlighted = current

    def render(self) -> Content:
        """Full names when they fit the width, else the short ones."""
        width = self.size.width or 80
        full = self._line(full=True)
        line = full if full.cell_length <= width else self._line(full=False)
        return line

    def _line(self, *, full: bool) -> Content:
        parts: list[Content] = []
        self._spans = []
        offset = 0
        for index, (short, title) in enumerate(self.titles):
            state = self.states[index]
            name = title if full else short
            text = Content.assemble(f" {index + 1}", (GLYPHS[state], _STYLES[state]), Content(name), " ")
            if index == self.current:
                text = text.stylize("reverse bold")
            elif index == self.highlighted and self.has_focus:
                text = text.stylize("underline")
            parts.append(text)
            size = cell_len(f" {index + 1}{GLYPHS[state]}{name} ")
            self._spans.append((offset, offset + size))
            offset += size
        return Content.assemble(*parts)

    def move_highlight(self, delta: int) -> None:
        """Move the highlight (wrapping)."""
        self.highlighted = (self.highlighted + delta) % len(self.titles)
        self.refresh()

    def on_key(self, event: events.Key) -> None:
        """A key nothing here or above uses ends here instead of acting later on the field focused next."""
        # The stepper's own keys are the screen's priority bindings and never get here; Escape, F-keys and
        # Ctrl+… are bindings of the screen or the app and bubble on to them.
        if unbound(self, event.key):
            event.stop()
            event.prevent_default()

    def on_click(self, event: events.Click) -> None:
        """A click on a section opens it."""
        for index, (start, end) in enumerate(self._spans):
            if start <= event.x < end:
                self.post_message(self.Selected(index))
                return

    def on_blur(self) -> None:
        """Forget a highlight that was not chosen."""
        self.highlighted = self.current
