"""The Excel exports, reopened with openpyxl: the form sheet, the summary workbook, the indicator sheet."""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from office_support import COLUMNS, DRAFTS, TEMPLATE, check_form_rows, row_of

from forms.model.declaration import Declaration, new_declaration
from forms.model.indicator_value import SIGNS
from forms.render.form_layout import place
from forms.render.form_table import form_table
from forms.render.indicator_sheet import headings, render_indicators_csv, render_indicators_xlsx, sheet_rows
from forms.render.parts import UNICODE_MARKS
from forms.render.summary import BOM
from forms.render.xlsx import EXCEL_CELL_LIMIT, TRUNCATED, render_xlsx, sheet_name
from forms.render.xlsx_summary import summary_workbook
from forms.store.drafts import load_draft

TABLE_TOP = 4
"""The table's first row (1-based) under the title, 年度 and 填报单位 rows."""


@cache
def form_book(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(load_draft(path))))


def table_rows(sheet: openpyxl.worksheet.worksheet.Worksheet, top: int = TABLE_TOP) -> list[list[str]]:
    """The form table's text, a merged cell's value repeated over the cells it spans (as python-docx does)."""
    values = {(c.row, c.column): c.value for row in sheet.iter_rows() for c in row}
    for merged in sheet.merged_cells.ranges:
        value = values.get((merged.min_row, merged.min_col))
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                values[(r, c)] = value
    rows = []
    for r in range(top, sheet.max_row):  # the last row is the signature line
        rows.append(["" if values.get((r, c)) is None else str(values[(r, c)]) for c in range(1, COLUMNS + 1)])
    return rows


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.stem)
def test_form_sheet_has_every_label_and_value_in_its_cell(path: Path) -> None:
    draft = load_draft(path)
    sheet = form_book(path).active
    assert sheet.title == "申报表"
    assert [sheet.cell(n, 1).value for n in (1, 2, 3)] == [
        "项目支出预算绩效目标申报表",
        f"（{draft.year} 年度）",
        f"填报单位（盖章）：{draft.unit}",
    ]
    assert sheet.cell(sheet.max_row, 1).value.startswith("单位负责人：")
    check_form_rows(table_rows(sheet), draft)


def test_form_sheet_merges_print_setup_and_fonts() -> None:
    path = next(p for p in DRAFTS if p.stem == "政务大厅运行经费")
    sheet = form_book(path).active
    placed = place(form_table(load_draft(path), TEMPLATE, UNICODE_MARKS), TEMPLATE.layout)
    merged = {(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges}
    for region in placed.regions:
        box = (region.top + TABLE_TOP, region.left + 1, region.bottom + TABLE_TOP, region.right + 1)
        if region.bottom > region.top or region.right > region.left:
            assert box in merged, region.paragraphs
    labels = {sheet.cell(r, c).value for (r, c, _, _) in merged}
    assert {"项目基本情况", "项目资金情况", "项目年度绩效目标情况", "产出指标", "效益指标"} <= labels
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "portrait"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.print_area == f"'申报表'!$A$1:$G${sheet.max_row}"
    assert sheet.cell(TABLE_TOP, 1).font.name == "仿宋_GB2312"
    assert sheet.cell(TABLE_TOP, 1).border.left.style == "thin"
    widths = [sheet.column_dimensions[chr(ord("A") + n)].width for n in range(COLUMNS)]
    ratios = [w / cm for w, cm in zip(widths, TEMPLATE.layout.columns_cm, strict=True)]
    assert max(ratios) / min(ratios) < 1.15, "columns keep the template's proportions"


HOSTILE = ["=1+1", "+SUM(A1)", "-2", "@cmd", '=HYPERLINK("http://x")', "[bold]x[/]<b>&amp;", "a\x00b\x07c"]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_is_never_a_formula_and_controls_are_shown(text: str) -> None:
    draft = _with(text)
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(draft, banner=text))).active
    cell = next(c for row in sheet.iter_rows(min_row=TABLE_TOP) for c in row if c.value == "项目名称")
    value = sheet.cell(cell.row, cell.column + 1)
    assert value.data_type == "s"
    assert value.value == text.replace("\x00", "␀").replace("\x07", "␇")
    assert sheet.cell(1, 1).data_type == "s"


def test_a_cell_longer_than_excel_holds_is_cut_with_a_note() -> None:
    draft = _with("很" * 100_000)
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(draft))).active
    rows = table_rows(sheet)
    value = row_of(rows, 1, "项目名称")[2]
    assert len(value) == EXCEL_CELL_LIMIT and value.endswith(TRUNCATED) and value.startswith("很" * 1000)


def _with(text: str) -> Declaration:
    draft = new_declaration(year="2021")
    draft.project.name = draft.project.overview = text
    draft.performance.indicators[0].name = draft.performance.indicators[0].value = text
    return draft


