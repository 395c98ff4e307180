"""The checks over the seven reference forms (tests/data/2021-declaration-forms.txt), read as a reviewer would.

The forms are typed in here by hand from the reference text, so these tests do
not depend on the importer; ``test_example_drafts`` runs the same expectations
over the imported example drafts in ``drafts/``.
"""

from __future__ import annotations

import pytest
from repo_paths import DRAFTS

from forms.checks.runner import Finding, check, errors, status_text
from forms.model.declaration import Declaration, ExpenseLine, ScheduleRow, new_declaration
from forms.store.drafts import draft_paths, load_draft

# name, 联络员 phone, 项目类型, 上年度/本年度 (区级资金 = 合计), expense lines, 进度 task, 本年度绩效目标,
# then the nine indicators in template order (数量 质量 时效 成本 / 经济 社会 环境 可持续 满意度).
REFERENCE = {
    "电子政务外网线路租赁": (
        "5720007", ["修缮类", "其他专项类"], ("25", "25"),
        [("1.维修（护）费", "8", "8"), ("2.租赁费", "17", "17")],
        "电子政务外网线路租赁及维修", "100兆",
        [("进驻窗口单位", "14个"), ("企业群众服务满意率", "90%"), ("政务外网全覆盖", "年底前"),
         ("控制在预算内", "25万元"), ("进驻窗口单位", "14个"), ("增加进驻窗口人员数量", "40名"),
         ("优化受理审批办结流程", "3个"), ("减少群众跑的次数", "1年"), ("群众满意度", "90%")],
    ),
    "行政审批服务局软硬件运维费": (
        "5720001", ["其他专项类"], ("40.98", "48.588"),
        [("政务平台软件服务费", "1.98", "1.98"), ("村级互联网专线业务费", "16", "16"),
         ("政务中心机房及大厅设备维护", "6", "6"), ("12345平台维护", "5", "5"), ("门户网站软件维护", "6", "6"),
         ("村(社区)政务网维护费用", "6", "6"), ("移动云视讯费用", "0", "7.608")],
        "政务平台软件维护", "基本完成",
        [("互联网+政务服务平台建设基本完成率", "90%"), ("相关单位电子证照和实施清单填报工作业务培训", "100%"),
         ("平台建设基本完成", "年底前"), ("成本控制在预算内", "1.98万元"), ("节约部门之间部分来往路费", "100%"),
         ("村社区相关单位电子证照和实施清单填报工作业务培训", "100%"),
         ("LED屏大数据分析系统、自主终端一体机安装部署", "100%"), ("减少群众跑的次数", "1年"),
         ("群众服务满意度", "90%")],
    ),
    "政务大厅运行经费": (
        "5720007", ["行政事业类"], ("56.8", "52"),
        [("办公费", "15", "16"), ("印刷费", "3.6", "6"), ("水费", "1.7", "2.0"), ("电费", "6", "5.5"),
         ("邮电费", "2.5", "1.5"), ("差旅费", "1.8", "1.8"), ("维修（护）费", "10", "3.64"), ("培训费", "3", "2.5"),
         ("公务接待费", "3", "2.2"), ("劳务费", "1", "1"), ("工会经费", "2.64", "2.86"), ("其他交通费", "2.2", "2"),
         ("其他商品和服务支出", "4.36", "5")],
        "政务大厅运行经费", "90%",
        [("进驻窗口单位", "14个"), ("企业群众服务满意率", "90%"), ("窗口单位人员进厅", "年底前"),
         ("控制在预算内", "52万元"), ("节约企业群众以往要来往各单位所产生的费用", "100%"),
         ("减少企业群众来往多个单位的次数", "1次"), ("政务服务能力提高", "≥50%"), ("减少群众跑的次数", "持续"),
         ("企业群众服务满意率", "90%")],
    ),
    "政务大厅租金": (
        "5720007", ["行政事业类"], ("15", "15"), [("房屋租赁费用", "15", "15")],
        "房屋租赁费用", "30个以上窗口",
        [("进驻窗口单位", "14个"), ("企业群众服务满意率", "90%"), ("窗口单位人员进厅", "年底前"),
         ("控制在预算内", "52万元"), ("节约企业群众以往要来往各单位所产生的费用", "100%"),
         ("减少企业群众来往多个单位的次数", "1次"), ("政务服务能力提高", "≥50%"), ("减少群众跑的次数", "1年"),
         ("企业群众服务满意率", "90%")],
    ),
    "大厅工作人员考核补助": (
        "5720006", ["奖励类"], ("12.64", "16.56"), [("福利费", "12.64", "16.56"), ("", "", "")],
        "大厅工作人员考核补助及季度奖励", "满意度达90%",
        [("绩效考核次数；\n\n全年评优评先考核次数", "1.12次；\n\n2.4次"), ("大厅参加考核比率", "100%"),
         ("增量考核时间；\n\n评优评先考核时间。", "每月末\n\n每季度末"), ("成本控制在预算内", "17.76万元"),
         ("减少企业开办次数", "1个工作日"), ("", ""), ("", ""), ("窗口人员持续优化（季度评优）", "1年"),
         ("群众企业服务满意度", "90%")],
    ),
    "优化营商环境经费": (
        "5720006", ["行政事业类"], ("5", "13"),
        [("办公费", "1", "1"), ("印刷费", "2", "2"), ("差旅费", "1", "1"), ("公务接待费", "1", "1"),
         ("营商环境测评（第三方）", "0", "8")],
        "优化营商环境", "一个单位",
        [("印刷优化营商环境办事指南", "300册"), ("企业办事服务满意率", "90%"), ("压缩新开企业办理时间", "1天"),
         ("控制在预算内", "13万元"), ("企业办事满意度", "90%"), ("减少新开办企业跑单位次数", "1次"),
         ("压缩新开企业办理时间", "1天"), ("减少新开办企业跑单位次数", "1年"), ("企业办事服务满意度", "90%")],
    ),
    "网络安全等级测评及设备": (
        "5720007", ["行政事业类", "其他专项类"], ("0", "30"), [("网络安全", "0", "30")],
        "网络安全等级测算", "安全",
        [("网络安全设备测试单位个数", "33个"), ("网络安全设备稳定率", "≥90%"), ("网络安全设备调试安装", "年底前"),
         ("成本控制在预算内", "30万元"), ("网络安全设备测试避免不必要的损失", "≥50%"),
         ("网络安全设备投入使用", "100%"), ("网速速度稳定满足需求", "100兆"), ("网络安全", "1年"),
         ("拥护满意度", "90%")],
    ),
}  # fmt: skip

