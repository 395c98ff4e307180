"""Checks of the indicator table: taxonomy, coverage, quantified values, repeats and the 成本指标 figure."""

from __future__ import annotations

import pytest
from checks_support import clean, only

from forms.checks.indicators import value_problem
from forms.checks.runner import check, errors, warnings
from forms.model.declaration import Indicator
from forms.model.template import load_template

TEMPLATE = load_template("district-2021")
# Row numbers of the clean draft's skeleton: 产出指标 0–3 (数量 质量 时效 成本), 效益指标 4–8.
COST, SOCIAL, ENVIRONMENT = 3, 5, 6


@pytest.mark.parametrize(
    "value",
    ["14个", "90%", "９０％", "≥50%", "1.12次；\n\n2.4次", "每月末\n\n每季度末", "年底前", "年底前完成", "持续",
     "1个工作日", "100兆", "100Mbps", "≥90", "不低于 90", "达到95", "90以上", "三个", "两次", "良好", "效果良好",
     "满意度达90%", "2021年底前"],
)  # fmt: skip
def test_measurable_values(value: str) -> None:
    assert value_problem(value, TEMPLATE) is None


@pytest.mark.parametrize("value", ["90", " 1.5 ", "１００"])
def test_bare_number_lacks_a_unit(value: str) -> None:
    assert "缺少单位" in (value_problem(value, TEMPLATE) or "")


@pytest.mark.parametrize("value", ["较为满意", "一般", "逐步改善", "尽快", "按要求"])
def test_unquantified_values(value: str) -> None:
    assert "未量化" in (value_problem(value, TEMPLATE) or "")


def test_value_warning_names_the_indicator() -> None:
    draft = clean()
    draft.performance.indicators[1].value = "90"
    # With district-2021's 一体化 rules on, a missing unit is the system's error (forms.checks.yitihua).
    message = only(draft, "performance.indicators.1.value")
    assert message == "第2行的计量单位为必录项，必须有值。（质量指标“指标1”：指标值“90”没有写单位，如 90%、90个）"


def test_name_without_value_and_value_without_name() -> None:
    draft = clean()
    draft.performance.indicators[0].value = ""
    # Said as the 一体化 system says it (district-2021 turns its required rule on).
    assert only(draft, "performance.indicators.0.value") == "第1行的指标值为必录项，必须有值。（数量指标“指标0”）"
    draft = clean()
    draft.performance.indicators[7].name = ""
    findings = check(draft)
    assert "第8行的指标名称为必录项，必须有值。（可持续影响）" in at_path(findings, "performance.indicators.7.name")


def test_each_group_needs_an_indicator() -> None:
    draft = clean()
    for row in draft.performance.indicators[4:]:
        row.name = row.value = ""
    findings = check(draft)
    # One error for the group; its categories are not listed one by one on top of it.
    assert [(f.severity, f.path, f.message) for f in findings] == [
        ("error", "performance.indicators.4.name", "一级指标“效益指标”下没有填写任何指标")
    ]


def test_group_with_no_rows_at_all() -> None:
    draft = clean()
    draft.performance.indicators = draft.performance.indicators[:4]
    assert only(draft, "performance.indicators") == "一级指标“效益指标”下没有填写任何指标"


def test_empty_category_is_a_warning() -> None:
    draft = clean()
    for index in (SOCIAL, ENVIRONMENT):
        draft.performance.indicators[index].name = draft.performance.indicators[index].value = ""
    findings = check(draft)
    assert [(f.path, f.message) for f in warnings(findings)] == [
        (f"performance.indicators.{SOCIAL}.name", "效益指标/社会效益 未填写任何指标"),
        (f"performance.indicators.{ENVIRONMENT}.name", "效益指标/环境效益 未填写任何指标"),
    ]
    assert errors(findings) == []


def test_extra_rows_in_a_category_are_fine() -> None:
    draft = clean()
    draft.performance.indicators.insert(
        1, Indicator(level1="产出指标", level2="数量指标", name="培训人次", value="200人次")
    )
    assert check(draft) == []


def test_taxonomy_comes_from_the_template() -> None:
    draft = clean()
    draft.performance.indicators[0].level1 = "投入指标"
    findings = check(draft)
    assert at_path(findings, "performance.indicators.0.level1") == [
        "一级指标“投入指标”不是本表样的一级指标（应为：产出指标、效益指标）"
    ]
    # The row no longer counts for 产出指标, whose 数量指标 is then empty: a true consequence, said once.
    assert len(findings) == 2 and findings[1].message == "产出指标/数量指标 未填写任何指标"
    draft = clean()
    draft.performance.indicators[0].level2 = "规模指标"
    findings = check(draft)
    assert at_path(findings, "performance.indicators.0.level2") == ["二级指标“规模指标”不是本表样的二级指标"]
    assert errors(findings) == findings[:1]
    draft = clean()
    draft.performance.indicators[0].level2 = "社会效益"
    findings = check(draft)
    assert at_path(findings, "performance.indicators.0.level2") == ["二级指标“社会效益”属于效益指标，不属于产出指标"]
    draft = clean()
    draft.performance.indicators.append(Indicator(name="培训人次", value="200人次"))
    assert only(draft, "performance.indicators.9.level1") == "指标“培训人次”未选择一级指标"


def at_path(findings, path: str) -> list[str]:
    return [f.message for f in findings if f.path == path]


def test_repeated_indicator_names_say_where_both_are() -> None:
    draft = clean()
    draft.performance.indicators[4].name = " 指标0 "
    draft.performance.indicators[8].name = "指标\n0"
    findings = check(draft)
    assert [(f.path, f.message) for f in findings] == [
        ("performance.indicators.4.name", "三级指标“指标0”重复出现：产出指标/数量指标、效益指标/经济效益"),
        ("performance.indicators.8.name", "三级指标“指标 0”重复出现：产出指标/数量指标、效益指标/服务对象满意度"),
    ]


def test_cost_against_budget() -> None:
    draft = clean()
    draft.performance.indicators[COST].value = "52万元"
    # Over the budget: the 一体化 review rule names the row (forms.checks.yitihua_review).
    assert only(draft, f"performance.indicators.{COST}.value", "warning") == (
        "成本指标“指标3”的指标值“52万元”超过项目资金申请合计（本年度申请资金）25 万元"
    )
    draft.performance.indicators[COST].value = "20万元"
    assert only(draft, f"performance.indicators.{COST}.value", "warning") == (
        "成本指标 20 万元 ≠ 项目资金申请合计（本年度申请资金）25 万元"
    )
    draft.performance.indicators[COST].value = "控制在250000元以内"
    assert check(draft) == []


def test_cost_without_a_figure() -> None:
    draft = clean()
    draft.performance.indicators[COST].value = "控制在预算内"
    message = only(draft, f"performance.indicators.{COST}.value", "warning")
    assert message == "成本指标的指标值“控制在预算内”未写明金额，无法与项目资金申请合计（本年度申请资金）25 万元核对"


def test_several_cost_rows_are_added_up() -> None:
    draft = clean()
    draft.performance.indicators[COST].value = "20万元"
    draft.performance.indicators.insert(
        COST + 1, Indicator(level1="产出指标", level2="成本指标", name="运维成本", value="5万元")
    )
    assert check(draft) == []


def test_budget_is_the_sources_sum_when_the_total_is_blank() -> None:
    draft = clean()
    draft.funding.total_this_year = draft.expenses.total_this_year = ""
    findings = check(draft)
    # Two blank 合计 errors, and no cost warning: 25 万元 is what the sources add up to.
    assert [f.path for f in findings] == ["funding.total_this_year", "expenses.total_this_year"]