@pytest.fixture(scope="module")
def workbook_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("drafts")
    for path in DRAFTS:
        shutil.copy(path, folder / path.name)
    (folder / "坏.toml").write_text("不是 TOML [", "utf-8")
    return summary_workbook(folder)


def test_summary_workbook_has_the_summary_then_a_sheet_per_project(workbook_bytes: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    names = [load_draft(p).project.name for p in DRAFTS]
    assert book.sheetnames == ["项目汇总", *names]
    sheet = book["项目汇总"]
    assert [sheet.cell(3, c).value for c in range(5, 7)] == ["上年度", "本年度"]
    assert sheet.cell(2, 5).value == "市级资金"
    by_name = {sheet.cell(r, 1).value: r for r in range(4, sheet.max_row + 1)}
    row = by_name["行政审批服务局软硬件运维费"]
    heads = [sheet.cell(2, c).value for c in range(1, sheet.max_column + 1)]
    total_col = heads.index("合计") + 1
    assert sheet.cell(row, total_col + 1).value == 48.588
    total = by_name["合计"]
    assert sheet.cell(total, total_col + 1).value == 200.148
    assert any("无法读取" in str(sheet.cell(r, 1).value) for r in range(total, sheet.max_row + 1))
    for path in DRAFTS:
        draft = load_draft(path)
        check_form_rows(table_rows(book[draft.project.name]), draft)


def test_summary_amounts_are_stored_as_their_exact_decimals(workbook_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(workbook_bytes)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    numbers = re.findall(r"<v>([^<]*)</v>", xml)
    assert "48.588" in numbers and "200.148" in numbers and "155.42" in numbers
    assert not [n for n in numbers if len(n.split(".")[-1]) > 6], "no float noise such as 48.58799999"


def test_sheet_names_are_valid_and_unique() -> None:
    used: set[str] = set()
    names = [sheet_name(n, used) for n in ("a/b[c]*?:", "a/b[c]*?:", "x" * 40, "", "'引号'", "History")]
    assert names[0] == names[0][:31] and "/" not in names[0] and names[1] != names[0]
    assert all(0 < len(n) <= 31 for n in names) and len(set(names)) == len(names)


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.stem)
def test_indicator_sheet_rows(path: Path) -> None:
    draft = load_draft(path)
    rows = sheet_rows(draft)
    filled = [i for i in draft.performance.indicators if i.name.strip() or i.value.strip()]
    assert [(r[0], r[1], r[2], r[6]) for r in rows] == [(i.level1, i.level2, i.name, i.value) for i in filled]
    assert all(r[3] in SIGNS for r in rows if r[6])
    sheet = openpyxl.load_workbook(io.BytesIO(render_indicators_xlsx(draft))).active
    assert tuple(c.value for c in sheet[1]) == headings(draft)
    for n, row in enumerate(rows, start=2):
        values = [c.value for c in sheet[n]]
        number = values[4]
        assert [("" if v is None else v) for k, v in enumerate(values) if k != 4] == [*row[:4], *row[5:]]
        assert (str(number) if number is not None else "") in ("", row[4], row[4] + ".0") or float(row[4]) == number
    parsed = list(csv.reader(io.StringIO(render_indicators_csv(draft))))
    assert parsed == [list(headings(draft)), *map(list, rows)]


def test_indicator_sheet_examples() -> None:
    draft = load_draft(next(p for p in DRAFTS if p.stem == "政务大厅运行经费"))
    rows = {r[2]: r[3:] for r in sheet_rows(draft)}
    assert rows["进驻窗口单位"] == ("＝", "14", "个", "14个")
    assert rows["政务服务能力提高"] == ("≥", "50", "%", "≥50%")
    assert rows["窗口单位人员进厅"] == ("定性", "", "", "年底前")
    assert headings(draft) == (
        "一级指标",
        "二级指标",
        "三级指标（指标名称）",
        "计算符号",
        "指标值",
        "计量单位",
        "指标值说明",
    )


def test_indicator_csv_bom_banner_and_formula_text() -> None:
    draft = new_declaration(year="2021")
    draft.performance.indicators[0].name = "=cmd|' /C calc'!A0"
    draft.performance.indicators[0].value = "-5%"
    text = render_indicators_csv(draft, bom=True, banner="注意：强制导出")
    assert text.startswith(BOM + "注意：强制导出\r\n一级指标,")
    row = list(csv.reader(io.StringIO(text.removeprefix(BOM))))[2]
    assert row[2] == "'=cmd|' /C calc'!A0" and row[3:] == ["定性", "", "", "'-5%"]
    sheet = openpyxl.load_workbook(io.BytesIO(render_indicators_xlsx(draft, banner="注意"))).active
    assert sheet.cell(1, 1).value == "注意" and sheet.cell(3, 3).value == "=cmd|' /C calc'!A0"
    assert sheet.cell(3, 3).data_type == "s"
