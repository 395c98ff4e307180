"""What reviewers send back after the 一体化 system let it through, as findings on the row.

产出, 效益 and 满意度 each present; no rate above 100%; a cost row with ≤ or ＝ and,
together, within the budget (元 and 万元 converted); a 时效 date or 年底前-style
value not after the project's end; one number per 指标值. Each is switched on by
the template's ``[yitihua]`` table. A missing group is an error (it is sent back
every time); the others are warnings, since a reviewer judges them.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from forms.checks.findings import Finding, error, label, quote, warning
from forms.checks.yitihua_rows import Row, forbidden_in_value, forgettable, plan, remembered
from forms.model.dates import DateError, parse_month, parse_year
from forms.model.declaration import Declaration
from forms.model.indicator_value import deadline
from forms.model.money import AmountError, amount_or_none, amount_problem, format_amount, money_sum, wan_in_text
from forms.model.template import Template
from forms.model.totals import budget_total

_amount = remembered(amount_or_none)
_wan = remembered(wan_in_text)
_month = remembered(parse_month, 256)
_year = remembered(parse_year, 64)


def review_findings(draft: Declaration, template: Template, rows: list[Row]) -> list[Finding]:
    """Findings of the review rules the template switches on."""
    rules = template.yitihua
    has_unit = plan(template).has_unit
    found = _presence(draft, template, rows) if rules.required_groups else []
    for row in rows:
        parsed = row.parsed
        if parsed is None:
            continue
        if rules.several_numbers and parsed.several and not forbidden_in_value(row.indicator.value, rules):
            message = (
                f"第{row.number}行（{row.where}）的指标值{quote(row.indicator.value)}含有多个数值："
                "一体化系统每行只填一个数，建议每个数值单独一行"
            )
            found.append(warning(f"{row.path}.value", message))
        if rules.rate_words and parsed.number is not None and _unit(row, has_unit) == "%":
            found += _rate(row, _decimal(rules.rate_max), _words(rules.rate_words))
    if rules.cost_signs or rules.cost_within_budget:
        found += _cost(draft, template, rows, has_unit)
    if rules.timeliness_category:
        found += _timeliness(draft, template, rows)
    return found


@lru_cache(maxsize=1024)
def _deadline(text: str, year: int | None) -> tuple[int, int] | None:
    return deadline(text, year) if len(text) <= 200 else None  # no deadline is an essay


forgettable(_deadline.cache_clear)


def _unit(row: Row, has_unit: bool) -> str:
    """The row's 计量单位: its unit column where the template has one, else read from the 指标值."""
    typed = (row.indicator.unit or "").strip() if has_unit else ""
    return typed.replace("％", "%") or (row.parsed.unit if row.parsed is not None else "")


def _presence(draft: Declaration, template: Template, rows: list[Row]) -> list[Finding]:
    """Each required group holds a named row (a missing 一级 is already the taxonomy check's error)."""
    found: list[Finding] = []
    required = template.yitihua.required_groups
    named = {row.indicator.level2.strip() for row in rows if row.indicator.name.strip()}
    for group in required:
        if group in named:
            continue
        owner = template.group_of(group)
        if owner is None or owner.name == group or not _filled(draft, owner.name):
            continue  # a 一级, or under an empty 一级: the taxonomy check's error says it
        skeleton = [i for i, r in enumerate(draft.performance.indicators) if r.level2.strip() == group]
        path = f"performance.indicators.{skeleton[0]}.name" if skeleton else "performance.indicators"
        found.append(error(path, f"二级指标“{group}”下没有填写任何指标（{'、'.join(required)}缺一不可）"))
    return found


def _filled(draft: Declaration, level1: str) -> bool:
    """Whether any row under a 一级 holds a name or a value (the taxonomy check's sense of a filled group)."""
    return any(r.level1.strip() == level1 and (r.name.strip() or r.value.strip()) for r in draft.performance.indicators)


@lru_cache(maxsize=16)
def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)))


_decimal = lru_cache(maxsize=16)(Decimal)


