"""绩效指标: 项目年度绩效指标, 一级/二级 picked from the template's taxonomy, 三级 and 指标值 typed.

A new draft already holds the template's skeleton (one row per 二级), so the
operator types only names and values; a row added below another starts with
that row's 一级 and 二级.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from forms.model import Declaration, Indicator
from forms.template import Template
from tui.sections.base import Section
from tui.sections.fields import Body, heading
from tui.widgets.choice import Choice
from tui.widgets.grid import Column, Grid, GridRow, header_row


class IndicatorsSection(Section):
    """The indicator table: 一级指标, 二级指标 (restricted to the 一级), 三级指标, 指标值."""

    title = "绩效指标"
    short = "指标"
    prefixes = ("performance.indicators",)

    def __init__(self, template: Template, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.template = template
        """The draft's form template (the 一级/二级 taxonomy)."""

    @classmethod
    def is_blank(cls, draft: Declaration) -> bool:
        """No 三级 name or value typed (the skeleton's 一级/二级 do not count)."""
        return all(not (i.name.strip() or i.value.strip()) for i in draft.performance.indicators)

    def options(self, column: Column, row: Any) -> Sequence[str]:
        """一级: every group; 二级: the categories of the row's 一级 (all of them while it is blank)."""
        groups = self.template.indicator_groups
        if column.key == "level1":
            return [group.name for group in groups]
        chosen = [group for group in groups if group.name == row.level1] or list(groups)
        return [category for group in chosen for category in group.categories]

    def compose(self) -> Any:
        """Heading, column headings and the rows."""
        t = self.template
        columns = [
            Column("level1", t.label("level1"), "choice"),
            Column("level2", t.label("level2"), "choice"),
            Column("name", t.label("level3")),
            Column("value", t.label("value")),
        ]
        with Body():
            yield heading(f"{t.label('indicators')}  一级/二级：←/→ 选择")
            yield header_row(columns, numbered=True)
            yield Grid(
                "performance.indicators",
                columns,
                new_row=lambda current: (
                    Indicator(level1=current.level1, level2=current.level2) if current is not None else Indicator()
                ),
                options=self.options,
                noun="指标",
                id="indicators-grid",
            )

    def load(self, draft: Declaration) -> None:
        """Rows first (they may be mounted now), then the fields."""
        self.query_one(Grid).load(draft.performance.indicators)
        super().load(draft)

    def on_choice_changed(self, event: Choice.Changed) -> None:
        """Write the choice; a new 一级 narrows its row's 二级 and clears one that no longer fits."""
        self.take(event.choice)
        if not (event.choice.name or "").endswith(".level1") or self.draft is None:
            return
        row = event.choice.parent.parent if event.choice.parent else None
        if not isinstance(row, GridRow):
            return
        model = self.draft.performance.indicators[row.index]
        level2 = row.cells[1]
        if isinstance(level2, Choice):
            level2.set_options(self.options(Column("level2", ""), model))
            if model.level1 and level2.value and level2.value not in level2.options:
                level2.value = ""