# What a finance reviewer raises on each form, beyond 主管部门 and 填报单位 left empty on all of them.
EXPECTED: dict[str, list[tuple[str, str, str]]] = {
    "电子政务外网线路租赁": [
        ("warning", "project.types", "勾选了多个类别：行政事业类、其他专项类"),
        ("warning", "project.types.0", "勾选了“修缮类”，但未勾选其所属的“行政事业类”"),
        ("warning", "performance.indicators.4.name", "“进驻窗口单位”重复出现：产出指标/数量指标、效益指标/经济效益"),
    ],
    "行政审批服务局软硬件运维费": [
        ("warning", "performance.indicators.3.value", "成本指标 1.98 万元 ≠ 项目资金申请合计（本年度申请资金）48.588"),
    ],
    "政务大厅运行经费": [
        ("warning", "performance.indicators.8.name", "“企业群众服务满意率”重复出现"),
    ],
    "政务大厅租金": [
        ("warning", "performance.indicators.3.value", "“52万元”超过项目资金申请合计（本年度申请资金）15 万元"),
        ("warning", "performance.indicators.8.name", "“企业群众服务满意率”重复出现"),
    ],
    "大厅工作人员考核补助": [
        ("warning", "project.types.0", "勾选了“奖励类”，但未勾选其所属的“行政事业类”"),
        ("warning", "performance.indicators.3.value", "“17.76万元”超过项目资金申请合计（本年度申请资金）16.56 万元"),
        ("warning", "performance.indicators.5.name", "效益指标/社会效益 未填写任何指标"),
        ("warning", "performance.indicators.6.name", "效益指标/环境效益 未填写任何指标"),
    ],
    "优化营商环境经费": [
        ("warning", "performance.indicators.6.name", "“压缩新开企业办理时间”重复出现"),
        ("warning", "performance.indicators.7.name", "“减少新开办企业跑单位次数”重复出现"),
    ],
    "网络安全等级测评及设备": [
        ("warning", "project.types", "勾选了多个类别：行政事业类、其他专项类"),
    ],
}
COMMON = [("warning", "unit", "填报单位未填写"), ("warning", "project.department", "主管部门未填写")]
# Raised on the forms as printed, where one cell holds two numbers; the example drafts split that row in two.
PRINTED_ONLY: dict[str, list[tuple[str, str, str]]] = {
    "大厅工作人员考核补助": [("warning", "performance.indicators.0.value", "含有多个数值：一体化系统每行只填一个数")],
}


