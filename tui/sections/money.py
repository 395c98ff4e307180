"""What the two money tables share: the 合计 row, declared and computed side by side, and Ctrl+T.

The declared 合计 is what the operator types (and the form prints); the computed
sum is derived from the rows on every amount keystroke and never stored. One
key copies the computed sums into the declared totals.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from forms.model.declaration import Declaration
from forms.model.money import amount_or_none, format_amount
from forms.model.template import Template
from forms.model.totals import COLUMNS, Column, column_sum
from tui.sections.base import Section, get_path
from tui.widgets.amount import AmountInput, ProblemLine
from tui.widgets.grid import Grid
from tui.widgets.grid_empty import keys_landed
from tui.widgets.keys import settle

Table = Literal["funding", "expenses"]


class MoneySection(Section):
    """A section with a 合计 row over amount rows (资金来源, 支出明细)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "take_totals", "取合计", id="editor.take_totals", priority=True),
        Binding("up", "total_row(-1)", "上一行", show=False, priority=True),
        Binding("down", "total_row(1)", "下一行", show=False, priority=True),
    ]
    """
    | Key | Action |
    | :- | :- |
    | ctrl+t | Take the computed sums as the declared 合计 (columns with any amount). |
    | up / down | Between the 合计（填报） line and the table's first row, in the same column. |
    """

    table: ClassVar[Table] = "funding"
    """Which money table of the draft this section edits."""

    def __init__(self, template: Template, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.template = template
        """The draft's form template."""
        self.total_problems = ProblemLine(classes="total-problems")

    def rows_of(self, draft: Declaration) -> list:
        """The rows whose amounts add up to the 合计."""
        raise NotImplementedError

    def amount_columns(self) -> tuple[Column, ...]:
        """The template's amount columns (上年度 and 本年度, or 本年度 alone)."""
        return self.template.funding_columns  # type: ignore[return-value]

    def column_texts(self, draft: Declaration, column: Column) -> list[str]:
        """The amounts of one column that add up to the 合计 (every row's, unless a section says otherwise)."""
        return [getattr(row, column) for row in self.rows_of(draft)]

    def total_rows(self, label: str, label_key: str, first: list[Widget], last: list[Widget]) -> list[Widget]:
        """The 合计（填报） line with its declared inputs, the 合计（计算） line under it, and their messages.

        Args:
            label: The 合计 label as the form prints it.
            label_key: The column the label stands in (its width class).
            first: Cells before the amount columns (e.g. the row-number gutter and the label).
            last: Cells after the amount columns on the declared line (e.g. 测算依据及说明).
        """
        columns = self.amount_columns()
        declared = [AmountInput(name=f"{self.table}.total_{column}", classes=f"gcell c-{column}") for column in columns]
        computed = [Static("0", id=f"sum-{column}", classes=f"gcell c-{column} computed") for column in columns]
        hint = Static(Content("Ctrl+T 取计算值"), classes="gcell hint")
        gutter = [Static("", classes=" ".join(sorted(widget.classes))) for widget in first]
        return [
            Horizontal(
                *first,
                Static(Content(f"{label}（填报）"), classes=f"gcell c-total c-{label_key}"),
                *declared,
                *last,
                classes="grid-cells total-row",
            ),
            Horizontal(
                *gutter,
                Static(Content(f"{label}（计算）"), classes=f"gcell c-total c-{label_key}"),
                *computed,
                hint,
                classes="grid-cells total-row",
            ),
            self.total_problems,
        ]

    def same_as_last_year(self, path: str, typed: str) -> list[str]:
        """Completion for a row's 本年度 amount: its 上年度 one (many lines are funded as last year)."""
        if self.draft is None:
            return []
        last = get_path(self.draft, path.rpartition(".")[0]).last_year.strip()
        return [last] if amount_or_none(last) is not None else []

    @classmethod
    def amounts_blank(cls, draft: Declaration, rows: list) -> bool:
        """No declared total and no amount in any row."""
        totals = getattr(draft, cls.table)
        texts = [totals.total_last_year, totals.total_this_year]
        texts += [getattr(row, column) for row in rows for column in COLUMNS]
        return not any(text.strip() for text in texts)

    def load(self, draft: Declaration) -> None:
        """Fields from the draft, then the computed sums."""
        super().load(draft)
        self.refresh_totals()

    def after_change(self, path: str) -> None:
        """Any amount or row change may change a sum."""
        self.refresh_totals()

    def sums(self) -> dict[Column, tuple[Decimal, bool]]:
        """For each column: the computed sum, and whether any row holds an amount."""
        result: dict[Column, tuple[Decimal, bool]] = {}
        for column in self.amount_columns():
            texts = self.column_texts(self.draft, column) if self.draft is not None else []
            result[column] = (column_sum(texts), any(amount_or_none(t) is not None for t in texts))
        return result

    def refresh_totals(self) -> None:
        """Show the computed sums; mark a declared total that differs from its sum."""
        if self.draft is None or not self.is_mounted:
            return
        totals = getattr(self.draft, self.table)
        for column, (total, _) in self.sums().items():
            shown = self.query_one(f"#sum-{column}", Static)
            shown.update(format_amount(total))
            declared = amount_or_none(getattr(totals, f"total_{column}"))
            shown.set_class(declared is not None and declared != total, "-mismatch")
        self.notes.say(self)

    async def action_total_row(self, delta: int) -> None:
        """↓ from a declared 合计 to the first row's cell in its column; ↑ from the first row back up.

        Elsewhere the key is the table's (or the field's): skipped here.
        """
        await keys_landed(self.screen.focused)  # keys typed on the empty table's line before ↑ go into its new row
        focused = self.screen.focused
        grid = self.query_one(Grid)
        name = (focused.name or "") if focused is not None else ""
        column = name.rpartition(".")[2].removeprefix("total_")
        if delta > 0 and name.startswith(f"{self.table}.total"):
            rows = grid.row_widgets()
            if rows:
                keys = [c.key for c in grid.columns]
                rows[0].focus_column(keys.index(column) if column in keys else 0)
            else:
                self.screen.set_focus(grid.empty)
            return
        if delta < 0 and focused is grid.empty:
            column = self.amount_columns()[0]
            name = f"{grid.path}.0.{column}"
        if delta < 0 and name.startswith(f"{grid.path}.0."):
            target = next((f for f in self.query(AmountInput) if f.name == f"{self.table}.total_{column}"), None)
            if target is None and column == "basis":
                target = next((f for f in self.fields() if f.name == f"{self.table}.total_basis"), None)
            if target is None:  # from a column the 合计 line has no field in: its first amount
                first = f"{self.table}.total_{self.amount_columns()[0]}"
                target = next((f for f in self.query(AmountInput) if f.name == first), None)
            if target is not None:
                self.screen.set_focus(target)
                return
        raise SkipAction()

    async def action_take_totals(self) -> None:
        """Copy each column's computed sum into its declared 合计 (columns without amounts are left alone)."""
        await settle(self.screen.focused)  # amounts typed just before Ctrl+T count
        if self.read_only or self.draft is None:
            return
        for column, (total, any_amount) in self.sums().items():
            if any_amount:
                field = next(f for f in self.query(AmountInput) if f.name == f"{self.table}.total_{column}")
                field.value = format_amount(total)
