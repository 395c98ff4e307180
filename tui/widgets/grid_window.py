"""Which rows of a table are built: a window of row widgets around the cursor, reused as it moves.

A widget per cell costs milliseconds to build and Textual lays out, restyles and
walks every widget on each focus change, so a table of hundreds of rows would
take seconds to open and a Tab would cost a tenth of a second. A grid therefore
builds only as many row widgets as a screen can show plus a margin either side
(``window_size``). Row gaps stand in for the rows above and below, one line each,
so the table scrolls as long as it is. When the cursor comes near an edge of
the window, the row widgets at the far edge are moved to the near one and
refilled with the rows there (``GridRow.place``: new number, new cell paths, new
values); the row being edited is never the one refilled. Widget ``k`` always
shows row ``first + k``, so a cell's name is always the draft path of what it
shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widget import Widget

from tui.widgets.grid_row import GridRow, RowGap

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tui.widgets.grid_row import Column

MARGIN = 4
"""Rows built beyond the screen's height, either side, so the cursor finds the next row built."""


def window_size(count: int, screen_height: int, *, margins: bool = True) -> int:
    """How many row widgets a table of ``count`` rows gets on a terminal ``screen_height`` lines high.

    Without ``margins``: as many as could be on screen at once, built before the
    table is first shown; the margins follow once it is (``RowWindow.grow``).
    """
    return min(count, max(screen_height, 1) + (2 * MARGIN if margins else 0))


