"""The 一体化 indicators as an .xlsx laid out as the system's web grid shows them, for copying row by row.

One worksheet per side (总体绩效指标, 年度绩效指标; a template without sides has
the 年度 sheet alone). Under a title and the headings, each 一级 and each 二级
is a heading row of its own (``一级指标：产出指标``, ``二级指标：数量指标``, as the
grid's tree rows), and each 三级 row has the grid's columns in its order:
指标名称, 计算符号, 指标值, 计量单位, 备注, 指标值说明 — then 权重 and 绩效标准
where the template has them. A 定性 row shows its text as 指标值 (what is typed
into the grid) and no unit.

Rows come from ``forms.render.yitihua.system_rows``; ``forms.importing.yitihua``
reads the file back. Every text is a string (never a formula); numbers are
numbers whose stored digits are the decimal's.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from forms.model.declaration import Declaration
from forms.model.template import Template
from forms.render.parts import template_of
from forms.render.yitihua import QUALITATIVE, SystemRow, has_weights, plain_number, sides_of, system_rows

GRID = ("指标名称", "计算符号", "指标值", "计量单位", "备注", "指标值说明")
"""The web grid's visible columns, in its order."""
WEIGHT = "权重"
STANDARD = "绩效标准"
SHEET_SUFFIX = "绩效指标"
"""A sheet is named by its side and this: 总体绩效指标, 年度绩效指标."""


def headings(template: Template) -> tuple[str, ...]:
    """The sheet's column headings for this template."""
    extra = ((WEIGHT,) if has_weights(template) else ()) + ((STANDARD,) if template.has("standard") else ())
    return (*GRID, *extra)


def heading_text(level: str, name: str) -> str:
    """A 一级 or 二级 heading row's text in the system's words, whatever the template prints: ``一级指标：产出指标``."""
    return f"{'一级' if level == 'level1' else '二级'}指标：{name}"


def grid_cells(row: SystemRow, template: Template) -> list[str | Decimal]:
    """A 三级 row's cells in the grid's order (指标值 a number, or a 定性 row's text)."""
    value: str | Decimal = row.meterunit if row.computesign == QUALITATIVE else row.indexval
    unit = "" if row.computesign == QUALITATIVE else row.meterunit
    cells: list[str | Decimal] = [row.name, row.sign, value, unit, row.remark, row.value_remark]
    if has_weights(template):
        weight = row.weight or ""
        cells.append(plain_number(weight) or weight)
    if template.has("standard"):
        cells.append(row.standard or "")
    return cells


def render_yitihua_xlsx(draft: Declaration, *, banner: str | None = None, template: Template | None = None) -> bytes:
    """The workbook's bytes: one grid sheet per side."""
    from forms.render.xlsx import excel_text, workbook, write_amount

    template = template or template_of(draft)
    out = io.BytesIO()
    book = workbook(out, template.layout)
    base = {"font_size": 10.5, "font_charset": 134, "valign": "vcenter", "border": 1, "text_wrap": True}
    styles = {
        "text": book.add_format(base),
        "head": book.add_format({**base, "bold": True, "align": "center", "bg_color": "#F2F2F2"}),
        "level1": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7"}),
        "level2": book.add_format({**base, "bold": True, "indent": 1}),
        "name": book.add_format({**base, "indent": 2}),
        "title": book.add_format({"bold": True, "font_size": 12}),
        "banner": book.add_format({"bold": True, "font_color": "#C00000"}),
    }
    rows = system_rows(draft, template)
    titles = headings(template)
    for side in sides_of(template):
        sheet = book.add_worksheet(f"{side}{SHEET_SUFFIX}")
        r = 0
        if banner:
            sheet.write_string(r, 0, excel_text(banner), styles["banner"])
            r += 1
        sheet.write_string(r, 0, excel_text(f"{draft.project.name}　{side}{SHEET_SUFFIX}"), styles["title"])
        r += 1
        for col, name in enumerate(titles):
            sheet.write_string(r, col, name, styles["head"])
        sheet.freeze_panes(r + 1, 0)
        last: tuple[str, str] | None = None
        for row in (row for row in rows if row.side == side):
            if last is None or row.findex != last[0]:
                r += 1
                _heading(sheet, r, heading_text("level1", row.findex), len(titles), styles["level1"])
            if last is None or (row.findex, row.sindex) != last:
                r += 1
                _heading(sheet, r, heading_text("level2", row.sindex), len(titles), styles["level2"])
            last = (row.findex, row.sindex)
            r += 1
            for col, cell in enumerate(grid_cells(row, template)):
                style = styles["name"] if col == 0 else styles["text"]
                if isinstance(cell, Decimal):
                    write_amount(sheet, r, col, cell, style)
                else:
                    sheet.write_string(r, col, excel_text(cell), style)
        for col, width in enumerate((30, 8, 10, 10, 14, 20, 8, 12)[: len(titles)]):
            sheet.set_column(col, col, width)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
    book.close()
    return out.getvalue()


def _heading(sheet: Any, r: int, text: str, width: int, style: Any) -> None:
    from forms.render.xlsx import excel_text

    sheet.write_string(r, 0, excel_text(text), style)
    for col in range(1, width):
        sheet.write_blank(r, col, None, style)
