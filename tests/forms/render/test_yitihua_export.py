"""The 一体化 export: the system's fields (JSON, CSV), the web grid (.xlsx), and the format table's endings."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from forms.model.declaration import Declaration, Indicator, new_declaration
from forms.model.template import load_template
from forms.render.formats import FORMATS, export_bytes
from forms.render.yitihua import render_yitihua_csv, render_yitihua_json, system_rows
from forms.render.yitihua_xlsx import render_yitihua_xlsx
from forms.store.drafts import load_draft
from forms.store.output import OutputError, choose_format, with_suffix

TWO_SIDED = load_template().model_copy(
    update={"sides": ("总体", "年度"), "indicator_columns": ("value", "unit", "note", "weight"), "weight_total": "100"}
)
"""district-2021 with the format-2 shape of a province's template: two sides, unit, 备注 and weight columns."""


def draft_with(*rows: Indicator) -> Declaration:
    draft = new_declaration()
    draft.project.name = "政务服务平台运维"
    draft.performance.indicators = list(rows)
    return draft


def test_json_rows_carry_the_system_fields_codes_and_bare_numbers() -> None:
    draft = draft_with(
        Indicator(level1="产出指标", level2="数量指标", name="运维设备", value="≥120台"),
        Indicator(level1="产出指标", level2="时效指标", name="完成时间", value="2022年6月底前"),
        Indicator(level1="产出指标", level2="成本指标", name="运维成本", value="不超过52万元", note="按合同"),
        Indicator(level1="效益指标", level2="服务对象满意度", name="满意度", value="90%"),
        Indicator(level1="产出指标", level2="数量指标"),  # a blank skeleton row is not a row of the system
    )
    rows = json.loads(render_yitihua_json(draft))["indicators"]
    assert [(r["name"], r["computesign"], r["indexval"], r["meterunit"]) for r in rows] == [
        ("运维设备", 1, 120, "台"),
        ("完成时间", 6, 0, "2022年6月底前"),  # 定性: 0, and the text in the unit field as the interface does
        ("运维成本", 5, 52, "万元"),
        ("满意度", 3, 90, "%"),
    ]
    assert rows[2]["remark"] == "按合同" and rows[2]["value_remark"] == "不超过52万元"
    assert rows[0]["findex"] == "产出指标" and rows[0]["sindex"] == "数量指标"
    assert {r["yearflag"] for r in rows} == {0} and [r["orderby"] for r in rows] == [1, 2, 3, 4]
    assert "weight" not in rows[0]  # district-2021 has no weights


def test_weights_and_sides_where_the_template_has_them() -> None:
    draft = draft_with(
        Indicator(
            level1="产出指标", level2="数量指标", name="年度运维", value="12", unit="次", weight="10", side="年度"
        ),
        Indicator(
            level1="产出指标", level2="数量指标", name="总体运维", value="≥36", unit="次", weight="20.5", side="总体"
        ),
    )
    rows = json.loads(render_yitihua_json(draft, template=TWO_SIDED))["indicators"]
    assert [(r["name"], r["yearflag"], r["weight"], r["meterunit"]) for r in rows] == [
        ("总体运维", 1, 20.5, "次"),  # 总体 first, as the system's first tab
        ("年度运维", 0, 10, "次"),
    ]
    book = openpyxl.load_workbook(io.BytesIO(render_yitihua_xlsx(draft, template=TWO_SIDED)))
    assert book.sheetnames == ["总体绩效指标", "年度绩效指标"]
    grid = list(book["年度绩效指标"].iter_rows(values_only=True))
    assert grid[1] == ("指标名称", "计算符号", "指标值", "计量单位", "备注", "指标值说明", "权重")
    assert grid[2][0] == "一级指标：产出指标" and grid[3][0] == "二级指标：数量指标"
    assert grid[4] == ("年度运维", "＝", 12, "次", "", "12", 10)


def test_xlsx_is_the_web_grid_one_year_sheet_without_sides() -> None:
    draft = draft_with(
        Indicator(level1="产出指标", level2="质量指标", name="故障修复率", value="≥95%"),
        Indicator(level1="产出指标", level2="质量指标", name="服务质量", value="良好"),
    )
    book = openpyxl.load_workbook(io.BytesIO(render_yitihua_xlsx(draft)))
    assert book.sheetnames == ["年度绩效指标"]
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[2:] == [
        ("一级指标：产出指标", None, None, None, None, None),
        ("二级指标：质量指标", None, None, None, None, None),
        ("故障修复率", "≥", 95, "%", "", "≥95%"),
        ("服务质量", "定性", "良好", "", "", "良好"),  # the grid shows a 定性 row's text as its 指标值
    ]


def test_csv_has_the_field_names_and_quotes_what_a_spreadsheet_would_run() -> None:
    draft = draft_with(Indicator(level1="产出指标", level2="数量指标", name="=HYPERLINK(1)", value="-5%\x1b[31m"))
    text = render_yitihua_csv(draft, bom=True, banner="注意：强制导出")
    assert text.startswith("\ufeff注意：强制导出\r\n")
    lines = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert lines[1][:4] == ["findex", "sindex", "name", "computesign"]
    assert lines[2][2] == "'=HYPERLINK(1)" and lines[2][7].startswith("'-5%") and "\x1b" not in text


@pytest.mark.parametrize(
    ("name", "explicit", "expected"),
    [
        ("a.一体化.xlsx", None, "yitihua"),
        ("a.一体化.json", None, "yitihua"),
        ("a.一体化.csv", None, "yitihua"),
        ("a.json", None, "yitihua"),
        ("a.csv", None, "indicators-csv"),  # a bare .csv stays issue 11's sheet
        ("a.xlsx", None, "xlsx"),
        ("a.指标.xlsx", None, "indicators-xlsx"),
        ("a.csv", "yitihua", "yitihua"),
    ],
)
def test_the_path_picks_the_format(name: str, explicit: str | None, expected: str) -> None:
    assert choose_format(Path(name), FORMATS, explicit=explicit, default="text") == expected


def test_a_contradicting_format_is_refused_and_endings_swap() -> None:
    with pytest.raises(OutputError, match="不符"):
        choose_format(Path("a.一体化.txt"), FORMATS, explicit="yitihua", default="text")
    assert with_suffix(Path("a.一体化.json"), "text") == Path("a.txt")
    assert with_suffix(Path("a.txt"), "yitihua") == Path("a.一体化.xlsx")


def test_the_suffix_picks_the_form() -> None:
    draft = draft_with(Indicator(level1="产出指标", level2="数量指标", name="x", value="1个"))
    assert export_bytes(draft, "yitihua", path=Path("a.一体化.xlsx")).startswith(b"PK")
    assert export_bytes(draft, "yitihua", path=Path("a.一体化.csv")).startswith("\ufefffindex".encode())
    assert json.loads(export_bytes(draft, "yitihua"))["indicators"][0]["indexval"] == 1


def test_every_example_draft_gives_one_row_per_filled_indicator(examples_folder: Path) -> None:
    for path in sorted(examples_folder.glob("*.toml")):
        draft = load_draft(path)
        filled = [i for i in draft.performance.indicators if i.name.strip() or i.value.strip()]
        rows = system_rows(draft)
        assert len(rows) == len(filled)
        assert all(isinstance(r.indexval, Decimal) and 1 <= r.computesign <= 6 for r in rows)
