"""Checks of 分值/权重, for templates whose indicator table has a weight column (``Template.has("weight")``).

Weights are optional: a draft with none typed is not judged. Once any is typed,
the 三级 weights (of each side of a two-sided table) must add up to the
template's ``weight_total``, each 一级's share must sit inside its
``weight_range`` (成本 0–20, 产出 40–50 …), and a declared 一级 weight
(``Performance.weights``) must equal the sum of its 三级 rows.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from forms.checks.findings import Finding, error, quote
from forms.model.declaration import Declaration
from forms.model.money import format_amount
from forms.model.template import Template

SUMS = "performance.weights"
"""Where a finding on the weights' sums points: not at the row last typed (the table is still being filled), but
at the weights as a whole, which the editor's 分值 line shows with their ranges and 检查与导出 lists."""


def read_weight(text: str) -> Decimal | None:
    """A weight as a number (``None`` when blank); 10分 and full-width digits are read too.

    Raises:
        ValueError: the text is not a non-negative number.
    """
    typed = unicodedata.normalize("NFKC", text).strip().removesuffix("分").strip()
    if not typed:
        return None
    try:
        value = Decimal(typed)
    except InvalidOperation:
        raise ValueError(f"分值{quote(text)}不是数字（如 10）") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"分值{quote(text)}不是有效的分值（应为不小于 0 的数）")
    return value


def weight_findings(draft: Declaration, template: Template) -> list[Finding]:
    """Findings about the weights; none unless the template has weights and some are typed."""
    if not template.has("weight"):
        return []
    found: list[Finding] = []
    heading = template.column_label("weight")
    rows = draft.performance.indicators
    weights: dict[int, Decimal] = {}
    for index, row in enumerate(rows):
        try:
            value = read_weight(row.weight or "")
        except ValueError as problem:
            found.append(error(f"performance.indicators.{index}.weight", str(problem)))
            continue
        if value is not None:
            weights[index] = value
    declared = _declared(draft, found)
    if found or not (weights or declared):
        return found  # an unreadable weight would make every sum below mislead
    for side in template.sides or (None,):
        on_side = [i for i, row in enumerate(rows) if _side_of(row.side, template) == side]
        found += _side(draft, template, side, [i for i in on_side if i in weights], weights, declared, heading)
    return found


def _side_of(side: str | None, template: Template) -> str | None:
    """The side a row counts on: its own, or the year's when it names none the template has."""
    if not template.sides:
        return None
    return side if side in template.sides else template.year_side()


def _declared(draft: Declaration, found: list[Finding]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for key, text in (draft.performance.weights or {}).items():
        try:
            value = read_weight(text)
        except ValueError as problem:
            found.append(error("performance.weights", f"{key}的{problem}"))
            continue
        if value is not None:
            out[key] = value
    return out


def _side(
    draft: Declaration,
    template: Template,
    side: str | None,
    weighted: list[int],
    weights: dict[int, Decimal],
    declared: dict[str, Decimal],
    heading: str,
) -> list[Finding]:
    """The total and each 一级's share, on one side of the table."""
    rows = draft.performance.indicators
    where = f"{side}：" if side else ""
    found: list[Finding] = []
    shares: dict[str, Decimal] = {}
    for group in template.indicator_groups:
        in_group = [i for i in weighted if rows[i].level1.strip() == group.name]
        summed = sum((weights[i] for i in in_group), Decimal(0))
        stated = declared.get(group.name) if side is None or side == template.year_side() else None
        if stated is not None and in_group and stated != summed and not template.yitihua.weights:
            sums = f"{format_amount(stated)} ≠ 其三级指标{heading}之和 {format_amount(summed)}"
            message = f"{where}{group.name}的{heading} {sums}"
            found.append(error("performance.weights", message))
        share = summed if in_group else (stated if stated is not None else Decimal(0))
        shares[group.name] = share
        if group.weight_range is not None:
            low, high = (Decimal(v) for v in group.weight_range)
            if not low <= share <= high:
                span = f"{format_amount(low)}–{format_amount(high)}"
                message = f"{where}{group.name}的{heading}为 {format_amount(share)}，应在 {span} 之间"
                found.append(error(SUMS, message))
    if template.weight_total is not None and not template.yitihua.weights:  # else said as the system says it
        groups = {group.name for group in template.indicator_groups}
        outside = sum((weights[i] for i in weighted if rows[i].level1.strip() not in groups), Decimal(0))
        total, expected = sum(shares.values(), outside), Decimal(template.weight_total)
        if total != expected:
            message = f"{where}各指标{heading}之和为 {format_amount(total)}，应为 {format_amount(expected)}"
            found.append(error(SUMS, message))
    return found


def weight_line(draft: Declaration, template: Template) -> str:
    """The 分值 typed so far, per 一级 and in all: ``分值  产出 45  成本 25（0–20） …  合计 95（应为 100）``.

    A share outside its range and a total that is not ``weight_total`` carry what they should be; blank
    when the template has no weights.
    """
    if not template.has("weight"):
        return ""
    year = template.year_side()
    parts: list[str] = []
    total = Decimal(0)
    for group in template.indicator_groups:
        share = Decimal(0)
        for row in draft.performance.indicators:
            if row.level1.strip() != group.name or (year is not None and _side_of(row.side, template) != year):
                continue
            try:
                share += read_weight(row.weight or "") or Decimal(0)
            except ValueError:
                continue  # said by the checks
        total += share
        text = f"{group.name.removesuffix('指标')} {format_amount(share)}"
        if group.weight_range is not None:
            low, high = (Decimal(v) for v in group.weight_range)
            if not low <= share <= high:
                text += f"（{format_amount(low)}–{format_amount(high)}）"
        parts.append(text)
    summary = f"合计 {format_amount(total)}"
    if template.weight_total is not None and total != Decimal(template.weight_total):
        summary += f"（应为 {template.weight_total}）"
    return f"{template.column_label('weight')}  " + "  ".join([*parts, summary])
