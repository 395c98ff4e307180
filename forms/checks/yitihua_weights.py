"""The 一体化 system's rules on sides (总体/年度 tabs) and weights, in its own messages.

Issue 12's model holds a weight on each 三级 row (``Indicator.weight``), each
parent's declared weight (``Performance.weights``, keyed ``一级`` or ``一级/二级``)
and each row's side (``Indicator.side``); this module adds the system's sums on
top: every row weighted, each tab's 三级 weights adding up to the template's
``weight_total``, and each declared parent equal to the sum of its children.
Issue 12's per-一级 ranges stay its own check on those sums.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from forms.checks.findings import Finding, error, quote
from forms.checks.yitihua_rows import Row, overall
from forms.model.declaration import Declaration
from forms.model.money import format_amount
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
        elif template.sides and not side:
            message = f"第{row.number}行（{row.where}）未选择{'或'.join(template.sides)}指标"
            found.append(error(f"{row.path}.side", message))
    for side in template.sides:
        if not any(row.side == side and row.indicator.value.strip() for row in rows):
            text = _EMPTY_OVERALL if overall(side) else _EMPTY_ANNUAL
            found.append(error("performance.indicators", text + ("" if side in ("总体", "年度") else f"（{side}）")))
    return found


def weight_value(text: str | None) -> Decimal | None:
    """A typed weight as a number; ``None`` when blank or not a plain non-negative number."""
    s = unicodedata.normalize("NFKC", text or "").strip().removesuffix("%").removesuffix("分")
    if not s or len(s) > 12:
        return None
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


def _weights(draft: Declaration, template: Template, rows: list[Row]) -> list[Finding]:
    found: list[Finding] = []
    total = Decimal(template.weight_total or "0")
    readable = True
    sums: dict[str, Decimal] = {}
    last: dict[str, Row] = {}
    for row in rows:
        text = (row.indicator.weight or "").strip()
        value = weight_value(text)
        if not text:
            found.append(error(f"{row.path}.weight", f"第{row.number}行的权重为必录项，必须有值。（{row.where}）"))
        elif value is None:
            hint = f"（{row.where}：权重{quote(text)}应为一个数）"
            found.append(error(f"{row.path}.weight", f"第{row.number}行的权重不符合规范，请重新填写。{hint}"))
        if value is None:
            readable = False
            continue
        sums[row.side] = sums.get(row.side, Decimal(0)) + value
        if row.side not in last or row.number > last[row.side].number:
            last[row.side] = row
    if not readable:
        return found  # a sum over a missing weight would only mislead
    for side, row in last.items():
        if sums[side] != total:
            where = "总体" if overall(side) else "年度"
            now = f"（现合计 {format_amount(sums[side])}）"
            message = f"{where}总绩效指标权重需为{format_amount(total)}，保存失败!{now}"
            found.append(error(f"{row.path}.weight", message))
    return found + _parents(draft, rows)


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
            sums = f"（设置 {format_amount(value)}，下级合计 {format_amount(total)}）"
            found.append(error(f"performance.weights.{key}", f"{level}的下级指标权重录入合计应等于上级设置数！{sums}"))
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
