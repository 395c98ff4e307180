"""绩效指标: 项目年度绩效指标, 一级/二级 picked from the template's taxonomy, 三级 and 指标值 typed.

A new draft already holds the template's skeleton (one row per 二级), so the
operator types only names and values; a row added below another starts with
that row's 一级 and 二级.

三级 and 指标值 cells complete what is typed (→ takes it): names and values
used under the same 二级 in other drafts (``forms.workflows.suggestions.IndicatorHelp``,
which the editor builds off the keystroke path and hands over with
``use_help``), the budget total for the 成本指标, common 满意度 and 时效
values, and, once something is typed, what this draft already says elsewhere
(its other rows and its goals: indicators restate them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from forms.model.declaration import Declaration, Indicator
from forms.model.template import Template
from forms.workflows.suggestions import IndicatorHelp
from tui.sections.fields import Body, heading
from tui.sections.indicators_import import IndicatorImportKeys
from tui.widgets.choice import Choice
from tui.widgets.field import TextField
from tui.widgets.grid import Column, Grid, GridRow, header_row

_CLAUSE = re.compile(r"[\n，。；;,、]")
"""Where a goal splits into phrases an indicator may restate."""


class IndicatorsSection(IndicatorImportKeys):
    """The indicator table: 一级指标, 二级指标 (restricted to the 一级), 三级指标, 指标值."""

    title = "绩效指标"
    short = "指标"
    prefixes = ("performance.indicators",)

    def __init__(self, template: Template, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.template = template
        """The draft's form template (the 一级/二级 taxonomy)."""
        self.help = IndicatorHelp(())
        """Names and values of other drafts (none until ``use_help``)."""

    def use_help(self, help: IndicatorHelp) -> None:
        """Complete from ``help`` from now on (the focused cell offers anew)."""
        self.help = help
        focused = self.screen.focused if self.is_attached else None
        if isinstance(focused, TextField) and self in focused.ancestors:
            focused.offer()

    def name_candidates(self, path: str, typed: str) -> list[str]:
        """三级指标 names for the row at ``path``: other drafts' under its 二级; once typed, this draft's first.

        An empty cell offers the category's usual name. Once something is
        typed, what this draft already says (its goals, its other rows) comes
        first: an indicator restating the project's own words is the likelier
        one.
        """
        index, row = self._row(path)
        offered: list[str] = []
        if typed:
            draft = self.draft
            goals = f"{draft.performance.long_term_goal}\n{draft.performance.annual_goal}"
            offered += [part.strip() for part in _CLAUSE.split(goals)]
            offered += [i.name.strip() for n, i in enumerate(draft.performance.indicators) if n != index]
        offered += self.help.names(row.level2)
        return [text for text in dict.fromkeys(offered) if text]

    def value_candidates(self, path: str, typed: str) -> list[str]:
        """指标值 for the row at ``path``: the budget total for the 成本指标; else other drafts', common, this draft's.

        This draft's values of the same 三级指标 are offered at once; its other
        values only once something is typed.
        """
        index, row = self._row(path)
        offered = self.help.values(row.level2, row.name, draft=self.draft)
        cost = self.template.rules.cost_category
        if row.level2.strip() == cost:
            return offered
        others = [i for n, i in enumerate(self.draft.performance.indicators) if n != index and i.level2.strip() != cost]
        name = row.name.strip()
        offered += [i.value.strip() for i in others if name and i.name.strip() == name]
        if typed:
            offered += [i.value.strip() for i in others]
        return [text for text in dict.fromkeys(offered) if text]

    def _row(self, path: str) -> tuple[int, Indicator]:
        # performance.indicators.<n>.<column>; LookupError for a row deleted meanwhile.
        if self.draft is None:
            raise LookupError(path)
        index = int(path.split(".")[2])
        return index, self.draft.performance.indicators[index]

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
            Column("name", t.label("level3"), suggest=self.name_candidates),
            Column("value", t.label("value"), suggest=self.value_candidates),
        ]
        with Body():
            yield heading(f"{t.label('indicators')}  一级/二级：←/→ 选择  灰字补全：→ 采用")
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
