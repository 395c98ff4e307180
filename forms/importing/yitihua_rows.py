"""The system's indicator fields back to draft rows: the other half of ``forms.render.yitihua``.

A record is one row of an 一体化 file with its keys made canonical
(``canonical_key``: ``findex``, ``computesign`` …). ``to_indicators`` turns the
records into ``Indicator`` rows for a template:

- 指标值 is the value as typed (``value_remark``, 指标值说明) when the file has it
  and it says what 计算符号 and 指标值 say; otherwise (a file from elsewhere, or
  one whose 指标值 was edited after export) it is put together from 计算符号,
  指标值 and 计量单位 as the parser reads them back (``≥90%``; a bare number for
  ＝; a 定性 row's text). Where the template has its own 指标值说明 column,
  ``value_remark`` fills that instead.
- 计量单位 is kept in the row's unit only where it says more than the value does.
- ``yearflag`` 1 puts a row on the template's 总体 side, 0 on 年度; blank 备注,
  权重 and 绩效标准 stay absent (``None``), as the draft keeps unused fields.

A field that cannot be what it names (a 计算符号 of 8, 指标值 ``九十``, a list
where text goes) raises ``IndicatorFileError`` naming the row.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from forms.model.declaration import Indicator
from forms.model.indicator_value import SIGNS, parse_indicator_value
from forms.model.template import Template


class IndicatorFileError(ValueError):
    """An indicator file that cannot be read; the message is plain Chinese and names the row."""


KEYS: dict[str, tuple[str, ...]] = {
    "findex": ("findex", "kpi_lv1", "一级指标", "一级"),
    "sindex": ("sindex", "kpi_lv2", "二级指标", "二级"),
    "name": ("name", "kpi_lv3", "三级指标", "三级指标（指标名称）", "三级指标(指标名称)", "指标名称", "三级"),
    "computesign": ("computesign", "indsymbol", "计算符号"),
    "indexval": ("indexval", "indvalue", "kpi_val", "指标值"),
    "meterunit": ("meterunit", "indunit", "计量单位"),
    "remark": ("remark", "kpi_remark", "备注"),
    "value_remark": ("value_remark", "指标值说明"),
    "weight": ("weight", "权重"),
    "indexstandards": ("indexstandards", "绩效标准"),
    "yearflag": ("yearflag",),
}
"""Each field and the headings it goes by (system names in lower case, Chinese column names)."""
WORDS = {
    "findex": "一级指标",
    "sindex": "二级指标",
    "name": "指标名称",
    "computesign": "计算符号",
    "indexval": "指标值",
    "meterunit": "计量单位",
    "remark": "备注",
    "value_remark": "指标值说明",
    "weight": "权重",
    "indexstandards": "绩效标准",
    "yearflag": "yearflag（总体/年度）",
}
_ALIASES = {alias: key for key, aliases in KEYS.items() for alias in aliases}
_SIGN_WORDS = {
    "≥": 1, ">=": 1, "＞": 2, ">": 2, "＝": 3, "=": 3, "＜": 4, "<": 4, "≤": 5, "<=": 5, "定性": 6,
    "定量（其他）": 9, "定量(其他)": 9, "不适用": 10,
}  # fmt: skip
_CODES = {1, 2, 3, 4, 5, 6, 9, 10}
"""1–6 as in the dictionary PMKPIZBXS; 9 定量（其他） and 10 不适用 where a province adds them."""
_MAX_DIGITS = 28
"""Digits before the point a 指标值 may have (as an amount may): ``1E+999999`` is not spelled out."""
_TEXT_CODES = {6, 9, 10}
"""Codes whose 指标值 is text, not a number."""


def canonical_key(heading: str, *, grid: bool = False) -> str | None:
    """The field a column heading or JSON key names, or ``None`` for one this reader does not use."""
    word = unicodedata.normalize("NFKC", heading).strip().lstrip("*＊").strip()
    return _ALIASES.get(word.lower()) or _ALIASES.get(heading.strip())


def to_indicators(records: list[tuple[str, dict[str, Any]]], template: Template) -> list[Indicator]:
    """Draft rows from ``(where, record)`` pairs, in file order."""
    rows: list[Indicator] = []
    for where, record in records:
        if "name" not in record:
            raise IndicatorFileError(f"{where}没有“指标名称”（name）一栏，不像是一体化指标文件")
        rows.append(_indicator(where, record, template))
    return rows


def _indicator(where: str, record: dict[str, Any], template: Template) -> Indicator:
    text = {key: _text(where, key, record.get(key)) for key in KEYS if key not in ("computesign", "yearflag")}
    code = _code(where, record.get("computesign"), text["value_remark"])
    unit = text["meterunit"]
    if record.get("grid") and code in _TEXT_CODES:
        unit = text["indexval"]  # the web grid shows a 定性 row's text as its 指标值
    explained = template.has("explanation")
    typed = "" if explained else text["value_remark"]
    has_unit_column = template.has("unit")
    if typed.strip() and _agrees(typed, code, text["indexval"], unit):
        value = typed
    elif code in _TEXT_CODES:
        value = unit if unit.strip() else typed
    else:
        number = _number(where, text["indexval"])
        sign = "" if code == 3 else SIGNS[code - 1]
        value = f"{sign}{number}{'' if has_unit_column else unit}"
    parsed = parse_indicator_value(value)
    said = parsed.unit if parsed is not None and parsed.quantified else None
    own_unit = unit if said is not None and unit.strip() and unit != said else None
    return Indicator(
        level1=text["findex"],
        level2=text["sindex"],
        name=text["name"],
        value=value,
        unit=own_unit,
        explanation=(text["value_remark"] or None) if explained else None,
        standard=text["indexstandards"] or None,
        note=text["remark"] or None,
        weight=text["weight"] or None,
        side=_side(where, record.get("yearflag"), template),
    )


def _agrees(typed: str, code: int, number: str, unit: str) -> bool:
    """Whether the value as typed says what 计算符号, 指标值 and (for 定性) 计量单位 say.

    When a file was edited after export (95 changed to 98 in the grid), the
    system's fields were edited and the typed value is stale: they win.
    """
    if code in _TEXT_CODES:
        return not unit.strip() or typed == unit
    parsed = parse_indicator_value(typed)
    try:
        stated = Decimal(unicodedata.normalize("NFKC", number).strip().replace(",", ""))
    except InvalidOperation:
        return True  # nothing to put a value together from: the typed one stands
    if parsed is None or parsed.number is None:
        return False
    return SIGNS.index(parsed.sign) + 1 == code and parsed.number == stated


def _text(where: str, key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or isinstance(value, list | dict):
        raise IndicatorFileError(f"{where}的{WORDS[key]}应为文字或数字，不能是 {type(value).__name__}")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    return str(value)


def _code(where: str, value: Any, typed: str) -> int:
    word = unicodedata.normalize("NFKC", _text(where, "computesign", value)).strip()
    if not word:
        if typed.strip():
            parsed = parse_indicator_value(typed)
            return 6 if parsed is None or parsed.number is None else SIGNS.index(parsed.sign) + 1
        raise IndicatorFileError(f"{where}的计算符号为空（应为 1–6 或 ≥ ＞ ＝ ＜ ≤ 定性）")
    for sign, code in _SIGN_WORDS.items():
        if word == unicodedata.normalize("NFKC", sign):
            return code
    try:
        code = int(Decimal(word))
    except (InvalidOperation, ValueError, OverflowError):
        code = 0
    if code not in _CODES or Decimal(word) != code:
        raise IndicatorFileError(f"{where}的计算符号“{word[:20]}”不是 1–6 或 ≥ ＞ ＝ ＜ ≤ 定性")
    return code


def _number(where: str, text: str) -> str:
    word = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    try:
        number = Decimal(word)
    except InvalidOperation:
        number = None
    if number is not None and number.is_finite() and number.adjusted() > _MAX_DIGITS:
        raise IndicatorFileError(f"{where}的指标值“{text[:20]}”大得不像指标值（超过 {_MAX_DIGITS} 位）")
    if number is None or not number.is_finite() or number < 0:
        shown = f"“{text[:20]}”" if text.strip() else "为空"
        raise IndicatorFileError(f"{where}的指标值{shown}不是数字（定量指标的指标值应为数字）")
    return format(number, "f")


def _side(where: str, value: Any, template: Template) -> str | None:
    word = _text(where, "yearflag", value).strip()
    if word in ("", "0", "年度"):
        flag = 0
    elif word in ("1", "总体", "中长期"):
        flag = 1
    else:
        raise IndicatorFileError(f"{where}的 yearflag“{word[:20]}”应为 1（总体）或 0（年度）")
    if not template.sides:
        return None
    if flag == 1:
        return next((side for side in template.sides if side != "年度"), template.sides[0])
    return "年度" if "年度" in template.sides else template.sides[-1]
