"""The indicator library in the editor: F2 picks a row, F3 proposes a set, a carried-over row shows last year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from editor_kit import SIZE, EditorApp, focused_path, make_editor, on_disk, type_text
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from forms.model.declaration import ExpenseLine, new_declaration
from forms.store.drafts import save_draft
from forms.workflows.library import UNIT_LIBRARY
from forms.workflows.rollover import rollover
from tui.screens.editor_commands import EditorCommands
from tui.widgets.indicator_picker import IndicatorPicker


def indicator(n: int, column: str) -> str:
    return f"performance.indicators.{n}.{column}"


async def ready(pilot: Pilot[Any]) -> None:
    """Let the editor read the other drafts (a worker)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def go(pilot: Pilot[Any], app: EditorApp, path: str) -> None:
    assert await app.editor.jump_to(path)
    await pilot.pause()


def shown(picker: IndicatorPicker) -> list[str]:
    """The names the picker's list shows now."""
    options = picker.query_one(OptionList)
    return [str(options.get_option_at_index(n).prompt).split("  ")[0] for n in range(options.option_count)]


async def test_picker_narrows_as_typed_and_enter_fills_the_focused_row(tmp_path: Path) -> None:
    (tmp_path / UNIT_LIBRARY).write_text(
        '[[kinds]]\nkind = "本单位"\nindicators = [{ level1 = "产出指标", level2 = "质量指标", '
        'name = "[bold]x[/] 验收率", sign = "≥", value = "98", unit = "%", keywords = ["验收"] }]\n',
        encoding="utf-8",
    )
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await go(pilot, app, indicator(1, "name"))  # the skeleton's 质量指标 row
        await pilot.press("f2")
        picker = app.screen
        assert isinstance(picker, IndicatorPicker) and picker.level2 == "质量指标"
        everything = shown(picker)
        assert len(everything) > 10 and all(e.level2 == "质量指标" for e in picker.matches)
        await type_text(pilot, "验收")
        narrowed = shown(picker)
        assert 0 < len(narrowed) < len(everything)
        # A unit's own name with markup is shown literally, not as bold text.
        assert "[bold]x[/] 验收率" in narrowed
        await type_text(pilot, "合格")
        assert shown(picker)[0] == "设备验收合格率"
        await pilot.press("tab")  # widen: every 二级
        assert picker.widened and any(e.level2 != "质量指标" for e in picker.library.search("", None))
        await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, IndicatorPicker)
        row = app.editor.draft.performance.indicators[1]
        assert (row.level2, row.name, row.value) == ("质量指标", "设备验收合格率", "100%")
        assert focused_path(app) == indicator(1, "value")
        await pilot.press("ctrl+s")
        assert on_disk(app).performance.indicators[1].name == "设备验收合格率"
        # Esc closes the picker and changes nothing.
        await go(pilot, app, indicator(0, "name"))
        await pilot.press("f2")
        await type_text(pilot, "培训")
        await pilot.press("escape")
        await pilot.pause()
        assert app.editor.draft.performance.indicators[0].name == ""
        # The palette has the same action, acting on the row the operator was in.
        commands = {name: run for name, run, _ in EditorCommands(app.editor)._commands()}
        await commands["从指标库选择指标"]()
        await pilot.pause()
        assert isinstance(app.screen, IndicatorPicker) and app.screen.level2 == "数量指标"
        await pilot.press("escape")


async def test_proposal_fills_a_new_drafts_rows_after_y_and_keeps_typed_ones(tmp_path: Path) -> None:
    draft = new_declaration(year="2022")
    draft.project.name = "电子政务外网线路租赁"
    draft.project.overview = "租赁电子政务外网专线，保障各部门和村（社区）接入。"
    draft.expenses.lines = [ExpenseLine(item="线路租赁费", this_year="25")]
    draft.funding.total_this_year = "25"
    draft.performance.indicators[0].name = "我自己写的数量指标"
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await go(pilot, app, indicator(1, "name"))
        await pilot.press("f3")
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "推荐 13 条指标" in question and "填入 8 个空行" in question and "新增 5 行" in question
        await pilot.press("y")
        await pilot.pause()
        rows = app.editor.draft.performance.indicators
        assert rows[0].name == "我自己写的数量指标"
        names = [row.name for row in rows]
        assert "租赁专线条数" in names and "线路可用率" in names
        cost = next(row for row in rows if row.level2 == "成本指标")
        assert (cost.name, cost.value) == ("线路租赁费控制在预算内", "≤25万元")
        assert len(rows) == 14 and all(row.name for row in rows)
        await pilot.press("ctrl+s")
        assert [row.name for row in on_disk(app).performance.indicators] == names
        # A second proposal offers only what is not there yet; n leaves the rows alone.
        await pilot.press("f3")
        await pilot.press("n")
        await pilot.pause()
        assert [row.name for row in app.editor.draft.performance.indicators] == names


async def test_a_carried_over_draft_shows_last_years_value_beside_each_kept_indicator(tmp_path: Path) -> None:
    last = new_declaration(year="2021")
    last.project.name = "政务大厅租金"
    last.project.attribute = "延续项目"
    last.performance.indicators[0].name, last.performance.indicators[0].value = "进驻窗口单位", "14个"
    last.performance.indicators[8].name, last.performance.indicators[8].value = "企业群众服务满意率", "95%"
    save_draft(last, tmp_path / "2021-政务大厅租金.toml")
    this = rollover(last)
    this.performance.indicators[8].value = "90%"
    app = make_editor(tmp_path, this)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await go(pilot, app, indicator(0, "value"))
        grid = app.editor.sections[5].query_one("#indicators-grid")
        cells = [next(c for c in row.cells if c.has_class("c-last")) for row in grid.row_widgets()]
        texts = [str(cell.render()) for cell in cells]
        assert texts[0] == "14个=" and texts[8] == "95%↓" and texts[1] == ""
        assert cells[0].region.width >= 8 and cells[0].region.right <= 80  # on screen at 80×24
        await pilot.press("end", "backspace", "backspace", "backspace")
        await type_text(pilot, "16个")
        assert str(cells[0].render()) == "14个"


async def test_typing_and_enter_in_one_burst_pick_what_was_typed_for(tmp_path: Path) -> None:
    # Over SSH the search and Enter arrive in one read: Enter must pick from the list narrowed by the search.
    from editor_kit import burst

    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await go(pilot, app, indicator(1, "name"))
        await pilot.press("f2")
        assert isinstance(app.screen, IndicatorPicker)
        await burst(pilot, "验收合格", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, IndicatorPicker)
        assert app.editor.draft.performance.indicators[1].name == "设备验收合格率"
        # The same with ↓ in the burst: it moves within the list the search made, not the one before.
        await go(pilot, app, indicator(2, "name"))
        await pilot.press("f2")
        picker = app.screen
        assert isinstance(picker, IndicatorPicker)
        second = picker.library.search("验收", None)[1].name  # what ↓ reaches when typed slowly
        await burst(pilot, "tab", "验收", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, IndicatorPicker)
        assert app.editor.draft.performance.indicators[2].name == second
