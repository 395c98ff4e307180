"""A draft's history, read-only: what ``shenbao log`` prints, inside the app.

Opened with h on the drafts list or F7 in the editor, when the drafts folder
has history (``shenbao init --git``). git is run in a worker thread, so a long
history never holds up the keys; the text is ``forms.history.text``'s, shown
literally (never as markup) and laid out for the screen's width.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import Static

from forms.render.width import clean
from tui.widgets.footer import QuietFooter

MIN_WIDTH = 60
"""The narrowest the history is laid out for (a narrower screen scrolls sideways)."""


class HistoryScreen(Screen[None]):
    """The versions of one draft, newest first, with each changed field; Escape goes back."""

    BINDING_GROUP_TITLE = "修改记录（只读）"
    DEFAULT_CSS = """
    HistoryScreen { layout: vertical; }
    HistoryScreen #history-heading {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    HistoryScreen #history-body { height: 1fr; overflow: auto auto; }
    HistoryScreen #history-text { width: auto; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "返回", id="history.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | escape, q | Back to where the history was opened from. |
    """

    def __init__(self, folder: Path, path: Path, name: str = "") -> None:
        """The history of the draft ``path`` in the drafts folder ``folder``; ``name`` (项目名称) heads it."""
        super().__init__()
        self.folder = folder
        """The drafts folder (the repository)."""
        self.path = path
        """The draft's file."""
        self.project = name
        """The draft's 项目名称, for the heading."""
        self.rendered = ""
        """The text on screen, exactly as ``forms.history.text`` gave it (empty until git has answered)."""

    def compose(self) -> ComposeResult:
        """Heading, the scrollable history, footer."""
        yield Static(id="history-heading")
        with ScrollableContainer(id="history-body", can_focus=True):
            yield Static(Text("正在读取修改记录…"), id="history-text")
        yield QuietFooter()

    def on_mount(self) -> None:
        """Start reading the history; the keyboard scrolls it."""
        heading = Text("修改记录 · ", style="bold")
        heading.append(clean(self.project or self.path.name).replace("\n", " "))
        heading.append(f" · {clean(self.path.name)}")
        self.query_one("#history-heading", Static).update(heading)
        self.query_one("#history-body").focus()
        self._read(max(self.size.width - 2, MIN_WIDTH))

    @work(thread=True, exclusive=True, group="history")
    def _read(self, width: int) -> None:
        from forms.history.log import history
        from forms.history.repo import HistoryError
        from forms.history.text import render_history

        try:
            text = render_history(self.path.name, history(self.folder, self.path), width=width)
        except HistoryError as error:
            text = f"无法读取修改记录：{error}"
        self.app.call_from_thread(self._show, text)

    def _show(self, text: str) -> None:
        self.rendered = text
        self.query_one("#history-text", Static).update(Text(clean(text), no_wrap=True))

    def action_back(self) -> None:
        """Close the history."""
        self.dismiss(None)
