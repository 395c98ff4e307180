"""The keys the quick operator of ``test_keystrokes`` relies on, one at a time.

Enter goes where typing is needed: in a table it passes picked 一级/二级 and
goes row to row, after the last row it adds one (dropped again if left
untouched); on a 项目类型 box it goes past the boxes. Switching sections right
after typing judges what was typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from editor_kit import SIZE, burst, focused_path, make_editor, on_disk, type_text

from forms.checks.runner import check
from forms.model.declaration import ExpenseLine, new_declaration
from tui.screens.editor import EditorScreen
from tui.widgets.choice import Tick


async def test_enter_passes_picked_levels_and_goes_row_to_row(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "6")
        assert focused_path(app) == "performance.indicators.0.name"  # focus lands past the picked levels too
        await pilot.press("enter")
        assert focused_path(app) == "performance.indicators.0.value"
        await pilot.press("enter")
        assert focused_path(app) == "performance.indicators.1.name"
        # Tab still visits every cell, the picked ones too.
        await pilot.press("shift+tab")
        assert focused_path(app) == "performance.indicators.1.level2"


async def test_enter_after_the_last_row_adds_one_and_an_untouched_one_goes_again(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("performance.indicators.8.value")
        await type_text(pilot, "90%")
        await pilot.press("enter")
        assert focused_path(app) == "performance.indicators.9.name"  # 一级/二级 as the row above
        rows = app.editor.draft.performance.indicators
        assert (len(rows), rows[9].level1, rows[9].level2) == (10, "效益指标", "服务对象满意度")
        await pilot.press("f6")  # left with nothing typed: the row goes
        await pilot.pause()
        assert len(app.editor.draft.performance.indicators) == 9
        await pilot.press("ctrl+s")
        assert len(on_disk(app).performance.indicators) == 9

        assert await app.editor.jump_to("performance.indicators.8.value")
        await pilot.press("enter")
        await type_text(pilot, "群众满意度")
        await pilot.press("enter")
        await type_text(pilot, "95%")
        await pilot.press("tab", "shift+tab")  # typed in: it stays
        await pilot.pause()
        rows = app.editor.draft.performance.indicators
        assert (len(rows), rows[9].name, rows[9].value) == (10, "群众满意度", "95%")


async def test_enter_in_a_blank_last_row_leaves_the_table(tmp_path: Path) -> None:
    draft = new_declaration(year="2021")
    draft.expenses.lines = [ExpenseLine(item="办公费", last_year="1", this_year="1")]
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("expenses.lines.0.basis")
        await pilot.press("enter")
        assert focused_path(app) == "expenses.lines.1.item"
        await pilot.press("enter", "enter", "enter", "enter")  # through the new row's cells, and out
        await pilot.pause()
        assert focused_path(app) != "expenses.lines.2.item"
        assert [line.item for line in app.editor.draft.expenses.lines] == ["办公费"]
        # A fixed table never grows: Enter after its last row goes on to the next field.
        assert await app.editor.jump_to("funding.sources.3.this_year")
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.editor.draft.funding.sources) == 4
        assert not (focused_path(app) or "").startswith("funding.sources")


async def test_enter_on_a_project_type_box_goes_past_the_boxes(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("project.types")
        await pilot.press("tab", "tab", "tab", "tab", "space")
        assert isinstance(app.screen.focused, Tick) and app.screen.focused.label == "行政事业类"
        await pilot.press("enter")
        assert focused_path(app) == "project.overview"
        assert app.editor.draft.project.types == ["行政事业类"]


async def test_leaving_a_section_judges_what_was_just_typed(tmp_path: Path, monkeypatch: Any) -> None:
    # Straight from the last key to 检查与导出 (a burst): its findings are of the draft as typed,
    # even when the live checks' pause after typing has not passed.
    monkeypatch.setattr(EditorScreen, "CHECK_DELAY", 60.0)
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert focused_path(app) == "year"
        await burst(pilot, "二〇二一", "ctrl+g", "8")
        assert app.editor.draft.year == "二〇二一"
        review = app.editor.sections[7]
        assert app.editor.index == 7 and review.findings == check(app.editor.draft)
        assert any(finding.path == "year" for finding in review.findings)