def reference_draft(name: str) -> Declaration:
    """One reference form typed in as an operator would."""
    phone, types, (last, this), lines, task, goal, indicators = REFERENCE[name]
    draft = new_declaration(year="2021")
    p = draft.project
    p.name, p.start, p.end, p.leader, p.leader_phone = name, "2021.01", "2021.12", "胡敏", "5720008"
    p.attribute = "新增项目" if name == "网络安全等级测评及设备" else "延续项目"
    p.liaison, p.liaison_phone, p.types = "田静", phone, types
    draft.funding.total_last_year, draft.funding.total_this_year = last, this
    draft.funding.sources[3].last_year, draft.funding.sources[3].this_year = last, this
    draft.expenses.total_last_year, draft.expenses.total_this_year = last, this
    draft.expenses.lines = [ExpenseLine(item=i, last_year=a, this_year=b) for i, a, b in lines]
    draft.implementation.schedule = [ScheduleRow(task=task, start="2021.01", end="2021.12")]
    draft.performance.annual_goal = goal
    for row, (indicator, value) in zip(draft.performance.indicators, indicators, strict=True):
        row.name, row.value = indicator, value
    return draft


def assert_expected(name: str, findings: list[Finding], *, exact_paths: bool = True) -> None:
    expected = COMMON + EXPECTED[name] + (PRINTED_ONLY.get(name, []) if exact_paths else [])
    assert len(findings) == len(expected), "\n".join(f"{f.severity} {f.path} {f.message}" for f in findings)
    for severity, path, text in expected:
        matching = [f for f in findings if f.severity == severity and text in f.message]
        assert matching, f"{name}: no {severity} containing {text!r} in {findings}"
        if exact_paths:
            assert matching[0].path == path


@pytest.mark.parametrize("name", list(REFERENCE))
def test_reference_form_findings(name: str) -> None:
    assert_expected(name, check(reference_draft(name)))


def test_reference_forms_have_no_errors() -> None:
    for name in REFERENCE:
        assert errors(check(reference_draft(name))) == [], name


def test_running_costs_sums_add_up() -> None:
    # 政务大厅运行经费 has the longest expense table: both columns add up exactly (56.8 and 52).
    findings = check(reference_draft("政务大厅运行经费"))
    assert not [f for f in findings if f.path.startswith(("funding", "expenses"))]
    assert status_text(findings) == "3 个警告"


def test_example_drafts() -> None:
    paths = draft_paths(DRAFTS)
    if not paths:
        pytest.skip("drafts/ holds no example drafts yet (the importer writes them)")
    by_name = {}
    for path in paths:
        draft = load_draft(path)
        by_name[draft.project.name.strip()] = draft
    assert set(REFERENCE) <= set(by_name)
    for name in REFERENCE:
        assert_expected(name, check(by_name[name]), exact_paths=False)
