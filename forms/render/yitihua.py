"""The indicators in the 一体化 system's own fields: rows for its web grid (.xlsx) and for exchange (JSON, CSV).

One row per filled 三级 indicator (a name or a value typed), side by side
(总体 first, then 年度; a template without sides has only 年度), in the
template's 一级/二级 order as issue 11's indicator sheet prints them. Each row
carries the fields the system stores and exchanges, named as its local columns:

- ``findex``, ``sindex``, ``name``: 一级, 二级, 三级;
- ``computesign``: 计算符号 as the system's code (1 ≥, 2 ＞, 3 ＝, 4 ＜, 5 ≤, 6 定性);
- ``indexval``: 指标值 as a bare number, 0 for 定性, whose text goes in ``meterunit``
  as the system's interface does;
- ``meterunit``: 计量单位 (the row's own unit column where it has one, else the
  unit read from the value);
- ``remark``: 备注; ``value_remark``: 指标值说明 — the value as typed, or the
  row's own 指标值说明 where the template has that column;
- ``weight`` where the template has weights, ``indexstandards`` (绩效标准) where
  it has that column, ``yearflag`` (1 总体/中长期, 0 年度) and ``orderby``.

The split comes from ``forms.model.indicator_value``, the one parser. Reading
these files back is ``forms.importing.yitihua``. The .xlsx lives in
``forms.render.yitihua_xlsx``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from forms.model.declaration import Declaration, Indicator
from forms.model.indicator_value import SIGN_CODES, SIGNS, parse_indicator_value
from forms.model.template import Template
from forms.render.form_layout import office_text
from forms.render.parts import template_of
from forms.render.summary import BOM

QUALITATIVE = SIGN_CODES["定性"]
"""The code of 定性 (6)."""
LONG_TERM = "总体"
"""The side of 中长期 indicators (``yearflag`` 1); every other side is 年度 (``yearflag`` 0)."""
ANNUAL = "年度"
"""The side a template without sides puts every indicator on."""
FIELDS = ("findex", "sindex", "name", "computesign", "indexval", "meterunit", "remark", "value_remark")
"""The fields every row has, in the order CSV columns and JSON keys are written."""
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class SystemRow:
    """One 三级 indicator in the system's fields (see the module docstring)."""

    side: str
    findex: str
    sindex: str
    name: str
    computesign: int
    indexval: Decimal
    meterunit: str
    remark: str
    value_remark: str
    weight: str | None = None
    standard: str | None = None

    @property
    def yearflag(self) -> int:
        """1 for 总体 (中长期), 0 for 年度."""
        return 1 if self.side in (LONG_TERM, "中长期") else 0

    @property
    def sign(self) -> str:
        """计算符号 as the system shows it (≥ ＞ ＝ ＜ ≤ 定性)."""
        return SIGNS[self.computesign - 1]


def has_weights(template: Template) -> bool:
    """Whether the template's indicators carry weights (a 权重 column)."""
    return template.weight_total is not None or "weight" in template.indicator_columns


def sides_of(template: Template) -> tuple[str, ...]:
    """The sides the export writes: the template's, or 年度 alone."""
    return template.sides or (ANNUAL,)


def filled(item: Indicator) -> bool:
    """A row the operator typed in (a 三级 name or a value), not a blank skeleton row."""
    return bool(item.name.strip() or item.value.strip())


def ordered(indicators: list[Indicator], template: Template) -> list[tuple[str, list[Indicator]]]:
    """The filled indicators per side, each side in the template's 一级/二级 order, others after in draft order."""
    sides = sides_of(template)
    out: list[tuple[str, list[Indicator]]] = []
    for n, side in enumerate(sides):
        on_side = [
            i
            for i in indicators
            if filled(i) and (side_of(i, sides) == side or (n == 0 and side_of(i, sides) not in sides))
        ]
        known = [(g.name, c) for g in template.indicator_groups for c in g.categories]
        rank = {key: k for k, key in enumerate(known)}
        out.append((side, sorted(on_side, key=lambda i: rank.get(category_of(i, template), len(known)))))
    return out


def side_of(item: Indicator, sides: tuple[str, ...]) -> str:
    """The side a row is on: its own, or the last side (年度) when it has none."""
    return item.side if item.side is not None else sides[-1]


def category_of(item: Indicator, template: Template) -> tuple[str, str] | None:
    """The template's (一级, 二级) a row belongs to, as issue 11's sheet places it; ``None`` for another."""
    group = template.group_of(item.level2)
    if group is None or (item.level1.strip() and item.level1 != group.name):
        return None
    return group.name, item.level2


