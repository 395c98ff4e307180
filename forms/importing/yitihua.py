"""Reading an 一体化 indicator file back: the .xlsx web grid, JSON or CSV of ``export --format yitihua``.

``read_indicator_file(path, template)`` gives the indicators the file holds,
as draft rows (``forms.importing.yitihua_rows`` turns the system's fields back
into them). The form is told by the content (a zip is a workbook, ``{``/``[`` is
JSON, anything else CSV), so a file renamed by hand is still read. Headings
may be the system's field names (``findex`` …, ``KPI_LV1`` …) or the Chinese
column names (一级指标, 计算符号 …; issue 11's 指标表 CSV reads too); columns
this reader does not know are left alone.

Whatever is wrong with a file raises ``IndicatorFileError`` with a plain Chinese
reason naming the row: nothing is half-read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from forms.importing.office import Deadline, check_package
from forms.importing.reading import SourceError
from forms.importing.yitihua_rows import IndicatorFileError, canonical_key, to_indicators
from forms.model.declaration import Indicator
from forms.model.template import Template
from forms.store.safe_io import UnsafeFile, read_regular

__all__ = ["IndicatorFileError", "read_indicator_bytes", "read_indicator_file"]

MAX_FILE_BYTES = 8 * 1024 * 1024
"""The largest file read: a whole project's indicators are a few KB."""
MAX_RECORDS = 5000
"""Indicator rows one file may hold (a project has a few dozen)."""
_MAX_COLUMNS = 20
"""Columns read from a sheet: the grid has six to eight."""
_HEADING = re.compile(r"^(一级|二级)指标[:：](.*)$", re.S)
"""A heading row as the export writes it; the name after the colon is kept exactly (spaces too)."""


def read_indicator_file(path: Path, template: Template) -> list[Indicator]:
    """The indicators in the file at ``path``, as rows of a draft on ``template``.

    Raises:
        IndicatorFileError: unreadable, not one of the three forms, or a row that does not hold.
    """
    try:
        raw = read_regular(path, MAX_FILE_BYTES, what="指标文件", follow_links=True)
    except UnsafeFile as problem:
        raise IndicatorFileError(f"{path.name}：{problem.reason}") from None
    try:
        return read_indicator_bytes(raw, template)
    except IndicatorFileError as problem:
        raise IndicatorFileError(f"{path.name}：{problem}") from None


def read_indicator_bytes(raw: bytes, template: Template) -> list[Indicator]:
    """The indicators in a file's bytes (see ``read_indicator_file``)."""
    if not raw.strip():
        raise IndicatorFileError("文件是空的")
    if raw.startswith(b"PK\x03\x04"):
        records = _xlsx_records(raw)
    else:
        text = _decode(raw)
        start = text.lstrip()[:1]
        records = _json_records(text) if start in ("{", "[") else _csv_records(text)
    if len(records) > MAX_RECORDS:
        raise IndicatorFileError(f"有 {len(records)} 行指标，远多于一个项目（上限 {MAX_RECORDS}），已拒绝读取")
    return to_indicators(records, template)


def _decode(raw: bytes) -> str:
    if b"\x00" in raw[:4096]:
        raise IndicatorFileError("不是文本文件，也不是 Excel 工作簿（.xlsx），无法读取")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IndicatorFileError("文字编码无法识别（应为 UTF-8 或 GBK），请另存为 UTF-8 后再导入")


