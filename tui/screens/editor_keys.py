"""The editor's keys: sections, fields and the stepper, as priority bindings that run in typing order.

Keys that move focus are priority bindings: the app runs them the moment it
reads them, so the keys after them go to the new field even when a burst of
keys arrives at once (see ``tui.widgets.keys``). The stepper's keys (digits,
← / →, Enter) act only while the stepper has focus; elsewhere they fall
through to the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import TextArea

from tui.sections.base import Section
from tui.widgets.choice import Tick
from tui.widgets.grid import Grid
from tui.widgets.grid_empty import keys_landed
from tui.widgets.stepper import Stepper


class EditorKeys(Screen[Path]):
    """The key bindings and key actions of ``EditorScreen`` (which provides the sections)."""

    stepper: Stepper
    sections: list[Section]
    index: int
    read_only: bool
    has_history: bool

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6,ctrl+pagedown", "next_section", "下一节", id="editor.next", priority=True, key_display="F6"),
        Binding("f5,ctrl+pageup", "previous_section", "上一节", id="editor.previous", priority=True, key_display="F5"),
        Binding("ctrl+g", "goto", "转到", id="editor.goto", priority=True),
        Binding("ctrl+s", "save", "保存", id="editor.save", priority=True),
        Binding("f4", "reopen", "重新编辑", id="editor.reopen", priority=True),
        Binding("f7", "history", "历史", id="editor.history", priority=True),
        Binding("escape", "back", "返回", id="editor.back"),
        Binding("tab", "next_field", "下一项", show=False, priority=True),
        Binding("shift+tab", "previous_field", "上一项", show=False, priority=True),
        Binding("enter", "enter", "下一项", show=False, priority=True),
        Binding("left", "stepper_step(-1)", "上一节", show=False, priority=True),
        Binding("right", "stepper_step(1)", "下一节", show=False, priority=True),
        *(Binding(str(n), f"stepper_pick({n - 1})", f"第{n}节", show=False, priority=True) for n in range(1, 9)),
    ]
    """
    | Key | Action |
    | :- | :- |
    | f6, ctrl+pagedown | Next section. |
    | f5, ctrl+pageup | Previous section. |
    | ctrl+g, then 1 … 8 (or ← / → and enter) | Go straight to a section (through the stepper). |
    | tab / shift+tab | Next / previous field. |
    | enter | Next field (inside a multi-line field: a new line; on a 项目类型 box: the field after the boxes). |
    | enter (in a table) | The next cell to type (picked 一级/二级 passed over); after the last row, a new row. |
    | ctrl+s | Save now (saving is automatic: 2 s after typing stops, and on leaving a field). |
    | f4 | Reopen a 定稿 draft for editing (only while read-only). |
    | f7 | The draft's history, field by field (only when the drafts folder has history: ``shenbao init --git``). |
    | escape | Save and go back to the drafts list. |
    | ctrl+o, insert / ctrl+r / alt+up, alt+down | In a growing table: add a row / delete the row / move it. |
    | up / down | In a table: the same column one row up / down. |
    | ctrl+t | In 资金来源 and 支出明细: take the computed sums as the declared 合计. |
    | left / right, 1 … 9, backspace | In a choice (项目属性, 一级/二级指标): previous / next option, pick, clear. |
    | space | Tick or untick a 项目类型 box. |

    A row Enter added is dropped again if focus leaves it with nothing typed.
    In a field that completes (三级指标, 指标值, dates), → or End takes the
    dimmed completion shown after the cursor.

    Keys that move focus are priority bindings, so a burst of keys (a fast
    typist over SSH) lands in the fields in the order typed; see
    ``tui.widgets.keys``. The stepper's keys act only while it has focus.
    """

    async def action_next_section(self) -> None:
        """Next section (the last wraps to the first)."""
        await self.show_section((self.index + 1) % len(self.sections))

    async def action_previous_section(self) -> None:
        """Previous section (the first wraps to the last)."""
        await self.show_section((self.index - 1) % len(self.sections))

    def action_goto(self) -> None:
        """Focus the stepper: a digit, or ← / → and Enter, then opens a section."""
        self.set_focus(self.stepper)  # at once (focus() waits a turn): the next key goes to the stepper

    def action_stepper_step(self, delta: int) -> None:
        """Move the stepper's highlight (while it has focus)."""
        self.stepper.move_highlight(delta)

    async def action_stepper_pick(self, index: int) -> None:
        """Open a section by its number (while the stepper has focus)."""
        await self.show_section(index)

    async def action_next_field(self) -> None:
        """Next field (Tab)."""
        self._skip_if_focus_keeps()
        await self._tab(1)

    async def action_previous_field(self) -> None:
        """Previous field (Shift+Tab)."""
        self._skip_if_focus_keeps()
        await self._tab(-1)

    async def _tab(self, delta: int) -> None:
        # In a table, the table moves (it builds the next row first: only rows near the cursor exist);
        # coming into a table from outside starts at its first row (Tab) or its last (Shift+Tab).
        # On an empty table's line, the keys typed before Tab start its first row: Tab moves on from there.
        await keys_landed(self.focused)
        grid = _grid_of(self.focused)
        if grid is not None and grid.step(delta):
            return
        if delta > 0:
            self.focus_next()
        else:
            self.focus_previous()
        entered = _grid_of(self.focused)
        if entered is not None and entered is not grid:
            entered.entered(delta)

    async def action_enter(self) -> None:
        """Enter: open the highlighted section in the stepper; in a form field, go to the next one."""
        focused = self.focused
        if focused is self.stepper:
            await self.show_section(self.stepper.highlighted)
            return
        in_form = focused is not None and any(s in focused.ancestors for s in self.sections[:-1])
        if focused is None or not in_form or isinstance(focused, TextArea):
            raise SkipAction()  # a new line in a multi-line field; the review section's own Enter
        if isinstance(focused, Tick):
            # The 项目类型 boxes are one field: Tab goes box to box, Enter past them all.
            chain = self.focus_chain
            after = chain[chain.index(focused) + 1 :] if focused in chain else []
            target = next((widget for widget in after if not isinstance(widget, Tick)), None)
            if target is not None:
                self.set_focus(target)
                return
        grid = _grid_of(focused)
        if grid is not None and await grid.enter():
            return
        self.focus_next()

    def _skip_if_focus_keeps(self) -> None:
        # A widget that uses Tab itself (an indenting TextArea) keeps it.
        focused = self.focused
        if isinstance(focused, TextArea) and focused.tab_behavior == "indent":
            raise SkipAction()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F4 exists only while read-only; the stepper's keys only while it has focus."""
        if action == "reopen":
            return self.read_only
        if action == "history":
            return self.has_history
        if action in ("stepper_step", "stepper_pick"):
            return self.focused is self.stepper
        return True

    async def show_section(self, index: int, *, focus: bool = True) -> Section:
        """Switch to section ``index`` (``EditorScreen`` implements it)."""
        raise NotImplementedError


def _grid_of(widget: Widget | None) -> Grid | None:
    """The table a widget is a cell of, if any."""
    if widget is None:
        return None
    return next((node for node in widget.ancestors if isinstance(node, Grid)), None)
