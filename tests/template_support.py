"""Drafts of the templates beyond district-2021, for the checks, render, editor and command-line tests."""

from __future__ import annotations

from forms.model.declaration import Declaration, ExpenseLine, new_declaration

NEW_TEMPLATES = ("2022-cost", "city-benji", "subtotals")


def filled(template_id: str) -> Declaration:
    """A complete, consistent draft of a template: every 二级 named, 成本 the budget, goals and dates set.

    100 万元 in one top-level funding row (其他收入 under subtotals), spent on one 支出明细 line where the
    form has the table; extra indicator columns filled where the template has them.
    """
    draft = new_declaration(template_id, year="2023")
    draft.unit = "市行政审批服务局"
    p = draft.project
    p.name, p.attribute, p.department, p.leader = "政务服务大厅运行", "新增项目", "市行政审批服务局", "胡敏"
    p.start, p.end, p.types = "2023.01", "2023.12", ["其他专项类"]
    draft.performance.long_term_goal, draft.performance.annual_goal = "大厅稳定运行", "全年运行"
    draft.sign_off.fill_date = "2023.03.05"
    first = draft.funding.sources[-1] if template_id == "subtotals" else draft.funding.sources[0]
    first.this_year = draft.funding.total_this_year = "100"
    template = draft.form_template()
    for index, row in enumerate(draft.performance.indicators):
        row.name = f"{row.side or ''}指标{index}"
        row.value = "100万元" if row.level2 == template.rules.cost_category else "95%"
        for column in template.indicator_columns:
            if column in ("explanation", "standard", "note"):
                setattr(row, column, f"说明{index}")
    if template.has("expenses"):
        draft.expenses.total_this_year = "100"
        draft.expenses.lines = [ExpenseLine(item="运行费", this_year="100")]
    return draft
