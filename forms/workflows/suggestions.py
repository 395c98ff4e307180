"""Indicator help as data: completions for 三级指标 names and 指标值 while typing.

An operator writes the same indicators for project after project (进驻窗口单位 /
14个, 企业群众服务满意率 / 90%, …). ``IndicatorHelp`` collects the names and
values already used in other drafts, per 二级指标, most used first; for the
成本指标 it offers the draft's own budget total (“25万元”), which is what a
reviewer compares it with; and it adds a few common values for 满意度 and 时效
indicators. It also hands the indicator library every 三级 the drafts used
(``used``) and a carried-over project its values of the year before
(``previous``). The app decides how to show them; nothing here knows about widgets.

The common values are a small constant in this module, not template data: they
are suggestions, not part of the printed form, and ``forms/templates/*.toml``
holds only what a form prints or the checks judge.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from forms.model.dates import DateError, parse_year
from forms.model.declaration import Declaration
from forms.model.money import format_amount
from forms.model.template import DEFAULT_TEMPLATE, TemplateError, load_template
from forms.model.totals import budget_total

COMMON_VALUES: dict[str, tuple[str, ...]] = {
    "服务对象满意度": ("≥90%", "≥95%", "90%", "95%", "100%"),
    "质量指标": ("100%", "≥90%", "≥95%", "90%"),
    "时效指标": ("年底前", "按期完成", "按时完成", "12月底前", "年内完成"),
    "可持续影响": ("1年", "长期", "持续"),
}
"""Values reviewers accept for common indicators, offered after the ones used in other drafts.

Keyed by 二级指标 as the district template prints it; a category of another
template simply gets no common values.
"""


class IndicatorHelp:
    """Completions from a set of drafts, computed once and asked per keystroke."""

    def __init__(self, drafts: Iterable[Declaration]) -> None:
        self._names: dict[str, Counter[str]] = {}
        self._values: dict[str, Counter[str]] = {}
        self._named_values: dict[tuple[str, str], Counter[str]] = {}
        self._projects: dict[tuple[str, int], list[tuple[str, str]]] = {}
        for draft in drafts:
            self._remember(draft)
            for row in draft.performance.indicators:
                category, name, value = row.level2.strip(), row.name.strip(), row.value.strip()
                if name:
                    self._names.setdefault(category, Counter())[name] += 1
                if value:
                    self._values.setdefault(category, Counter())[value] += 1
                    if name:
                        self._named_values.setdefault((category, name), Counter())[value] += 1

    def names(self, level2: str) -> list[str]:
        """三级指标 names used under ``level2`` in the drafts, most used first."""
        return _ranked(self._names.get(level2.strip(), Counter()))

    def used(self) -> list[tuple[str, str, str, int]]:
        """Every (二级, 三级 name, most used value, times used) in the drafts, most used first per 二级."""
        return [
            (category, name, next(iter(_ranked(self._named_values.get((category, name), Counter()))), ""), count)
            for category, names in self._names.items()
            for name, count in names.most_common()
        ]

    def previous(self, draft: Declaration) -> dict[str, str] | None:
        """Last year's 指标值 of ``draft``'s project by 三级 name; ``None`` when no draft of it is a year older.

        Last year's draft is the one with the same project name and the year
        before (as ``rollover`` makes it); its first row of each name counts.
        """
        year = _year(draft.year)
        name = draft.project.name.strip()
        rows = self._projects.get((name, year - 1)) if year is not None and name else None
        if rows is None:
            return None
        found: dict[str, str] = {}
        for indicator, value in rows:
            found.setdefault(indicator, value)
        return found

    def _remember(self, draft: Declaration) -> None:
        year, name = _year(draft.year), draft.project.name.strip()
        if year is not None and name:
            rows = [(i.name.strip(), i.value.strip()) for i in draft.performance.indicators if i.name.strip()]
            self._projects.setdefault((name, year), rows)

    def values(self, level2: str, name: str = "", *, draft: Declaration | None = None) -> list[str]:
        """指标值 to offer for an indicator, best first, without repeats.

        For the template's cost category only the draft's own budget total is
        offered: another project's cost is never right for this one. Otherwise
        the values used with the same name come first, then those used in the
        same category, then the common values.
        """
        category = level2.strip()
        if category == _cost_category(draft):
            cost = cost_value(draft) if draft is not None else None
            return [cost] if cost else []
        offered = _ranked(self._named_values.get((category, name.strip()), Counter()))
        offered += _ranked(self._values.get(category, Counter()))
        offered += COMMON_VALUES.get(category, ())
        return list(dict.fromkeys(offered))


def indicator_suggestions(drafts: Iterable[Declaration], level2: str) -> list[str]:
    """三级指标 names used under ``level2`` in ``drafts``, most used first."""
    return IndicatorHelp(drafts).names(level2)


def value_suggestions(
    drafts: Iterable[Declaration], level2: str, name: str = "", *, draft: Declaration | None = None
) -> list[str]:
    """指标值 to offer for an indicator of ``draft`` (see ``IndicatorHelp.values``)."""
    return IndicatorHelp(drafts).values(level2, name, draft=draft)


def cost_value(draft: Declaration) -> str | None:
    """The 成本指标 value a reviewer expects: the budget total, e.g. “25万元”; ``None`` when unknown."""
    total = budget_total(draft)
    return None if total is None else f"{format_amount(total)}万元"


def matching(candidates: Iterable[str], typed: str) -> list[str]:
    """The candidates that fit what has been typed: those starting with it first, then those containing it.

    Chinese indicator names are recalled by a word in the middle as often as
    by their start (typing 满意 should find 企业群众服务满意率), so both count.
    A candidate equal to the text typed is left out: there is nothing to complete.
    """
    text = typed.strip()
    if not text:
        return list(candidates)
    pool = [c for c in candidates if c != text]
    starts = [c for c in pool if c.startswith(text)]
    return starts + [c for c in pool if text in c and not c.startswith(text)]


def _year(text: str) -> int | None:
    try:
        return parse_year(text)
    except DateError:
        return None


def _ranked(counts: Counter[str]) -> list[str]:
    # Counter.most_common keeps first-seen order among equals: stable for the UI.
    return [text for text, _ in counts.most_common()]


def _cost_category(draft: Declaration | None) -> str:
    template_id = draft.template if draft is not None else DEFAULT_TEMPLATE
    try:
        return load_template(template_id).rules.cost_category
    except TemplateError:
        return load_template(DEFAULT_TEMPLATE).rules.cost_category
