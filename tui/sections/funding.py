"""资金来源: 项目资金申请（万元）, one fixed row per funding source of the template, and the 合计.

The amount columns are the template's (上年度 and 本年度, or 本年度 alone). Where
the template has subtotals (财政拨款小计 over 一般公共预算 …), a row that adds into
one counts in 合计（计算） through it, and by itself only while the subtotal is blank
(``forms.model.totals.top_level_texts``), as the checks count.
"""

from __future__ import annotations

from typing import Any

from forms.model.declaration import Declaration, FundingRow
from forms.model.totals import Column as TotalColumn
from forms.model.totals import top_level_texts
from tui.sections.fields import Body, heading, label_text
from tui.sections.money import MoneySection
from tui.widgets.grid import Column, Grid, header_row


class FundingSection(MoneySection):
    """The template's amount columns per source; 合计 declared beside its computed sum."""

    title = "资金来源"
    short = "资金"
    prefixes = ("funding",)
    table = "funding"

    @classmethod
    def is_blank(cls, draft: Declaration) -> bool:
        """No amount anywhere in the table."""
        return cls.amounts_blank(draft, draft.funding.sources)

    def rows_of(self, draft: Declaration) -> list[FundingRow]:
        """The funding sources."""
        return draft.funding.sources

    def column_texts(self, draft: Declaration, column: TotalColumn) -> list[str]:
        """The amounts 合计 adds up: a subtotal's rows through the subtotal."""
        return top_level_texts(draft, column)

    def columns(self) -> list[Column]:
        """Source (fixed text) and the template's amount columns."""
        t = self.template
        columns = [Column("source", label_text(t, "item"), "label")]
        for key in t.funding_columns:
            # 本年度 offers 上年度's amount only where there is a 上年度 column.
            suggest = self.same_as_last_year if key == "this_year" and "last_year" in t.funding_columns else None
            columns.append(Column(key, t.label(key), "amount", suggest=suggest))
        return columns

    def compose(self) -> Any:
        """Heading, column headings, the 合计 rows, then one row per source."""
        columns = self.columns()
        # One amount column leaves room for long source names (国有资本经营预算, 年度资金总额（填报）).
        self.set_class(len(self.template.funding_columns) == 1, "-one-amount")
        with Body(classes="money"):
            hint = "  小计＝其下各行之和（留空则按各行计）" if self.template.funding_subtotals else ""
            yield heading(self.template.label("funding") + hint)
            yield header_row(columns, numbered=False)
            yield from self.total_rows(self.template.label("total").replace(" ", ""), "source", [], [])
            yield Grid("funding.sources", columns, numbered=False, id="funding-grid")

    def load(self, draft: Declaration) -> None:
        """Rows first (they may be mounted now), then the fields and sums."""
        self.query_one(Grid).load(draft.funding.sources)
        super().load(draft)
