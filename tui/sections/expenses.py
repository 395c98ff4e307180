"""支出明细: 支出明细预算（万元）, a growing table of lines under the 合计 with its 测算依据及说明."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from forms.model.declaration import Declaration, ExpenseLine
from tui.sections.fields import Body, heading, label_text
from tui.sections.money import MoneySection
from tui.widgets.field import field_input
from tui.widgets.grid import Column, Grid, header_row


class ExpensesSection(MoneySection):
    """Expense lines (项目, two amounts, 测算依据及说明) that add up to the declared 合计."""

    title = "支出明细"
    short = "支出"
    prefixes = ("expenses",)
    table = "expenses"

    @classmethod
    def is_blank(cls, draft: Declaration) -> bool:
        """No amount, no basis and no line with anything in it."""
        e = draft.expenses
        lines_blank = all(not (line.item.strip() or line.basis.strip()) for line in e.lines)
        return cls.amounts_blank(draft, e.lines) and lines_blank and not e.total_basis.strip()

    def rows_of(self, draft: Declaration) -> list[ExpenseLine]:
        """The expense lines."""
        return draft.expenses.lines

    def columns(self) -> list[Column]:
        """项目, 上年度, 本年度, 测算依据及说明 (amount headings shortened to fit 80 columns)."""
        t = self.template
        short = {"last_year": "上年度", "this_year": "本年度"}
        amounts = [
            Column(key, short[key], "amount", suggest=self.same_as_last_year if key == "this_year" else None)
            for key in t.funding_columns
        ]
        return [Column("item", label_text(t, "item")), *amounts, Column("basis", t.label("explanation"))]

    def compose(self) -> Any:
        """Heading, column headings, the 合计 rows (with the overall basis), then the lines."""
        columns = self.columns()
        with Body(classes="money"):
            yield heading(f"{self.template.label('expenses')}  上年度＝上年度安排资金，本年度＝本年度申请资金")
            yield header_row(columns, numbered=True)
            total = self.template.label("total").replace(" ", "")
            basis = field_input(name="expenses.total_basis", classes="gcell c-basis")
            yield from self.total_rows(total, "item", [Static("", classes="gcell c-no")], [basis])
            yield Grid(
                "expenses.lines", columns, new_row=lambda current: ExpenseLine(), noun="支出明细", id="expenses-grid"
            )

    def load(self, draft: Declaration) -> None:
        """Rows first (they may be mounted now), then the fields and sums."""
        self.query_one(Grid).load(draft.expenses.lines)
        super().load(draft)
