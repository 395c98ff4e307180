"""Validation of a declaration: money, required fields, template vocabulary, dates, phones and the status line.

Each rule has a failing case and a passing one: ``clean()`` (tests/checks_support.py)
is a complete draft with no findings at all, and each test breaks one thing in it.
"""

from __future__ import annotations

from checks_support import at, clean, only
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.checks import Finding, check, errors, phone_problem, status_text, warnings
from forms.model import ExpenseLine, Imported, Leftover, ScheduleRow


def test_clean_draft_has_no_findings() -> None:
    assert check(clean()) == []
    assert status_text(check(clean())) == "✓"


# --- money --------------------------------------------------------------------------------------


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
    assert "成本指标 30 万元 ≠" in only(draft, "performance.indicators.3.value", "warning")


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


# --- required fields and the template's vocabulary ----------------------------------------------


def test_required_fields() -> None:
    draft = clean()
    draft.year = draft.project.name = draft.project.attribute = draft.project.leader = " "
    draft.project.start = draft.project.end = draft.performance.annual_goal = ""
    findings = check(draft)
    assert [(f.path, f.message) for f in errors(findings)] == [
        ("year", "年度未填写"),
        ("project.name", "项目名称未填写"),
        ("project.attribute", "项目属性未填写"),
        ("project.start", "项目起止时间（开始）未填写"),
        ("project.end", "项目起止时间（结束）未填写"),
        ("project.leader", "项目负责人未填写"),
        ("performance.annual_goal", "本年度绩效目标未填写"),
    ]


def test_header_warnings() -> None:
    draft = clean()
    draft.unit = ""
    assert only(draft, "unit", "warning") == "填报单位未填写"
    draft = clean()
    draft.project.department = ""
    assert only(draft, "project.department", "warning") == "主管部门未填写"


def test_attribute_must_be_a_template_choice() -> None:
    draft = clean()
    draft.project.attribute = "续建项目"
    assert only(draft, "project.attribute") == "项目属性“续建项目”不是可选项（新增项目、延续项目）"


def test_project_types() -> None:
    draft = clean()
    draft.project.types = ["行政事业类", "装修类"]
    assert only(draft, "project.types.1") == "项目类型“装修类”不是本表样的选项"
    draft.project.types = ["修缮类"]
    assert only(draft, "project.types.0", "warning") == "项目类型勾选了“修缮类”，但未勾选其所属的“行政事业类”"
    draft.project.types = ["行政事业类", "其他专项类"]
    assert "勾选了多个类别：行政事业类、其他专项类" in only(draft, "project.types", "warning")
    draft.project.types = []
    assert only(draft, "project.types", "warning") == "项目类型未勾选"
    draft.project.types = ["其他专项类"]
    assert check(draft) == []


def test_unknown_template_is_one_error_not_a_crash() -> None:
    draft = clean()
    draft.template = "no-such-template"
    findings = check(draft)
    assert [(f.severity, f.path) for f in findings] == [("error", "template")]
    assert "未知的表样模板" in findings[0].message


# --- dates --------------------------------------------------------------------------------------


def test_year_malformed() -> None:
    draft = clean()
    draft.year = "二〇二一"
    assert only(draft, "year").startswith("年度：不是有效的年度")


def test_malformed_project_dates() -> None:
    draft = clean()
    draft.project.end = "2021.13"
    assert only(draft, "project.end") == "项目起止时间（结束）：月份 13 不在 1–12 之间：“2021.13”"


def test_project_start_after_end() -> None:
    draft = clean()
    draft.project.start, draft.project.end = "2021.12", "2021.01"
    findings = errors(check(draft))
    assert "项目起止时间开始 2021.12 晚于结束 2021.01" in findings[0].message
    assert findings[0].path == "project.start"


def test_schedule_dates() -> None:
    draft = clean()
    row = draft.implementation.schedule[0]
    row.start = "2021.1.x"
    assert only(draft, "implementation.schedule.0.start").startswith("项目年度实施进度计划“线路租赁”开始时间：")
    row.start, row.end = "2021.06", "2021.03"
    assert "开始 2021.06 晚于结束 2021.03" in only(draft, "implementation.schedule.0.start")
    row.start, row.end = "2021.01", "2021年12月"
    assert check(draft) == []


