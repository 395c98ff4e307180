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

from textual.content import Content
from textual.widgets import Input, Static

from forms.checks.weights import weight_line
from forms.model.declaration import Declaration, Indicator
from forms.model.template import Template
from forms.workflows.suggestions import IndicatorHelp
from tui.sections.fields import Body, heading
from tui.sections.indicator_library import KEYS_HINT, LAST_YEAR_CSS, LibrarySection
from tui.sections.indicators_import import IndicatorImportKeys
from tui.widgets.choice import Choice
from tui.widgets.field import TextField
from tui.widgets.grid import Column, Grid, GridRow, header_row

_CLAUSE = re.compile(r"[\n，。；;,、]")
"""Where a goal splits into phrases an indicator may restate."""


class IndicatorsSection(LibrarySection, IndicatorImportKeys):
    """The indicator table: 一级指标, 二级指标 (restricted to the 一级), 三级指标, 指标值 (and 上年, carried over).

    F2 and F3 pick from the indicator library and propose a set (``LibrarySection``); Ctrl+Y replaces the
    rows from an 一体化 file (``IndicatorImportKeys``).
    """

    DEFAULT_CSS = LAST_YEAR_CSS

    title = "绩效指标"
    short = "指标"
    prefixes = ("performance.indicators", "performance.weights")

    def __init__(self, template: Template, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.template = template
        """The draft's form template (the 一级/二级 taxonomy)."""
        self.help = IndicatorHelp(())
        """Names and values of other drafts (none until ``use_help``)."""

    def use_help(self, help: IndicatorHelp) -> None:
        """Complete from ``help`` from now on (the focused cell offers anew)."""
        self.help = help
        self.find_last_year()
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
        """一级: every group; 二级: the categories of the row's 一级 (all of them while it is blank); the sides."""
        groups = self.template.indicator_groups
        if column.key == "side":
            return list(self.template.sides)
        if column.key == "level1":
            return [group.name for group in groups]
        chosen = [group for group in groups if group.name == row.level1] or list(groups)
        return [category for group in chosen for category in group.categories]

    def columns(self) -> list[Column]:
        """期间 (two-sided tables), 一级, 二级, 三级, then the template's columns (指标值, 计量单位, 分值 …)."""
        t = self.template
        columns = [Column("side", t.labels.get("side", "期间"), "choice")] if t.sides else []
        columns += [
            Column("level1", t.label("level1"), "choice"),
            Column("level2", t.label("level2"), "choice"),
            Column("name", t.label("level3"), suggest=self.name_candidates),
        ]
        for key in t.indicator_columns:
            suggest = self.value_candidates if key == "value" else None
            columns.append(Column(key, t.labels.get(f"short_{key}", t.column_label(key)), suggest=suggest))
            if key == "value":
                # Last year's value of a carried-over project, beside this year's (hidden for a new one).
                columns.append(Column("last", "上年", "label", text=self.last_year_text))
        return columns

    def new_row(self, current: Indicator | None) -> Indicator:
        """A row below ``current``: its side, 一级 and 二级, the template's extra columns blank."""
        extra = {key: "" for key in self.template.indicator_columns if key != "value"}
        if current is None:
            return Indicator(side=self.template.year_side(), **extra)
        return Indicator(level1=current.level1, level2=current.level2, side=current.side, **extra)

    def compose(self) -> Any:
        """Heading, column headings and the rows."""
        t = self.template
        columns = self.columns()
        # More columns than 一级, 二级, 三级 and 指标值: the fixed ones narrow to fit 80 columns.
        self.set_class(len(columns) > 4, "-many-columns")
        with Body():
            yield heading(f"{t.label('indicators')}  一级/二级：←/→ 选择  灰字补全：→ 采用  {KEYS_HINT}")
            if t.has("weight"):
                yield Static("", id="indicator-weights", classes="fheading")
            yield header_row(columns, numbered=True)
            yield Grid(
                "performance.indicators",
                columns,
                new_row=self.new_row,
                options=self.options,
                noun="指标",
                id="indicators-grid",
            )

    def load(self, draft: Declaration) -> None:
        """Rows first (they may be mounted now), then the fields."""
        self._fill_columns(draft)
        self.query_one(Grid).load(draft.performance.indicators)
        super().load(draft)
        self.after_change("")
        self.find_last_year()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Write the text; a carried-over row's 上年 cell compares anew."""
        super().on_input_changed(event)
        row = event.input.parent.parent if event.input.parent else None
        if self.last_year and isinstance(row, GridRow):
            self.show_last_year(row)

    def after_change(self, path: str) -> None:
        """A weight typed (or a row moved, added, deleted) changes the 分值 line."""
        if self.draft is not None and self.template.has("weight"):
            self.query_one("#indicator-weights", Static).update(Content(weight_line(self.draft, self.template)))

    def _fill_columns(self, draft: Declaration) -> None:
        """A column of the template a row lacks (a draft typed before, an import) starts blank, not missing.

        Its cell shows and edits text; a row on no side of a two-sided table is on the year's.
        """
        for row in draft.performance.indicators:
            for key in self.template.indicator_columns:
                if getattr(row, key) is None:
                    setattr(row, key, "")
            if self.template.sides and row.side not in self.template.sides:
                row.side = self.template.year_side()

    def on_choice_changed(self, event: Choice.Changed) -> None:
        """Write the choice; a new 一级 narrows its row's 二级 and clears one that no longer fits."""
        self.take(event.choice)
        if not (event.choice.name or "").endswith(".level1") or self.draft is None:
            return
        row = event.choice.parent.parent if event.choice.parent else None
        if not isinstance(row, GridRow):
            return
        model = self.draft.performance.indicators[row.index]
        level2 = row.cells[[c.key for c in row.columns].index("level2")]
        if isinstance(level2, Choice):
            level2.set_options(self.options(Column("level2", ""), model))
            if model.level1 and level2.value and level2.value not in level2.options:
                level2.value = ""