def window_start(target: int, count: int, size: int, current: int, *, keep: int | None = None) -> int:
    """The first row of a window of ``size`` rows (of ``count``) that shows ``target``, moved as little as it can.

    ``target`` gets ``MARGIN`` rows built on either side where there are any; ``keep``
    (the row being left) stays built too where the window is long enough for both.
    """
    margin = min(MARGIN, (size - 1) // 2)
    low, high = target + margin + 1 - size, target - margin
    if keep is not None and max(low, keep - size + 1) <= min(high, keep):
        low, high = max(low, keep - size + 1), min(high, keep)
    first = min(max(current, low), high)
    return min(max(first, 0), max(0, count - size))


class RowWindow(Widget):
    """The window part of ``tui.widgets.grid.Grid``: which rows have widgets, and moving them."""

    if TYPE_CHECKING:  # provided by Grid
        path: str
        columns: tuple[Column, ...]
        rows: list[Any]
        read_only: bool

        def options(self, column: Column, row: Any) -> Sequence[str]: ...
        def current(self) -> tuple[int, int] | None: ...

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.first = 0
        """Index of the first row that has a widget."""
        self.above = RowGap(classes="grid-gap")
        """Stands in for the rows above the window."""
        self.below = RowGap(classes="grid-gap")
        """Stands in for the rows below the window."""

    def row_widgets(self) -> list[GridRow]:
        """The row widgets built, in order (widget ``k`` shows row ``first + k``)."""
        return list(self.query_children(GridRow))

    def row_widget(self, index: int, *, keep: int | None = None) -> GridRow | None:
        """The widget showing row ``index``, moving the window to it first; ``None`` past the table's end.

        ``keep`` is a row that should stay built (the one the cursor leaves).
        """
        if not 0 <= index < len(self.rows):
            return None
        widgets = self.row_widgets()
        if not self.first <= index < self.first + len(widgets):
            size = len(widgets)
            self.move_window(window_start(index, len(self.rows), size, self.first, keep=keep), widgets)
            widgets = self.row_widgets()
        position = index - self.first
        return widgets[position] if 0 <= position < len(widgets) else None

    def wanted_size(self, *, margins: bool = True) -> int:
        """The number of row widgets this table should have on this terminal."""
        return window_size(len(self.rows), self.app.size.height, margins=margins)

    def move_window(self, first: int, widgets: list[GridRow] | None = None) -> None:
        """Show rows from ``first`` on: the row widgets that fall out are moved to the other end and refilled."""
        widgets = self.row_widgets() if widgets is None else widgets
        delta = first - self.first
        if delta == 0 or not widgets:
            self.first = first
            self.fit_gaps()
            return
        size = len(widgets)
        self.first = first
        if abs(delta) >= size:
            self.refill(first, widgets)
        elif delta > 0:
            moved = widgets[:delta]
            for widget in moved:
                self.move_child(widget, before=self.below)
            for offset, widget in enumerate(moved):
                index = first + size - delta + offset
                widget.place(index, self.rows[index])
        else:
            moved = widgets[delta:]
            for widget in reversed(moved):
                self.move_child(widget, after=self.above)
            for offset, widget in enumerate(moved):
                widget.place(first + offset, self.rows[first + offset])
        self.fit_gaps()

    def refill(self, start: int, widgets: list[GridRow] | None = None) -> None:
        """Show the rows again from row ``start`` on (after rows were added, deleted or moved)."""
        widgets = self.row_widgets() if widgets is None else widgets
        for offset, widget in enumerate(widgets):
            index = self.first + offset
            if index >= start:
                widget.place(index, self.rows[index])

    def fit_gaps(self) -> None:
        """Size the gaps to the rows above and below the window."""
        built = len(self.row_widgets())
        self.above.stand_for(self.first)
        self.below.stand_for(max(0, len(self.rows) - self.first - built))

    def follow(self, index: int) -> None:
        """The cursor is on row ``index``: keep ``MARGIN`` rows built on either side of it."""
        self.grow()
        widgets = self.row_widgets()
        if widgets and self.first <= index < self.first + len(widgets):
            first = window_start(index, len(self.rows), len(widgets), self.first, keep=index)
            if first != self.first:
                self.move_window(first, widgets)

    def grow(self) -> None:
        """Build more row widgets when the terminal has grown taller than the window (below it, else above)."""
        widgets = self.row_widgets()
        missing = self.wanted_size() - len(widgets)
        if missing <= 0 or not widgets:
            return
        end = self.first + len(widgets)
        below = min(missing, len(self.rows) - end)
        if below:
            self.mount(*(GridRow(self, i, self.rows[i]) for i in range(end, end + below)), before=self.below)
        above = min(missing - below, self.first)
        if above:
            self.first -= above
            rows = range(self.first, self.first + above)
            self.mount(*(GridRow(self, i, self.rows[i]) for i in rows), after=self.above)
        self.fit_gaps()

    def scrolled(self, top: float, height: int) -> None:
        """The table's scrolling parent shows lines ``top`` to ``top + height`` of it: build the rows shown there.

        Only scrolling away from the cursor (the mouse wheel, or Page Down on
        a field above the table) gets here; the row being edited is never the
        one refilled, so while the cursor is in the table the view may show
        gap lines until a key brings it back.
        """
        widgets = self.row_widgets()
        if not widgets:
            return
        built = sum(widget.outer_size.height for widget in widgets)
        above = self.above.outer_size.height
        if top < above:
            first = int(top) - MARGIN
        elif top + height > above + built:
            first = int(self.first + len(widgets) + (top + height - above - built)) + MARGIN - len(widgets)
        else:
            return
        first = min(max(first, 0), max(0, len(self.rows) - len(widgets)))
        where = self.current()
        if first != self.first and (where is None or first <= where[0] < first + len(widgets)):
            self.move_window(first, widgets)

    def bring(self, path: str) -> None:
        """Build the row a draft path names (``expenses.lines.312.item``), so its cell can take focus."""
        head, _, rest = path.partition(f"{self.path}.")
        index = rest.split(".", 1)[0]
        if head == "" and index.isdigit():
            self.row_widget(int(index))

    def filled_paths(self) -> list[str]:
        """Paths of every cell of the table that holds text, built or not (they are judged from the start)."""
        keys = [column.key for column in self.columns if column.kind != "label"]
        return [
            f"{self.path}.{index}.{key}"
            for index, row in enumerate(self.rows)
            for key in keys
            if str(getattr(row, key)).strip()
        ]
