"""Checks of 项目年度绩效指标: the taxonomy, coverage, quantified values, repeats and the cost figure."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from forms.checks.findings import Finding, error, label, quote, warning
from forms.model.declaration import Declaration, Indicator
from forms.model.indicator_value import parse_indicator_value
from forms.model.money import AmountError, amount_problem, format_amount, money_sum, wan_in_text
from forms.model.template import Template
from forms.model.totals import budget_total

_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A number followed by a unit: a sign (% ‰ ℃ °), a Latin unit (km, Mbps) or any Chinese word (个, 次, 万元, 年).
_NUMBER_WITH_UNIT = re.compile(r"\d+(?:\.\d+)?(?:[%‰℃°]|[A-Za-z]|[\u4e00-\u9fff])")
_COMPARATOR = re.compile(r"[≥≤><=]|不[低少高多大小]于|不超过|达到|[大小高低]于|超过|至少|以[上下内]")
# Chinese numerals count only before a measure word, so that a grade such as 一般 is not taken for a count.
_CHINESE_COUNT = re.compile(r"[一二两三四五六七八九十百千]+(?:[个次项人名天日周月年件份家所台套册批条处户倍]|小时)")


def normalize(text: str) -> str:
    """Text as compared: full-width folded to ASCII, all spaces (and line breaks) removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


