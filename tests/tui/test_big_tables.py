"""A table of hundreds of rows edits like a short one: only the rows near the cursor are built (issue 18).

One app per behaviour: a 500-row 支出明细 (the row limit) walked end to end by
keyboard, a 300-row one whose findings and jumps reach rows never built
before, and Ctrl+Q pressed while the table is still opening.
"""

from __future__ import annotations

from pathlib import Path

from conftest import build_draft, settle
from editor_kit import SIZE, burst, focused_path, make_editor, on_disk, type_text
from textual import events

from forms.checks.limits import MAX_TABLE_ROWS
from forms.model.declaration import ExpenseLine
from forms.store.drafts import load_draft, save_draft
from tui.app import ShenbaoApp
from tui.widgets.confirm import ConfirmScreen
from tui.widgets.grid import Grid
from tui.widgets.grid_window import window_size, window_start


def big_draft(rows: int, name: str = ""):
    draft = build_draft(name)
    draft.expenses.lines = [
        ExpenseLine(item=f"项目{i}", last_year="1", this_year="2", basis=f"依据{i}") for i in range(rows)
    ]
    return draft


def the_grid(app) -> Grid:
    return app.editor.sections[2].query_one(Grid)


def shown_row(app) -> tuple[str | None, str]:
    """The focused cell's path and the text it shows."""
    focused = app.screen.focused
    return focused.name, focused.value


def test_the_window_holds_the_target_and_moves_as_little_as_it_can() -> None:
    assert window_size(12, 24) == 12 and window_size(500, 24) == 32
    assert window_start(5, 500, 32, 0) == 0  # already shown: no move
    assert window_start(28, 500, 32, 0) == 1  # four rows kept below the cursor
    assert window_start(499, 500, 32, 0) == 468  # the end
    assert window_start(200, 500, 32, 180, keep=190) == 180  # both the row left and the target fit
    assert window_start(250, 500, 32, 0, keep=0) == 223  # too far apart: the target wins


async def test_a_500_row_table_opens_and_every_row_is_reached_edited_added_deleted_and_moved(tmp_path: Path) -> None:
    rows = MAX_TABLE_ROWS
    app = make_editor(tmp_path, big_draft(rows))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6", "f6")
        assert focused_path(app) == "expenses.lines.0.item"
        grid = the_grid(app)
        assert len(grid.row_widgets()) == window_size(rows, SIZE[1]) < rows
        await type_text(pilot, "甲")
        assert app.editor.draft.expenses.lines[0].item == "项目0甲"

        # Down through the whole table: every row reached shows its own line under its own path.
        await burst(pilot, *["down"] * 120)
        assert shown_row(app) == ("expenses.lines.120.item", "项目120")
        await pilot.press("pagedown", "pagedown")
        index = int((focused_path(app) or "").split(".")[2])
        assert 120 < index < 200 and shown_row(app) == (f"expenses.lines.{index}.item", f"项目{index}")
        await burst(pilot, *["down"] * rows)
        assert shown_row(app) == (f"expenses.lines.{rows - 1}.item", f"项目{rows - 1}")
        assert len(grid.row_widgets()) == window_size(rows, SIZE[1])
        for widget in grid.row_widgets():  # every built cell is named by the row it shows
            line = app.editor.draft.expenses.lines[widget.index]
            assert widget.index == grid.first + grid.row_widgets().index(widget)
            assert [cell.value for cell in widget.cells] == [line.item, line.last_year, line.this_year, line.basis]
            assert widget.cells[3].name == f"expenses.lines.{widget.index}.basis"

        # Ctrl+O on the last row adds one at the end; typed text lands in it; Ctrl+R deletes a blank row at once.
        await pilot.press("ctrl+o")
        assert focused_path(app) == f"expenses.lines.{rows}.item"
        await type_text(pilot, "新增")
        await pilot.press("ctrl+s")
        assert on_disk(app).expenses.lines[rows].item == "新增"
        await pilot.press("ctrl+o", "ctrl+r")
        await pilot.pause()
        assert len(app.editor.draft.expenses.lines) == rows + 1

        # Tab walks back up through rows built on the way, across the window's edge.
        await burst(pilot, *["shift+tab"] * (4 * 40))
        assert shown_row(app) == (f"expenses.lines.{rows - 40}.item", f"项目{rows - 40}")
        await burst(pilot, *["tab"] * 4)
        assert shown_row(app) == (f"expenses.lines.{rows - 39}.item", f"项目{rows - 39}")

        # Alt+↓ moves a row far down the table; Ctrl+R (answered y) deletes one with content.
        await burst(pilot, *["up"] * 200)
        moved = rows - 239
        assert focused_path(app) == f"expenses.lines.{moved}.item"
        await pilot.press("alt+down")
        assert focused_path(app) == f"expenses.lines.{moved + 1}.item"
        await type_text(pilot, "乙")
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ConfirmScreen) and f"项目{moved}乙" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert shown_row(app) == (f"expenses.lines.{moved + 1}.item", f"项目{moved + 2}")
        await pilot.press("ctrl+s")
    lines = [line.item for line in on_disk(app).expenses.lines]
    assert len(lines) == rows and lines[0] == "项目0甲" and lines[-1] == "新增"
    assert lines[moved : moved + 2] == [f"项目{moved + 1}", f"项目{moved + 2}"]
    assert f"项目{moved}乙" not in lines and f"项目{moved}" not in lines


