"""Other units' versions of the form: ``|``-joined, GBK, extra columns, 本级/上级, page furniture, web pages.

Each fixture in tests/data/import/ is one realistic variant; the tests check
what was mapped and that everything else was kept as a leftover with its line.
"""

from __future__ import annotations

import pytest
from repo_paths import DATA

from forms.importing.importer import FileImport, import_file
from forms.model.declaration import Declaration

DATA = DATA / "import"


def one(name: str) -> tuple[Declaration, FileImport]:
    result = import_file(DATA / name)
    assert result.error == ""
    assert len(result.forms) == 1
    return result.forms[0].draft, result


def leftovers(draft: Declaration) -> list[tuple[int, str]]:
    assert draft.imported is not None
    return [(item.line, item.text) for item in draft.imported.leftovers]


def indicators(draft: Declaration) -> list[tuple[str, str, str, str]]:
    return [(i.level1, i.level2, i.name, i.value) for i in draft.performance.indicators]


def test_pipe_joined_cells() -> None:
    draft, result = one("pipe-joined.txt")
    assert result.encoding == "UTF-8"
    p = draft.project
    assert (draft.year, draft.unit, p.name, p.attribute) == (
        "2021",
        "区农业农村局",
        "高标准农田设施管护经费",
        "延续项目",
    )
    assert (p.department, p.start, p.end) == ("区农业农村局", "2021.03", "2021.11")
    assert (p.leader, p.leader_phone, p.liaison, p.liaison_phone) == ("王建国", "13800138000", "李丽", "5730012")
    assert p.types == ["修缮类"]
    assert [(s.last_year, s.this_year) for s in draft.funding.sources] == [
        ("10", "10"),
        ("", ""),
        ("", ""),
        ("20", "22.5"),
    ]
    assert (draft.expenses.total_this_year, draft.expenses.total_basis) == ("32.5", "按管护面积测算")
    assert [line.item for line in draft.expenses.lines] == ["沟渠清淤", "机井及泵站维修"]  # the empty row is dropped
    assert [row.task for row in draft.implementation.schedule] == ["春季沟渠清淤", "汛后设施维修"]
    assert len(draft.performance.indicators) == 9
    assert indicators(draft)[3] == ("产出指标", "成本指标", "管护总成本", "≤32.5万元")
    s = draft.sign_off
    assert (s.finance_opinion, s.unit_head, s.filled_by, s.fill_date) == ("", "赵刚", "李丽", "2021年3月5日")
    assert leftovers(draft) == []


