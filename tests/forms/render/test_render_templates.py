"""Each template beyond district-2021 in all four exports: its funding rows and amount columns, its indicator
columns and sides, and no 支出明细 where the form has none."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from template_support import filled

from forms.model.declaration import Declaration
from forms.render.docx import render_docx
from forms.render.markdown import render_markdown
from forms.render.text import render_text
from forms.render.xlsx import render_xlsx


def draft_of(template_id: str) -> Declaration:
    """A filled draft with a subtotal and an extra indicator column typed, as the tests below look for them."""
    draft = filled(template_id)
    rows = {row.source: row for row in draft.funding.sources}
    if template_id == "subtotals":
        rows["一般公共预算"].this_year = rows["财政拨款小计"].this_year = "60"
        draft.funding.total_this_year = "160"
    first = draft.performance.indicators[0]
    first.name, first.value = "新建保鲜库", "12"
    if template_id == "2022-cost":
        first.unit, first.weight, first.explanation = "座", "20", "按验收数"
        draft.performance.weights = {"产出指标": "20"}  # a declared 一级 分值 prints with its 一级
    if template_id == "city-benji":
        first.unit = "座"
    return draft


def docx_rows(draft: Declaration) -> list[list[str]]:
    doc = docx.Document(io.BytesIO(render_docx(draft)))
    assert len(doc.tables) == 1
    return [[cell.text for cell in row.cells] for row in doc.tables[0].rows]


def xlsx_rows(draft: Declaration) -> list[list[str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(draft))).active
    values = {(c.row, c.column): c.value for row in sheet.iter_rows() for c in row}
    for merged in sheet.merged_cells.ranges:
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                values[(r, c)] = values.get((merged.min_row, merged.min_col))
    width = draft.form_template().layout.columns_cm
    return [
        ["" if values.get((r, c)) is None else str(values[(r, c)]) for c in range(1, len(width) + 1)]
        for r in range(4, sheet.max_row)  # under the title, 年度 and 填报单位; above the signatures
    ]


def unique(row: list[str]) -> list[str]:
    """A grid row's cells with a merged cell's repeats folded (as a reader sees the row)."""
    return [text for n, text in enumerate(row) if n == 0 or text != row[n - 1]]


@pytest.mark.parametrize("reader", [docx_rows, xlsx_rows], ids=["docx", "xlsx"])
def test_office_cells_of_the_subtotals_form(reader) -> None:
    rows = [unique(r) for r in reader(draft_of("subtotals"))]
    funding = [r[2:] for r in rows if r[:2] == ["项目资金情况", "项目资金（万元）"]]
    assert funding == [
        ["资金来源", "金额"],
        ["年度资金总额", "160"],
        ["（一）财政拨款小计", "60"],
        ["1.一般公共预算", "60"],
        ["2.政府性基金", ""],
        ["3.国有资本经营预算", ""],
        ["（二）自有资金小计", ""],
        ["1.事业收入", ""],
        ["2.经营性收入", ""],
        ["（三）其他收入", "100"],
    ]
    assert not any("支出明细" in cell for row in rows for cell in row)
    head = next(r for r in rows if "一级指标" in r)
    assert head[-5:] == ["一级指标", "二级指标", "三级指标", "指标值", "备注"]
    assert next(r for r in rows if "新建保鲜库" in r)[-5:] == ["项目完成指标", "数量指标", "新建保鲜库", "12", "说明0"]


@pytest.mark.parametrize("reader", [docx_rows, xlsx_rows], ids=["docx", "xlsx"])
def test_office_cells_of_the_cost_form(reader) -> None:
    rows = [unique(r) for r in reader(draft_of("2022-cost"))]
    head = next(r for r in rows if "一级指标" in r)
    assert head[-7:] == ["一级指标", "二级指标", "三级指标", "指标值", "计量单位", "分值", "指标值说明"]
    assert next(r for r in rows if "新建保鲜库" in r)[-7:] == [
        "产出指标（分值 20）", "数量指标", "新建保鲜库", "12", "座", "20", "按验收数"
    ]  # fmt: skip
    cost = next(r for r in rows if "经济成本指标" in r)
    assert cost[cost.index("成本指标") :][:4] == ["成本指标", "经济成本指标", "指标3", "100万元"]
    assert any(r[2:] == ["运行费", "", "100", ""] for r in rows)  # its 支出明细 is printed


@pytest.mark.parametrize("reader", [docx_rows, xlsx_rows], ids=["docx", "xlsx"])
def test_office_cells_of_the_city_form(reader) -> None:
    rows = [unique(r) for r in reader(draft_of("city-benji"))]
    assert [r[2:] for r in rows if r[1:2] == ["项目资金（万元）"]][:4] == [
        ["资金来源", "金额"], ["年度资金总额", "100"], ["年度本级预算金额", "100"], ["上级资金", ""]
    ]  # fmt: skip
    assert not any("支出明细" in cell or "上年度" in cell for row in rows for cell in row)
    sides = [r[1] for r in rows if "一级指标" in r]
    assert sides == ["实施期绩效指标", "本年度绩效指标"]
    assert next(r for r in rows if "新建保鲜库" in r)[1:] == [
        "实施期绩效指标", "产出指标", "数量指标", "新建保鲜库", "12", "座"
    ]  # fmt: skip
    goals = {r[1]: r[2] for r in rows if r[0] == "绩效目标" and len(r) == 3}
    assert goals == {"实施期目标": "大厅稳定运行", "本年度目标": "全年运行"}


@pytest.mark.parametrize("template_id", ["2022-cost", "city-benji", "subtotals"])
@pytest.mark.parametrize("render", [lambda d: render_text(d, width=200), render_markdown], ids=["text", "markdown"])
def test_text_and_markdown_print_the_template_shape(render, template_id: str) -> None:
    out = render(draft_of(template_id))  # text wide enough that no cell wraps a word
    template = draft_of(template_id).form_template()
    assert "新建保鲜库" in out
    for column in template.indicator_columns:
        assert template.column_label(column) in out
    for group in template.indicator_groups:
        assert group.name in out
    assert ("支出明细" in out) == template.has("expenses")
    assert ("上年度安排资金" in out) == ("last_year" in template.funding_columns)
    if template_id == "subtotals":
        assert "（一）财政拨款小计" in out and "1.一般公共预算" in out and "（三）其他收入" in out
    if template_id == "city-benji":
        assert out.index("实施期绩效指标") < out.index("本年度绩效指标")
    if template_id == "2022-cost":
        assert "按验收数" in out and "总体目标" in out


def test_text_lines_fit_the_width_for_every_template() -> None:
    from forms.render.width import cell_width

    for template_id in ("2022-cost", "city-benji", "subtotals"):
        lines = render_text(draft_of(template_id)).splitlines()
        assert max(cell_width(line) for line in lines) <= 78, template_id
