"""The Word export, reopened with python-docx: every label and value of every example draft in its cell."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm
from office_support import COLUMNS, TEMPLATE, check_form_rows, row_of
from repo_paths import DRAFTS

from forms.model.declaration import Declaration, ExpenseLine, Indicator, new_declaration
from forms.render.docx import render_docx
from forms.render.form_layout import place
from forms.render.form_table import form_table
from forms.render.parts import UNICODE_MARKS, template_of
from forms.store.drafts import load_draft

DRAFTS = sorted((DRAFTS).glob("*.toml"))


@cache
def exported(path: Path) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(load_draft(path))))


def grid(doc: docx.document.Document) -> list[list[str]]:
    """The table's text, a list per row; a merged cell repeats in each row and column it spans."""
    return [[cell.text for cell in row.cells] for row in doc.tables[0].rows]


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.stem)
def test_every_label_and_value_is_in_its_cell(path: Path) -> None:
    doc = exported(path)
    assert len(doc.tables) == 1
    check_form_rows(grid(doc), load_draft(path))


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.stem)
def test_title_year_unit_and_signature_line(path: Path) -> None:
    draft = load_draft(path)
    texts = [p.text for p in exported(path).paragraphs]
    assert texts[0] == "项目支出预算绩效目标申报表"
    assert texts[1] == f"（{draft.year} 年度）"
    assert texts[2] == f"填报单位（盖章）：{draft.unit}"
    assert texts[-1].startswith("单位负责人：") and "填表人：" in texts[-1] and "填表时间：" in texts[-1]


def test_group_labels_and_indicator_levels_are_merged_cells() -> None:
    path = next(p for p in DRAFTS if p.stem == "政务大厅运行经费")
    table = exported(path).tables[0]
    placed = place(form_table(load_draft(path), TEMPLATE, UNICODE_MARKS), TEMPLATE.layout)
    spanning = [r for r in placed.regions if r.bottom > r.top or r.right > r.left]
    cells = table._cells  # row by row, a merged cell repeated where it spans (table.cell rebuilds this per call)

    def tc(row: int, col: int) -> object:
        return cells[row * COLUMNS + col]._tc

    assert {r.paragraphs[0] for r in spanning if r.group} >= {"项目基本情况", "项目资金情况", "项目年度绩效目标情况"}
    for region in spanning:
        for row in range(region.top, region.bottom + 1):
            for col in range(region.left, region.right + 1):
                assert tc(row, col) is tc(region.top, region.left), (region.paragraphs, row, col)
    # 产出指标 spans its four 二级 rows; each 二级 is its own cell.
    rows = grid(exported(path))
    output = [n for n, row in enumerate(rows) if row[2] == "产出指标"]
    assert len(output) == 4
    assert tc(output[0], 2) is tc(output[-1], 2)
    assert tc(output[0], 3) is not tc(output[1], 3)


def test_a_category_with_several_indicators_spans_them() -> None:
    draft = new_declaration(year="2021")
    draft.performance.indicators[0:1] = [
        Indicator(level1="产出指标", level2="数量指标", name=f"指标{n}", value=f"{n}个") for n in range(3)
    ]
    doc = docx.Document(io.BytesIO(render_docx(draft)))
    rows, table = grid(doc), doc.tables[0]
    first = [n for n, row in enumerate(rows) if row[3] == "数量指标"]
    assert [rows[n][4] for n in first] == ["指标0", "指标1", "指标2"]
    assert table.cell(first[0], 3)._tc is table.cell(first[-1], 3)._tc


def test_east_asian_font_page_and_widths() -> None:
    doc = exported(DRAFTS[0])
    layout = TEMPLATE.layout
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert defaults.get(qn("w:eastAsia")) == "仿宋_GB2312" and defaults.get(qn("w:eastAsiaTheme")) is None
    runs = [run for p in doc.paragraphs for run in p.runs]
    runs += [run for row in doc.tables[0].rows for cell in row.cells for p in cell.paragraphs for run in p.runs]
    assert runs and all(run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in runs)
    assert doc.paragraphs[0].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    section = doc.sections[0]
    assert section.page_width.cm == pytest.approx(21, abs=0.01)
    assert section.page_height.cm == pytest.approx(29.7, abs=0.01)
    assert section.orientation == WD_ORIENT.PORTRAIT
    room = section.page_width - section.left_margin - section.right_margin
    assert sum(Cm(w) for w in layout.columns_cm) <= room + Cm(0.01)
    widths = [c.width.cm for c in doc.tables[0].columns]
    assert widths == pytest.approx(list(layout.columns_cm), abs=0.01)


def test_forced_export_says_so_first() -> None:
    doc = docx.Document(
        io.BytesIO(render_docx(new_declaration(), banner="注意：本表未通过检查（3 个错误），为强制导出"))
    )
    assert doc.paragraphs[0].text == "注意：本表未通过检查（3 个错误），为强制导出"
    assert doc.paragraphs[1].text == "项目支出预算绩效目标申报表"


HOSTILE = {
    "markup": "[bold]红[/] <w:p>&amp;</w:p> **粗** <script>",
    "controls": "a\x00b\x1b[31mc\x07d\x0be\x7f\x85",
    "bidi": "abc\u202eFED",
    "xml_illegal": "x\ufffey\uffff",
    "surrogate": "x\ud800y",
    "long": "很长" * 50_000,
}
SHOWN = {
    "markup": "[bold]红[/] <w:p>&amp;</w:p> **粗** <script>",
    "controls": "a␀bc␇d\ne␡",  # escape sequences dropped, other controls shown, VT a line break
    "bidi": "abcFED",
    "xml_illegal": "x\ufffdy\ufffd",
    "surrogate": "x\ufffdy",
    "long": "很长" * 50_000,
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_text_is_kept_visible_and_the_file_opens(kind: str) -> None:
    draft = _hostile_draft(HOSTILE[kind])
    doc = docx.Document(io.BytesIO(render_docx(draft, banner=HOSTILE[kind])))
    rows = grid(doc)
    assert row_of(rows, 1, "项目名称")[2] == SHOWN[kind]
    assert row_of(rows, 1, "项目概况")[2] == SHOWN[kind]
    assert [r for r in rows if r[1] == "支出明细预算（万元）"][2][6] == SHOWN[kind]


def _hostile_draft(text: str) -> Declaration:
    draft = new_declaration(year="2021")
    draft.project.name = draft.project.overview = text
    draft.expenses.lines = [ExpenseLine(item="x", basis=text)]
    draft.performance.indicators[0].name = text
    draft.performance.indicators[0].value = text
    return draft


def test_an_unknown_template_exports_with_the_default_layout() -> None:
    draft = load_draft(DRAFTS[0]).model_copy(update={"template": "no-such"})
    assert template_of(draft).id == "district-2021"
    assert grid(docx.Document(io.BytesIO(render_docx(draft))))[0][1] == "项目名称"
