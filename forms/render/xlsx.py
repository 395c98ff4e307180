"""The declaration as an Excel worksheet laid out like the printed table, and the summary workbook.

The form sheet draws the regions of ``forms.render.form_layout`` on the template's grid,
as the Word export does: merged cells where the paper form merges them, the
template's column widths, thin borders, and a print setup of A4 portrait one
page wide. The title, 年度 and 填报单位（盖章） rows come first, the 单位负责人
line last; a forced export's banner is the very first row.

Every text is written as a string (``write_string``, and the workbook refuses to
turn strings into formulas), so ``=1+1`` or ``@cmd`` stays text. Amounts in the
form are text as they print; the summary's amounts are numbers whose stored
digits are the exact decimal (``write_amount``). Excel holds at most 32,767
characters in a cell: longer text is cut there with a note saying so.

XlsxWriter writes (fast, small files, full control of merges and print setup);
openpyxl is what reads them back (tests, the importer). Both are imported only
when a workbook is written.
"""

from __future__ import annotations

import io
import math
from decimal import Decimal
from typing import Any

from forms.model.declaration import Declaration
from forms.model.template import Layout
from forms.render.form_layout import Placed, office_text, place
from forms.render.form_table import form_table
from forms.render.parts import UNICODE_MARKS, label, template_of
from forms.render.width import cell_width

EXCEL_CELL_LIMIT = 32_767
"""Characters Excel holds in one cell."""
TRUNCATED = "……（超过 Excel 单元格 32767 字的上限，以下从略，全文见草稿）"
"""Ends a cell cut at the limit."""
_PX_PER_CM = 37.8
_LINE_PT = 1.45
"""Row height per line of text, in multiples of the font size."""
_MAX_ROW_PT = 409
"""Excel's tallest row."""
_EXACT_DIGITS = 15
"""A double keeps this many significant digits: more are written as text, never rounded."""


def workbook(out: io.BytesIO, layout: Layout) -> Any:
    """A workbook writing to ``out`` in the layout's body font, that never makes a formula of a string."""
    import xlsxwriter

    return xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_format_properties": {"font_name": layout.body_font, "font_size": 11},
        },
    )


def excel_text(text: str) -> str:
    """Office text cut to what one Excel cell holds."""
    text = office_text(text)
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    return text[: EXCEL_CELL_LIMIT - len(TRUNCATED)] + TRUNCATED


def write_amount(sheet: Any, row: int, col: int, value: Decimal | None, fmt: Any) -> None:
    """An amount as a number whose stored digits are exactly the decimal's (48.588, not 48.58799…).

    A double holds 15 significant digits exactly; a longer amount is written as text rather than rounded.
    """
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif len(value.as_tuple().digits) <= _EXACT_DIGITS:
        sheet.write_number(row, col, float(value), fmt)
    else:
        sheet.write_string(row, col, format(value, "f"), fmt)


def sheet_name(name: str, used: set[str]) -> str:
    """A valid, unused worksheet name from a project name (31 characters, no ``[]:*?/\\``)."""
    base = "".join("_" if c in "[]:*?/\\" else c for c in office_text(name).replace("\n", " ")).strip(" '")
    base = (base or "项目")[:31]
    candidate, n = base, 2
    while candidate.casefold() in {u.casefold() for u in used} or candidate == "History":
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


def render_xlsx(draft: Declaration, *, banner: str | None = None) -> bytes:
    """The declaration as an ``.xlsx`` file: one worksheet laid out like the printed form."""
    layout = template_of(draft).layout
    out = io.BytesIO()
    book = workbook(out, layout)
    form_sheet(book, book.add_worksheet("申报表"), draft, banner=banner)
    book.close()
    return out.getvalue()


