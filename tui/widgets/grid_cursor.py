"""How the cursor moves in a table: cell to cell, row to row, a page at a time, and into the table from outside.

The screen's Tab would follow Textual's focus chain, which knows only the rows
built (``tui.widgets.grid_window``) and, right after the window moved, places
moved rows by where they were last laid out. So Tab, Shift+Tab, ↑/↓ and
PgUp/PgDn move through the table here, by row index, building the row first;
focus coming in from the field before or after the table starts at its first
or last row. The window also follows the focus however it moved (a jump, the
mouse), the section's scrolling, and goes back to the first rows when the
section is left.
"""

from __future__ import annotations

from textual import events
from textual.actions import SkipAction
from textual.containers import ScrollableContainer
from textual.widget import Widget

from tui.widgets.grid_row import GridRow
from tui.widgets.grid_window import RowWindow


class GridCursor(RowWindow):
    """The cursor part of ``tui.widgets.grid.Grid``."""

    def current(self) -> tuple[int, int] | None:
        """(row, column) of the focused cell, or ``None`` when focus is not on a cell."""
        focused = self.screen.focused
        node = focused
        while node is not None and not isinstance(node, GridRow):
            node = node.parent
        if not isinstance(node, GridRow) or node.parent is not self or focused is None:
            return None
        column = node.cells.index(focused) if focused in node.cells else 0
        return node.index, column

    def step(self, delta: int) -> bool:
        """Tab (+1) or Shift+Tab (-1) in a cell: the next editable cell, on into the next row (built first).

        Returns False at the table's first or last cell: focus then leaves the
        table the screen's usual way.
        """
        where = self.current()
        if where is None:
            return False
        index, column = where
        row = self.row_widget(index)
        if row is None:
            return False
        after = row.cells[column + 1 :] if delta > 0 else row.cells[:column][::-1]
        target = next((cell for cell in after if cell.focusable), None)
        if target is None:
            other = self.row_widget(index + delta, keep=index) if index + delta >= 0 else None
            editable = [cell for cell in other.cells if cell.focusable] if other is not None else []
            if not editable:
                return False
            target = editable[0] if delta > 0 else editable[-1]
        self.screen.set_focus(target, scroll_visible=False)
        target.scroll_visible(animate=False)
        return True

    def entered(self, delta: int) -> None:
        """Focus came in from the field before (+1) or after (-1): start at the first or the last row."""
        index = 0 if delta > 0 else len(self.rows) - 1
        where = self.current()
        if where is None or where[0] == index:
            return
        row = self.row_widget(index)
        editable = [cell for cell in row.cells if cell.focusable] if row is not None else []
        if editable:
            row.focus_cell(editable[0] if delta > 0 else editable[-1])  # type: ignore[union-attr]

    def on_mount(self) -> None:
        """Follow the section's scrolling, to build the rows it scrolls to."""
        if isinstance(self.parent, ScrollableContainer):
            self.watch(self.parent, "scroll_y", self._scroll_moved, init=False)

    def _scroll_moved(self, scroll_y: float) -> None:
        if isinstance(self.parent, Widget):
            self.scrolled(scroll_y - self.virtual_region.y, self.parent.scrollable_content_region.height)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A cell took focus (by a key, a jump or the mouse): keep rows built on either side of it."""
        where = self.current()
        if where is not None:
            self.follow(where[0])

    def on_hide(self) -> None:
        """The section was left: the window goes back to the first rows, where the section is entered again."""
        where = self.current()
        if where is None and self.first:
            self.move_window(0)

    def action_cursor_row(self, delta: int) -> None:
        """Focus the same column in the row above or below."""
        where = self.current()
        if where is None:
            raise SkipAction()
        index, column = where
        if 0 <= index + delta < len(self.rows):
            row = self.row_widget(index + delta, keep=index)
            if row is not None:
                row.focus_column(column)

    def action_cursor_page(self, delta: int) -> None:
        """Focus the same column a screenful of rows up or down (the first or last row at the ends)."""
        where = self.current()
        if where is None:
            raise SkipAction()
        index, column = where
        page = max(1, (self.parent.size.height if isinstance(self.parent, Widget) else 10) - 2)
        target = min(max(index + delta * page, 0), len(self.rows) - 1)
        if target != index:
            row = self.row_widget(target, keep=index)
            if row is not None:
                row.focus_column(column)
