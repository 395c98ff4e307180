"""Reading an 一体化 file back: the round trip per form, files from elsewhere, and hostile files refused in Chinese."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from forms.importing.yitihua import IndicatorFileError, read_indicator_bytes, read_indicator_file
from forms.model.declaration import Declaration, Indicator
from forms.model.template import load_template
from forms.render.formats import export_bytes
from forms.render.indicator_sheet import render_indicators_csv
from forms.render.yitihua import render_yitihua_csv, render_yitihua_json
from forms.render.yitihua_xlsx import render_yitihua_xlsx
from forms.store.drafts import load_draft
from forms.workflows.indicator_import import arranged, compare

TEMPLATE = load_template()
FORMS = ("xlsx", "json", "csv")


def back(draft: Declaration, form: str, template=TEMPLATE) -> list[Indicator]:
    data = export_bytes(draft, "yitihua", path=Path(f"x.一体化.{form}"), banner="注意：本表未通过检查")
    return arranged(read_indicator_bytes(data, template), template)


@pytest.mark.parametrize("form", FORMS)
def test_every_example_draft_round_trips(examples_folder: Path, form: str) -> None:
    for path in sorted(examples_folder.glob("*.toml")):
        draft = load_draft(path)
        assert back(draft, form) == arranged(draft.performance.indicators, TEMPLATE), path.name


def test_the_system_fields_alone_are_read_as_the_parser_would_write_them() -> None:
    # A file from the system or a script: no 指标值说明, codes and bare numbers, 定性 text in the unit field.
    document = {
        "indicators": [
            {"KPI_LV1": "产出指标", "KPI_LV2": "数量指标", "KPI_LV3": "巡检", "INDSYMBOL": "1", "INDVALUE": 12,
             "INDUNIT": "次/年"},
            {"findex": "产出指标", "sindex": "成本指标", "name": "成本", "computesign": 5, "indexval": 52.5,
             "meterunit": "万元", "remark": "合同价"},
            {"findex": "产出指标", "sindex": "时效指标", "name": "完成", "computesign": 6, "indexval": 0,
             "meterunit": "年底前"},
            {"findex": "效益指标", "sindex": "服务对象满意度", "name": "满意度", "computesign": "＝", "indexval": "90",
             "meterunit": "%"},
        ]
    }  # fmt: skip
    rows = read_indicator_bytes(json.dumps(document, ensure_ascii=False).encode(), TEMPLATE)
    assert [(r.name, r.value, r.unit, r.note) for r in rows] == [
        ("巡检", "≥12次/年", None, None),
        ("成本", "≤52.5万元", None, "合同价"),
        ("完成", "年底前", None, None),
        ("满意度", "90%", None, None),
    ]


def test_a_value_edited_in_the_grid_wins_over_the_stale_typed_one() -> None:
    draft = Declaration()
    draft.performance.indicators = [
        Indicator(level1="产出指标", level2="质量指标", name="修复率", value="不低于95%"),
        Indicator(level1="产出指标", level2="时效指标", name="完成", value="年底前"),
    ]
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(export_bytes(draft, "yitihua", path=Path("x.xlsx"))))
    sheet = book.active
    assert sheet["A5"].value == "修复率" and sheet["A7"].value == "完成"
    sheet["C5"] = 98  # 指标值 95 → 98; 指标值说明 still says 不低于95%
    sheet["C7"] = "6月底前"  # a 定性 row's text, edited
    out = io.BytesIO()
    book.save(out)
    rows = [r for r in read_indicator_bytes(out.getvalue(), TEMPLATE) if r.name]
    assert [r.value for r in rows] == ["≥98%", "6月底前"]


def test_issue_11s_indicator_sheet_reads_too(examples_folder: Path) -> None:
    draft = load_draft(examples_folder / "政务大厅租金.toml")
    rows = read_indicator_bytes(render_indicators_csv(draft, bom=True).encode(), TEMPLATE)
    assert arranged(rows, TEMPLATE) == arranged(draft.performance.indicators, TEMPLATE)


def test_a_unit_column_of_its_own_is_kept_and_compared() -> None:
    template = TEMPLATE.model_copy(update={"indicator_columns": ("value", "unit")})
    old = [Indicator(level1="产出指标", level2="数量指标", name="巡检", value="≥12", unit="次")]
    draft = Declaration()
    draft.performance.indicators = old
    for form in FORMS:
        assert back(draft, form, template) == arranged(old, template)
    new = [*old[:0], Indicator(level1="产出指标", level2="数量指标", name="巡检", value="≥24", unit="次")]
    assert compare(arranged(old, template), arranged(new, template), template).summary() == (
        "将改动 1 行指标（修改 1 行；0 行不变）"
    )


def test_a_template_with_its_own_explanation_column_keeps_it_and_the_value_in_the_system_form() -> None:
    template = TEMPLATE.model_copy(update={"indicator_columns": ("value", "unit", "explanation")})
    rows = [
        Indicator(level1="产出指标", level2="数量指标", name="巡检", value="≥12", unit="次", explanation="按巡检记录"),
        Indicator(level1="产出指标", level2="质量指标", name="合格率", value="不低于95", unit="%", explanation="抽检"),
        Indicator(level1="产出指标", level2="时效指标", name="完成", value="年底前", explanation="验收单"),
    ]
    draft = Declaration()
    draft.performance.indicators = rows
    for form in FORMS:
        data = {"xlsx": render_yitihua_xlsx(draft, template=template)}.get(form) or (
            render_yitihua_csv(draft, template=template)
            if form == "csv"
            else render_yitihua_json(draft, template=template)
        ).encode()
        back = [r for r in arranged(read_indicator_bytes(data, template), template) if r.name]
        assert [(r.value, r.unit, r.explanation) for r in back] == [
            ("≥12", "次", "按巡检记录"),
            ("≥95", "%", "抽检"),  # the value as the system holds it: 不低于95 is ≥ 95
            ("年底前", None, "验收单"),
        ], form


def test_a_sheet_reaching_row_1048576_reads_only_its_filled_rows(examples_folder: Path) -> None:
    import openpyxl

    draft = load_draft(examples_folder / "政务大厅租金.toml")
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(draft, "yitihua", path=Path("x.xlsx"))))
    book.active.cell(1_048_576, 1, "二级指标：数量指标")  # a stray heading at the very bottom adds no row
    out = io.BytesIO()
    book.save(out)
    rows = read_indicator_bytes(out.getvalue(), TEMPLATE)
    assert arranged(rows, TEMPLATE) == arranged(draft.performance.indicators, TEMPLATE)


def _zip(**members: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            # A fixed date: the bytes are a test id, which every pytest worker must collect alike.
            archive.writestr(zipfile.ZipInfo(name.replace("__", "/"), date_time=(2021, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "空"),
        (b'{"indicators": [{"name": "x"', "不是有效的 JSON"),
        (b"[" * 100_000, "JSON"),
        (b'{"project": "x"}', "没有指标列表"),
        (b'{"indicators": [1, 2]}', "第 1 个指标不是对象"),
        (b'{"indicators": [{"name": "x", "computesign": 8}]}', "计算符号“8”不是 1–6"),
        ('{"indicators": [{"name": "x", "computesign": 1, "indexval": "九十"}]}'.encode(), "指标值“九十”不是数字"),
        (b'{"indicators": [{"name": ["x"], "computesign": 1}]}', "指标名称应为文字"),
        (b'{"indicators": [{"name": "x", "computesign": 1, "indexval": 1, "yearflag": 7}]}', "yearflag"),
        ('{"indicators": [{"findex": "产出指标", "computesign": 1}]}'.encode(), "没有“指标名称”"),
        ("一级,二级\n产出指标,数量指标\n".encode(), "找不到表头行"),
        ("findex,sindex,name,computesign\n产出指标,数量指标,x,\n".encode(), "计算符号为空"),
        (b"\x00\x01\x02binary", "不是文本文件"),
        (b"\xff\xfe\xfa\xfb" * 10, "编码无法识别"),
        (b"PK\x03\x04broken", "Excel"),
        (b'[{"name": "x", "computesign": 1, "indexval": 1e999999}]', "大得不像指标值"),
        (_zip(hello=b"x"), "Excel 工作簿结构有误"),
    ],
)
def test_a_malformed_file_is_refused_in_chinese(raw: bytes, words: str) -> None:
    with pytest.raises(IndicatorFileError, match=words):
        read_indicator_bytes(raw, TEMPLATE)


def test_an_xlsx_without_the_grid_heading_is_refused(tmp_path: Path, examples_folder: Path) -> None:
    draft = load_draft(examples_folder / "政务大厅租金.toml")
    form = export_bytes(draft, "xlsx")  # the whole form, not the indicator grid
    with pytest.raises(IndicatorFileError, match="指标名称"):
        read_indicator_bytes(form, TEMPLATE)
    folder = tmp_path / "a.一体化.json"
    folder.mkdir()
    with pytest.raises(IndicatorFileError, match=r"a\.一体化\.json"):
        read_indicator_file(folder, TEMPLATE)
