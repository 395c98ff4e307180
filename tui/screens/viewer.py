"""A draft's rendered form, read-only: what ``shenbao show`` prints, inside the app.

The text is the exporter's own output (``forms.render.formats``), shown literally and
never as markup, so reviewing a draft here and printing it agree line for
line. Nothing on this screen can change the draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import Static

from forms.checks.limits import cut, limit_reason
from forms.checks.runner import check, errors, status_text
from forms.model.declaration import Declaration
from forms.render.formats import Format, render
from forms.render.width import clean
from tui.widgets.footer import QuietFooter

FORMAT_NAMES: dict[Format, str] = {"text": "文本", "md": "Markdown"}
"""How each format is named in the heading."""


class ViewerScreen(Screen[None]):
    """One draft laid out like the printed form, scrollable; Escape goes back."""

    BINDING_GROUP_TITLE = "查看申报表（只读）"
    DEFAULT_CSS = """
    ViewerScreen { layout: vertical; }
    ViewerScreen #viewer-heading {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ViewerScreen #viewer-body { height: 1fr; overflow: auto auto; }
    ViewerScreen #viewer-text { width: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "返回", id="viewer.back"),
        Binding("p", "toggle_format", "格式", tooltip="切换文本 / Markdown", id="viewer.format"),
        Binding("a", "toggle_ascii", "ASCII 表格线", id="viewer.ascii"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | escape, q | Back to where the viewer was opened from. |
    | p | Show the form as text (the printed layout) or as Markdown. |
    | a | Draw the text with ASCII lines (+-|) instead of box characters. |
    """

    def __init__(self, path: Path, draft: Declaration) -> None:
        """Show ``draft``, read from ``path`` (named in the heading)."""
        super().__init__()
        self.path = path
        """The draft's file."""
        self.reason = limit_reason(draft)
        """Why only part of the draft is shown (tables past the row limit); ``""`` for any real draft."""
        self.draft = cut(draft) if self.reason else draft
        """The draft shown (cut to the row limit); never changed here."""
        self.fmt: Format = "text"
        """The format shown."""
        self.ascii = False
        """Whether text is drawn with ASCII lines."""
        self.rendered = ""
        """The text on screen, exactly as ``forms.render.formats`` gave it."""
        findings = check(draft)  # of the whole draft: past the row limit, that is the limit's error alone
        self._status = status_text(findings)
        self._has_errors = bool(errors(findings))

    def compose(self) -> ComposeResult:
        """Heading, the scrollable form, footer."""
        yield Static(id="viewer-heading")
        with ScrollableContainer(id="viewer-body", can_focus=True):
            yield Static(id="viewer-text")
        yield QuietFooter()

    def on_mount(self) -> None:
        """Render the form and put the keyboard on it, so the arrow keys scroll."""
        self.refresh_view()
        self.query_one("#viewer-body").focus()
        if self.reason:
            self.notify(clean(self.reason), severity="warning", markup=False, timeout=15)

    def refresh_view(self) -> None:
        """Render the draft in the chosen format into the screen."""
        self.rendered = render(self.draft, self.fmt, ascii=self.ascii)
        # render() cleans user text already; cleaning again keeps the screen safe if a renderer misses a case.
        self.query_one("#viewer-text", Static).update(Text(clean(self.rendered), no_wrap=True))
        name = self.draft.project.name.strip() or "（未填写项目名称）"
        heading = Text("只读 · ", style="bold")
        heading.append(clean(name).replace("\n", " "))
        lines = " ASCII 线" if self.ascii and self.fmt == "text" else ""
        heading.append(f" · {FORMAT_NAMES[self.fmt]}{lines} · 检查：")
        heading.append(self._status, style="red" if self._has_errors else "")
        heading.append(" · ")
        heading.append(clean(self.path.name))
        self.query_one("#viewer-heading", Static).update(heading)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ASCII lines are for the text layout only (Markdown has none)."""
        if action == "toggle_ascii":
            return True if self.fmt == "text" else None
        return True

    def action_toggle_format(self) -> None:
        """Switch between the printed layout and Markdown."""
        self.fmt = "md" if self.fmt == "text" else "text"
        self.refresh_view()
        self.refresh_bindings()

    def action_toggle_ascii(self) -> None:
        """Switch between box-drawing and ASCII lines (for terminals that draw boxes two cells wide)."""
        self.ascii = not self.ascii
        self.refresh_view()

    def action_back(self) -> None:
        """Close the viewer."""
        self.dismiss(None)
