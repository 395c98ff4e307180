"""The 一体化 system's save-time rules and the review rules, one test each, in the system's own words.

District-2021's rules are tested through ``check`` (as shipped in its ``[yitihua]``
table); rules it leaves off, and other shapes (unit column, sides, weights), on a
copy of the template through ``yitihua_findings``.
"""

from __future__ import annotations

import pytest
from checks_support import clean, only
from pydantic import ValidationError

from forms.checks.findings import Finding
from forms.checks.runner import check
from forms.checks.yitihua import yitihua_findings
from forms.checks.yitihua_rows import rows
from forms.model.declaration import Declaration, Indicator
from forms.model.template import Template, Yitihua, load_template

BASE = load_template()
QUALITY, TIMELY, COST, SATISFACTION = 1, 2, 3, 8


def rules(template: Template = BASE, **changes: object) -> Template:
    """``template`` with its 一体化 rules changed."""
    return template.model_copy(update={"yitihua": template.yitihua.model_copy(update=changes)})


def shaped(**shape: object) -> Template:
    """District-2021 with another shape (columns, sides, weights)."""
    return BASE.model_copy(update=shape)


def said(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.severity, f.path, f.message) for f in findings]


def test_a_template_without_the_table_has_every_rule_off() -> None:
    draft = clean()
    draft.performance.indicators[QUALITY].value = "90-95"
    assert yitihua_findings(draft, BASE.model_copy(update={"yitihua": Yitihua()})) == []


def test_the_table_refuses_an_unknown_rule() -> None:
    with pytest.raises(ValidationError):
        Yitihua.model_validate({"unit_requried": True})


@pytest.mark.parametrize("value", ["90", "≥90", "不低于 90", "９０"])
def test_unit_is_read_from_the_value_where_the_form_has_no_unit_column(value: str) -> None:
    draft = clean()
    draft.performance.indicators[QUALITY].value = value
    message = only(draft, f"performance.indicators.{QUALITY}.value")
    assert message.startswith("第2行的计量单位为必录项，必须有值。（质量指标“指标1”：")


@pytest.mark.parametrize("value", ["90%", "年底前", "良好", "满意度达90%", "1个工作日", "100兆"])
def test_a_value_with_a_unit_or_none_needed_is_fine(value: str) -> None:
    draft = clean()
    draft.performance.indicators[QUALITY].value = value
    assert check(draft) == []


def test_unit_column_where_the_template_has_one() -> None:
    template = shaped(indicator_columns=("value", "unit"))
    draft = clean()
    draft.performance.indicators[QUALITY].value = "90"
    (finding,) = yitihua_findings(draft, template)
    assert finding.path == f"performance.indicators.{QUALITY}.unit"
    assert finding.message.startswith("第2行的计量单位为必录项，必须有值。")
    draft.performance.indicators[QUALITY].unit = "%"
    assert yitihua_findings(draft, template) == []


def test_other_quantitative_needs_an_explanation() -> None:
    template = rules(shaped(indicator_columns=("value", "unit", "explanation")), other_quantitative=True)
    draft = clean()
    draft.performance.indicators[QUALITY].value = "满意度达90%"
    (finding,) = yitihua_findings(draft, template)
    assert finding.path == f"performance.indicators.{QUALITY}.explanation"
    assert finding.message.startswith("计算符号选择“定量（其他）”时，指标值说明必填！")
    draft.performance.indicators[QUALITY].explanation = "问卷调查满意率"
    assert yitihua_findings(draft, template) == []


@pytest.mark.parametrize("value", ["90-95%", "*90%", "90_%", "-5%", "2021-12-31"])
def test_value_with_a_refused_character(value: str) -> None:
    draft = clean()
    draft.performance.indicators[QUALITY].value = value
    message = only(draft, f"performance.indicators.{QUALITY}.value")  # one finding: no 多个数值 on top
    assert message.startswith("第2行的指标值不符合规范，请重新填写。（质量指标“指标1”：指标值")


@pytest.mark.parametrize("name", ["-", "_", "*", " - "])
def test_lone_dash_as_a_name(name: str) -> None:
    draft = clean()
    draft.performance.indicators[0].name = name
    assert only(draft, "performance.indicators.0.name").startswith("第1行的指标名称不符合规范，请重新填写。")


def test_required_name_and_value() -> None:
    draft = clean()
    draft.performance.indicators[QUALITY].value = ""
    assert (
        only(draft, f"performance.indicators.{QUALITY}.value") == "第2行的指标值为必录项，必须有值。（质量指标“指标1”）"
    )
    draft = clean()
    draft.performance.indicators[QUALITY].name = ""
    (finding,) = [f for f in check(draft) if f.severity == "error"]  # and the taxonomy's 未填写任何指标 warning
    assert (finding.path, finding.message) == (
        f"performance.indicators.{QUALITY}.name",
        "第2行的指标名称为必录项，必须有值。（质量指标）",
    )