def test_gbk_file_is_read_and_its_ticks_understood() -> None:
    raw = (DATA / "gbk-encoded.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    draft, result = one("gbk-encoded.txt")
    assert result.encoding.startswith("GB18030")
    assert draft.project.name == "馆藏档案数字化加工"
    assert (draft.project.attribute, draft.project.types) == ("新增项目", ["采购类"])  # ticked with √
    assert draft.funding.total_this_year == "18.36"
    assert indicators(draft)[1] == ("产出指标", "成本指标", "每页加工成本", "0.3元")
    assert leftovers(draft) == []


def test_other_units_version_maps_what_matches_and_keeps_the_rest() -> None:
    draft, result = one("other-unit-version.txt")
    # 本级/上级 and 财政拨款 are not the template's sources: kept with their amounts; 区级资金 maps.
    assert (draft.funding.total_last_year, draft.funding.total_this_year) == ("0", "60")
    assert [(s.source, s.this_year) for s in draft.funding.sources if s.this_year] == [("区级资金", "40")]
    kept = leftovers(draft)
    assert (58, "财政拨款 | 0 | 60") in kept
    assert (64, "其中：本级资金 | 0 | 40") in kept
    assert (70, "上级资金 | 0 | 20") in kept
    # The extra 绩效标准 column: every cell kept, with its line.
    standards = [item for item in kept if item[1].startswith("绩效标准：")]
    assert [text for _, text in standards] == [
        "绩效标准：计划标准", "绩效标准：计划标准", "绩效标准：预算标准", "绩效标准：行业标准", "绩效标准：历史标准",
    ]  # fmt: skip
    assert len(kept) == 8
    # 成本指标 and 满意度指标 as their own 一级: filed where the template has them; 指标值及单位 is the value.
    assert indicators(draft) == [
        ("产出指标", "数量指标", "购置心电图机", "12台"),
        ("产出指标", "时效指标", "设备安装完成时间", "2021年9月前"),
        ("产出指标", "成本指标", "设备购置成本", "≤60万元"),
        ("效益指标", "社会效益", "村民就近检查率", "≥80%"),
        ("效益指标", "服务对象满意度", "村民满意度", "≥90%"),
    ]
    notes = " ".join(result.forms[0].notes)
    assert "满意度指标" in notes and "绩效标准" in notes and "经济成本指标" in notes


def test_page_furniture_is_kept_and_does_not_break_tables() -> None:
    result = import_file(DATA / "page-furniture.txt")
    assert [form.draft.project.name for form in result.forms] == ["全民阅读活动经费", "非遗保护传承补助"]
    first, second = (form.draft for form in result.forms)
    # The page break fell inside 支出明细: both lines are there.
    assert [(line.item, line.this_year) for line in first.expenses.lines] == [("图书采购", "5"), ("活动宣传", "3")]
    assert leftovers(first) == [
        (1, "附件2"), (2, "2021年区级部门预算项目绩效目标"), (60, "第 1 页 共 2 页"), (82, "第 2 页 共 2 页"),
    ]  # fmt: skip
    assert leftovers(second) == [(112, "- 3 -")]
    assert (second.project.attribute, second.funding.total_this_year) == ("新增项目", "6")


def test_run_together_labels_and_tab_separated_rows() -> None:
    draft, result = one("run-together.txt")
    p = draft.project
    assert (draft.year, draft.unit, p.name, p.attribute) == ("2021", "区民政局", "社区养老服务站运营补贴", "延续项目")
    assert (p.department, p.start, p.end) == ("区民政局", "2021年1月", "2021年12月")
    assert (p.leader, p.leader_phone, p.liaison, p.liaison_phone) == ("周敏", "5731234", "冯刚", "5731235")
    assert p.types == ["行政事业类"]  # boxes printed before their labels
    assert draft.implementation.measures == "补贴资金季度考核后拨付"
    assert draft.funding.sources[3].this_year == "36"
    assert draft.expenses.lines[0].basis == "18个站×2万元"
    assert indicators(draft)[1] == ("产出指标", "成本指标", "每站补贴", "2万元")
    assert (draft.sign_off.unit_head, draft.sign_off.fill_date) == ("何平", "2021年2月26日")
    assert leftovers(draft) == []
    assert any("标题" in note for note in result.forms[0].notes)


def test_saved_web_page() -> None:
    draft, result = one("web-page.html")
    p = draft.project
    assert (draft.year, draft.unit, p.name, p.attribute, p.types) == (
        "2021", "区城市管理局", "城区道路保洁经费", "延续项目", ["行政事业类"],
    )  # fmt: skip
    assert (p.liaison, p.liaison_phone) == ("林娜", "5712234")  # “绩效管理<br>联络员”
    assert draft.funding.sources[3].this_year == "450.5"
    assert draft.expenses.lines[0].basis == "126万㎡×3.575元/㎡"
    assert draft.implementation.measures == "作业质量月考核"
    assert indicators(draft) == [("产出指标", "质量指标", "机械化清扫率", "≥90%")]
    # The page's navigation is skipped and said once; its page number is kept; <title>, <script> are not text.
    assert [text for _, text in leftovers(draft)] == ["第 1 页 共 1 页"]
    assert any("跳过了网页自身的内容 1 行" in note for note in result.forms[0].notes)


def test_web_page_caption_and_stray_table_text_are_kept() -> None:
    from forms.importing.importer import import_text

    page = (
        "<html><body><table><caption>项目支出预算绩效目标申报表</caption>"
        "<tr><td>项目名称</td><td>甲</td></tr>说明文字<tr><td>项目概况</td><td>概况<p>第二段</p></td></tr>"
        "</table></body></html>"
    )
    [form] = import_text(page, "p.html", html=True)
    assert (form.draft.project.name, form.draft.project.overview) == ("甲", "概况\n第二段")
    assert leftovers(form.draft) == [(1, "说明文字")]
