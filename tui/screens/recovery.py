"""Offering back typing a killed shenbao left in a recovery journal: what, where, when; restore or not.

One journal at a time: the draft, who typed and since when, each field with
the text typed and the time, and anything wrong with the journal. The
operator restores it (``r``: into the draft, saved), discards it (``d``, asked
again: it cannot be undone), or puts it off (Escape: nothing changes, it is
offered again next time). A draft the bureau approved (通过) since is not
restored into: the question says so and how to reopen it, and the journal is
kept for when it has been reopened. Everything shown comes from a file anyone could
have written, so it is cleaned and shown literally, never as markup.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from forms.model.declaration import Declaration, new_declaration
from forms.render.width import cell_width, char_width, clean
from forms.store.recovery import Recovery
from tui.widgets.confirm import ConfirmScreen

Answer = Literal["restore", "discard", "later"]
"""What the operator chose for one journal."""
SHOWN = 8
"""Fields listed by name; the rest are counted."""
TEXT_CELLS = 34
"""Cells of each field's text shown (the rest is cut with …)."""


TOTALS = {
    "funding.total_last_year": "资金来源合计（上年度）",
    "funding.total_this_year": "资金来源合计（本年度）",
    "expenses.total_last_year": "支出明细合计（上年度）",
    "expenses.total_this_year": "支出明细合计（本年度）",
}
"""The declared 合计 fields, which have no label of their own in the template."""


def describe_field(path: str, draft: Declaration | None) -> str:
    """A journaled field path in words (“项目名称”, “支出明细第 2 行…”); the path itself when unknown."""
    from forms.checks.field_names import describe

    if path in TOTALS:
        return TOTALS[path]
    try:
        return clean(describe(path, draft or new_declaration()))
    except Exception:  # the path comes from a file anyone could write
        return clean(path)


def fit(text: str, cells: int) -> str:
    """``text`` on one line, cut to ``cells`` terminal cells with … when longer."""
    line = clean(text).replace("\n", "⏎")
    if cell_width(line) <= cells:
        return line
    out, used = [], 0
    for char in line:
        used += char_width(char)
        if used > cells - 1:
            break
        out.append(char)
    return "".join(out) + "…"


def recovery_text(recovery: Recovery, draft: Declaration | None = None) -> Text:
    """The body of the question: summary, fields with their text and time, problems."""
    text = Text(clean(recovery.summary()), style="bold")
    for entry in recovery.entries[:SHOWN]:
        text.append(f"\n· {fit(describe_field(entry.field, draft), 20)}：")
        text.append(fit(entry.text, TEXT_CELLS) or "（清空）")
        text.append(f"（{clean(entry.at[11:19])}）", style="dim")
    if len(recovery.entries) > SHOWN:
        text.append(f"\n……另有 {len(recovery.entries) - SHOWN} 处")
    for problem in recovery.problems:
        text.append(f"\n! {fit(problem, 60)}", style="red")
    return text


class RecoveryScreen(ModalScreen[Answer]):
    """Ask about one journal left behind; dismisses with ``"restore"``, ``"discard"`` or ``"later"``."""

    DEFAULT_CSS = """
    RecoveryScreen {
        align: center middle;
    }
    RecoveryScreen > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    RecoveryScreen #recovery-title {
        text-style: bold;
        margin-bottom: 1;
    }
    RecoveryScreen VerticalScroll {
        height: auto;
        max-height: 14;
    }
    RecoveryScreen #recovery-keys {
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "restore", "恢复", id="recovery.restore"),
        Binding("d", "discard", "丢弃", id="recovery.discard"),
        Binding("escape", "later", "以后再说", id="recovery.later"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | r | Put the typing back into the draft and save it. |
    | d | Discard the journal (asks again). |
    | escape | Decide later: the journal stays and is offered again. |
    """

    def __init__(
        self, recovery: Recovery, draft: Declaration | None = None, *, position: str = "", locked: str = ""
    ) -> None:
        """Ask about ``recovery``.

        Args:
            recovery: The journal found.
            draft: The draft it belongs to, when read already (for field names).
            position: “1/3” when several journals are offered one after another.
            locked: Why the typing cannot go into the draft now (it is 通过) and how to reopen it;
                restoring is then not offered.
        """
        super().__init__()
        self.recovery = recovery
        """The journal asked about."""
        self._draft = draft
        self._position = position
        self.locked = locked
        """Why restoring is refused (the draft is approved), blank when it is not."""

    @property
    def restorable(self) -> bool:
        """Whether the journal names a draft that may be written and holds something to put back."""
        return self.recovery.draft_path is not None and bool(self.recovery.entries) and not self.locked

    def compose(self) -> ComposeResult:
        """Title, what the journal holds, and the keys."""
        title = "发现上次未保存的输入" + (f"（{self._position}）" if self._position else "")
        keys = ["r：恢复到草稿并保存"] if self.restorable else []
        keys += ["d：丢弃这份恢复记录（会再确认）", "Esc：以后再说（下次启动时再问）"]
        with Vertical():
            yield Static(Text(title), id="recovery-title")
            if self.locked:
                yield Static(Text(clean(self.locked), style="bold yellow"), id="recovery-locked")
            with VerticalScroll(can_focus=False):
                yield Static(recovery_text(self.recovery, self._draft), id="recovery-body")
            yield Static(Text("    ".join(keys)), id="recovery-keys")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Restoring a journal that names no draft (or holds nothing) is not offered."""
        return self.restorable if action == "restore" else True

    def action_restore(self) -> None:
        """Restore the typing into the draft."""
        self.dismiss("restore")

    def action_discard(self) -> None:
        """Ask again, then discard the journal."""
        name = self.recovery.draft_path.name if self.recovery.draft_path else self.recovery.path.name
        question = f"丢弃 {name} 的恢复记录？其中 {len(self.recovery.entries)} 处未保存的输入将无法找回。"

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss("discard")

        self.app.push_screen(ConfirmScreen(question, title="丢弃恢复记录", yes="丢弃", no="保留"), answered)

    def action_later(self) -> None:
        """Keep the journal; it is offered again next time."""
        self.dismiss("later")
