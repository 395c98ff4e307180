"""Checks of the money tables: declared 合计 against rows, the two tables against each other, bad amounts.

Each test breaks one thing in ``clean()`` (tests/checks_support.py), a draft with no findings.
"""

from __future__ import annotations

from checks_support import at, clean, only

from forms.checks.runner import check, errors


def test_funding_total_against_sources_this_year() -> None:
    draft = clean()
    draft.funding.sources[3].this_year = "24.5"
    findings = check(draft)
    message = at(findings, "funding.total_this_year")[0].message
    assert message == "项目资金申请合计（本年度申请资金）25 ≠ 各资金来源之和 24.5"
    # The cross-check against 支出明细 still holds (both declare 25), so that is the only error.
    assert len(errors(findings)) == 1


def test_funding_total_against_sources_last_year_is_its_own_column() -> None:
    draft = clean()
    draft.funding.sources[0].last_year = "1"
    assert only(draft, "funding.total_last_year") == "项目资金申请合计（上年度安排资金）25 ≠ 各资金来源之和 26"


def test_expense_total_against_lines() -> None:
    draft = clean()
    draft.funding.total_this_year = draft.funding.sources[3].this_year = "48.6"
    draft.expenses.total_this_year = "48.6"
    draft.expenses.lines[1].this_year = "40.588"
    draft.performance.indicators[3].value = "48.6万元"
    assert only(draft, "expenses.total_this_year") == "支出明细预算合计（本年度申请资金）48.6 ≠ 各行之和 48.588"


def test_exact_decimals() -> None:
    draft = clean()
    for table in (draft.funding, draft.expenses):
        table.total_this_year = "0.3"
    draft.funding.sources[0].this_year, draft.funding.sources[3].this_year = "0.1", "0.2"
    draft.expenses.lines[0].this_year, draft.expenses.lines[1].this_year = "0.1", "0.2"
    draft.performance.indicators[3].value = "0.3万元"
    assert check(draft) == []


def test_blank_total_with_rows_is_an_error() -> None:
    draft = clean()
    draft.expenses.total_last_year = ""
    assert only(draft, "expenses.total_last_year") == "支出明细预算合计（上年度安排资金）未填写，各行之和为 25"


def test_all_blank_column_is_fine() -> None:
    draft = clean()
    draft.project.attribute = "新增项目"
    for table in (draft.funding, draft.expenses):
        table.total_last_year = ""
    draft.funding.sources[3].last_year = ""
    for line in draft.expenses.lines:
        line.last_year = ""
    assert check(draft) == []


def test_no_money_requested_at_all_is_queried() -> None:
    draft = clean()
    for table in (draft.funding, draft.expenses):
        table.total_this_year = ""
    draft.funding.sources[3].this_year = ""
    for line in draft.expenses.lines:
        line.this_year = ""
    draft.performance.indicators[3].value = "控制在预算内"
    assert only(draft, "funding.total_this_year", "warning") == "项目资金申请（本年度申请资金）未填写"


def test_malformed_budget_is_not_compared_with_the_cost() -> None:
    draft = clean()
    draft.funding.total_this_year = "2O"  # letter O: the budget is unknown, so 30万元 is not queried
    draft.performance.indicators[3].value = "30万元"
    assert only(draft, "funding.total_this_year").endswith("不是有效的金额：“2O”（请填写数字，如 12.5）")
    draft.funding.total_this_year = "25"
    assert "“30万元”超过项目资金申请合计" in only(draft, "performance.indicators.3.value", "warning")


def test_funding_against_expenses() -> None:
    draft = clean()
    draft.expenses.total_this_year = "24"
    draft.expenses.lines[1].this_year = "16"
    message = only(draft, "expenses.total_this_year")
    assert message == "项目资金申请合计（本年度申请资金）25 ≠ 支出明细预算合计 24"


def test_declared_total_with_no_rows_at_all() -> None:
    draft = clean()
    draft.expenses.lines = []
    findings = check(draft)
    assert [f.message for f in at(findings, "expenses.total_this_year")] == [
        "支出明细预算合计（本年度申请资金）25 ≠ 各行之和 0"
    ]


def test_malformed_amounts_name_the_field_and_skip_the_sums() -> None:
    for text, fragment in [("-5", "不能为负数"), ("1.2345678", "最多保留 6 位小数"), ("二十五", "不是有效的金额"),
                           ("250000元", "以万元为单位")]:  # fmt: skip
        draft = clean()
        draft.funding.sources[3].this_year = text
        message = only(draft, "funding.sources.3.this_year")
        assert message.startswith("项目资金申请·区级资金（本年度申请资金）：")
        assert fragment in message


def test_malformed_expense_line_and_total() -> None:
    draft = clean()
    draft.expenses.lines[0].last_year = "8..0"
    draft.expenses.total_this_year = "abc"
    findings = check(draft)
    assert [f.path for f in findings] == ["expenses.total_this_year", "expenses.lines.0.last_year"]
    assert findings[1].message.startswith("支出明细预算“维修费”（上年度安排资金）：")


def test_amounts_with_units_and_full_width_digits_are_accepted() -> None:
    draft = clean()
    draft.funding.total_this_year = "２５万元"
    draft.expenses.lines[1].this_year = " 17.00 "
    assert check(draft) == []


def test_expense_line_with_money_but_no_item() -> None:
    draft = clean()
    draft.expenses.lines[1].item = ""
    assert "第 2 行有金额，但未填写项目名称" in only(draft, "expenses.lines.1.item", "warning")


def test_new_project_with_prior_year_money() -> None:
    draft = clean()
    draft.project.attribute = "新增项目"
    assert only(draft, "project.attribute", "warning") == "项目属性为新增项目，但上年度安排资金为 25 万元"


def test_continuing_project_without_prior_year_money() -> None:
    draft = clean()
    for table in (draft.funding, draft.expenses):
        table.total_last_year = "0"
    draft.funding.sources[3].last_year = "0"
    for line in draft.expenses.lines:
        line.last_year = ""
    assert "项目属性为延续项目，但未填写上年度安排资金" in only(draft, "project.attribute", "warning")