def test_spaces_only_where_the_province_checks_them() -> None:
    draft = clean()
    draft.performance.indicators[QUALITY].name = "服务 满意率"
    draft.performance.indicators[TIMELY].value = "年底\u3000前"
    assert yitihua_findings(draft, BASE) == []
    assert said(yitihua_findings(draft, rules(spaces=True))) == [
        ("error", "performance.indicators.1.name",
         "【年度绩效指标】三级指标：第2行指标名称中有空格，请删除空格（质量指标“服务 满意率”）"),
        ("error", "performance.indicators.2.value",
         "【年度绩效指标】三级指标：第3行指标值中有空格，请删除空格（时效指标“指标2”）"),
    ]  # fmt: skip


def test_lengths_in_characters_and_in_bytes() -> None:
    draft = clean()
    draft.performance.indicators[0].name = "名" * 101
    draft.performance.indicators[QUALITY].value = "好" * 333 + "x"  # 1,000 bytes: fits
    draft.performance.indicators[TIMELY].value = "年底前" + "好" * 333  # 1,008 bytes
    assert said(yitihua_findings(draft, BASE)) == [
        ("error", "performance.indicators.0.name", "第1行指标名称长度超长（101 字，最多 100 字）"),
        ("error", "performance.indicators.2.value",
         "第3行指标值长度超长（1008 字节，最多 1000 字节，一个汉字按 3 字节计）"),
    ]  # fmt: skip


def test_row_numbers_count_typed_rows_in_the_grids_order_per_tab() -> None:
    draft = clean()
    # A row added at the end under 数量指标 is the system's row 2; a blank skeleton row is not counted.
    draft.performance.indicators.append(Indicator(level1="产出指标", level2="数量指标", name="新增", value="9"))
    draft.performance.indicators.append(Indicator(level1="产出指标", level2="数量指标"))
    numbers = {row.index: row.number for row in rows(draft, BASE)}
    assert numbers[0] == 1 and numbers[9] == 2 and numbers[QUALITY] == 3 and 10 not in numbers
    assert only(draft, "performance.indicators.9.value").startswith("第2行的计量单位为必录项")
    template = shaped(sides=("总体", "年度"))
    for index, row in enumerate(draft.performance.indicators):
        row.side = "总体" if index < 4 or index == 9 else "年度"
    numbers = {row.index: row.number for row in rows(draft, template)}
    assert (numbers[0], numbers[9], numbers[COST], numbers[4], numbers[SATISFACTION]) == (1, 2, 5, 1, 5)


def test_sides_both_filled_and_rows_in_a_tab() -> None:
    template = rules(shaped(sides=("总体", "年度")))
    draft = clean()
    for row in draft.performance.indicators:
        row.side = "年度"
    assert said(yitihua_findings(draft, template)) == [
        ("error", "performance.indicators", "总体绩效指标指标值不能为空，保存失败!")
    ]
    for row in draft.performance.indicators:
        row.side = "总体"
    assert said(yitihua_findings(draft, template)) == [
        ("error", "performance.indicators", "年度总绩效指标指标值不能为空，保存失败!")
    ]
    draft.performance.indicators[0].side = None  # on no side: the year's, as issue 12's editor puts it
    draft.performance.indicators[1].side = "中期"
    assert said(yitihua_findings(draft, template)) == [
        (
            "error",
            "performance.indicators.1.side",
            "【中期指标】三级指标：指标1录入不正确，请删除后重新录入!（应为总体或年度）",
        )
    ]


def test_a_row_marked_for_a_tab_the_form_has_not() -> None:
    draft = clean()
    draft.performance.indicators[0].side = "总体"
    assert only(draft, "performance.indicators.0.side") == "【总体指标】三级指标：指标0录入不正确，请删除后重新录入!"


def weighted(total: str = "100") -> tuple[Declaration, Template]:
    template = rules(shaped(indicator_columns=("value", "weight"), weight_total=total), weights=True)
    draft = clean()
    for row, weight in zip(draft.performance.indicators, ["20"] + ["10"] * 8, strict=True):
        row.weight = weight
    draft.performance.weights = {"产出指标": "50", "产出指标/数量指标": "20", "效益指标": "50"}
    return draft, template


def test_weights_add_up_to_the_templates_total() -> None:
    draft, template = weighted()
    assert yitihua_findings(draft, template) == []
    draft.performance.indicators[SATISFACTION].weight = "5"
    (finding,) = [f for f in yitihua_findings(draft, template) if "总绩效指标" in f.message]
    assert (finding.path, finding.message) == (
        "performance.weights",  # the sums, not the row last typed
        "年度总绩效指标权重需为100，保存失败!（现合计 95）",
    )
    draft, template = weighted("90")  # 预算执行率 takes 10 outside the table
    assert "年度总绩效指标权重需为90，保存失败!（现合计 100）" in [f.message for f in yitihua_findings(draft, template)]


