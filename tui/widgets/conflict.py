"""The question asked when a draft changed on disk while it was open: what to do with the typing here.

Nothing is written until the operator answers, and no answer loses their
typing: reloading first puts it in a copy beside the draft, and Escape only
puts the question off (autosave stays paused; Ctrl+S asks again). Enter does
nothing, so a key pressed out of habit decides nothing. When the version on
disk is one the bureau approved (通过), overwriting it is not offered: the
question says so, and the typing goes into a copy or waits for a reopening.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from forms.render.width import clean
from forms.store.conflicts import ChangedOnDisk

Choice = Literal["reload", "copy", "overwrite", "later"]
"""The operator's answer: reload from disk, go on in a copy, overwrite the file, or decide later."""


class ConflictScreen(ModalScreen[Choice]):
    """Ask what to do about a draft changed on disk; dismisses with a ``Choice``."""

    DEFAULT_CSS = """
    ConflictScreen {
        align: center middle;
    }
    ConflictScreen > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        border: thick $error;
        background: $surface;
        padding: 0 1;
    }
    ConflictScreen #conflict-title {
        text-style: bold;
        margin-bottom: 1;
    }
    ConflictScreen #conflict-keys {
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "answer('reload')", "重新载入", id="conflict.reload"),
        Binding("s", "answer('copy')", "另存为新文件", id="conflict.copy"),
        Binding("o", "answer('overwrite')", "覆盖", id="conflict.overwrite"),
        Binding("escape", "answer('later')", "以后再说", id="conflict.later"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | r | Reload the draft from disk; the typing here is first saved as a copy beside it. |
    | s | Save the typing here under a new name and go on editing that copy. |
    | o | Overwrite the file on disk (asks again), or save it again when it was deleted. |
    | escape | Decide later: autosave stays paused, Ctrl+S asks again. |
    """

    def __init__(self, conflict: ChangedOnDisk, *, dirty: bool = True, locked: str = "") -> None:
        """Ask about ``conflict``.

        Args:
            conflict: What the checked save found.
            dirty: The editor has typing not yet saved anywhere (a reload then saves a copy first).
            locked: Why the version on disk may not be overwritten (it is 通过); blank when it may.
        """
        super().__init__()
        self.conflict = conflict
        """What the save found."""
        self._dirty = dirty
        self.locked = locked
        """Why overwriting is not offered (the version on disk is approved), blank when it is."""

    def compose(self) -> ComposeResult:
        """What happened, and the keys that decide."""
        name = self.conflict.path.name
        with Vertical():
            yield Static(Text("草稿已在别处被改动，未保存"), id="conflict-title")
            yield Static(Text(clean(f"{name}\n{self.conflict.reason}。\n为免覆盖别人的修改，自动保存已暂停。")))
            if self.locked:
                yield Static(Text(clean(self.locked), style="bold yellow"), id="conflict-locked")
            yield Static(Text("\n".join(self._choices())), id="conflict-keys")

    def _choices(self) -> list[str]:
        lines = []
        if not self.conflict.deleted:
            kept = "（您在此的修改先另存为副本）" if self._dirty else ""
            lines.append(f"r：重新载入磁盘上的版本{kept}")
        lines.append("s：把您的修改另存为新文件，继续编辑副本")
        if self.conflict.deleted:
            lines.append("o：重新保存到原文件")
        elif not self.locked:
            lines.append("o：用您的版本覆盖磁盘上的版本（会再确认）")
        lines.append("Esc：以后再说（暂停自动保存，按 Ctrl+S 时再问）")
        return lines

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reloading a file that is gone is not offered, nor overwriting an approved one."""
        if action == "answer" and parameters == ("reload",):
            return not self.conflict.deleted
        if action == "answer" and parameters == ("overwrite",):
            return self.conflict.deleted or not self.locked
        return True

    def action_answer(self, choice: Choice) -> None:
        """Close with the operator's choice."""
        self.dismiss(choice)
