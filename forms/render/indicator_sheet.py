"""The indicator sheet for the 预算管理一体化 system: one row per indicator, in the web grid's columns.

Columns: 一级指标, 二级指标, 三级指标（指标名称）, 计算符号 (≥ ＞ ＝ ＜ ≤ 定性, as the
system writes them), 指标值 (the number alone), 计量单位, 指标值说明 (the value as
typed). The split comes from ``forms.model.indicator_value``, the parser the checks
use; a value it cannot split is 定性 with blank 指标值 and 计量单位 and the text
kept in 指标值说明. Rows follow the printed form's order; blank rows are left out.

As ``.xlsx`` (numbers as numbers, every text a string) or CSV (UTF-8; a BOM on
request so Excel reads the Chinese; a text starting with = + - @ is quoted with
``'`` so a spreadsheet shows it instead of running it).
"""

from __future__ import annotations

import csv
import io

from forms.model.declaration import Declaration
from forms.model.indicator_value import parse_indicator_value
from forms.render.form_layout import office_text
from forms.render.parts import indicator_rows, label, template_of
from forms.render.summary import BOM

Row = tuple[str, str, str, str, str, str, str]


def headings(draft: Declaration) -> Row:
    """The column headings, the levels in the template's words."""
    template = template_of(draft)
    level1, level2, level3 = (label(template, k) for k in ("level1", "level2", "level3"))
    return (level1, level2, f"{level3}（指标名称）", "计算符号", "指标值", "计量单位", "指标值说明")


def sheet_rows(draft: Declaration) -> list[Row]:
    """One row per filled indicator: levels, name, sign, number, unit, the value as typed."""
    rows: list[Row] = []
    for item in indicator_rows(draft, template_of(draft)):
        if not (item.name.strip() or item.value.strip()):
            continue
        parsed = parse_indicator_value(item.value)
        sign = parsed.sign if parsed is not None else ""
        number = format(parsed.number, "f") if parsed is not None and parsed.number is not None else ""
        unit = parsed.unit if parsed is not None else ""
        rows.append(
            (item.level1.strip(), item.level2.strip(), item.name.strip(), sign, number, unit, item.value.strip())
        )
    return rows


def render_indicators_csv(draft: Declaration, *, bom: bool = False, banner: str | None = None) -> str:
    """The sheet as CSV; a forced export's banner is the first line."""
    out = io.StringIO()
    writer = csv.writer(out)
    if banner:
        writer.writerow([_csv_text(banner)])
    writer.writerow(headings(draft))
    for row in sheet_rows(draft):
        writer.writerow([_csv_text(cell) for cell in row])
    return (BOM if bom else "") + out.getvalue()


def render_indicators_xlsx(draft: Declaration, *, banner: str | None = None) -> bytes:
    """The sheet as an ``.xlsx`` file of one worksheet, 指标值 as numbers."""
    from decimal import Decimal

    from forms.render.xlsx import excel_text, workbook, write_amount

    layout = template_of(draft).layout
    out = io.BytesIO()
    book = workbook(out, layout)
    sheet = book.add_worksheet("绩效指标")
    base = {"font_size": 10.5, "font_charset": 134, "valign": "vcenter", "border": 1, "text_wrap": True}
    text = book.add_format(base)
    head = book.add_format({**base, "bold": True, "align": "center", "bg_color": "#F2F2F2"})
    r = 0
    if banner:
        sheet.write_string(r, 0, excel_text(banner), book.add_format({"bold": True, "font_color": "#C00000"}))
        r += 1
    for col, name in enumerate(headings(draft)):
        sheet.write_string(r, col, name, head)
    sheet.freeze_panes(r + 1, 0)
    for row in sheet_rows(draft):
        r += 1
        for col, cell in enumerate(row):
            if col == 4 and cell:
                write_amount(sheet, r, col, Decimal(cell), text)
            else:
                sheet.write_string(r, col, excel_text(cell), text)
    for col, width in enumerate((10, 14, 30, 9, 10, 10, 20)):
        sheet.set_column(col, col, width)
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    book.close()
    return out.getvalue()


def _csv_text(value: str) -> str:
    value = office_text(value)
    return f"'{value}" if value.startswith(("=", "+", "-", "@")) else value
