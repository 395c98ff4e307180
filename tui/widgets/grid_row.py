"""The rows of an editable grid: columns, headings laid out like the cells, and one row widget.

A row's cells are ordinary fields named by their draft paths
(``expenses.lines.2.item``); the row's messages (its amounts' and its
findings', see ``tui.sections.notes``) are shown below them. Column widths come from the screen's tcss (``.c-<key>``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pydantic import BaseModel
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from tui.widgets.amount import AmountInput, ProblemLine
from tui.widgets.choice import Choice
from tui.widgets.field import TextField, field_input, visible
from tui.widgets.suggest import CompletionSource

Kind = Literal["text", "amount", "choice", "label"]


@dataclass(frozen=True)
class Column:
    """One column of a grid."""

    key: str
    """The row model's attribute (and the ``c-<key>`` class that sets the width)."""
    header: str
    """The heading, as the form prints it (short enough for 80 columns)."""
    kind: Kind = "text"
    """text, amount (in 万元), choice (from ``Grid.options``) or label (not editable)."""
    suggest: CompletionSource | None = field(default=None, compare=False)
    """Inline completions for the column's text or amount cells (see ``tui.widgets.suggest``)."""
    text: Callable[[Any], str] | None = field(default=None, compare=False)
    """What a label cell shows for a row, when it is not the row's attribute ``key`` (a derived hint)."""

    def shown(self, row: Any) -> str:
        """The text of this column's cell for ``row``."""
        return self.text(row) if self.text is not None else str(getattr(row, self.key))


def header_row(columns: Sequence[Column], *, numbered: bool) -> Horizontal:
    """A row of headings laid out like the grid's cells."""
    cells = [Static(Content(column.header), classes=f"gcell c-{column.key}") for column in columns]
    if numbered:
        cells.insert(0, Static("", classes="gcell c-no"))
    return Horizontal(*cells, classes="grid-header")


class RowOwner(Protocol):
    """What a row reads from its grid (``tui.widgets.grid.Grid``), named here so the row does not import the grid."""

    path: str
    columns: tuple[Column, ...]
    numbered: bool
    read_only: bool
    options: Callable[[Column, BaseModel], Sequence[str]]


class GridRow(Vertical):
    """One row: its cells side by side, and the messages of its amount cells below."""

    def __init__(self, grid: RowOwner, index: int, row: BaseModel) -> None:
        super().__init__(classes="grid-row")
        self.index = index
        """Position of the row in the list (its cells' paths use it)."""
        self.grid = grid
        """The grid the row belongs to."""
        self.columns = grid.columns
        self.cells: list[Widget] = []
        """The cells, in column order (labels included)."""
        self.number = Static(f"{index + 1}", classes="gcell c-no")
        for column in grid.columns:
            value = column.shown(row)
            path = f"{grid.path}.{index}.{column.key}"
            classes = f"gcell c-{column.key}"
            cell: Widget
            if column.kind == "amount":
                cell = AmountInput(value, name=path, classes=classes)
            elif column.kind == "choice":
                cell = Choice(grid.options(column, row), value, name=path, classes=classes)
            elif column.kind == "label":
                cell = Static(Content(visible(value)), classes=classes)
            else:
                cell = field_input(value, name=path, classes=classes)
            if column.suggest is not None and isinstance(cell, TextField):
                cell.complete_from(column.suggest)
            cell.disabled = grid.read_only and isinstance(cell, Input | Choice)
            self.cells.append(cell)
        self.numbered = grid.numbered
        self.problems = ProblemLine(classes="row-problems")
        """The row's messages (its section's ``FieldNotes`` says them)."""

    def compose(self) -> Any:
        """The cells, then the problem line."""
        with Horizontal(classes="grid-cells"):
            if self.numbered:
                yield self.number
            yield from self.cells
        yield self.problems

    def on_mount(self) -> None:
        """The grid may have been locked after this row was built."""
        self.set_locked(self.grid.read_only)

    def set_locked(self, read_only: bool) -> None:
        """Disable (定稿) or enable the row's editable cells."""
        for cell in self.cells:
            if isinstance(cell, Input | Choice):
                cell.disabled = read_only

    def place(self, index: int, row: BaseModel) -> None:
        """Show row ``index`` of the list from now on: number, cells' paths and values (a recycled row widget)."""
        moved = index != self.index
        if moved:
            self.index = index
            self.number.update(f"{index + 1}")
            for column, cell in zip(self.columns, self.cells, strict=True):
                if cell.name is not None:
                    # A cell's draft path is its name; Textual offers no setter for a widget's name.
                    cell._name = f"{self.grid.path}.{index}.{column.key}"
        self.show(row, self.grid.options)
        if moved:  # as a newly built field: the cursor after the text, not where it was in another row's
            for cell in self.cells:
                if isinstance(cell, Input):
                    cell.cursor_position = len(cell.value)

    def show(self, row: BaseModel, options: Callable[[Column, BaseModel], Sequence[str]]) -> None:
        """Refill the cells from ``row`` (after rows were added, deleted or moved)."""
        for column, cell in zip(self.columns, self.cells, strict=True):
            value = column.shown(row)
            if isinstance(cell, Choice):
                cell.set_options(options(column, row))
            if isinstance(cell, Input | Choice) and cell.value != value:
                cell.value = value
            elif isinstance(cell, Static):
                cell.update(Content(visible(value)))
        self.refresh_problems()

    def refresh_problems(self) -> None:
        """Say the row's messages again (its cells now show another row of the draft)."""
        notes = next((node.notes for node in self.ancestors if hasattr(node, "notes")), None)
        if notes is not None:
            notes.say(self)

    def is_blank(self) -> bool:
        """Whether every editable cell is empty (such a row is deleted without asking)."""
        return all(not cell.value for cell in self.cells if isinstance(cell, Input | Choice))

    def is_untyped(self) -> bool:
        """Whether no text cell holds anything (picked 一级/二级 aside): a row nobody has written in."""
        return all(not cell.value for cell in self.cells if isinstance(cell, Input))

    def next_cell(self, column: int = -1) -> Widget | None:
        """The cell Enter goes to after ``column`` in this row: the next editable one that is not already picked.

        A choice that holds a value (the skeleton's 一级/二级) is passed over:
        Enter goes where typing is needed; Tab still visits every cell.
        """
        for cell in self.cells[column + 1 :]:
            if cell.focusable and not (isinstance(cell, Choice) and cell.value):
                return cell
        return None

    def focus_cell(self, cell: Widget) -> None:
        """Focus one of the row's cells at once (the next key typed goes there)."""
        self.screen.set_focus(cell, scroll_visible=False)
        cell.scroll_visible(animate=False)

    def focus_column(self, column: int) -> None:
        """Focus the cell in ``column``, or the row's first editable cell."""
        editable = [cell for cell in self.cells if cell.focusable]
        if not editable:
            return
        target = self.cells[column] if 0 <= column < len(self.cells) and self.cells[column].focusable else editable[0]
        self.focus_cell(target)


class RowGap(Widget):
    """Stands in for rows not built (above or below the rows built): one line each, so the table scrolls as long."""

    DEFAULT_CSS = """
    RowGap {
        height: 0;
        display: none;
    }
    """

    def stand_for(self, rows: int) -> None:
        """Take the place of ``rows`` rows (hidden when none)."""
        self.styles.height = rows
        self.display = rows > 0
