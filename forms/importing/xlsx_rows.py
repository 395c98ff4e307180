"""An Excel workbook (.xlsx) to rows of real cells, one list per visible worksheet, as Word's tables give them.

A merged range is one cell in its first row and an empty cell in the rows it
covers below (as Word draws a cell merged down), so a form laid out in Excel
maps exactly like the same form in Word. Lines are the sheet's row numbers.

The workbook is loaded in openpyxl's normal mode, not ``read_only``: read-only
mode does not report merged ranges, and without them a covered cell still
holding text (LibreOffice and WPS can keep the hidden text of merged cells)
would be read as a value. Normal mode costs memory, so the package's XML is
capped first (``office.MAX_XML_BYTES``; a filled-in form is under 100 KB).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal
from typing import Any

from forms.importing.docx_rows import cells_row
from forms.importing.office import Deadline
from forms.importing.reading import SourceError
from forms.importing.rows import Cell, Row
from forms.model.template import Template

MAX_COLUMNS = 200
"""Columns a sheet's text may span: the printed form has six to a dozen."""


def xlsx_sheets(raw: bytes, template: Template, deadline: Deadline) -> list[tuple[str, list[Row]]]:
    """``(sheet name, rows)`` for each visible worksheet of ``raw`` (checked by ``office.check_package`` first).

    Raises:
        SourceError: too large, or not a workbook openpyxl can open.
    """
    workbook = _load(raw, data_only=True)
    # A formula's value is the one Excel saved with it; a file written by a program may have none saved,
    # and then the formula as typed is kept rather than nothing.
    formulas = _load(raw, data_only=False) if _has_formulas(raw) else None
    sheets: list[tuple[str, list[Row]]] = []
    for sheet in workbook.worksheets:
        deadline.check()
        if sheet.sheet_state == "visible":
            typed = formulas[sheet.title] if formulas is not None else None
            sheets.append((sheet.title, _sheet_rows(sheet, typed, template, deadline)))
    return sheets


def _load(raw: bytes, *, data_only: bool) -> Any:
    import openpyxl  # imported here: the app's start-up does not pay for openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(raw), data_only=data_only, keep_links=False, rich_text=False)
    except Exception as problem:  # openpyxl raises many kinds (KeyError, TypeError, …) on a broken workbook
        raise SourceError(
            f"Excel 工作簿结构有误，无法打开（{type(problem).__name__}）。请用 Excel/WPS 打开它，另存为 .xlsx 后再导入"
        ) from None


def _has_formulas(raw: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for member in archive.infolist():
            if member.filename.startswith("xl/worksheets/"):
                xml = archive.read(member)
                if b"<f>" in xml or b"<f " in xml:
                    return True
    return False


def _sheet_rows(sheet: Any, typed: Any, template: Template, deadline: Deadline) -> list[Row]:
    # Only cells with a value count: a sheet formatted down to row 1048576 is no bigger than its text.
    values = {(cell.row, cell.column): cell for cell in sheet._cells.values() if cell.value not in (None, "")}
    if typed is not None:
        for key, cell in typed._cells.items():
            if key not in values and isinstance(cell.value, str) and cell.value.startswith("="):
                values[key] = cell
    if not values:
        return []
    first = min(column for _, column in values)
    last = max(column for _, column in values)
    if last - first >= MAX_COLUMNS:
        raise SourceError(f"工作表“{sheet.title}”的内容跨越 {last - first + 1} 列，远多于申报表，已拒绝读取")
    merged: dict[tuple[int, int], tuple[int, int, int]] = {}  # covered cell -> (top row, left column, right column)
    for area in sheet.merged_cells.ranges:
        for row in range(area.min_row, area.max_row + 1):
            for column in range(area.min_col, area.max_col + 1):
                if (row, column) != (area.min_row, area.min_col):
                    merged[row, column] = (area.min_row, area.min_col, area.max_col)
        last = max(last, area.max_col) if (area.min_row, area.min_col) in values else last
    rows: list[Row] = []
    for number in sorted({row for row, _ in values}):
        deadline.count_row()
        cells: list[Cell] = []
        for column in range(first, last + 1):
            cover = merged.get((number, column))
            if cover is None:
                cells.append(Cell(_pieces(number, values.get((number, column)))))
            elif cover[0] != number and cover[1] == column:
                cells.append(Cell([(number, "")]))  # merged down from above: one empty cell, as in Word
        if any(cell.text for cell in cells):
            rows.append(cells_row(cells, number, template))
    return rows


def _pieces(line: int, cell: Any) -> list[tuple[int, str]]:
    text = cell_text(cell) if cell is not None else ""
    return [(line, part) for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def cell_text(cell: Any) -> str:
    """A cell's value as the operator typed it: exact decimals, a percentage with its %, dates as written."""
    value = cell.value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        # repr gives the shortest decimal that is the stored double; a computed 0.1+0.2 shows as Excel shows it.
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if isinstance(value, float) and len(number.as_tuple().digits) > 15:
            number = Decimal(format(value, ".15g"))
        if "%" in (cell.number_format or ""):
            number *= 100
        return format(number.normalize(), "f") + ("%" if "%" in (cell.number_format or "") else "")
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)