def system_rows(draft: Declaration, template: Template | None = None) -> list[SystemRow]:
    """Every filled indicator of ``draft`` as a row of the system's fields, side by side."""
    template = template or template_of(draft)
    weights, standards, explained = has_weights(template), template.has("standard"), template.has("explanation")
    rows: list[SystemRow] = []
    for side, items in ordered(draft.performance.indicators, template):
        for item in items:
            parsed = parse_indicator_value(item.value)
            if parsed is None or parsed.number is None:
                code, number, unit = QUALITATIVE, Decimal(0), item.value
            else:
                code, number = SIGN_CODES[parsed.sign], parsed.number
                unit = item.unit if item.unit and item.unit.strip() else parsed.unit
            rows.append(
                SystemRow(
                    side=side,
                    findex=item.level1,
                    sindex=item.level2,
                    name=item.name,
                    computesign=code,
                    indexval=number,
                    meterunit=unit,
                    remark=item.note or "",
                    value_remark=(item.explanation or "") if explained else item.value,
                    weight=(item.weight or "") if weights else None,
                    standard=(item.standard or "") if standards else None,
                )
            )
    return rows


def columns(template: Template) -> tuple[str, ...]:
    """The fields of a row for this template, in file order."""
    extra = (("weight",) if has_weights(template) else ()) + (("indexstandards",) if template.has("standard") else ())
    return (*FIELDS, *extra, "yearflag", "orderby")


def row_record(row: SystemRow, order: int, template: Template) -> dict[str, Any]:
    """A row as a record keyed by the system's field names (numbers as ``Decimal``, text as typed)."""
    record: dict[str, Any] = {
        "findex": row.findex,
        "sindex": row.sindex,
        "name": row.name,
        "computesign": row.computesign,
        "indexval": row.indexval,
        "meterunit": row.meterunit,
        "remark": row.remark,
        "value_remark": row.value_remark,
        "weight": row.weight,
        "indexstandards": row.standard,
        "yearflag": row.yearflag,
        "orderby": order,
    }
    return {key: record[key] for key in columns(template)}


def records(draft: Declaration, template: Template | None = None) -> list[dict[str, Any]]:
    """Every row as a record, ``orderby`` counting from 1 within each side."""
    template = template or template_of(draft)
    out: list[dict[str, Any]] = []
    counts: dict[int, int] = {}
    for row in system_rows(draft, template):
        counts[row.yearflag] = counts.get(row.yearflag, 0) + 1
        out.append(row_record(row, counts[row.yearflag], template))
    return out


def render_yitihua_json(draft: Declaration, *, banner: str | None = None, template: Template | None = None) -> str:
    """The rows as a JSON document: the project, then ``indicators``, one object per row."""
    document: dict[str, Any] = {}
    if banner:
        document["banner"] = banner
    document |= {"project": draft.project.name, "year": draft.year, "unit": draft.unit}
    document["indicators"] = [{k: _json_value(k, v) for k, v in r.items()} for r in records(draft, template)]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_yitihua_csv(
    draft: Declaration, *, bom: bool = False, banner: str | None = None, template: Template | None = None
) -> str:
    """The rows as CSV with the system's field names as headings; a forced export's banner is the first line."""
    template = template or template_of(draft)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if banner:
        writer.writerow([csv_text(banner)])
    writer.writerow(columns(template))
    for record in records(draft, template):
        writer.writerow([csv_text(number_text(v)) for v in record.values()])
    return (BOM if bom else "") + out.getvalue()


def number_text(value: Any) -> str:
    """A field as CSV text: a number in plain digits, text as it is."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return "" if value is None else str(value)


def _json_value(key: str, value: Any) -> Any:
    if key == "weight" and isinstance(value, str):
        number = plain_number(value)
        return value if number is None else json_number(number)
    return json_number(value)


def json_number(value: Any) -> Any:
    """A ``Decimal`` as a JSON number whose digits are exactly the decimal's (else its text); others as they are."""
    if not isinstance(value, Decimal):
        return value
    text = format(value, "f")
    if "." not in text:
        return int(text)
    return float(text) if repr(float(text)) == text else text


def csv_text(value: str) -> str:
    """Text for a CSV cell: cleaned as every export is, and a leading = + - @ ' quoted so no spreadsheet runs it.

    ``forms.importing.yitihua`` takes the one ``'`` off again.
    """
    value = office_text(value)
    return f"'{value}" if value.startswith(("=", "+", "-", "@", "'")) else value


def plain_number(text: str) -> Decimal | None:
    """``text`` as a number when it is plain digits (``10``, ``12.5``), else ``None`` (kept as text)."""
    return Decimal(text) if _PLAIN_NUMBER.fullmatch(text) else None
