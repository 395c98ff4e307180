"""Validation of a declaration: required fields, template vocabulary, dates, phones, leftovers and the status line.

Each rule has a failing case and a passing one: ``clean()`` (tests/checks_support.py)
is a complete draft with no findings at all, and each test breaks one thing in it.
"""

from __future__ import annotations

from checks_support import clean, only
from hypothesis import given
from hypothesis import strategies as st
from property_settings import examples

from forms.checks.runner import Finding, check, errors, phone_problem, status_text, warnings
from forms.model.declaration import ExpenseLine, Imported, Leftover, ScheduleRow


def test_clean_draft_has_no_findings() -> None:
    assert check(clean()) == []
    assert status_text(check(clean())) == "✓"


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


@examples(60)
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
