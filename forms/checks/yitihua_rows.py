"""The indicator rows as the 一体化 system's grid holds them: each 三级 row's tab (side) and its row number N.

The system's messages say “第N行”. N here is the row's place among the typed 三级
rows of its tab (总体 or 年度; a one-table template's rows are all 年度, as its
table is 项目年度绩效指标; a row naming no side is on the year's, as issue 12's
editor has it), counted from 1 in the grid's order: the template's
一级, then its 二级, then the order of the draft. 一级 and 二级 are tree rows the
operator never types, and a row with nothing typed (district-2021's skeleton
rows) is not entered in the system, so neither is counted. So a row added at the
end under 数量指标 gets the number the system will give it, not the draft's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from forms.checks.findings import quote
from forms.model.declaration import Declaration, Indicator
from forms.model.indicator_value import IndicatorValue, parse_indicator_value
from forms.model.template import Template, Yitihua

T = TypeVar("T")

ANNUAL = "年度"
"""The tab of a one-table template."""

_REMEMBER_CHARS = 200
"""Texts longer than this are read afresh each time: a pasted essay should not sit in a cache."""


def remembered(read: Callable[[str], T], size: int = 1024) -> Callable[[str], T]:
    """``read`` (a pure reading of one text) remembering its last ``size`` short texts.

    The editor re-checks the whole draft each time a field is left, and the same
    few texts (指标值, 合计, dates) are read on every check.
    """
    cached = lru_cache(maxsize=size)(read)

    def reading(text: str) -> T:
        return cached(text) if len(text) <= _REMEMBER_CHARS else read(text)

    _caches.append(cached.cache_clear)
    return reading


_caches: list[Callable[[], None]] = []


def forgettable(clear: Callable[[], None]) -> None:
    """Have ``forget`` empty another remembered reading too."""
    _caches.append(clear)


def forget() -> None:
    """Empty every remembered reading (a benchmark's cold run starts as a fresh process does)."""
    for clear in _caches:
        clear()


parse = remembered(parse_indicator_value, 4096)
"""The one parser of 指标值, remembered."""


class _Numbers:
    """Each typed row's N, worked out (a sort of the rows) only when a message first needs one."""

    __slots__ = ("_numbers", "_rows", "_shape")

    def __init__(self, rows: list[Row], shape: Plan) -> None:
        self._rows, self._shape = rows, shape
        self._numbers: dict[int, int] | None = None

    def of(self, index: int) -> int:
        if self._numbers is None:
            groups, categories, sides = self._shape.groups, self._shape.categories, self._shape.sides
            order = sorted(
                self._rows,
                key=lambda r: (
                    sides.get(r.side, len(sides)),
                    groups.get(r.indicator.level1.strip(), len(groups)),
                    categories.get(r.indicator.level2.strip(), 99),
                    r.index,
                ),
            )
            self._numbers, counted = {}, {}
            for row in order:
                counted[row.side] = counted.get(row.side, 0) + 1
                self._numbers[row.index] = counted[row.side]
        return self._numbers[index]


@dataclass(frozen=True, slots=True)
class Row:
    """One typed 三级 row."""

    index: int
    """Its place in ``performance.indicators``."""
    side: str
    """Its tab: a side of the template, or 年度 for a one-table template."""
    indicator: Indicator
    parsed: IndicatorValue | None
    """The 指标值 as read by ``forms.model.indicator_value`` (``None`` when blank)."""
    numbers: _Numbers

    @property
    def number(self) -> int:
        """N: its place in its tab as the system counts it (from 1)."""
        return self.numbers.of(self.index)

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
    if row.name.strip() or row.value.strip():
        return True
    texts = (row.unit, row.explanation, row.weight, row.note, row.standard)
    return any(text is not None and text.strip() for text in texts)


def overall(side: str) -> bool:
    """Whether a tab is the system's 总体 (中长期) one rather than 年度."""
    return ANNUAL not in side


@dataclass(frozen=True, slots=True)
class Plan:
    """What the rules ask of a template, worked out once per template rather than once per row."""

    has_unit: bool
    has_explanation: bool
    groups: dict[str, int]
    categories: dict[str, int]
    sides: dict[str, int]


_plans: dict[int, tuple[Template, Plan]] = {}


def plan(template: Template) -> Plan:
    """The template's plan (remembered while the template lives; templates are loaded once and kept)."""
    hit = _plans.get(id(template))
    if hit is not None and hit[0] is template:
        return hit[1]
    made = Plan(
        has_unit=template.has("unit"),
        has_explanation=template.has("explanation"),
        groups={group.name: i for i, group in enumerate(template.indicator_groups)},
        categories={c: i for group in template.indicator_groups for i, c in enumerate(group.categories)},
        sides={side: i for i, side in enumerate(template.sides)},
    )
    if len(_plans) > 64:  # templates copied by tests and benchmarks: keep the memo small
        _plans.clear()
    _plans[id(template)] = (template, made)
    return made


def rows(draft: Declaration, template: Template) -> list[Row]:
    """The typed 三级 rows in draft order, each with its tab and (when asked) its number N."""
    shape = plan(template)
    found: list[Row] = []
    numbers = _Numbers(found, shape)
    year_side = template.year_side()
    for index, row in enumerate(draft.performance.indicators):
        if typed(row):
            side = ANNUAL if year_side is None else (row.side or "").strip() or year_side
            found.append(Row(index, side, row, parse(row.value), numbers))
    return found


def forbidden_in_value(value: str, rules: Yitihua) -> bool:
    """Whether the system refuses the 指标值 as typed for one of its characters (``*_-``)."""
    return bool(rules.value_forbidden) and _any_of(rules.value_forbidden).search(value) is not None


@lru_cache(maxsize=16)
def _any_of(chars: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(chars)}]")
