"""Checks that follow the template's shape: subtotals, no 支出明细 where there is none, 成本 as 一级, weights, sides."""

from __future__ import annotations

import pytest
from template_support import filled

from forms.checks.runner import check
from forms.model.declaration import Declaration, ScheduleRow, new_declaration


@pytest.mark.parametrize("template_id", ["2022-cost", "city-benji", "subtotals"])
def test_a_complete_draft_of_each_template_has_no_finding(template_id: str) -> None:
    draft = filled(template_id)
    assert [f for f in check(draft) if f.severity == "error"] == []
    if draft.form_template().has("expenses"):  # its 支出明细 is part of the form: 合计 is judged against it
        draft.expenses.lines, draft.expenses.total_this_year = [], ""
        messages = [f.message for f in check(draft) if f.severity == "error"]
        assert messages == ["项目资金合计（本年度申请资金）100 ≠ 支出明细预算合计 0"]


@pytest.mark.parametrize("template_id", ["city-benji", "subtotals"])
def test_no_expenses_finding_where_the_form_has_no_expenses_table(template_id: str) -> None:
    draft = filled(template_id)
    messages = [f.message for f in check(draft)]
    assert not any("支出明细" in m for m in messages), messages
    assert not any("上年度" in m for m in messages), messages  # no 上年度 column, no 新增/延续 judgement


def test_each_subtotal_is_checked_against_its_rows_and_the_total_counts_it_once() -> None:
    draft = new_declaration("subtotals", year="2023")
    rows = {row.source: row for row in draft.funding.sources}
    rows["一般公共预算"].this_year, rows["政府性基金"].this_year = "60", "10"
    rows["财政拨款小计"].this_year = "80"
    rows["事业收入"].this_year, rows["经营性收入"].this_year = "5", "5"  # 自有资金小计 left blank: its rows count
    rows["其他收入"].this_year = "1"
    draft.funding.total_this_year = "91"
    money = [f for f in check(draft) if f.path.startswith("funding")]
    assert [(f.path, f.message) for f in money] == [
        ("funding.sources.0.this_year", "财政拨款小计（金额）80 ≠ 一般公共预算、政府性基金、国有资本经营预算之和 70")
    ]
    rows["财政拨款小计"].this_year = "70"
    rows["自有资金小计"].this_year = "12"
    draft.funding.total_this_year = "83"
    money = [f.message for f in check(draft) if f.path.startswith("funding")]
    assert money == ["自有资金小计（金额）12 ≠ 事业收入、经营性收入之和 10"]
    draft.funding.total_this_year = "90"
    money = [f.message for f in check(draft) if f.path.startswith("funding")]
    assert "年度资金总额（金额）90 ≠ 各资金来源之和 83" in money


def test_cost_level1_is_checked_against_the_budget() -> None:
    draft = filled("2022-cost")
    cost = next(i for i, row in enumerate(draft.performance.indicators) if row.level2 == "经济成本指标")
    draft.performance.indicators[cost].value = "80万元"
    found = [f for f in check(draft) if f.path == f"performance.indicators.{cost}.value"]
    assert [f.message for f in found] == ["经济成本指标 80 万元 ≠ 项目资金合计（本年度申请资金）100 万元"]


def test_a_separate_unit_column_completes_a_bare_number() -> None:
    draft = filled("2022-cost")
    draft.performance.indicators[0].value, draft.performance.indicators[0].unit = "95", "%"
    assert not [f for f in check(draft) if f.path == "performance.indicators.0.value"]
    draft.performance.indicators[0].unit = ""
    assert [f for f in check(draft) if f.path == "performance.indicators.0.value"]


def weighted(weights: dict[str, list[str]]) -> Declaration:
    draft = filled("2022-cost")
    for row in draft.performance.indicators:
        share = weights.get(row.level1, [])
        row.weight = share.pop(0) if share else ""
    return draft


def weight_messages(draft: Declaration) -> list[str]:
    return [f.message for f in check(draft) if f.path.endswith(".weight") or f.path == "performance.weights"]


def test_weights_are_optional_and_a_good_set_passes() -> None:
    assert weight_messages(filled("2022-cost")) == []
    good = {"产出指标": ["20", "20", "10"], "成本指标": ["20"], "效益指标": ["20"], "满意度指标": ["10"]}
    assert weight_messages(weighted(good)) == []


def test_weights_must_add_up_and_sit_in_each_range() -> None:
    draft = weighted({"产出指标": ["20", "20", "10"], "成本指标": ["25"], "效益指标": ["20"], "满意度指标": ["10"]})
    assert set(weight_messages(draft)) == {"成本指标的分值为 25，应在 0–20 之间", "各指标分值之和为 105，应为 100"}
    draft = weighted({"产出指标": ["十分"]})
    assert weight_messages(draft) == ["分值“十分”不是数字（如 10）"]


def test_the_weight_line_sums_each_level1_and_says_what_is_out_of_range() -> None:
    from forms.checks.weights import weight_line

    draft = weighted({"产出指标": ["20", "20", "10"], "成本指标": ["25"], "效益指标": ["20"], "满意度指标": ["10"]})
    line = "分值  产出 50  成本 25（0–20）  效益 20  满意度 10  合计 105（应为 100）"
    assert weight_line(draft, draft.form_template()) == line
    assert weight_line(filled("subtotals"), filled("subtotals").form_template()) == ""


def test_a_declared_level1_weight_must_match_its_rows() -> None:
    draft = weighted({"产出指标": ["20", "20", "10"], "成本指标": ["20"], "效益指标": ["20"], "满意度指标": ["10"]})
    draft.performance.weights = {"产出指标": "45"}
    assert weight_messages(draft) == ["产出指标的分值 45 ≠ 其三级指标分值之和 50"]


def test_sides_are_judged_each_on_its_own() -> None:
    draft = filled("city-benji")
    year = [i for i, row in enumerate(draft.performance.indicators) if row.side == "本年度"]
    for i in year:
        draft.performance.indicators[i].name = draft.performance.indicators[i].value = ""
    messages = [f.message for f in check(draft) if f.severity == "error"]
    assert "本年度：一级指标“产出指标”下没有填写任何指标" in messages
    assert not any(m.startswith("实施期：") for m in messages)
    # The same indicator on both sides is no repeat; the 实施期 成本 is not compared with the year's budget.
    draft = filled("city-benji")
    for row in draft.performance.indicators:
        row.name = row.name.removeprefix(row.side or "")
        if row.side == "实施期" and row.level2 == "成本指标":
            row.value = "300万元"
    assert [f for f in check(draft) if "重复" in f.message or "成本" in f.message] == []


def test_a_period_may_cross_the_year_end_where_the_template_says_so() -> None:
    draft = filled("city-benji")
    draft.project.start, draft.project.end = "2023.07", "2024.01"
    draft.implementation.schedule = [ScheduleRow(task="验收", start="2023.12", end="2024.01")]
    assert [f for f in check(draft) if f.path.startswith(("project.start", "project.end", "implementation"))] == []
    district = new_declaration(year="2023")
    district.project.start, district.project.end = "2023.07", "2024.01"
    district.implementation.schedule = [ScheduleRow(task="验收", start="2023.12", end="2024.01")]
    assert [f.message for f in check(district) if f.path == "implementation.schedule.0.end"] == [
        "项目年度实施进度计划“验收”结束时间 2024.01 不在年度 2023 内"
    ]