@cache
def _qualitative(values: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern matching text that starts or ends with a qualitative value (年底前完成, 效果良好)."""
    if not values:
        return None
    words = "|".join(re.escape(normalize(v)) for v in sorted(values, key=len, reverse=True))
    return re.compile(rf"^(?:{words})|(?:{words})$")


def value_problem(value: str, template: Template) -> str | None:
    """Why a 指标值 is not a measurable target, or ``None`` when it is one.

    The value is read by ``forms.model.indicator_value`` (the reading the indicator
    sheet exports). It is measurable when it splits into a number with a unit or
    a written comparator (90%, ≥90, 不低于 90), is a deadline or holds several
    numbers (定性 there, but a target), or, unsplit, has a number with a unit or a
    comparator inside its words (满意度达90%), a counted Chinese numeral (三个),
    or starts or ends with one of the template's qualitative values (年底前, 良好).
    """
    parsed = parse_indicator_value(value)
    if parsed is None:
        return None
    text = normalize(value)
    if parsed.quantified:
        if parsed.unit or parsed.explicit:
            return None
        return f"指标值{quote(value)}缺少单位（如 {text}%、{text}个）"
    if parsed.kind in ("time", "several"):
        return None
    if _NUMBER_WITH_UNIT.search(text) or _CHINESE_COUNT.search(text):
        return None
    if _NUMBER.search(text) and _COMPARATOR.search(text):
        return None
    qualitative = _qualitative(template.rules.qualitative_values)
    if qualitative is not None and qualitative.search(text):
        return None
    return f"指标值{quote(value)}未量化：请写明数值和单位（如 95%、≥30个），或写定性目标（如 年底前、良好）"


def indicator_findings(draft: Declaration, template: Template, *, known_template: bool = True) -> list[Finding]:
    """Findings for the indicator table, in table order, then coverage of the template's taxonomy."""
    found: list[Finding] = []
    rows = draft.performance.indicators
    first_seen: dict[tuple[str | None, str], int] = {}
    for index, row in enumerate(rows):
        path = f"performance.indicators.{index}"
        name, value = row.name.strip(), row.value.strip()
        if known_template:
            found.extend(_taxonomy(row, path, template, filled=bool(name or value)))
        if name and not value:
            found.append(warning(f"{path}.value", f"{_where(row)}{quote(name)}的指标值未填写"))
        elif value and not name:
            found.append(warning(f"{path}.name", f"{_where(row)}有指标值{quote(value)}，但三级指标未填写"))
        if value and row.level2.strip() != template.rules.cost_category:
            # A separate 计量单位 column completes a bare number: 95 with % is 95%.
            problem = value_problem(value + (row.unit or "").strip(), template)
            if problem is not None:
                found.append(warning(f"{path}.value", f"{_where(row)}{quote(name) if name else ''}：{problem}"))
        if name:
            # The same indicator on both sides of a two-sided table (实施期 and 本年度) is no repeat.
            key = (_side(row, template), normalize(name))
            if key in first_seen:
                other = rows[first_seen[key]]
                message = f"三级指标{quote(name)}重复出现：{_where(other)}、{_where(row)}"
                found.append(warning(f"{path}.name", message))
            else:
                first_seen[key] = index
    found.extend(_cost(draft, template))
    if known_template:
        found.extend(_coverage(draft, template))
    return found


def _where(row: Indicator) -> str:
    parts = [p for p in (row.level1.strip(), row.level2.strip()) if p]
    where = "/".join(parts) if parts else "未分类指标"
    return f"{row.side}·{where}" if row.side else where


def _side(row: Indicator, template: Template) -> str | None:
    """The side a row is judged on: its own, or the year's when it names none the template has."""
    if not template.sides:
        return None
    return row.side if row.side in template.sides else template.year_side()


def _taxonomy(row: Indicator, path: str, template: Template, *, filled: bool) -> list[Finding]:
    """Level 1 and 2 must come from the template, level 2 under its own level 1."""
    level1, level2 = row.level1.strip(), row.level2.strip()
    groups = {g.name: g for g in template.indicator_groups}
    if level1 and level1 not in groups:
        known = "、".join(groups)
        return [error(f"{path}.level1", f"一级指标{quote(level1)}不是本表样的一级指标（应为：{known}）")]
    if level2:
        owner = template.group_of(level2)
        if owner is None:
            return [error(f"{path}.level2", f"二级指标{quote(level2)}不是本表样的二级指标")]
        if level1 and owner.name != level1:
            return [error(f"{path}.level2", f"二级指标{quote(level2)}属于{owner.name}，不属于{level1}")]
    if filled and not (level1 and level2):
        where = f"{path}.level2" if level1 else f"{path}.level1"
        return [error(where, f"指标{quote(row.name)}未选择{'二级' if level1 else '一级'}指标")]
    return []


def _cost(draft: Declaration, template: Template) -> list[Finding]:
    """The 成本指标 figure must be the budget: a reviewer compares the two first."""
    cost_rows = [
        (i, row)
        for i, row in enumerate(draft.performance.indicators)
        if row.level2.strip() == template.rules.cost_category
        and row.value.strip()
        and _side(row, template) == template.year_side()  # the 实施期's cost is not this year's budget
    ]
    budget = budget_total(draft)
    if not cost_rows or budget is None or _funding_unreadable(draft):
        return []
    path = f"performance.indicators.{cost_rows[0][0]}.value"
    try:
        figures = [f for f in (wan_in_text(row.value) for _, row in cost_rows) if f is not None]
    except AmountError as problem:
        return [warning(path, f"{template.rules.cost_category}的指标值中的金额无法核对：{problem}")]
    heading = f"{label(template, 'funding')}合计（{label(template, 'this_year')}）"
    cost = template.rules.cost_category
    if not figures:
        values = "、".join(quote(row.value) for _, row in cost_rows)
        return [warning(path, f"{cost}的指标值{values}未写明金额，无法与{heading}{format_amount(budget)} 万元核对")]
    total = money_sum(figures)
    if total != budget:
        return [warning(path, f"{cost} {format_amount(total)} 万元 ≠ {heading}{format_amount(budget)} 万元")]
    return []


def _funding_unreadable(draft: Declaration) -> bool:
    """True when the budget total is not known: its 合计 is malformed, or blank with a malformed source."""
    total = draft.funding.total_this_year
    if total.strip():
        return amount_problem(total) is not None
    return any(amount_problem(row.this_year) is not None for row in draft.funding.sources)


def _coverage(draft: Declaration, template: Template) -> list[Finding]:
    """Every 一级 needs an indicator (error); every 二级 should have a named one (warning)."""
    found: list[Finding] = []
    for side in template.sides or (None,):
        found += _side_coverage(draft, template, side)
    return found


def _side_coverage(draft: Declaration, template: Template, side: str | None) -> list[Finding]:
    found: list[Finding] = []
    rows = draft.performance.indicators
    where = f"{side}：" if side else ""
    for group in template.indicator_groups:
        in_group = [
            i for i, row in enumerate(rows) if row.level1.strip() == group.name and _side(row, template) == side
        ]
        filled = [i for i in in_group if rows[i].name.strip() or rows[i].value.strip()]
        if not filled:
            path = f"performance.indicators.{in_group[0]}.name" if in_group else "performance.indicators"
            found.append(error(path, f"{where}{label(template, 'level1')}“{group.name}”下没有填写任何指标"))
            continue
        for category in group.categories:
            in_category = [i for i in in_group if rows[i].level2.strip() == category]
            if not any(rows[i].name.strip() for i in in_category):
                row_index = in_category[0] if in_category else in_group[0]
                path = f"performance.indicators.{row_index}.name"
                found.append(warning(path, f"{where}{group.name}/{category} 未填写任何指标"))
    return found
