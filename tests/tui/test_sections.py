"""The form sections: fields write their slice, amounts keep what was typed, 合计 rows, picks and ticks."""

from __future__ import annotations

from pathlib import Path

from editor_kit import SIZE, field, focused_path, make_editor, on_disk, type_text

from forms.model.declaration import ExpenseLine, new_declaration
from forms.model.template import load_template
from tui.sections.base import get_path, set_path
from tui.sections.basic import BasicSection
from tui.sections.expenses import ExpensesSection
from tui.sections.funding import FundingSection
from tui.sections.indicators import IndicatorsSection
from tui.widgets.amount import AmountInput, ProblemLine


def problems_of(app, path: str) -> str:
    """The messages shown next to the amount field at ``path`` (its row's or its 合计's line)."""
    widget = field(app, path)
    node = widget
    while node is not None:
        lines = list(node.query(ProblemLine))
        if lines:
            return "\n".join(lines[0].messages)
        node = node.parent
    return ""


async def test_bad_amount_shows_message_and_keeps_text_in_draft_and_file(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        assert focused_path(app) == "funding.sources.0.last_year"
        await type_text(pilot, "12,5.3元")
        amount = field(app, "funding.sources.0.last_year")
        assert isinstance(amount, AmountInput)
        assert amount.value == "12,5.3元"
        assert problems_of(app, "funding.sources.0.last_year") == ""  # said once the field is left
        await pilot.press("tab")
        await pilot.pause()
        assert amount.has_class("-invalid")
        assert "万元" in problems_of(app, "funding.sources.0.last_year")
        assert on_disk(app).funding.sources[0].last_year == "12,5.3元"
        await pilot.press("shift+tab", "end", "backspace")
        assert amount.value == "12,5.3"
        assert "不是有效的金额" in problems_of(app, "funding.sources.0.last_year")


async def test_operator_amount_forms_are_accepted_without_message(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await type_text(pilot, "１２\u3000万元")
        await pilot.press("tab")
        await type_text(pilot, "1,200.5")
        await pilot.press("tab")
        assert problems_of(app, "funding.sources.0.last_year") == ""
        assert not field(app, "funding.sources.0.this_year").has_class("-invalid")
        assert app.editor.draft.funding.sources[0].last_year == "１２\u3000万元"


async def test_declared_total_message_appears_under_the_total(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6", "up")
        await type_text(pilot, "-5")
        await pilot.press("tab")
        assert "负数" in problems_of(app, "funding.total_last_year")
        assert app.editor.draft.funding.total_last_year == "-5"


async def test_computed_sum_updates_on_every_amount_and_ctrl_t_takes_it(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        section = app.editor.sections[1]
        assert isinstance(section, FundingSection)
        computed = section.query_one("#sum-this_year")
        await pilot.press("tab", *"1")
        assert str(computed.render()) == "1"
        await pilot.press("2")
        assert str(computed.render()) == "12"
        await pilot.press("down", *"0.5")
        assert focused_path(app) == "funding.sources.1.this_year"
        assert str(computed.render()) == "12.5"
        assert app.editor.draft.funding.total_this_year == ""
        await pilot.press("ctrl+t")
        assert app.editor.draft.funding.total_this_year == "12.5"
        assert field(app, "funding.total_this_year").value == "12.5"
        # Columns without any amount are left alone.
        assert app.editor.draft.funding.total_last_year == ""


async def test_declared_total_that_differs_is_marked(tmp_path: Path) -> None:
    draft = new_declaration()
    draft.funding.total_this_year = "30"
    draft.funding.sources[3].this_year = "25"
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        computed = app.editor.sections[1].query_one("#sum-this_year")
        assert computed.has_class("-mismatch")
        await pilot.press("ctrl+t")
        assert not computed.has_class("-mismatch")
        assert app.editor.draft.funding.total_this_year == "25"


async def test_expenses_total_and_basis(tmp_path: Path) -> None:
    draft = new_declaration()
    draft.expenses.lines = [ExpenseLine(item="维修", this_year="8"), ExpenseLine(item="租赁", this_year="17")]
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "3")
        section = app.editor.sections[2]
        assert isinstance(section, ExpensesSection)
        assert str(section.query_one("#sum-this_year").render()) == "25"
        await pilot.press("ctrl+t", "up", "tab", "tab")
        assert focused_path(app) == "expenses.total_basis"
        await type_text(pilot, "租赁及维修")
        assert app.editor.draft.expenses.total_this_year == "25"
        assert app.editor.draft.expenses.total_basis == "租赁及维修"


async def test_basic_fields_pick_and_tick(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "2021")
        await pilot.press("enter")
        assert focused_path(app) == "unit"
        await pilot.press("enter", "enter")
        assert focused_path(app) == "project.attribute"
        await pilot.press("right")
        assert app.editor.draft.project.attribute == "新增项目"
        await pilot.press("right")
        assert app.editor.draft.project.attribute == "延续项目"
        await pilot.press("1")
        assert app.editor.draft.project.attribute == "新增项目"
        await pilot.press("backspace")
        assert app.editor.draft.project.attribute == ""
        await pilot.press("2")
        # Ticks: 基本建设类 新建 扩建 改建 行政事业类 采购类 修缮类 奖励类 其他专项类.
        assert await app.editor.jump_to("project.types")
        await pilot.press(*["tab"] * 6, "space", "tab", "tab", "space")
        assert app.editor.draft.project.types == ["修缮类", "其他专项类"]
        await pilot.press("space")
        assert app.editor.draft.project.types == ["修缮类"]
        await pilot.press("tab")
        assert focused_path(app) == "project.overview"
        await type_text(pilot, "第一行")
        await pilot.press("enter")
        await type_text(pilot, "第二行")
        assert app.editor.draft.project.overview == "第一行\n第二行"
        await pilot.press("tab")
        await pilot.pause()
        saved = on_disk(app)
        assert saved.project.attribute == "延续项目"
        assert saved.project.overview == "第一行\n第二行"


async def test_loading_a_draft_shows_it_and_marks_nothing_unsaved(tmp_path: Path) -> None:
    draft = new_declaration(year="2021")
    draft.project.name = "政务大厅租金"
    draft.project.types = ["其他专项类", "修缮类", "手写的类别"]
    draft.project.attribute = "不在列表里"
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert field(app, "project.name").value == "政务大厅租金"
        assert field(app, "project.attribute").value == "不在列表里"
        ticked = [t.label for t in app.editor.sections[0].query("Tick") if t.value]
        assert ticked == ["修缮类", "其他专项类"]
        assert not app.editor.dirty
        assert app.editor.draft.project.types == ["其他专项类", "修缮类", "手写的类别"]
        # A tick change keeps the type the template does not know.
        assert await app.editor.jump_to("project.types")
        await pilot.press("space")
        assert app.editor.draft.project.types == ["基本建设类", "修缮类", "其他专项类", "手写的类别"]


async def test_goals_and_sign_off_fields(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "5")
        await type_text(pilot, "政务外网网速")
        await pilot.press("tab")
        await type_text(pilot, "100兆")
        await pilot.press("ctrl+g", "7")
        await type_text(pilot, "无")
        await pilot.press("tab", "tab")
        await type_text(pilot, "张三")
        await pilot.press("enter")
        await type_text(pilot, "李四")
        await pilot.press("enter")
        await type_text(pilot, "2021.01.15")
        await pilot.press("enter")
        await pilot.pause()
        saved = on_disk(app)
        assert (saved.performance.long_term_goal, saved.performance.annual_goal) == ("政务外网网速", "100兆")
        s = saved.sign_off
        assert (s.other_notes, s.unit_head, s.filled_by, s.fill_date) == ("无", "张三", "李四", "2021.01.15")


def test_paths_read_and_write_nested_fields() -> None:
    draft = new_declaration()
    set_path(draft, "funding.sources.3.this_year", "25")
    assert get_path(draft, "funding.sources.3.this_year") == "25"
    assert get_path(draft, "year") == ""
    for missing in ("expenses.lines.0.item", "project.nothing", "funding.sources.9"):
        try:
            get_path(draft, missing)
        except LookupError:
            continue
        raise AssertionError(missing)


def test_sections_own_their_paths_and_know_when_blank() -> None:
    draft = new_declaration()
    assert BasicSection.owns("project.name") and BasicSection.owns("year") and not BasicSection.owns("years")
    assert IndicatorsSection.owns("performance.indicators.3.value")
    assert not IndicatorsSection.owns("performance.annual_goal")
    assert BasicSection.is_blank(draft) and FundingSection.is_blank(draft) and IndicatorsSection.is_blank(draft)
    draft.performance.indicators[0].value = "14个"
    assert not IndicatorsSection.is_blank(draft)
    assert load_template().attributes == ("新增项目", "延续项目")


async def test_store_writes_every_slice_into_another_draft(tmp_path: Path) -> None:
    draft = new_declaration(year="2021")
    draft.project.name = "名称"
    draft.project.types = ["修缮类"]
    draft.expenses.lines = [ExpenseLine(item="维修", this_year="8")]
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        for index in range(7):
            await app.editor.show_section(index)
        await pilot.pause()
        copy = new_declaration()
        copy.expenses.lines = [ExpenseLine()]
        for section in app.editor.sections[:7]:
            section.store(copy)
        assert copy.model_dump() == draft.model_dump()
