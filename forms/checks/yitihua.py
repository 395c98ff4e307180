"""The 预算管理一体化 system's save-time rules, offline: a finding on the row for everything it would refuse.

Each rule is switched on, with its numbers, by the template's ``[yitihua]`` table
(``forms.model.template.Yitihua``). A finding quotes the system's own message
(第N行的计量单位为必录项，必须有值。…; N as ``forms.checks.yitihua_rows`` counts it)
and then, in （）, which row it is and what to do, since the operator's table is
not the system's grid. Rules the system runs on save are errors (it will refuse
the row); review practice (``forms.checks.yitihua_review``) gives warnings. The
weights and sides rules are in ``forms.checks.yitihua_weights``.
"""

from __future__ import annotations

import re

from forms.checks.findings import Finding, error, quote
from forms.checks.yitihua_review import review_findings
from forms.checks.yitihua_rows import Plan, Row, forbidden_in_value, overall, plan, rows
from forms.checks.yitihua_weights import weight_findings
from forms.model.declaration import Declaration
from forms.model.template import Template, Yitihua

COLUMNS = {
    "name": "指标名称",
    "value": "指标值",
    "unit": "计量单位",
    "explanation": "指标值说明",
    "note": "备注",
    "standard": "绩效标准",
    "weight": "权重",
}
"""The system's name of each indicator field."""
_SPACE = re.compile(r"\s")  # ASCII and full-width spaces, tabs and line breaks alike


def yitihua_findings(draft: Declaration, template: Template) -> list[Finding]:
    """Every finding of the template's 一体化 rules, row by row, then the table's sums; none when all are off."""
    rules = template.yitihua
    if rules == _OFF:
        return []
    typed = rows(draft, template)
    shape = plan(template)
    found: list[Finding] = []
    for row in typed:
        found += _row(row, rules, shape)
    found += weight_findings(draft, template, typed)
    found += review_findings(draft, template, typed)
    return found


_OFF = Yitihua()


def _row(row: Row, rules: Yitihua, shape: Plan) -> list[Finding]:
    found: list[Finding] = []
    item, path = row.indicator, row.path  # row.number only in a message: it sorts the rows once asked
    name, value = item.name.strip(), item.value.strip()
    if rules.required:
        for field, text in (("name", name), ("value", value)):
            if not text:
                found.append(
                    error(f"{path}.{field}", f"第{row.number}行的{COLUMNS[field]}为必录项，必须有值。（{row.where}）")
                )
    if name and name in rules.name_forbidden:
        hint = f"（{row.where}：请写出指标的名称）"
        found.append(error(f"{path}.name", f"第{row.number}行的指标名称不符合规范，请重新填写。{hint}"))
    bad_value = forbidden_in_value(value, rules)
    if bad_value:
        chars = "、".join(f"“{c}”" for c in rules.value_forbidden)
        hint = f"（{row.where}：指标值{quote(value)}中不能有{chars}；区间请改为比较符号加一个数，如 ≥90%）"
        found.append(error(f"{path}.value", f"第{row.number}行的指标值不符合规范，请重新填写。{hint}"))
    parsed = row.parsed
    if rules.unit_required and parsed is not None and parsed.quantified and not bad_value:
        has_column = shape.has_unit
        if not ((item.unit or "").strip() if has_column else "") and not parsed.unit:
            where = f"{path}.unit" if has_column else f"{path}.value"
            number = f"{parsed.number}"
            hint = f"（{row.where}：指标值{quote(value)}没有写单位，如 {number}%、{number}个）"
            if has_column:
                hint = f"（{row.where}：请填写计量单位，如 %、个、万元）"
            found.append(error(where, f"第{row.number}行的计量单位为必录项，必须有值。{hint}"))
    if (
        rules.other_quantitative
        and shape.has_explanation
        and parsed is not None
        and parsed.kind in ("words", "several")
        and not (item.explanation or "").strip()
    ):
        hint = f"（{row.where}：指标值{quote(value)}不是比较符号加一个数，系统按“定量（其他）”保存）"
        found.append(error(f"{path}.explanation", f"计算符号选择“定量（其他）”时，指标值说明必填！{hint}"))
    if rules.spaces:
        for field, text in (("name", name), ("value", value)):
            if _SPACE.search(text):
                tab = f"【{'总体' if overall(row.side) else '年度'}绩效指标】三级指标：第{row.number}行"
                found.append(error(f"{path}.{field}", f"{tab}{COLUMNS[field]}中有空格，请删除空格（{row.where}）"))
    return found + _lengths(row, rules) if rules.name_max_chars or rules.column_bytes else found


def _lengths(row: Row, rules: Yitihua) -> list[Finding]:
    """指标名称 within the screen's characters; each field within its column's bytes (汉字 3 bytes)."""
    found: list[Finding] = []
    item, path = row.indicator, row.path
    too_long_name = rules.name_max_chars and len(item.name.strip()) > rules.name_max_chars
    if too_long_name:
        size = f"{len(item.name.strip())} 字，最多 {rules.name_max_chars} 字"
        found.append(error(f"{path}.name", f"第{row.number}行指标名称长度超长（{size}）"))
    for field, limit in rules.column_bytes.items():
        text = getattr(item, field, None)
        if text is None or len(text) * 4 <= limit or (field == "name" and too_long_name):
            continue  # UTF-8 takes at most 4 bytes a character: a short text needs no encoding
        size = len(text.strip().encode("utf-8", "surrogatepass"))
        if size > limit:
            column = COLUMNS.get(field, field)
            message = f"第{row.number}行{column}长度超长（{size} 字节，最多 {limit} 字节，一个汉字按 3 字节计）"
            found.append(error(f"{path}.{field}", message))
    return found
