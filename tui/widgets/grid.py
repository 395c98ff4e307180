"""An editable table of one-line fields: one row widget per row of a draft's list.

The grid edits the draft's list in place (``draft.expenses.lines`` and the
like). Cells are ordinary fields named by their draft paths
(``expenses.lines.2.item``), so the section's generic handlers write what is
typed; the grid itself only adds, deletes and moves rows. Only a window of
rows around the cursor has widgets (``tui.widgets.grid_window``), so a table
of 500 rows opens about as fast as one a screen high. Row widgets stay in index order and
are refilled after a structural change or a move of the window, so a cell's
path always names the row it shows. The cursor keys, Tab and Enter move
between rows through the grid, which builds the row first. Column widths live
in the screen's tcss (``.c-<key>`` classes), so headers and cells line up at
any width.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from pydantic import BaseModel
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import AwaitMount, Widget
from textual.widgets import Input

from tui.widgets.field import visible
from tui.widgets.grid_cursor import GridCursor
from tui.widgets.grid_empty import EmptyRows
from tui.widgets.grid_row import Column, GridRow, header_row
from tui.widgets.keys import settle

__all__ = ["Column", "Grid", "GridRow", "header_row"]


class Grid(GridCursor, Vertical):
    """Rows of a draft's list as editable cells; growing tables add, delete and move rows."""

    BINDING_GROUP_TITLE = "表格"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "delete_row", "删行", id="grid.delete_row", priority=True),
        Binding("alt+up", "move_row(-1)", "移行", id="grid.move_up", key_display="Alt+↑↓", priority=True),
        Binding("alt+down", "move_row(1)", "下移", id="grid.move_down", show=False, priority=True),
        Binding("up", "cursor_row(-1)", "上一行", show=False, priority=True),
        Binding("down", "cursor_row(1)", "下一行", show=False, priority=True),
        Binding("pageup", "cursor_page(-1)", "上一页", show=False, priority=True),
        Binding("pagedown", "cursor_page(1)", "下一页", show=False, priority=True),
    ]
    """
    | Key | Action |
    | :- | :- |
    | ctrl+o, insert | Add a row below the current one (the section's key: it works anywhere in the section). |
    | ctrl+r | Delete the current row (asks first unless the row is blank). |
    | alt+up / alt+down | Move the current row up / down. |
    | up / down | Same column, row above / below. |
    | pageup / pagedown | Same column, a screenful of rows up / down. |

    All are priority bindings: they change focus, so they must run in typing
    order (see ``tui.widgets.keys``).
    """

    class RowsChanged(Message):
        """Rows were added, deleted or moved (the draft's list is already changed)."""

        def __init__(self, grid: Grid) -> None:
            self.grid = grid
            """The grid."""
            super().__init__()

        @property
        def control(self) -> Grid:
            """The grid (for ``@on`` selectors)."""
            return self.grid

    def __init__(
        self,
        path: str,
        columns: Sequence[Column],
        *,
        new_row: Callable[[Any], BaseModel] | None = None,
        options: Callable[[Column, BaseModel], Sequence[str]] | None = None,
        numbered: bool = True,
        noun: str = "行",
        id: str | None = None,
    ) -> None:
        """Build an empty grid; ``load`` gives it rows.

        Args:
            path: Draft path of the list (``expenses.lines``).
            columns: The columns, in order.
            new_row: Makes a blank row, given the current row (or ``None``); ``None`` for fixed rows.
            options: The options of a choice cell, given its column and row.
            numbered: Show row numbers.
            noun: What a row is called in messages (支出明细, 指标, …).
            id: The widget id.
        """
        super().__init__(id=id, classes="grid")
        self.path = path
        """Draft path of the list."""
        self.columns = tuple(columns)
        """The columns."""
        self.new_row = new_row
        self.options = options or (lambda column, row: ())
        self.numbered = numbered
        self.noun = noun
        self.rows: list[Any] = []
        """The draft's list itself (edited in place)."""
        self.read_only = False
        """No row may be added, deleted or moved (定稿)."""
        self._pending: AwaitMount | None = None
        self._added: int | None = None  # a row Enter added, dropped again if left with nothing typed
        self.empty = EmptyRows(Content(f"（暂无{noun}，按 Ctrl+O 添加）"), classes="grid-empty")

    def compose(self) -> Any:
        """The placeholder for an empty table and the gaps for rows not built (rows are mounted by ``load``)."""
        yield self.empty
        yield self.above
        yield self.below

    def load(self, rows: list[Any]) -> None:
        """Show ``rows`` (the draft's list) from its first row, with as many row widgets as the window holds."""
        self.rows = rows
        self.first = 0
        widgets = self.row_widgets()
        size = max(self.wanted_size(margins=False), min(len(widgets), self.wanted_size()))
        for widget in widgets[size:]:
            widget.remove()
        self.refill(0, widgets[:size])
        new = [GridRow(self, index, rows[index]) for index in range(len(widgets), size)]
        if new:
            self._pending = self.mount(*new, before=self.below)
        self.empty.display = not rows
        self.fit_gaps()

    async def settled(self) -> None:
        """Wait until the rows ``load`` mounted are on screen (and their cells focusable)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            await pending

    def set_read_only(self, read_only: bool) -> None:
        """Lock or unlock the rows; a locked grid adds, deletes and moves nothing."""
        self.read_only = read_only
        self.empty.can_focus = not read_only
        for row in self.row_widgets():
            row.set_locked(read_only)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Row keys exist only on growing tables, and do nothing while read-only."""
        if action in ("add_row", "delete_row", "move_row"):
            if self.new_row is None:
                return False
            return None if self.read_only else True
        return True

    async def action_add_row(self) -> None:
        """Insert a blank row below the current one (at the end when none is current)."""
        if self.new_row is None or self.read_only:
            return
        await settle(self.screen.focused)
        where = self.current()
        index = where[0] + 1 if where else len(self.rows)
        self._added = None
        row = await self._insert(index, self.rows[where[0]] if where else None)
        row.focus_column(0)

    async def start_rows(self) -> Widget | None:
        """Add the first row for what is typed on the empty table's line; its first editable cell, not focused yet.

        The line hands focus to the cell once every key sent to it is typed
        there (``tui.widgets.grid_empty``); ``None`` when no row may be added.
        """
        if self.new_row is None or self.read_only:
            return None
        self._added = None
        row = await self._insert(len(self.rows), None)
        return next((cell for cell in row.cells if cell.focusable), None)

    async def enter(self) -> bool:
        """Enter in a cell: on to the next cell that needs typing, the next row, or a new row after the last.

        Picked choices (the skeleton's 一级/二级) are passed over. After the
        last row of a growing table, a row with something typed in it gets a
        new row below (dropped again if focus leaves it with nothing typed).
        Returns False when Enter should leave the table for the next field:
        after the last row of a fixed table, or of a row nobody wrote in.
        """
        await settle(self.screen.focused)  # the blank test must see what was typed before Enter
        where = self.current()
        if where is None:
            return False
        index, column = where
        current = self.row_widget(index)
        assert current is not None
        target = current.next_cell(column)
        if target is None and index + 1 < len(self.rows):
            below = self.row_widget(index + 1, keep=index)
            target = below.next_cell() if below is not None else None
            current = self.row_widget(index) or current
        if target is None:
            if self.new_row is None or self.read_only or current.is_untyped():
                return False
            row = await self._insert(index + 1, self.rows[index])
            self._added = index + 1
            target = row.next_cell()
        if target is None:
            return False
        self.screen.set_focus(target, scroll_visible=False)  # at once: the next key typed goes here
        target.scroll_visible(animate=False)
        return True

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """A cell lost focus: a row Enter added and nobody wrote in goes again once focus is elsewhere."""
        if self._added is not None:
            self.call_after_refresh(self._drop_untyped_added)

    async def _drop_untyped_added(self) -> None:
        focused = self.screen.focused
        if self._added is None or (focused is not None and self in focused.ancestors):
            return
        index, self._added = self._added, None
        if index < len(self.rows) and self._untyped(index):
            await self._remove(index)

    def _untyped(self, index: int) -> bool:
        # Whether nobody wrote in row ``index`` (its widget's text when built: keys may not have reached the draft).
        if self.first <= index < self.first + len(self.row_widgets()):
            return self.row_widgets()[index - self.first].is_untyped()
        row = self.rows[index]
        return all(not str(getattr(row, c.key)) for c in self.columns if c.kind in ("text", "amount"))

    async def _insert(self, index: int, like: Any) -> GridRow:
        # A new row at ``index``, made from ``like`` (the current row, or None); the rows below shift down.
        assert self.new_row is not None
        where = self.current()
        self.rows.insert(index, self.new_row(like))
        widgets = self.row_widgets()
        if len(widgets) < self.wanted_size():  # room for one more row widget: at the window's end
            last = self.first + len(widgets)
            await self.mount(GridRow(self, last, self.rows[last]), before=self.below)
        self.refill(index)
        row = self.row_widget(index, keep=where[0] if where else None)
        assert row is not None
        self.fit_gaps()
        self.empty.display = False
        self.post_message(self.RowsChanged(self))
        return row

    async def _remove(self, index: int) -> None:
        # Row widgets stay in index order: drop one (the last) when the window holds every row, and refill.
        del self.rows[index]
        widgets = self.row_widgets()
        if self.first + len(widgets) > len(self.rows):
            if self.first > 0:
                self.first -= 1
                self.refill(0)
            else:
                await widgets[-1].remove()
        self.refill(index)
        self.fit_gaps()
        self.empty.display = not self.rows
        self.post_message(self.RowsChanged(self))

    async def action_delete_row(self) -> None:
        """Delete the current row; a row with content is deleted only after y in a confirmation."""
        await settle(self.screen.focused)
        where = self.current()
        if self.new_row is None or self.read_only or where is None:
            return
        index, column = where
        widget = self.row_widget(index)
        assert widget is not None
        if widget.is_blank():
            await self._delete(index, column)  # now, not later: the keys typed after Ctrl+R go to the row that moved up
            return
        from tui.widgets.confirm import ConfirmScreen

        first = visible(next((cell.value for cell in widget.cells if isinstance(cell, Input) and cell.value), ""))
        question = f"删除第 {index + 1} 行{self.noun}“{first}”？" if first else f"删除第 {index + 1} 行{self.noun}？"

        async def answered(yes: bool | None) -> None:
            if yes:
                await self._delete(index, column)
            elif (row := self.row_widget(index)) is not None:
                row.focus_column(column)

        self.app.push_screen(ConfirmScreen(question, title=f"删除{self.noun}", yes="删除", no="保留"), answered)

    async def _delete(self, index: int, column: int) -> None:
        if index >= len(self.rows):
            return
        self._added = None
        await self._remove(index)
        row = self.row_widget(min(index, len(self.rows) - 1))
        if row is not None:
            row.focus_column(column)
        else:
            self.screen.set_focus(self.empty)

    async def action_move_row(self, delta: int) -> None:
        """Swap the current row with the one above (-1) or below (+1)."""
        await settle(self.screen.focused)
        where = self.current()
        if self.new_row is None or self.read_only or where is None:
            return
        index, column = where
        other = index + delta
        if not 0 <= other < len(self.rows):
            return
        self._added = None
        self.rows[index], self.rows[other] = self.rows[other], self.rows[index]
        target = self.row_widget(other, keep=index)
        for row in (self.row_widget(index), target):
            if row is not None:
                row.show(self.rows[row.index], self.options)
        if target is not None:
            target.focus_column(column)
        self.post_message(self.RowsChanged(self))
