"""资金来源: 项目资金申请（万元）, one fixed row per funding source of the template, and the 合计."""

from __future__ import annotations

from typing import Any

from forms.model.declaration import Declaration, FundingRow
from tui.sections.fields import Body, heading, label_text
from tui.sections.money import MoneySection
from tui.widgets.grid import Column, Grid, header_row


class FundingSection(MoneySection):
    """上年度安排资金 and 本年度申请资金 per source; 合计 declared beside its computed sum."""

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

    def columns(self) -> list[Column]:
        """Source (fixed text) and the two amount columns."""
        t = self.template
        return [
            Column("source", label_text(t, "item"), "label"),
            Column("last_year", t.label("last_year"), "amount"),
            Column("this_year", t.label("this_year"), "amount", suggest=self.same_as_last_year),
        ]

    def compose(self) -> Any:
        """Heading, column headings, the 合计 rows, then one row per source."""
        columns = self.columns()
        with Body(classes="money"):
            yield heading(self.template.label("funding"))
            yield header_row(columns, numbered=False)
            yield from self.total_rows(self.template.label("total").replace(" ", ""), "source", [], [])
            yield Grid("funding.sources", columns, numbered=False, id="funding-grid")

    def load(self, draft: Declaration) -> None:
        """Rows first (they may be mounted now), then the fields and sums."""
        self.query_one(Grid).load(draft.funding.sources)
        super().load(draft)
