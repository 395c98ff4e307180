"""The summary of a drafts folder as an Excel workbook: the summary sheet, then one sheet per project.

The summary sheet has what ``shenbao summary`` prints: a row per project with
each funding source's 上年度 and 本年度 (source names over their two columns), the
合计 of both, the errors and warnings of the checks, a 合计 row of exact sums, the
notes, and the files that could not be read. Each project then has its own sheet,
the form laid out as ``forms.render.xlsx`` lays it out, named after the project.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from forms.model.template import load_template
from forms.render.summary import LAST, THIS, TOTAL, notes, title
from forms.render.xlsx import excel_text, form_sheet, sheet_name, workbook, write_amount
from forms.store.drafts import DraftError, load_draft
from forms.workflows.summary import Summary, summarize_folder

SUMMARY_SHEET = "项目汇总"
HEADS = ("项目名称", "文件", "年度", "项目属性")
"""The text columns, before the amounts."""


def summary_workbook(folder: Path, year: int | None = None) -> bytes:
    """The workbook's bytes for every draft of ``folder`` (of ``year``, when given)."""
    summary = summarize_folder(folder, year=year)
    layout = load_template().layout
    out = io.BytesIO()
    book = workbook(out, layout)
    used = {SUMMARY_SHEET}
    _summary_sheet(book, book.add_worksheet(SUMMARY_SHEET), summary)
    for row in summary.projects:
        try:
            draft = load_draft(folder / row.file)
        except DraftError:  # changed since the summary read it: the summary row still says what was there
            continue
        form_sheet(book, book.add_worksheet(sheet_name(row.name or row.file, used)), draft)
    book.close()
    return out.getvalue()


def _summary_sheet(book: Any, sheet: Any, summary: Summary) -> None:
    base = {"font_size": 10.5, "font_charset": 134, "valign": "vcenter", "border": 1}
    text = book.add_format({**base, "text_wrap": True})
    head = book.add_format({**base, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#F2F2F2"})
    number = book.add_format(base)
    bold_number = book.add_format({**base, "bold": True})
    plain = book.add_format({"font_size": 10.5, "font_charset": 134})
    sources = summary.sources
    columns = len(HEADS) + 2 * len(sources) + 4
    sheet.merge_range(0, 0, 0, columns - 1, "", book.add_format({"bold": True, "font_size": 14, "align": "center"}))
    sheet.write_string(0, 0, excel_text(title(summary)), book.add_format({"bold": True, "font_size": 14}))
    # Two heading rows: source names over their (上年度, 本年度) pair, the text columns spanning both.
    for n, name in enumerate(HEADS):
        sheet.merge_range(1, n, 2, n, "", head)
        sheet.write_string(1, n, name, head)
    groups = [*sources, TOTAL]
    for n, group in enumerate(groups):
        col = len(HEADS) + 2 * n
        sheet.merge_range(1, col, 1, col + 1, "", head)
        sheet.write_string(1, col, excel_text(group), head)
        sheet.write_string(2, col, LAST, head)
        sheet.write_string(2, col + 1, THIS, head)
    for n, name in enumerate(("错误", "警告")):
        col = columns - 2 + n
        sheet.merge_range(1, col, 2, col, "", head)
        sheet.write_string(1, col, name, head)
    r = 3
    for row in summary.projects:
        for n, value in enumerate((row.name, row.file, row.year, row.attribute)):
            sheet.write_string(r, n, excel_text(value), text)
        pairs = [row.sources.get(source, (None, None)) for source in sources]
        _write_figures(sheet, r, pairs, (row.last_total, row.total), (row.errors, row.warnings), number)
        r += 1
    sheet.write_string(r, 0, TOTAL, head)
    for n in range(1, len(HEADS)):
        sheet.write_blank(r, n, None, head)
    pairs = [summary.source_total(source) for source in sources]
    totals = (summary.last_total, summary.total)
    _write_figures(sheet, r, pairs, totals, (summary.errors, summary.warnings), bold_number)
    r += 2
    for note in notes(summary):
        sheet.write_string(r, 0, excel_text(note), plain)
        r += 1
    for row in summary.unreadable:
        sheet.write_string(r, 0, excel_text(f"{row.file}：无法读取：{row.problem}"), plain)
        r += 1
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 24)
    sheet.set_column(2, 3, 10)
    sheet.set_column(len(HEADS), columns - 3, 11)
    sheet.set_column(columns - 2, columns - 1, 6)
    sheet.freeze_panes(3, 1)
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(1, 2)


def _write_figures(
    sheet: Any,
    r: int,
    pairs: list[tuple[Any, Any]],
    totals: tuple[Any, Any],
    counts: tuple[int, int],
    style: Any,
) -> None:
    """One line's figures after its headings: 上年度/本年度 per source, the two 合计, then errors and warnings."""
    col = len(HEADS)
    for last, this in [*pairs, totals]:
        write_amount(sheet, r, col, last, style)
        write_amount(sheet, r, col + 1, this, style)
        col += 2
    for count in counts:
        sheet.write_number(r, col, count, style)
        col += 1
