"""The reviewer's question on the drafts list: 通过, 退回 with a 审核意见, or 重新打开 an approved draft.

p approves, t asks for the 审核意见 (typed in a box; Enter returns the draft
with it, Escape leaves the box), o reopens an approved draft; Escape cancels.
Nothing is written here: the dialog dismisses with the step chosen
(``ReviewChoice``) and the drafts list takes it (``forms.workflows.review_file``).
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from forms.render.width import clean


class ReviewChoice(NamedTuple):
    """The step the reviewer chose."""

    action: str
    """``returned``, ``approved`` or ``reopened``."""
    opinion: str = ""
    """The 审核意见 of a return."""


class ReviewDialog(ModalScreen[ReviewChoice | None]):
    """Ask which review step to take on one draft."""

    DEFAULT_CSS = """
    ReviewDialog {
        align: center middle;
    }
    ReviewDialog > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    ReviewDialog #review-title {
        text-style: bold;
    }
    ReviewDialog #review-opinion {
        display: none;
        margin-top: 1;
    }
    ReviewDialog #review-keys {
        margin-top: 1;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "approve", "通过", id="review.approve"),
        Binding("t", "return", "退回", id="review.return"),
        Binding("o", "reopen", "重新打开", id="review.reopen"),
        Binding("escape", "cancel", "取消", id="review.cancel"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | p | Approve (通过): the draft becomes 定稿 and is locked. |
    | t | Return (退回): type the 审核意见, Enter sends it back to the unit. |
    | o | Reopen an approved draft (recorded). |
    | escape | Leave the opinion box, or cancel. |
    """

    def __init__(self, name: str, current: str, *, approved: bool) -> None:
        """Ask about the draft of project ``name``, whose review now reads ``current`` (blank when none)."""
        super().__init__()
        self._name = name
        self._current = current
        self._approved = approved

    def compose(self) -> ComposeResult:
        """Title, the review so far, the opinion box (shown for 退回) and the keys."""
        with Vertical():
            yield Static(Text(clean(f"审核：{self._name}").replace("\n", " ")), id="review-title")
            yield Static(Text(clean(self._current or "尚未审核。")), id="review-current")
            # Disabled until t: a focusable box would take p, t and o as typing.
            yield Input(
                placeholder="审核意见（说明需要修改什么），Enter 退回，Esc 返回", id="review-opinion", disabled=True
            )
            yield Static(Text(self._keys()), id="review-keys")

    def _keys(self) -> str:
        keys = "o 重新打开（记入审核记录）" if self._approved else "p 通过    t 退回（填写审核意见）"
        return f"{keys}    Esc 取消"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An approved draft can only be reopened; the others approved or returned."""
        if action == "reopen":
            return self._approved
        if action in ("approve", "return"):
            return not self._approved
        return True

    def action_approve(self) -> None:
        """通过."""
        self.dismiss(ReviewChoice("approved"))

    def action_reopen(self) -> None:
        """重新打开."""
        self.dismiss(ReviewChoice("reopened"))

    def action_return(self) -> None:
        """Show the opinion box and put the cursor in it."""
        box = self.query_one("#review-opinion", Input)
        box.display, box.disabled = True, False
        box.focus()
        self.query_one("#review-keys", Static).update(Text("Enter 退回    Esc 返回（不退回）"))

    def action_cancel(self) -> None:
        """Leave the opinion box if in it, else cancel."""
        box = self.query_one("#review-opinion", Input)
        if box.has_focus:
            box.display, box.disabled = False, True
            self.set_focus(None)
            self.query_one("#review-keys", Static).update(Text(self._keys()))
            return
        self.dismiss(None)

    @on(Input.Submitted, "#review-opinion")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.notify("退回必须填写审核意见。", severity="warning", markup=False)
            return
        self.dismiss(ReviewChoice("returned", event.value))