def _rate(row: Row, highest: Decimal, words: re.Pattern[str]) -> list[Finding]:
    parsed = row.parsed
    if parsed is None or parsed.number is None or words.search(row.indicator.name) is None:
        return []
    if parsed.number > highest or (parsed.sign == "＞" and parsed.number >= highest):
        message = f"{row.where}是比率，指标值{quote(row.indicator.value)}超过 {highest}%"
        return [warning(f"{row.path}.value", message)]
    return []


def _in(row: Row, names: tuple[str, ...]) -> bool:
    return row.indicator.level2.strip() in names or row.indicator.level1.strip() in names


def _cost(draft: Declaration, template: Template, rows: list[Row], has_unit: bool) -> list[Finding]:
    """A cost row is an upper bound (≤ or ＝); the year's money cost rows together stay within the budget."""
    rules = template.yitihua
    money = (template.rules.cost_category,)
    found: list[Finding] = []
    if rules.cost_signs:
        for row in rows:
            if not _in(row, rules.cost_groups or money):
                continue
            if row.parsed is not None and row.parsed.sign in ("≥", "＞"):
                message = (
                    f"{row.where}的指标值{quote(row.indicator.value)}用了“{row.parsed.sign}”："
                    "成本指标是上限，计算符号应为“≤”或“＝”"
                )
                found.append(warning(f"{row.path}.value", message))
    year = template.year_side()
    cost_rows = [r for r in rows if r.parsed is not None and _in(r, money) and (year is None or r.side == year)]
    if not rules.cost_within_budget or not cost_rows:
        return found  # the 实施期's cost is not this year's budget
    figures: list[tuple[Row, Decimal]] = []
    for row in cost_rows:
        unit = (row.indicator.unit or "").strip() if has_unit else ""
        try:
            figure = _wan(row.indicator.value + unit)
        except AmountError:
            return found  # the taxonomy's cost check says why the figure cannot be read
        if figure is not None:
            figures.append((row, figure))
    total = money_sum(f for _, f in figures)
    declared = draft.funding.total_this_year
    budget = None if not figures else _amount(declared) if declared.strip() else budget_total(draft)
    if budget is None or total <= budget or _unreadable(draft):
        return found
    heading = f"{label(template, 'funding')}合计（{label(template, 'this_year')}）{format_amount(budget)} 万元"
    over = [(row, f) for row, f in figures if f > budget]
    if over:
        row, figure = over[0]
        value = row.indicator.value
        shown = "" if "万元" in value else f"（{format_amount(figure)} 万元）"
        message = f"{row.where}的指标值{quote(value)}{shown}超过{heading}"
    else:
        row = figures[0][0]
        message = f"{template.rules.cost_category}合计 {format_amount(total)} 万元超过{heading}"
    found.append(warning(f"{row.path}.value", message))
    return found


def _unreadable(draft: Declaration) -> bool:
    """The budget is not known: its 合计 is malformed, or blank with a malformed source."""
    total = draft.funding.total_this_year
    if total.strip():
        return amount_problem(total) is not None
    return any(amount_problem(row.this_year) is not None for row in draft.funding.sources)


def _timeliness(draft: Declaration, template: Template, rows: list[Row]) -> list[Finding]:
    """A 时效 row's date, or a year's-end phrase read in the draft's year, is not after the project's end."""
    category = template.yitihua.timeliness_category
    timely = [row for row in rows if category in (row.indicator.level2.strip(), row.indicator.level1.strip())]
    if not timely:
        return []
    try:
        end = _month(draft.project.end)
    except DateError:
        return []  # the period check says what is wrong with it
    if end is None:
        return []
    try:
        year = _year(draft.year)
    except DateError:
        year = None  # only dates that name their year are read then
    found: list[Finding] = []
    for row in timely:
        when = _deadline(row.indicator.value, year)
        if when is not None and when > (end.year, end.month):
            shown = f"{when[0]}.{when[1]:02d}"
            period = f"{label(template, 'period')}（结束）{end}"
            message = f"{row.where}的指标值{quote(row.indicator.value)}（{shown}）晚于{period}"
            found.append(warning(f"{row.path}.value", message))
    return found
