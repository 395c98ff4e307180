"""Indicator help: names and values from other drafts, the cost from the budget, common values."""

import pytest
from repo_paths import DRAFTS

from forms.checks.indicators import value_problem
from forms.model.declaration import Declaration, Indicator, new_declaration
from forms.model.template import load_template
from forms.store.drafts import draft_paths, load_draft
from forms.workflows.suggestions import (
    COMMON_VALUES,
    IndicatorHelp,
    cost_value,
    indicator_suggestions,
    matching,
    value_suggestions,
)

EXAMPLES = DRAFTS


@pytest.fixture(scope="module")
def drafts() -> list[Declaration]:
    return [load_draft(path) for path in draft_paths(EXAMPLES)]


@pytest.fixture(scope="module")
def help_(drafts: list[Declaration]) -> IndicatorHelp:
    return IndicatorHelp(drafts)


def test_names_used_most_come_first(help_: IndicatorHelp) -> None:
    names = help_.names("数量指标")
    # 进驻窗口单位 is the 数量指标 of three of the seven reference forms.
    assert names[0] == "进驻窗口单位"
    assert "印刷优化营商环境办事指南" in names and "网络安全设备测试单位个数" in names
    assert len(names) == len(set(names))


def test_names_are_per_category(help_: IndicatorHelp) -> None:
    assert "进驻窗口单位" not in help_.names("服务对象满意度")
    assert help_.names("不存在的指标") == []


def test_values_for_the_same_name_come_first_then_the_category_then_common(help_: IndicatorHelp) -> None:
    values = help_.values("时效指标", "压缩新开企业办理时间")
    assert values[0] == "1天"
    assert values[1] == "年底前"  # the most used 时效指标 value of the other forms
    assert "按期完成" in values and values.index("按期完成") > values.index("年底前")
    assert len(values) == len(set(values))


def test_satisfaction_offers_the_common_thresholds(help_: IndicatorHelp) -> None:
    values = help_.values("服务对象满意度", "群众满意度")
    assert values[0] == "90%"
    assert {"≥90%", "≥95%"} <= set(values)


def test_cost_is_offered_from_the_drafts_own_budget_only(drafts: list[Declaration], help_: IndicatorHelp) -> None:
    business = next(d for d in drafts if d.project.name == "优化营商环境经费")
    software = next(d for d in drafts if d.project.name == "行政审批服务局软硬件运维费")
    assert help_.values("成本指标", "控制在预算内", draft=business) == ["13万元"]
    assert help_.values("成本指标", draft=software) == ["48.588万元"]
    assert help_.values("成本指标", draft=new_declaration()) == []
    assert help_.values("成本指标") == []


def test_cost_value_prefers_the_declared_total_and_falls_back_to_the_sum() -> None:
    draft = new_declaration(year="2022")
    assert cost_value(draft) is None
    draft.funding.sources[3].this_year = "20"
    draft.funding.sources[0].this_year = "5.5"
    assert cost_value(draft) == "25.5万元"
    draft.funding.total_this_year = "２５"
    assert cost_value(draft) == "25万元"


def test_blank_names_and_values_are_never_offered_and_text_is_stripped() -> None:
    draft = new_declaration()
    draft.performance.indicators = [
        Indicator(level1="产出指标", level2="数量指标", name="  培训人次 ", value=" 100人次 "),
        Indicator(level1="产出指标", level2="数量指标", name="", value=""),
    ]
    help_ = IndicatorHelp([draft])
    assert help_.names("数量指标") == ["培训人次"]
    assert help_.values("数量指标", "培训人次") == ["100人次"]


def test_wrappers_match_the_class(drafts: list[Declaration], help_: IndicatorHelp) -> None:
    assert indicator_suggestions(drafts, "质量指标") == help_.names("质量指标")
    assert value_suggestions(drafts, "质量指标", "企业群众服务满意率") == help_.values("质量指标", "企业群众服务满意率")


def test_matching_puts_prefix_matches_before_substring_matches() -> None:
    names = ["企业群众服务满意率", "满意度", "满意度调查次数", "群众满意度"]
    assert matching(names, "满意") == ["满意度", "满意度调查次数", "企业群众服务满意率", "群众满意度"]
    assert matching(names, "满意度") == ["满意度调查次数", "群众满意度"]
    assert matching(names, "  ") == names
    assert matching(names, "没有") == []


def test_common_values_are_measurable_targets_for_the_checks() -> None:
    template = load_template()
    for category, values in COMMON_VALUES.items():
        assert template.group_of(category) is not None, category
        for value in values:
            assert value_problem(value, template) is None, value