def _json_records(text: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        document = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except RecursionError:
        raise IndicatorFileError("JSON 嵌套过深，不是指标文件") from None
    except ValueError as error:
        where = f"第 {error.lineno} 行第 {error.colno} 列" if isinstance(error, json.JSONDecodeError) else ""
        raise IndicatorFileError(f"不是有效的 JSON（{where}格式有误），请检查文件是否完整") from None
    items = document.get("indicators") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise IndicatorFileError('JSON 中没有指标列表（应为 {"indicators": [...]} 或一个列表）')
    records: list[tuple[str, dict[str, Any]]] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise IndicatorFileError(f"第 {n} 个指标不是对象（{{…}}），无法读取")
        known = {canonical_key(str(key)): value for key, value in item.items()}
        records.append((f"第 {n} 个指标", {k: v for k, v in known.items() if k is not None}))
    return records


def _csv_records(text: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise IndicatorFileError(f"CSV 格式有误（{error}），无法读取") from None
    # The heading row is the first naming 指标名称 and two more known fields (a banner line may come first).
    at = next((n for n, row in enumerate(lines) if _is_heading([canonical_key(cell) for cell in row])), None)
    if at is None:
        raise IndicatorFileError("找不到表头行（应有 findex、sindex、name… 或 一级指标、二级指标、指标名称…）")
    keys = [canonical_key(cell) for cell in lines[at]]
    records: list[tuple[str, dict[str, Any]]] = []
    for n, row in enumerate(lines[at + 1 :], start=at + 2):
        if not any(cell.strip() for cell in row):
            continue
        record = {key: _unquote(cell) for key, cell in zip(keys, row, strict=False) if key is not None}
        records.append((f"第 {n} 行", record))
    return records


def _is_heading(keys: list[str | None]) -> bool:
    return "name" in keys and len({k for k in keys if k}) >= 3


def _unquote(cell: str) -> str:
    # The export quotes a leading = + - @ ' with one ' so no spreadsheet runs it (forms.render.yitihua.csv_text).
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "'") else cell


def _xlsx_records(raw: bytes) -> list[tuple[str, dict[str, Any]]]:
    try:
        check_package(raw, "Excel 工作簿", Deadline())
    except SourceError as problem:
        raise IndicatorFileError(str(problem)) from None
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True, keep_links=False, rich_text=False)
    except Exception as problem:  # openpyxl raises many kinds on a broken workbook
        raise IndicatorFileError(f"Excel 工作簿结构有误，无法打开（{type(problem).__name__}）") from None
    records: list[tuple[str, dict[str, Any]]] = []
    found = False
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        flag = 1 if sheet.title.startswith(("总体", "中长期")) else 0
        keys: list[str | None] | None = None
        level1 = level2 = ""
        for n, cells in _filled_rows(sheet):
            if keys is None:
                if str(cells[0] if cells else "").strip() == "指标名称":
                    keys = [canonical_key(str(cell), grid=True) for cell in cells]
                continue
            if not any(str(cell).strip() for cell in cells):
                continue
            first = str(cells[0])
            heading = _HEADING.match(first)
            if heading and not any(str(cell).strip() for cell in cells[1:]):
                if heading.group(1) == "一级":
                    level1, level2 = heading.group(2), ""
                else:
                    level2 = heading.group(2)
                continue
            record = {key: cell for key, cell in zip(keys, cells, strict=False) if key is not None}
            record |= {"findex": level1, "sindex": level2, "yearflag": flag, "grid": True}
            records.append((f"“{sheet.title}”第 {n} 行", record))
        found = found or keys is not None
    if not found:
        raise IndicatorFileError("工作簿里找不到以“指标名称”开头的表头行，不像是一体化指标表")
    return records


def _filled_rows(sheet: Any) -> list[tuple[int, list[Any]]]:
    """``(row number, cells)`` of the rows with a value, first columns only: a sheet formatted down to row
    1048576 costs no more than its text (openpyxl's ``iter_rows`` would make every empty cell)."""
    rows: dict[int, dict[int, Any]] = {}
    for (row, column), cell in sheet._cells.items():
        if column <= _MAX_COLUMNS and cell.value not in (None, ""):
            rows.setdefault(row, {})[column] = cell.value
            if len(rows) > MAX_RECORDS * 3:
                raise IndicatorFileError(f"工作表“{sheet.title}”的行数远多于一个项目的指标，已拒绝读取")
    width = max((max(r) for r in rows.values()), default=0)
    return [(n, [rows[n].get(c, "") for c in range(1, width + 1)]) for n in sorted(rows)]