def test_schedule_outside_project_period_is_an_error() -> None:
    draft = clean()
    draft.project.start = "2021.03"
    message = only(draft, "implementation.schedule.0.start")
    assert message == "项目年度实施进度计划“线路租赁”开始时间 2021.01 超出项目起止时间 2021.03–2021.12"


def test_schedule_outside_the_year_is_a_warning() -> None:
    draft = clean()
    draft.project.end = "2022.06"
    draft.implementation.schedule[0].end = "2022.03"
    assert "结束时间 2022.03 不在年度 2021 内" in only(draft, "implementation.schedule.0.end", "warning")


def test_project_period_not_covering_the_year() -> None:
    draft = clean()
    draft.project.start, draft.project.end = "2022.01", "2022.12"
    draft.implementation.schedule = []
    assert only(draft, "project.start", "warning") == "项目起止时间 2022.01–2022.12 不在年度 2021 之内"
    draft.project.start = "2020.01"
    assert check(draft) == []


def test_fill_date() -> None:
    draft = clean()
    draft.sign_off.fill_date = "2021年2月30日"
    assert only(draft, "sign_off.fill_date") == "填表时间：日期不存在：“2021年2月30日”"
    draft.sign_off.fill_date = "2021年3月"
    assert check(draft) == []


# --- phones, leftovers, status ------------------------------------------------------------------


def test_phone_numbers() -> None:
    for good in ["5720008", "88886666", "0571-88886666", "(0571)88886666", "138 0013 8000", "+86 13800138000",
                 "5720008/13800138000", "０５７１－８８８８６６６６", ""]:  # fmt: skip
        assert phone_problem(good) is None, good
    for bad in ["572000", "123456789", "0571-888", "23800138000", "胡敏", "5720008转"]:
        assert phone_problem(bad) is not None, bad
    draft = clean()
    draft.project.leader_phone = "572000"
    assert only(draft, "project.leader_phone", "warning").startswith("项目负责人的联系电话“572000”不像是电话号码")


def test_leftovers_are_quoted() -> None:
    draft = clean()
    draft.imported = Imported(source="a.docx", leftovers=[Leftover(line=12, text="备注：另附合同")])
    assert only(draft, "imported.leftovers.0", "warning") == "导入时第 12 行的内容未能归入任何栏目：“备注：另附合同”"


def test_findings_come_in_form_order() -> None:
    draft = clean()
    draft.sign_off.fill_date = "x"
    draft.performance.indicators[0].value = ""
    draft.expenses.total_this_year = ""
    draft.project.leader_phone = "1"
    draft.unit = ""
    paths = [f.path for f in check(draft)]
    assert paths == [
        "unit",
        "project.leader_phone",
        "expenses.total_this_year",
        "performance.indicators.0.value",
        "sign_off.fill_date",
    ]


def test_status_text() -> None:
    e, w = Finding("error", "year", "x"), Finding("warning", "unit", "y")
    assert status_text([]) == "✓"
    assert status_text([w, w, w]) == "3 个警告"
    assert status_text([e, e]) == "2 个错误"
    assert status_text([e, w, e, w, w]) == "2 个错误，3 个警告"
    assert errors([e, w]) == [e] and warnings([e, w]) == [w]


_PATHS = ["year", "unit", "project.name", "project.attribute", "project.start", "project.end",
          "project.leader_phone", "funding.total_this_year", "funding.sources.0.last_year", "expenses.total_last_year",
          "performance.annual_goal", "sign_off.fill_date"]  # fmt: skip


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_PATHS), st.text(max_size=12)), max_size=8),
       st.lists(st.tuples(st.text(max_size=6), st.text(max_size=6), st.text(max_size=6)), max_size=4),
       st.lists(st.text(max_size=8), max_size=4))  # fmt: skip
def test_check_never_raises(edits, lines, types) -> None:
    draft = clean()
    for path, text in edits:
        *parents, field = path.split(".")
        target = draft
        for part in parents:
            target = target[int(part)] if part.isdigit() else getattr(target, part)
        setattr(target, field, text)
    draft.expenses.lines = [ExpenseLine(item=a, last_year=b, this_year=c) for a, b, c in lines]
    draft.implementation.schedule = [ScheduleRow(task=a, start=b, end=c) for a, b, c in lines]
    draft.project.types = types
    for finding in check(draft):
        assert finding.severity in ("error", "warning") and finding.message
