"""Importing Word (.docx) and Excel (.xlsx) forms laid out as real units lay them out, field by field.

Each fixture is a reference draft written as the official form by
``tests/forms/importing/office_forms.py``; importing it must give back the same draft (every
field in its place), with only the text around the table kept as leftovers.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from office_forms import Options, layout, write_docx, write_xlsx
from property_settings import examples
from repo_paths import REPO

from forms.importing.importer import import_file
from forms.model.declaration import Declaration, ExpenseLine
from forms.store.drafts import draft_paths, dumps, load_draft
from tui.cli import main

ROOT = REPO
DRAFTS = sorted((ROOT / "drafts").glob("*.toml"))
BEFORE = ("附件2", "某财预〔2021〕12号", "请各单位于2021年3月1日前将申报表报送财政局预算科。")
WRITERS = {"docx": write_docx, "xlsx": write_xlsx}


def same_fields(got: Declaration, source: Declaration) -> str:
    """The draft's TOML with the ``[imported]`` table taken from ``source``: every field compared."""
    return dumps(got.model_copy(update={"imported": source.imported}))


def imported(path: Path) -> Declaration:
    result = import_file(path)
    assert result.error == "", result.error
    assert len(result.forms) == 1
    return result.forms[0].draft


@pytest.mark.parametrize("suffix", list(WRITERS))
@pytest.mark.parametrize("draft_path", DRAFTS, ids=[p.stem for p in DRAFTS])
def test_each_reference_form_imports_field_for_field(tmp_path: Path, draft_path: Path, suffix: str) -> None:
    source = load_draft(draft_path)
    path = WRITERS[suffix](layout(source, Options(before=BEFORE, empty_last_row=True)), tmp_path / f"a.{suffix}")
    got = imported(path)
    assert same_fields(got, source) == dumps(source)
    # Text before the table is kept for the reviewer, never put in a field.
    assert got.imported is not None
    assert [item.text for item in got.imported.leftovers] == list(BEFORE)
    assert got.imported.source == f"a.{suffix}"


def variant_draft() -> Declaration:
    """A reference draft with a 20-line 支出明细 and a leader with a mobile number."""
    draft = load_draft(ROOT / "drafts" / "大厅工作人员考核补助.toml")
    draft.project.leader, draft.project.leader_phone = "王芳", "13800000000"
    draft.expenses.lines = [
        ExpenseLine(
            item=f"{n}.考核补助第{n}项", last_year="0.6" if n % 3 else "", this_year="0.828", basis=f"按{n}人测算"
        )
        for n in range(1, 21)
    ]
    return draft


@pytest.mark.parametrize("suffix", list(WRITERS))
def test_a_form_as_units_lay_it_out(tmp_path: Path, suffix: str) -> None:
    source = variant_draft()
    # Two 数量指标 and two 时效指标 share a row each, one paragraph per indicator.
    assert [i.level2 for i in source.performance.indicators].count("数量指标") == 2
    options = Options(
        before=BEFORE[1:],
        joined_contacts=True,
        numbered_pairs=True,
        split_before_benefits=True,
        empty_last_row=True,
    )
    got = imported(WRITERS[suffix](layout(source, options), tmp_path / f"v.{suffix}"))
    assert same_fields(got, source) == dumps(source)
    assert (got.project.leader, got.project.leader_phone) == ("王芳", "13800000000")
    assert (got.project.liaison, got.project.liaison_phone) == ("陈亮", "5720006")
    assert len(got.expenses.lines) == 20
    assert got.imported is not None
    assert [item.text for item in got.imported.leftovers] == list(BEFORE[1:])


def test_a_contact_cell_that_does_not_split_is_kept_not_cut(tmp_path: Path) -> None:
    source = load_draft(ROOT / "drafts" / "政务大厅租金.toml")
    source.project.leader, source.project.leader_phone = "见附件3", "第2页"
    got = imported(write_docx(layout(source, Options(joined_contacts=True)), tmp_path / "c.docx"))
    assert (got.project.leader, got.project.leader_phone) == ("", "")
    assert got.imported is not None
    assert [item.text for item in got.imported.leftovers] == ["项目负责人及电话：见附件3 第2页"]


def test_two_forms_in_one_document_and_one_per_sheet(tmp_path: Path) -> None:
    first, second = (load_draft(path) for path in DRAFTS[:2])
    path = write_docx([*layout(first), *layout(second)], tmp_path / "two.docx")
    result = import_file(path)
    assert [form.draft.project.name for form in result.forms] == [first.project.name, second.project.name]
    for form, source in zip(result.forms, (first, second), strict=True):
        assert same_fields(form.draft, source) == dumps(source)


def test_import_command_writes_drafts_from_word_and_excel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = load_draft(DRAFTS[0])
    docx = write_docx(layout(source), tmp_path / "去年.docx")
    xlsx = write_xlsx(layout(load_draft(DRAFTS[1])), tmp_path / "去年.xlsx")
    status = main(["import", str(docx), str(xlsx), "--drafts", str(tmp_path / "d")])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert "Word 文档" in out and "Excel 工作簿" in out and "工作表“申报表”" in out
    assert sorted(p.stem for p in draft_paths(tmp_path / "d")) == sorted(p.stem for p in DRAFTS[:2])
    written = load_draft(tmp_path / "d" / f"{source.project.name}.toml")
    assert same_fields(written, source) == dumps(source)


