"""The 一体化 system's rules on sides (总体/年度 tabs) and weights, in its own messages.

Issue 12's model holds a weight on each 三级 row (``Indicator.weight``), each
parent's declared weight (``Performance.weights``, keyed ``一级`` or ``一级/二级``)
and each row's side (``Indicator.side``); this module adds the system's sums on
top: each tab's 三级 weights adding up to the template's ``weight_total``, and
each declared parent equal to the sum of its children. As issue 12 has it,
weights are judged once any is typed, and a row's weight may be left blank (the
system requires no 权重 per row, only the sums).
Issue 12's per-一级 ranges and its reading of a malformed weight stay its own
checks (``forms.checks.weights``); its total and declared-一级 sums step aside
while this rule is on, so each sum is said once, in the system's words. Declared
weights are the year's (as issue 12 has them): the other side's rows do not count.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from forms.checks.findings import Finding, error
from forms.checks.weights import SUMS, read_weight
from forms.checks.yitihua_rows import Row, overall
from forms.model.declaration import Declaration
from forms.model.money import format_amount, tidy
from forms.model.template import Template

_EMPTY_OVERALL = "总体绩效指标指标值不能为空，保存失败!"
_EMPTY_ANNUAL = "年度总绩效指标指标值不能为空，保存失败!"
"""The system's messages for a tab without a 指标值 (its own wording, 总 and all)."""


def weight_findings(draft: Declaration, template: Template, rows: list[Row]) -> list[Finding]:
    """Findings of the sides and weights rules, where the template has sides and weights and turns them on."""
    rules = template.yitihua
    found: list[Finding] = []
    if rules.sides_filled:
        found += _sides(template, rows)
    if rules.weights and template.weight_total is not None:
        found += _weights(draft, template, rows)
    return found


def _sides(template: Template, rows: list[Row]) -> list[Finding]:
    found: list[Finding] = []
    for row in rows:
        side = (row.indicator.side or "").strip()
        if side and side not in template.sides:
            name = row.indicator.name.strip() or row.indicator.value.strip()
            message = f"【{side}指标】三级指标：{name}录入不正确，请删除后重新录入!"
            if template.sides:
                message += f"（应为{'或'.join(template.sides)}）"
            found.append(error(f"{row.path}.side", message))
    for side in template.sides:
        if not any(row.side == side and row.indicator.value.strip() for row in rows):
            text = _EMPTY_OVERALL if overall(side) else _EMPTY_ANNUAL
            found.append(error("performance.indicators", text + ("" if side in ("总体", "年度") else f"（{side}）")))
    return found


def weight_value(text: str | None) -> Decimal | None:
    """A typed weight as a number (issue 12's reading); ``None`` when blank or not a number (12's check says why)."""
    try:
        return read_weight(text or "")
    except ValueError:
        return None


def _weights(draft: Declaration, template: Template, rows: list[Row]) -> list[Finding]:
    """Each tab's 三级 weights add up to the total; judged, as issue 12 judges weights, once any is typed."""
    total = Decimal(template.weight_total or "0")
    sums: dict[str, Decimal] = {}
    tabs: set[str] = set()
    typed_any = bool(draft.performance.weights)
    for row in rows:
        text = (row.indicator.weight or "").strip()
        value = weight_value(text)
        if text and value is None:
            return []  # a malformed weight: issue 12's check says why, and every sum would mislead
        typed_any |= value is not None
        sums[row.side] = sums.get(row.side, Decimal(0)) + (value or 0)
        tabs.add(row.side)
    if not typed_any:
        return []  # no weight typed yet: nothing to add up (issue 12: weights are judged once typed)
    found: list[Finding] = []
    for side in tabs:
        if sums[side] != total:
            where = "总体" if overall(side) else "年度"
            now = f"（现合计 {format_amount(tidy(sums[side]))}）"
            message = f"{where}总绩效指标权重需为{format_amount(tidy(total))}，保存失败!{now}"
            found.append(error(SUMS, message))
    year = template.year_side()
    return found + _parents(draft, [row for row in rows if year is None or row.side == year])


def _parents(draft: Declaration, rows: list[Row]) -> list[Finding]:
    """Each declared 二级 weight is the sum of its 三级; each declared 一级, of its 二级 (declared, else summed)."""
    declared = draft.performance.weights or {}
    found: list[Finding] = []
    for key, text in declared.items():
        value = weight_value(text)
        level1, _, level2 = key.partition("/")
        if value is None or not level1:
            continue
        if level2:
            total = _sum(r.indicator.weight for r in rows if _under(r, level1, level2))
        else:
            categories = dict.fromkeys(r.indicator.level2.strip() for r in rows if r.indicator.level1.strip() == level1)
            categories.update(dict.fromkeys(k.partition("/")[2] for k in declared if k.startswith(f"{level1}/")))
            total = _sum(
                declared[f"{level1}/{c}"]
                if f"{level1}/{c}" in declared
                else _text(_sum(r.indicator.weight for r in rows if _under(r, level1, c)))
                for c in categories
            )
        if total is not None and total != value:
            level = f"二级指标【{level2}】" if level2 else f"一级指标【{level1}】"
            sums = f"（设置 {format_amount(tidy(value))}，下级合计 {format_amount(tidy(total))}）"
            found.append(error("performance.weights", f"{level}的下级指标权重录入合计应等于上级设置数！{sums}"))
    return found


def _sum(texts: Iterable[str | None]) -> Decimal | None:
    """The sum of typed weights; ``None`` when there are none or one is not a number (its own finding says so)."""
    values = [weight_value(t) for t in texts]
    if not values or any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), Decimal(0))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _under(row: Row, level1: str, level2: str) -> bool:
    return row.indicator.level1.strip() == level1 and row.indicator.level2.strip() == level2
