"""Checks shared by the Word and Excel export tests: where each label and value of a draft must be."""

from __future__ import annotations

from repo_paths import DRAFTS

from forms.model.declaration import Declaration
from forms.model.money import display_amount
from forms.model.template import load_template
from forms.render.parts import period

TEMPLATE = load_template()
DRAFTS = sorted((DRAFTS).glob("*.toml"))
"""The seven example drafts."""
COLUMNS = len(TEMPLATE.layout.columns_cm)


def row_of(rows: list[list[str]], col: int, text: str) -> list[str]:
    found = [row for row in rows if row[col] == text]
    assert found, f"no row with {text!r} in column {col}"
    return found[0]


def check_form_rows(rows: list[list[str]], draft: Declaration) -> None:
    """Every label and value of ``draft`` in its cell of the form's table (a merged cell repeated where it spans)."""
    assert all(len(row) == COLUMNS for row in rows)
    p = draft.project
    assert row_of(rows, 1, "项目名称")[2:] == [p.name] * 5
    assert row_of(rows, 1, "主管部门")[2] == p.department
    assert row_of(rows, 1, "主管部门")[4:] == ["项目起止时间", period(draft), period(draft)]
    leader = row_of(rows, 1, "项目负责人")
    assert leader[2] == p.leader and leader[4] == "联系电话" and leader[5] == p.leader_phone
    liaison = row_of(rows, 1, "绩效管理联络员")
    assert liaison[2] == p.liaison and liaison[5] == p.liaison_phone
    assert row_of(rows, 1, "项目概况")[2] == p.overview
    assert row_of(rows, 1, "项目立项依据")[2] == p.basis
    attribute = row_of(rows, 1, "项目属性")[2]
    assert f"{p.attribute}☑" in attribute and attribute.count("☑") == 1
    types = row_of(rows, 1, "项目类型")[2]
    assert all(f"{t}☑" in types for t in p.types) and types.count("☑") == len(p.types)
    funding = [row for row in rows if row[1] == "项目资金申请（万元）"]
    assert funding[0][2:] == ["项 目", "项 目", "上年度安排资金", "本年度申请资金", "本年度申请资金"]
    assert [r[2] for r in funding[1:]] == ["合 计", *TEMPLATE.funding_sources]
    assert funding[1][4:6] == [
        display_amount(draft.funding.total_last_year),
        display_amount(draft.funding.total_this_year),
    ]
    for source in draft.funding.sources:
        row = row_of(funding, 2, source.source)
        assert row[4:6] == [display_amount(source.last_year), display_amount(source.this_year)]
    expenses = [row for row in rows if row[1] == "支出明细预算（万元）"]
    assert expenses[0][2:] == ["项 目", "项 目", "上年度安排资金", "本年度申请资金", "测算依据及说明"]
    assert expenses[1][2:] == ["合 计", "合 计", *(display_amount(a) for a in (draft.expenses.total_last_year,
                               draft.expenses.total_this_year)), draft.expenses.total_basis]  # fmt: skip
    for line, row in zip(draft.expenses.lines, expenses[2:], strict=True):
        assert row[2:] == [line.item, line.item, display_amount(line.last_year), display_amount(line.this_year),
                           line.basis]  # fmt: skip
    assert row_of(rows, 0, "单位已有的（或拟订的）保障项目实施的制度、措施")[2] == draft.implementation.measures
    schedule = [row for row in rows if row[0] == "项目年度实施进度计划"]
    assert schedule[0][1:] == ["项目实施内容"] * 3 + ["开始时间", "结束时间", "结束时间"]
    for item, row in zip(draft.implementation.schedule, schedule[1:], strict=True):
        assert row[1:] == [item.task] * 3 + [item.start, item.end, item.end]
    goals = [row for row in rows if row[0] == "项目年度绩效目标情况"]
    assert row_of(goals, 1, "长期绩效目标")[2] == draft.performance.long_term_goal
    assert row_of(goals, 1, "本年度绩效目标")[2] == draft.performance.annual_goal
    indicators = [row for row in goals if row[1] == "项目年度绩效指标"]
    assert indicators[0][2:] == ["一级指标", "二级指标", "三级指标", "三级指标", "指标值"]
    filled = [i for i in draft.performance.indicators if i.name.strip() or i.value.strip()]
    found = [(r[2], r[3], r[4], r[6]) for r in indicators[1:] if r[4] or r[6]]
    assert found == [(i.level1, i.level2, i.name, i.value) for i in filled]
    assert row_of(rows, 0, "其他说明的问题")[2] == draft.sign_off.other_notes
    opinion, stamp = [row for row in rows if row[0] == "财政部门审核意见"]
    assert opinion[2] == draft.sign_off.finance_opinion and stamp[2] == "（盖章）\n年    月    日"