def form_sheet(book: Any, sheet: Any, draft: Declaration, *, banner: str | None = None) -> None:
    """Draw one declaration on ``sheet``, with its print setup."""
    template = template_of(draft)
    layout = template.layout
    placed = place(form_table(draft, template, UNICODE_MARKS), layout)
    last_col = placed.columns - 1
    base = {"font_name": layout.body_font, "font_size": layout.body_pt, "font_charset": 134, "text_wrap": True}
    base["valign"] = "vcenter"
    line = book.add_format({**base, "align": "left"})
    row = 0
    if banner:
        red = book.add_format({**base, "bold": True, "font_color": "#C00000"})
        sheet.merge_range(row, 0, row, last_col, "", red)
        sheet.write_string(row, 0, excel_text(banner), red)
        row += 1
    title = book.add_format({**base, "font_name": layout.title_font, "font_size": layout.title_pt, "bold": True})
    title.set_align("center")
    centered = book.add_format({**base, "align": "center"})
    year = " ".join(office_text(draft.year).split()) or "    "
    unit = " ".join(office_text(draft.unit).split())
    for text, fmt in ((template.title, title), (f"（{year} {label(template, 'year')}）", centered)):
        sheet.merge_range(row, 0, row, last_col, "", fmt)
        sheet.write_string(row, 0, excel_text(text), fmt)
        row += 1
    sheet.set_row(row - 2, layout.title_pt * 1.8)
    sheet.merge_range(row, 0, row, last_col, "", line)
    sheet.write_string(row, 0, excel_text(f"{label(template, 'unit')}：{unit}"), line)
    top = row + 1
    _table(book, sheet, placed, layout, base, top)
    row = top + placed.rows
    s = draft.sign_off
    parts = [(label(template, k), getattr(s, k)) for k in ("unit_head", "filled_by", "fill_date")]
    footer = "\u3000\u3000\u3000\u3000".join(f"{name}：{' '.join(office_text(v).split())}" for name, v in parts)
    sheet.merge_range(row, 0, row, last_col, "", line)
    sheet.write_string(row, 0, excel_text(footer), line)
    for n, width in enumerate(layout.columns_cm):
        sheet.set_column_pixels(n, n, round(width * _PX_PER_CM))
    _print_setup(sheet, layout, row, last_col)


def _table(book: Any, sheet: Any, placed: Placed, layout: Layout, base: dict[str, Any], top: int) -> None:
    formats: dict[tuple[str, bool, bool], Any] = {}

    def fmt(align: str, stamp: bool, opinion: bool) -> Any:
        key = (align, stamp, opinion)
        if key not in formats:
            props = {**base, "border": 1, "align": align}
            if stamp:
                props.update(top=0, valign="bottom")
            if opinion:
                props.update(bottom=0, valign="top")
            formats[key] = book.add_format(props)
        return formats[key]

    lines = [1] * placed.rows
    for region in placed.regions:
        text = excel_text("\n".join(region.paragraphs))
        f = fmt(region.cell.align, region.stamp, region.opinion)
        r0, r1 = top + region.top, top + region.bottom
        if r1 > r0 or region.right > region.left:
            sheet.merge_range(r0, region.left, r1, region.right, "", f)
        sheet.write_string(r0, region.left, text, f)
        if region.bottom == region.top:
            width = sum(layout.columns_cm[region.left : region.right + 1])
            lines[region.top] = max(lines[region.top], _lines(region.paragraphs, width, layout.body_pt))
        if region.opinion:
            lines[region.top] = max(lines[region.top], 4)
    for n, count in enumerate(lines):
        sheet.set_row(top + n, min(_MAX_ROW_PT, count * layout.body_pt * _LINE_PT + 4))


def _lines(paragraphs: list[str], width_cm: float, size_pt: float) -> int:
    """Lines the text takes in a cell this wide: Excel does not grow a row for wrapped text by itself."""
    # A full-width character is one em wide (size in pt; 1 pt = 0.03528 cm); cell_width counts it as 2.
    per_line = max(1, int((width_cm - 0.2) / (size_pt * 0.03528) * 2))
    return sum(max(1, math.ceil(cell_width(p[:20_000]) / per_line)) for p in paragraphs[:200])


def _print_setup(sheet: Any, layout: Layout, last_row: int, last_col: int) -> None:
    sheet.set_paper(9)  # A4
    sheet.set_portrait()
    top, right, bottom, left = (m / 2.54 for m in layout.margins_cm)
    sheet.set_margins(left=left, right=right, top=top, bottom=bottom)
    sheet.print_area(0, 0, last_row, last_col)
    sheet.fit_to_pages(1, 0)  # one page wide, as many long as it takes
    sheet.center_horizontally()
    sheet.hide_gridlines(2)