def test_weights_are_judged_once_typed_and_a_malformed_one_is_left_to_issue_12() -> None:
    draft, template = weighted()
    for row in draft.performance.indicators:
        row.weight = ""
    draft.performance.weights = None
    assert yitihua_findings(draft, template) == []  # none typed yet
    draft.performance.indicators[0].weight = "100"
    assert yitihua_findings(draft, template) == []  # a blank row weighs nothing; the sum is what the system checks
    draft.performance.indicators[1].weight = "十"
    assert yitihua_findings(draft, template) == []  # forms.checks.weights: 分值“十”不是数字


def test_parents_equal_the_sum_of_their_children() -> None:
    draft, template = weighted()
    draft.performance.weights = {"产出指标": "40", "产出指标/数量指标": "15", "效益指标": "50"}
    assert said(yitihua_findings(draft, template)) == [
        ("error", "performance.weights",
         "一级指标【产出指标】的下级指标权重录入合计应等于上级设置数！（设置 40，下级合计 45）"),
        ("error", "performance.weights",
         "二级指标【数量指标】的下级指标权重录入合计应等于上级设置数！（设置 15，下级合计 20）"),
    ]  # fmt: skip


def test_satisfaction_must_be_there() -> None:
    draft = clean()
    draft.performance.indicators[SATISFACTION].name = draft.performance.indicators[SATISFACTION].value = ""
    message = only(draft, f"performance.indicators.{SATISFACTION}.name")
    assert message == "二级指标“服务对象满意度”下没有填写任何指标（产出指标、效益指标、服务对象满意度缺一不可）"


@pytest.mark.parametrize(("name", "value", "flagged"), [
    ("群众满意度", "120%", True), ("覆盖率", ">100%", True), ("完成率", "≥100%", False), ("满意度", "100%", False),
    ("收入增长", "120%", False),
])  # fmt: skip
def test_no_rate_above_100_percent(name: str, value: str, flagged: bool) -> None:
    draft = clean()
    draft.performance.indicators[SATISFACTION].name, draft.performance.indicators[SATISFACTION].value = name, value
    findings = check(draft)
    if flagged:
        assert only(draft, f"performance.indicators.{SATISFACTION}.value", "warning").endswith("超过 100%")
    else:
        assert findings == []


def test_cost_is_an_upper_bound_within_the_budget() -> None:
    draft = clean()
    draft.performance.indicators[COST].value = "≥25万元"
    assert only(draft, f"performance.indicators.{COST}.value", "warning") == (
        "成本指标“指标3”的指标值“≥25万元”用了“≥”：成本指标是上限，计算符号应为“≤”或“＝”"
    )
    draft.performance.indicators[COST].value = "≤250000元"  # 25 万元
    assert check(draft) == []
    draft.performance.indicators[COST].value = "≤260000元"
    assert only(draft, f"performance.indicators.{COST}.value", "warning") == (
        "成本指标“指标3”的指标值“≤260000元”（26 万元）超过项目资金申请合计（本年度申请资金）25 万元"
    )
    draft.performance.indicators[COST].value = "15万元"
    draft.performance.indicators.insert(
        COST + 1, Indicator(level1="产出指标", level2="成本指标", name="租金", value="15万元")
    )
    assert only(draft, f"performance.indicators.{COST}.value", "warning") == (
        "成本指标合计 30 万元超过项目资金申请合计（本年度申请资金）25 万元"
    )


@pytest.mark.parametrize(("value", "end", "flagged"), [
    ("2022年6月底前", "2021.12", True), ("年底前", "2021.06", True), ("6月底前", "2021.12", False),
    ("年底前", "2021.12", False), ("每月末", "2021.06", False), ("2021.12", "2021.12", False),
])  # fmt: skip
def test_a_deadline_not_after_the_projects_end(value: str, end: str, flagged: bool) -> None:
    draft = clean()
    draft.project.end = end
    for row in draft.implementation.schedule:
        row.end = end
    draft.performance.indicators[TIMELY].value = value
    if flagged:
        message = only(draft, f"performance.indicators.{TIMELY}.value", "warning")
        assert message.startswith(f"时效指标“指标2”的指标值“{value}”（") and message.endswith(
            f"晚于项目起止时间（结束）{end}"
        )
    else:
        assert check(draft) == []


def test_several_numbers_suggest_one_row_each() -> None:
    draft = clean()
    draft.performance.indicators[0].value = "1.12次；\n2.4次"
    assert only(draft, "performance.indicators.0.value", "warning") == (
        "第1行（数量指标“指标0”）的指标值“1.12次； 2.4次”含有多个数值：一体化系统每行只填一个数，建议每个数值单独一行"
    )
