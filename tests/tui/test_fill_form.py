"""The reference form 电子政务外网线路租赁, typed into a new empty draft with the keyboard alone.

The saved TOML must hold the same declaration as the example draft imported
from the reference forms (``drafts/电子政务外网线路租赁.toml``), import
provenance aside, and so render to the same text.
"""

from __future__ import annotations

from pathlib import Path

from editor_kit import SIZE, focused_path, make_editor, on_disk, type_text

from forms.render import render
from forms.storage import load_draft

EXAMPLE = Path(__file__).resolve().parents[2] / "drafts" / "电子政务外网线路租赁.toml"

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


async def fields(pilot, *steps: str) -> None:
    """Type each step into the focused field, then Tab to the next ("" skips a field)."""
    for text in steps:
        await type_text(pilot, text)
        await pilot.press("tab")


async def test_fill_the_reference_form_from_the_keyboard(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        # 基本情况: 年度, 填报单位, 项目名称, then 项目属性 picked by number.
        await fields(pilot, "2021", "", "电子政务外网线路租赁")
        assert focused_path(app) == "project.attribute"
        await pilot.press("2", "tab")
        await fields(pilot, "", "2021.01", "2021.12", "胡敏", "5720008", "田静", "5720007")
        # 项目类型: 基本建设类 新建 扩建 改建 行政事业类 采购类 [修缮类] 奖励类 [其他专项类].
        await pilot.press(*["tab"] * 6, "space", "tab", "tab", "space", "tab")
        assert focused_path(app) == "project.overview"
        await fields(pilot, "电子政务外网线路租赁", "电子政务外网线路租赁")

        # 资金来源: 区级资金 in both columns, then Ctrl+T takes the sums as 合计.
        await pilot.press("f6", "tab", "tab", "down", "down", "down")
        assert focused_path(app) == "funding.sources.3.last_year"
        await fields(pilot, "25")
        await type_text(pilot, "25")
        await pilot.press("ctrl+t")

        # 支出明细: the overall basis, two lines added with Ctrl+O, then Ctrl+T.
        await pilot.press("f6", "tab", "tab")
        await fields(pilot, "电子政务外网线路租赁及维修")
        await pilot.press("ctrl+o")
        await fields(pilot, "1.维修（护）费", "8")
        await type_text(pilot, "8")
        await pilot.press("ctrl+o")
        await fields(pilot, "2.租赁费", "17")
        await type_text(pilot, "17")
        await pilot.press("ctrl+t")

        # 保障措施与进度计划: measures, then one schedule row.
        await pilot.press("f6")
        await fields(pilot, "合同")
        await pilot.press("ctrl+o")
        await fields(pilot, "电子政务外网线路租赁及维修", "2021.01")
        await type_text(pilot, "2021.12")

        # 绩效目标.
        await pilot.press("f6")
        await fields(pilot, "政务外网网速", "100兆")

        # 绩效指标: the skeleton's 一级/二级 are there; type 三级 and 指标值 only.
        await pilot.press("f6")
        for name, value in INDICATORS:
            await pilot.press("tab", "tab")
            await fields(pilot, name, value)

        # 其他说明、审核意见与签署.
        await pilot.press("f6")
        await type_text(pilot, "无")

        # 检查与导出, then back to the list: everything is saved on the way.
        await pilot.press("f6")
        assert app.editor.sections[app.editor.index].title == "检查与导出"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not app.editor

    typed = on_disk(app)
    example = load_draft(EXAMPLE)
    assert typed.model_dump(exclude={"imported"}) == example.model_dump(exclude={"imported"})
    assert render(typed, "text") == render(example, "text")