async def test_rows_built_late_say_their_findings_and_jumps_reach_them(tmp_path: Path) -> None:
    draft = big_draft(300)
    draft.expenses.lines[250].this_year = "二十"  # not an amount: said under row 251 once it is built
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "3")
        grid = the_grid(app)
        assert not grid.row_widgets()[-1].problems.messages
        assert await app.editor.jump_to("expenses.lines.250.this_year")
        assert shown_row(app) == ("expenses.lines.250.this_year", "二十")
        row = grid.row_widget(250)
        assert row is not None and row.problems.messages  # filled in before: judged from the start
        assert row.cells[2].has_class("-invalid")
        await burst(pilot, *["down"] * 40)  # the row's widget is reused for a row with a good amount
        assert not any(w.cells[2].has_class("-invalid") for w in grid.row_widgets() if w.index != 250)
        # Tab reaches the last cell of the last row, then leaves the table.
        await burst(pilot, *["tab"] * (1 + 4 * 9))
        assert shown_row(app) == ("expenses.lines.299.basis", "依据299")
        await pilot.press("tab")
        assert grid not in app.screen.focused.ancestors
        # Scrolling the section away from the cursor (the cursor on the 合计 line) builds the rows scrolled to.
        assert await app.editor.jump_to("expenses.total_this_year")
        await pilot.pause()  # the 合计 line scrolled into view first
        body = grid.parent
        body.scroll_to(y=grid.virtual_region.y + 150, animate=False, immediate=True)
        await pilot.pause()
        assert grid.first <= 150 < grid.first + len(grid.row_widgets()) and grid.first < 200
        row = grid.row_widget(150)
        assert row is not None and row.cells[0].value == "项目150" and row.cells[0].name == "expenses.lines.150.item"
        # Leaving the section and coming back enters the table at its first row again.
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("f5")
        assert focused_path(app) == "expenses.lines.0.item"
        await pilot.press("shift+tab", "tab")  # into the table from the 合计 line above it
        assert focused_path(app) == "expenses.lines.0.item"


async def test_ctrl_q_while_a_big_table_opens_saves_and_quits(drafts: Path) -> None:
    path = drafts / "big.toml"
    save_draft(big_draft(MAX_TABLE_ROWS, "大表"), path)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert await app.screen.jump_to("project.name")
        await type_text(pilot, "改")  # not yet saved
        for key in ("f6", "f6", "ctrl+q"):  # Ctrl+Q arrives while 支出明细 is being built
            app.post_message(events.Key(key, None))
        await pilot.pause()
        assert not app.is_running
    assert app.return_code in (0, None)
    assert load_draft(path).project.name.startswith("大表") and "改" in load_draft(path).project.name
