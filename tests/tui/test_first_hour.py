"""Issue 19: the traps a new operator fell into at 80×24, each walked into with the keys the screen shows."""

from __future__ import annotations

from pathlib import Path

from conftest import settle
from editor_kit import SIZE, field, focused_path, make_editor, on_disk, type_text
from rich.cells import cell_len

from forms.model.declaration import new_declaration
from tui.app import ShenbaoApp
from tui.screens.editor import EditorScreen
from tui.screens.help import HelpScreen
from tui.widgets.export_dialog import ExportDialog
from tui.widgets.field import TextField
from tui.widgets.key_line import KeyLine
from tui.widgets.stepper import GLYPHS


def notes_under(app, path: str) -> str:
    """Every message shown in the section now (the lines under the fields)."""
    from tui.widgets.amount import ProblemLine

    del path
    return "\n".join(m for line in app.screen.query(ProblemLine) if line.display for m in line.messages)


def key_line(app) -> str:
    return app.screen.query_one(KeyLine).render().plain


# 1. An empty table: focus lands where the row starts, and Ctrl+O works wherever the section has focus.


async def test_f6_into_an_empty_expenses_table_lands_on_the_table_not_the_total(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6", "f6")
        assert not (focused_path(app) or "").startswith("expenses.total")
        assert app.screen.focused.has_class("grid-empty")
        await pilot.press("ctrl+o")
        assert focused_path(app) == "expenses.lines.0.item"
        await type_text(pilot, "平台软件开发费")
        await pilot.press("ctrl+s")
        saved = on_disk(app).expenses
        assert [line.item for line in saved.lines] == ["平台软件开发费"]
        assert saved.total_last_year == ""


async def test_typing_on_the_empty_table_line_starts_the_first_row(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6", "f6")
        await type_text(pilot, "服务器")
        assert focused_path(app) == "expenses.lines.0.item"
        assert app.editor.draft.expenses.lines[0].item == "服务器"
        assert app.editor.draft.expenses.total_last_year == ""


async def test_ctrl_o_on_the_total_row_and_in_the_measures_adds_a_row(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6", "f6", "shift+tab", "shift+tab")
        assert (focused_path(app) or "").startswith("expenses.total")
        await pilot.press("ctrl+o")
        assert focused_path(app) == "expenses.lines.0.item"
        await pilot.press("f6")  # 保障措施与进度计划: focus in the measures, the schedule empty below
        assert focused_path(app) == "implementation.measures"
        await pilot.press("insert")
        assert focused_path(app) == "implementation.schedule.0.task"
        assert len(app.editor.draft.implementation.schedule) == 1


async def test_the_palette_add_row_works_from_the_total_row(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6", "f6", "shift+tab")
        await pilot.press("ctrl+p")
        await type_text(pilot, "加行")
        await pilot.press("enter")
        await pilot.pause()
        assert focused_path(app) == "expenses.lines.0.item"


# 2. ↓ leaves 合计（填报） for the first row, in the same column.


async def test_down_from_the_declared_total_goes_to_the_first_source(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        assert focused_path(app) == "funding.sources.0.last_year"  # where the typing starts
        await pilot.press("up")
        assert focused_path(app) == "funding.total_last_year"
        await pilot.press("tab", "down")
        assert focused_path(app) == "funding.sources.0.this_year"
        await type_text(pilot, "20")
        assert app.editor.draft.funding.sources[0].this_year == "20"
        assert app.editor.draft.funding.total_this_year == ""


# 3. The key line fits 80 columns: the place's keys, then Esc, F1 and ^q always.


async def new_draft(pilot) -> EditorScreen:
    """The app's drafts list, then n: a new draft in the editor."""
    await settle(pilot)
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EditorScreen)
    return pilot.app.screen


async def test_the_key_line_keeps_esc_f1_and_quit_in_every_section(tmp_path: Path) -> None:
    app = ShenbaoApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor = await new_draft(pilot)
        for _section in range(8):
            await pilot.pause()
            line = key_line(app)
            assert cell_len(line) <= 80
            for shown in ("esc 返回", "f1 帮助", "^q 退出", "^p 命令"):
                assert shown in line, (editor.index, line)
            assert not line.rstrip().endswith(("保", "退", "▏")), line
            await pilot.press("f6")


async def test_the_key_line_shows_the_tables_keys_first(tmp_path: Path) -> None:
    app = ShenbaoApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await new_draft(pilot)
        await pilot.press("f6", "f6", "ctrl+o")
        line = key_line(app)
        assert line.index("^o 加行") < line.index("esc 返回")
        assert "^r 删行" in line and "^t 取合计" in line


# 4. The export dialog: focus on the format, the choice readable without colour.


async def test_export_dialog_starts_on_the_format_and_shows_the_choice_without_colour(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "8", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path_box = dialog.query_one("#export-path")
        before = path_box.value
        assert dialog.focused is dialog.query_one("#export-format")
        await pilot.press("down")
        await pilot.pause()
        assert dialog.fmt == "md"
        await pilot.press("space")  # on the choice: nothing typed into the path
        await pilot.pause()
        assert dialog.fmt == "md" and " " not in path_box.value
        assert path_box.value == str(Path(before).with_suffix(".md"))
        buttons = [str(b.render()) for b in dialog.query("FormatButton")]
        assert buttons[0].startswith("( )") and buttons[1].startswith("(●)")


# 5 and 9. Findings under the field, once it is left; a new draft does not open in red.


async def test_a_new_draft_opens_without_errors_shown(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.editor
        assert "error" not in editor.stepper.states
        assert "错误" not in str(editor.query_one("#editor-where").render())
        assert notes_under(app, "") == ""
        await pilot.press("ctrl+g", "8")  # 检查与导出 judges the whole draft: now everything is said
        assert editor.stepper.states[-1] == "error"
        await pilot.press("ctrl+g", "1")
        assert "项目名称未填写" in notes_under(app, "project.name")


async def test_a_bad_date_is_told_under_the_field_when_it_is_left_and_fixed_there(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        field(app, "project.start").focus()
        await pilot.pause()
        await type_text(pilot, "2026.13")
        assert "2026.13" not in notes_under(app, "project.start")  # not while typing
        await pilot.press("tab")
        await pilot.pause()
        assert "2026.13" in notes_under(app, "project.start")
        assert app.editor.stepper.states[0] == "error"
        await pilot.press("shift+tab", "backspace", "backspace", "1", "2", "tab")
        await pilot.pause()
        assert "2026.13" not in notes_under(app, "project.start")
        assert "月份" not in notes_under(app, "project.start")


async def test_an_amount_problem_is_said_once_the_amount_is_left(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6", "up")
        await type_text(pilot, "平台软件开发费")
        assert notes_under(app, "funding.total_last_year") == ""
        await pilot.press("tab")
        await pilot.pause()
        assert "平台软件开发费" in notes_under(app, "funding.total_last_year")
        assert field(app, "funding.total_last_year").has_class("-invalid")


# 6. A long cell shows its head again once left.


async def test_a_long_cell_shows_its_beginning_after_it_is_left(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6", "f6", "ctrl+o")
        await type_text(pilot, "存储设备采购（含三年维保）与数据中心机房配套改造及网络安全设备")
        cell = field(app, "expenses.lines.0.item")
        assert isinstance(cell, TextField) and cell.scroll_x > 0
        await pilot.press("tab")
        await pilot.pause()
        assert cell.scroll_x == 0


# 7. F1 speaks the operator's language.


async def test_f1_names_the_section_in_chinese_and_lists_no_stock_keys(tmp_path: Path) -> None:
    app = ShenbaoApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await new_draft(pilot)
        await pilot.press("f6", "f6", "ctrl+o", "f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        headings = [heading for heading, _rows in help_screen.groups]
        assert "支出明细" in headings and "表格" in headings
        for heading in headings:
            assert heading.isascii() is False, heading  # no class names
        keys = " ".join(keys for _h, rows in help_screen.groups for keys, _t in rows)
        assert "super+" not in keys and "shift+^a" not in keys
        assert "支出明细" in str(help_screen.query_one("VerticalScroll").border_title)


async def test_stepper_glyphs_stay_single_width() -> None:
    assert all(cell_len(glyph) == 1 for glyph in GLYPHS.values())
    assert new_declaration().expenses.lines == []
