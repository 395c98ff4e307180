"""A yes/no question in a modal: y confirms; n or Escape cancels.

Enter deliberately does nothing: an operator who presses Enter out of habit
must not delete a draft or export a form with errors by accident. Escape only
ever cancels.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from forms.render.width import clean


class ConfirmScreen(ModalScreen[bool]):
    """Ask one question; dismisses with ``True`` (y) or ``False`` (n, Escape).

    The question is shown literally (never as markup, escape sequences removed),
    so it may quote user text.
    """

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    ConfirmScreen > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    ConfirmScreen #confirm-title {
        text-style: bold;
        margin-bottom: 1;
    }
    ConfirmScreen #confirm-keys {
        margin-top: 1;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "是", id="confirm.yes"),
        Binding("n", "answer(False)", "否", id="confirm.no"),
        Binding("escape", "answer(False)", "取消", id="confirm.cancel"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | y | Confirm. |
    | n | Decline. |
    | escape | Decline. |
    """

    def __init__(self, question: str, *, title: str = "请确认", yes: str = "是", no: str = "否") -> None:
        """Build the question.

        Args:
            question: The question, shown literally; may contain user text.
            title: The heading.
            yes: What y does, e.g. “删除”.
            no: What n and Escape do, e.g. “保留”.
        """
        super().__init__()
        self.question = question
        """The question as asked."""
        self._title = title
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        """The heading, the question and the keys that answer it."""
        with Vertical():
            yield Static(Text(self._title), id="confirm-title")
            yield Static(Text(clean(self.question)), id="confirm-question")
            yield Static(Text(f"y：{self._yes}    n 或 Esc：{self._no}"), id="confirm-keys")

    def action_answer(self, answer: bool) -> None:
        """Close the question with the operator's answer."""
        self.dismiss(answer)
