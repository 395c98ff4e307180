"""The 一体化 rules on issue 12's template shapes: 分值 (2022-cost), two tabs (city-benji), no unit column."""

from __future__ import annotations

import pytest
from template_support import NEW_TEMPLATES, filled

from forms.checks.yitihua import yitihua_findings
from forms.model.declaration import Declaration


def findings(draft: Declaration) -> list[tuple[str, str, str]]:
    return [(f.severity, f.path, f.message) for f in yitihua_findings(draft, draft.form_template())]


def rows_of(draft: Declaration, **match: str) -> list[int]:
    return [
        i
        for i, row in enumerate(draft.performance.indicators)
        if all(getattr(row, key) == value for key, value in match.items())
    ]


@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_a_complete_draft_of_each_template_passes_every_rule(template_id: str) -> None:
    assert findings(filled(template_id)) == []


def test_weights_of_2022_cost_in_the_systems_words() -> None:
    draft = filled("2022-cost")
    weights = {"产出指标": "15", "成本指标": "5", "效益指标": "7.5", "满意度指标": "10"}
    for row in draft.performance.indicators:
        row.weight = weights[row.level1]
    draft.performance.weights = {"产出指标": "45", "产出指标/数量指标": "15", "效益指标": "30"}
    assert findings(draft) == []
    first = rows_of(draft, level2="数量指标")[0]
    draft.performance.indicators[first].weight = "10"  # 产出指标 still adds up: its 数量指标 is declared 15
    assert [m for _, _, m in findings(draft)] == [
        "年度总绩效指标权重需为100，保存失败!（现合计 95）",
        "二级指标【数量指标】的下级指标权重录入合计应等于上级设置数！（设置 15，下级合计 10）",
    ]


def test_2022_cost_unit_column_other_quantitative_spaces_and_cost_rows() -> None:
    draft = filled("2022-cost")
    row = draft.performance.indicators[0]
    row.value, row.unit = "95", ""
    assert findings(draft)[0][1:] == ("performance.indicators.0.unit", findings(draft)[0][2])
    assert findings(draft)[0][2].startswith("第1行的计量单位为必录项，必须有值。")
    row.value, row.unit, row.explanation = "满意度达95%", "", ""
    assert [m[:24] for _, _, m in findings(draft)] == ["计算符号选择“定量（其他）”时，指标值说明必填！"]
    row.value, row.explanation, row.name = "95%", "说明", "办件 数量"
    assert [m for _, _, m in findings(draft)] == [
        "【年度绩效指标】三级指标：第1行指标名称中有空格，请删除空格（数量指标“办件 数量”）"
    ]
    row.name = "办件数量"
    social = rows_of(draft, level2="社会成本指标")[0]
    draft.performance.indicators[social].value = "≥5%"  # any 成本 row is an upper bound, not only 经济成本
    ((severity, path, message),) = findings(draft)
    assert (severity, path) == (
        "warning",
        f"performance.indicators.{social}.value",
    ) and "计算符号应为“≤”或“＝”" in message


def test_city_benji_tabs_numbers_and_the_years_cost() -> None:
    draft = filled("city-benji")
    for i in rows_of(draft, side="实施期"):
        draft.performance.indicators[i].name = draft.performance.indicators[i].value = ""
    assert findings(draft) == [("error", "performance.indicators", "总体绩效指标指标值不能为空，保存失败!（实施期）")]
    draft = filled("city-benji")
    year = rows_of(draft, side="本年度")
    draft.performance.indicators[year[0]].value = "95"  # the 本年度 tab's own row 1
    assert findings(draft)[0][1:] == (f"performance.indicators.{year[0]}.unit", findings(draft)[0][2])
    assert findings(draft)[0][2].startswith("第1行的计量单位为必录项")
    draft = filled("city-benji")
    for i in rows_of(draft, level2="成本指标"):
        draft.performance.indicators[i].value = "300万元"  # over the year's 100 万元 only on 本年度
    (cost,) = rows_of(draft, level2="成本指标", side="本年度")
    assert findings(draft) == [
        (
            "warning",
            f"performance.indicators.{cost}.value",
            f"成本指标“本年度指标{cost}”的指标值“300万元”超过项目资金合计（金额）100 万元",
        )
    ]


def test_subtotals_reads_the_unit_from_the_value() -> None:
    draft = filled("subtotals")
    draft.performance.indicators[0].value = "95"
    ((severity, path, message),) = findings(draft)
    assert (severity, path) == ("error", "performance.indicators.0.value")
    assert message.startswith("第1行的计量单位为必录项，必须有值。（数量指标“指标0”：指标值“95”没有写单位")
