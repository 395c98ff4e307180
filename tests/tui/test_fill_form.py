"""The reference form 电子政务外网线路租赁, typed into a new empty draft with the keyboard alone.

The saved TOML must hold the same declaration as the example draft imported
from the reference forms (``drafts/电子政务外网线路租赁.toml``), import
provenance aside, and so render to the same text.
"""

from __future__ import annotations

from pathlib import Path

from editor_kit import SIZE, burst, focused_path, make_editor, on_disk, type_text
from repo_paths import DRAFTS

from forms.render.formats import render
from forms.store.drafts import load_draft

EXAMPLE = DRAFTS / "电子政务外网线路租赁.toml"

INDICATORS = (
    ("进驻窗口单位", "14个"),
    ("企业群众服务满意率", "90%"),
    ("政务外网全覆盖", "年底前"),
    ("控制在预算内", "25万元"),
    ("进驻窗口单位", "14个"),
    ("增加进驻窗口人员数量", "40名"),
    ("优化受理审批办结流程", "3个"),
    ("减少群众跑的次数", "1年"),
    ("群众满意度", "90%"),
)


def fields(*steps: str) -> list[str]:
    """Keys that type each step into a field and Tab to the next ("" leaves a field blank)."""
    keys: list[str] = []
    for text in steps:
        keys += [text, "tab"] if text else ["tab"]
    return keys


async def test_fill_the_reference_form_from_the_keyboard(tmp_path: Path) -> None:
    # Each section's keys are sent in one burst, the way a fast typist's keys arrive over SSH:
    # the form must come out right regardless (and the test stays fast).
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        # 基本情况: 年度, 填报单位, 项目名称, 项目属性 picked by number, …
        await burst(pilot, *fields("2021", "", "电子政务外网线路租赁"), "2", "tab")
        await burst(pilot, *fields("", "2021.01", "2021.12", "胡敏", "5720008", "田静", "5720007"))
        # 项目类型: 基本建设类 新建 扩建 改建 行政事业类 采购类 [修缮类] 奖励类 [其他专项类].
        await burst(pilot, *["tab"] * 6, "space", "tab", "tab", "space", "tab")
        assert focused_path(app) == "project.overview"
        await burst(pilot, *fields("电子政务外网线路租赁", "电子政务外网线路租赁"))

        # 资金来源: 区级资金 in both columns, then Ctrl+T takes the sums as 合计.
        await burst(pilot, "f6", "down", "down", "down", *fields("25"), "25", "ctrl+t")

        # 支出明细: ↑ from the empty table to the 合计 line for the overall basis,
        # two lines added with Ctrl+O, then Ctrl+T.
        await burst(pilot, "f6", "up", "tab", "tab", *fields("电子政务外网线路租赁及维修"))
        await burst(pilot, "ctrl+o", *fields("1.维修（护）费", "8"), "8", "ctrl+o", *fields("2.租赁费", "17"), "17")
        await burst(pilot, "ctrl+t")

        # 保障措施与进度计划: measures, then one schedule row.
        await burst(pilot, "f6", *fields("合同"), "ctrl+o", *fields("电子政务外网线路租赁及维修", "2021.01"), "2021.12")

        # 绩效目标.
        await burst(pilot, "f6", *fields("政务外网网速", "100兆"))

        # 绩效指标: the skeleton's 一级/二级 are there; type 三级 and 指标值 only.
        keys = ["f6"]  # focus lands on the first 三级指标
        for number, (name, value) in enumerate(INDICATORS):
            keys += [*(["tab", "tab"] if number else []), *fields(name, value)]
        await burst(pilot, *keys)

        # 其他说明、审核意见与签署, then 检查与导出, then back to the list: saved on the way.
        await burst(pilot, "f6", "无", "f6")
        assert app.editor.sections[app.editor.index].title == "检查与导出"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not app.editor

    typed = on_disk(app)
    example = load_draft(EXAMPLE)
    assert typed.model_dump(exclude={"imported"}) == example.model_dump(exclude={"imported"})
    assert render(typed, "text") == render(example, "text")


async def test_fill_key_by_key_a_slow_typist(tmp_path: Path) -> None:
    # The same keys one at a time, each handled before the next (Pilot.press waits): 基本情况 and 资金来源.
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"2021", "tab", "tab")
        await type_text(pilot, "电子政务外网线路租赁")
        await pilot.press("tab", "2", "f6", "down", "down", "down", *"25", "tab", *"25", "ctrl+t")
        await pilot.press("ctrl+s")
    typed = on_disk(app)
    assert (typed.year, typed.project.name, typed.project.attribute) == ("2021", "电子政务外网线路租赁", "延续项目")
    assert (typed.funding.total_last_year, typed.funding.total_this_year) == ("25", "25")
    assert typed.funding.sources[3].this_year == "25"
