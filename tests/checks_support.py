"""Shared by the checks tests: a clean draft to break one thing in, and ways to pick findings."""

from __future__ import annotations

from forms.checks.runner import Finding, check
from forms.model.declaration import Declaration, ExpenseLine, ScheduleRow, new_declaration


def clean() -> Declaration:
    """A complete, consistent draft: 25 万元 of 区级资金 spent on two lines, in 2021."""
    draft = new_declaration(year="2021")
    draft.unit = "区行政审批服务局"
    p = draft.project
    p.name, p.attribute, p.department = "电子政务外网线路租赁", "延续项目", "区行政审批服务局"
    p.start, p.end, p.leader, p.leader_phone = "2021.01", "2021.12", "胡敏", "5720008"
    p.liaison, p.liaison_phone, p.types = "田静", "0571-88886666", ["行政事业类", "修缮类"]
    draft.funding.total_last_year, draft.funding.total_this_year = "25", "25"
    draft.funding.sources[3].last_year, draft.funding.sources[3].this_year = "25", "25"
    draft.expenses.total_last_year, draft.expenses.total_this_year = "25", "25"
    draft.expenses.lines = [ExpenseLine(item="维修费", last_year="8", this_year="8"),
                            ExpenseLine(item="租赁费", last_year="17", this_year="17")]  # fmt: skip
    draft.implementation.schedule = [ScheduleRow(task="线路租赁", start="2021.01", end="2021.12")]
    draft.performance.annual_goal = "政务外网稳定运行"
    values = ["14个", "90%", "年底前", "25万元", "100%", "40名", "3个", "1年", "≥90%"]
    for index, (row, value) in enumerate(zip(draft.performance.indicators, values, strict=True)):
        row.name, row.value = f"指标{index}", value
    draft.sign_off.fill_date = "2021.03.05"
    return draft


def at(findings: list[Finding], path: str) -> list[Finding]:
    return [f for f in findings if f.path == path]


def only(draft: Declaration, path: str, severity: str = "error") -> str:
    """The one finding of ``draft``; it must be at ``path`` with ``severity``. Returns its message."""
    findings = check(draft)
    assert len(findings) == 1, findings
    assert (findings[0].path, findings[0].severity) == (path, severity), findings
    return findings[0].message
