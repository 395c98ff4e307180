"""The indicator rows as the 一体化 system's grid holds them: each 三级 row's tab (side) and its row number N.

The system's messages say “第N行”. N here is the row's place among the typed 三级
rows of its tab (总体 or 年度; a one-table template's rows are all 年度, as its
table is 项目年度绩效指标), counted from 1 in the grid's order: the template's
一级, then its 二级, then the order of the draft. 一级 and 二级 are tree rows the
operator never types, and a row with nothing typed (district-2021's skeleton
rows) is not entered in the system, so neither is counted. So a row added at the
end under 数量指标 gets the number the system will give it, not the draft's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from forms.checks.findings import quote
from forms.model.declaration import Declaration, Indicator
from forms.model.indicator_value import IndicatorValue, parse_indicator_value
from forms.model.template import Template, Yitihua

ANNUAL = "年度"
"""The tab of a one-table template."""

_remembered = lru_cache(maxsize=4096)(parse_indicator_value)
_REMEMBER_CHARS = 200
"""Values longer than this are read afresh each time: a pasted essay should not sit in the cache."""


def parse(text: str) -> IndicatorValue | None:
    """The one parser, remembered for short values: the editor re-checks the draft each time a field is left."""
    return _remembered(text) if len(text) <= _REMEMBER_CHARS else parse_indicator_value(text)


@dataclass(frozen=True, slots=True)
class Row:
    """One typed 三级 row."""

    index: int
    """Its place in ``performance.indicators``."""
    number: int
    """N: its place in its tab as the system counts it (from 1)."""
    side: str
    """Its tab: a side of the template, or 年度 for a one-table template."""
    indicator: Indicator
    parsed: IndicatorValue | None
    """The 指标值 as read by ``forms.model.indicator_value`` (``None`` when blank)."""

    @property
    def path(self) -> str:
        return f"performance.indicators.{self.index}"

    @property
    def where(self) -> str:
        """The row in the operator's words: “数量指标“进驻窗口单位””, or its 二级 alone when it has no name."""
        name = self.indicator.name.strip()
        level2 = self.indicator.level2.strip() or self.indicator.level1.strip()
        return f"{level2}{quote(name)}" if name else (level2 or "未分类指标")


def typed(row: Indicator) -> bool:
    """Whether the operator put anything in the row (a blank skeleton row is not one the system sees)."""
    texts = (row.name, row.value, row.unit, row.explanation, row.weight, row.note, row.standard)
    return any(text is not None and text.strip() for text in texts)


def side_of(row: Indicator, template: Template) -> str:
    """The row's tab: its side where the template has sides, else 年度."""
    if not template.sides:
        return ANNUAL
    return (row.side or "").strip()


def overall(side: str) -> bool:
    """Whether a tab is the system's 总体 (中长期) one rather than 年度."""
    return ANNUAL not in side


def rows(draft: Declaration, template: Template) -> list[Row]:
    """The typed 三级 rows in draft order, each with its tab and its number N."""
    groups = {group.name: i for i, group in enumerate(template.indicator_groups)}
    categories = {c: i for group in template.indicator_groups for i, c in enumerate(group.categories)}
    sides = {side: i for i, side in enumerate(template.sides)}
    indicators = draft.performance.indicators
    typed_rows = [(i, row, side_of(row, template)) for i, row in enumerate(indicators) if typed(row)]

    def grid_order(item: tuple[int, Indicator, str]) -> tuple[int, int, int, int]:
        index, row, side = item
        level1, level2 = row.level1.strip(), row.level2.strip()
        return (sides.get(side, len(sides)), groups.get(level1, len(groups)), categories.get(level2, 99), index)

    numbers: dict[int, int] = {}
    counted: dict[str, int] = {}
    for index, _row, side in sorted(typed_rows, key=grid_order):
        counted[side] = counted.get(side, 0) + 1
        numbers[index] = counted[side]
    return [Row(i, numbers[i], side, row, parse(row.value)) for i, row, side in typed_rows]


def forbidden_in_value(value: str, rules: Yitihua) -> bool:
    """Whether the system refuses the 指标值 as typed for one of its characters (``*_-``)."""
    return bool(rules.value_forbidden) and any(c in value for c in rules.value_forbidden)