def test_office_libraries_are_not_loaded_at_start_up() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tui.cli, tui.cli.import_, forms.importing.importer\n"
        "print('docx' in sys.modules, 'openpyxl' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.split() == ["False", "False"]


def test_hidden_text_in_merged_excel_cells_is_not_read(tmp_path: Path) -> None:
    # LibreOffice and WPS can keep the text of cells covered by a merge; it is not shown, so not a value.
    source = load_draft(DRAFTS[0])
    path = write_xlsx(layout(source), tmp_path / "hidden.xlsx")
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    hidden = '<c r="F4" t="inlineStr"><is><t>被合并单元格里的旧文字</t></is></c></row>'
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        r"(<row r=\"4\".*?)</row>", lambda m: m.group(1) + hidden, sheet, count=1
    ).encode()
    assert "旧文字" in parts["xl/worksheets/sheet1.xml"].decode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    got = imported(path)
    assert same_fields(got, source) == dumps(source)
    assert got.imported is not None and got.imported.leftovers == []


def test_word_details_content_controls_deleted_text_and_line_breaks(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    source = load_draft(DRAFTS[0])
    source.project.overview = "第一行\n第二行（同一段落中的换行）"
    path = write_docx(layout(source), tmp_path / "details.docx")
    document = docx.Document(str(path))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    name_cell = document.tables[0].rows[0].cells[2]
    paragraph = name_cell.paragraphs[0]._p
    # A tracked deletion is not text; a content control around the name is looked into.
    paragraph.append(parse_xml(f"<w:del {w} w:id='1' w:author='x'><w:r><w:delText>旧名称</w:delText></w:r></w:del>"))
    control = parse_xml(f"<w:sdt {w}><w:sdtContent/></w:sdt>")
    paragraph.addprevious(control)
    control[0].append(paragraph)
    document.save(str(path))
    got = imported(path)
    assert same_fields(got, source) == dumps(source)


def test_a_summary_sheet_beside_the_forms_is_not_made_a_draft(tmp_path: Path) -> None:
    import openpyxl

    sources = [load_draft(path) for path in DRAFTS[:2]]
    path = write_xlsx(layout(sources[0]), tmp_path / "汇总.xlsx")
    workbook = openpyxl.load_workbook(path)
    summary = workbook.create_sheet("汇总", 0)
    summary.append(["项目支出预算汇总（2021 年度）"])
    summary.append(["文件", "年度", "项目名称", "市级资金", "省级资金", "中央资金", "区级资金", "本年度合计", "错误"])
    for d in sources:
        summary.append(
            [f"{d.project.name}.toml", d.year, d.project.name, "", "", "", "1", d.funding.total_this_year, 0]
        )
    workbook.save(path)
    result = import_file(path)
    assert [form.draft.project.name for form in result.forms] == [sources[0].project.name]
    assert result.forms[0].notes == ["工作表“汇总”不像申报表（大部分栏目没有识别出来），未导入"]
    assert same_fields(result.forms[0].draft, sources[0]) == dumps(sources[0])


# Text that can be neither a label nor a form's printing, so any difference is the reader's fault.
_PLAIN = st.text(alphabet="甲乙丙丁戊己庚辛壬癸abcXYZ0123456789 .,;:()（）《》[]/=+-@", max_size=40).map(str.strip)
_VALUE = st.lists(_PLAIN.filter(bool), min_size=1, max_size=3).map("\n".join)


# Each example writes and reads two Office files (about 0.3 s): 1,000 in the long run (SHENBAO_LONG=1).
@examples(8, 1_000)
@given(name=_PLAIN.filter(bool), overview=_VALUE, leader=_PLAIN, items=st.lists(_VALUE, max_size=4))
@example(name="[bold]x[/]", overview="=1+1\n@SUM(A1)", leader="-2", items=["+3"])
def test_cell_text_comes_back_exactly(name: str, overview: str, leader: str, items: list[str]) -> None:
    source = load_draft(DRAFTS[0])
    source.project.name, source.project.overview, source.project.leader = name, overview, leader
    source.expenses.lines = [ExpenseLine(item=item, this_year="1") for item in items]
    with tempfile.TemporaryDirectory() as folder:
        for suffix, write in WRITERS.items():
            got = imported(write(layout(source), Path(folder) / f"p.{suffix}"))
            assert same_fields(got, source) == dumps(source), suffix


def test_a_formula_saved_without_its_value_is_kept_as_typed(tmp_path: Path) -> None:
    import openpyxl

    source = load_draft(DRAFTS[0])
    path = write_xlsx(layout(source), tmp_path / "f.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    total = next(row for row in sheet.iter_rows() if row[2].value == "合 计")
    total[3].value = '=IF(1,"12.5","")'  # openpyxl saves no computed value with a formula
    workbook.save(path)
    got = imported(path)
    assert got.funding.total_last_year == '=IF(1,"12.5","")'
    assert got.funding.total_this_year == source.funding.total_this_year


def test_excel_title_lines_typed_in_column_a_and_a_lone_date_in_a_row(tmp_path: Path) -> None:
    source = load_draft(DRAFTS[0])
    source.implementation.schedule[0].task, source.implementation.schedule[0].end = "", ""
    source.implementation.schedule[0].start = "2021年"  # alone in its row: a value, not a 年度 line
    got = imported(write_xlsx(layout(source), tmp_path / "a.xlsx", merge_paragraphs=False))
    assert same_fields(got, source) == dumps(source)
