"""The 一体化 rules over the seven example drafts: exactly these findings, each one a reviewer agrees with.

District-2021 turns every rule it can on (its ``[yitihua]`` table); the drafts have
no unit column, so the unit is read from each 指标值. The printed forms' own
findings (duplicates, unticked classes …) are in ``test_checks_reference``.
"""

from __future__ import annotations

from repo_paths import DRAFTS

from forms.checks.yitihua import yitihua_findings
from forms.store.drafts import draft_paths, load_draft

# Judgement of each: both drafts state a cost target above the money they ask for; a reviewer sends that back.
# (大厅工作人员考核补助: 17.76 against 16.56 requested; 政务大厅租金: 52, the figure of 政务大厅运行经费, copied.)
EXPECTED = {
    "优化营商环境经费": [],
    "大厅工作人员考核补助": [
        ("warning", "performance.indicators.5.value",
         "成本指标“成本控制在预算内”的指标值“17.76万元”超过项目资金申请合计（本年度申请资金）16.56 万元"),
    ],
    "政务大厅租金": [
        ("warning", "performance.indicators.3.value",
         "成本指标“控制在预算内”的指标值“52万元”超过项目资金申请合计（本年度申请资金）15 万元"),
    ],
    "政务大厅运行经费": [],
    "电子政务外网线路租赁": [],
    "网络安全等级测评及设备": [],
    "行政审批服务局软硬件运维费": [],
}  # fmt: skip


def test_the_seven_drafts_raise_exactly_the_listed_findings() -> None:
    drafts = [load_draft(path) for path in draft_paths(DRAFTS)]
    found = {
        draft.project.name: [(f.severity, f.path, f.message) for f in yitihua_findings(draft, draft.form_template())]
        for draft in drafts
    }
    assert found == EXPECTED


def test_every_rule_is_on_for_the_seven_drafts() -> None:
    # So that the list above is the verdict of every rule district-2021 can apply, not of a quiet table.
    rules = load_draft(draft_paths(DRAFTS)[0]).form_template().yitihua
    assert rules.unit_required and rules.required and rules.value_forbidden == "*_-" and rules.name_forbidden
    assert rules.name_max_chars == 100 and rules.column_bytes and rules.required_groups and rules.rate_words
    assert rules.cost_signs and rules.cost_within_budget and rules.timeliness_category and rules.several_numbers
    assert rules.sides_filled
