"""The editor screen: section keys, the stepper, autosave, leaving, read-only drafts, jumps from findings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from editor_kit import SIZE, burst, field, focused_path, make_editor, on_disk, type_text
from rich.cells import cell_len

from forms.model.declaration import ExpenseLine, new_declaration
from forms.store.drafts import load_draft
from tui.screens.debounce import Debounce
from tui.screens.editor import EditorScreen
from tui.sections.base import Section
from tui.widgets.stepper import Stepper


@pytest.fixture
def quick_save(monkeypatch: pytest.MonkeyPatch) -> float:
    """A short autosave delay, so waiting for it keeps tests fast."""
    monkeypatch.setattr(EditorScreen, "SAVE_DELAY", 0.3)
    return 0.3


def titles(app) -> str:
    return app.editor.sections[app.editor.index].title


async def test_opens_on_basic_with_every_section_in_the_stepper(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        stepper = app.editor.query_one(Stepper)
        assert [full for _, full in stepper.titles] == [
            "基本情况",
            "资金来源",
            "支出明细",
            "保障措施与进度计划",
            "绩效目标",
            "绩效指标",
            "其他说明、审核意见与签署",
            "检查与导出",
        ]
        line = str(stepper.render())
        for number in range(1, 9):
            assert f" {number}" in line
        assert focused_path(app) == "year"
        assert "已保存" in str(app.editor._saved.render())


async def test_f6_f5_and_ctrl_page_keys_walk_the_sections(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        assert titles(app) == "资金来源"
        assert focused_path(app) == "funding.sources.0.last_year"  # where typing starts, not the 合计
        await pilot.press("ctrl+pagedown")
        assert titles(app) == "支出明细"
        await pilot.press("f5", "ctrl+pageup")
        assert titles(app) == "基本情况"
        await pilot.press("f5")
        assert titles(app) == "检查与导出"
        await pilot.press("f6")
        assert titles(app) == "基本情况"


async def test_ctrl_g_then_a_digit_or_arrows_jump_straight_to_a_section(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "6")
        assert titles(app) == "绩效指标"
        assert focused_path(app) == "performance.indicators.0.name"  # the picked 一级/二级 passed over
        await pilot.press("ctrl+g", "right", "right", "enter")
        assert titles(app) == "检查与导出"
        await pilot.press("ctrl+g", "left", "enter")
        assert titles(app) == "其他说明、审核意见与签署"
        assert app.editor.stepper.current == 6


async def test_f6_leaves_a_multiline_field(tmp_path: Path) -> None:
    # TextArea binds F6 itself (select line): the section key must still win.
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "5")
        assert focused_path(app) == "performance.long_term_goal"
        await pilot.press("f6")
        assert titles(app) == "绩效指标"


async def test_typing_is_unsaved_until_the_autosave_delay(tmp_path: Path, quick_save: float) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab")
        await type_text(pilot, "线路租赁")
        assert app.editor.draft.project.name == "线路租赁"
        assert app.editor.dirty
        assert "未保存" in str(app.editor._saved.render())
        assert on_disk(app).project.name == ""
        await pilot.pause(quick_save + 0.2)
        assert on_disk(app).project.name == "线路租赁"
        assert "已保存" in str(app.editor._saved.render())


def test_autosave_delay_is_at_most_two_seconds() -> None:
    assert EditorScreen.SAVE_DELAY <= 2.0
    assert EditorScreen.CHECK_DELAY < EditorScreen.SAVE_DELAY


async def test_leaving_a_field_saves_at_once(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"2021")
        assert on_disk(app).year == ""
        await pilot.press("tab")
        await pilot.pause()
        assert on_disk(app).year == "2021"


async def test_switching_section_saves(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6", *"12")
        await pilot.press("f6")
        assert on_disk(app).funding.sources[0].last_year == "12"


async def test_ctrl_s_saves_now(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"2022", "ctrl+s")
        assert on_disk(app).year == "2022"
        assert not app.editor.dirty


async def test_escape_saves_and_goes_back(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"2023", "escape")
        await pilot.pause()
        assert app.screen is not app.editor
        assert app.closed_with == app.editor.path
        assert on_disk(app).year == "2023"


async def test_quitting_the_app_saves_what_was_typed(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"2024")
        await pilot.press("ctrl+q")
    assert on_disk(app).year == "2024"


async def test_a_failed_save_is_shown_and_escape_twice_leaves(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.editor.path.unlink()
        app.editor.path.mkdir()  # a folder where the file was: the write fails
        await pilot.press(*"2025", "tab")
        await pilot.pause()
        assert "保存失败" in str(app.editor._saved.render())
        await pilot.press("escape")
        assert app.screen is app.editor
        await pilot.press("escape")
        assert app.screen is not app.editor


async def test_stepper_shows_empty_then_filled_states(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(EditorScreen, "CHECK_DELAY", 0.05)
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.editor.stepper.states[:7] == ["empty"] * 7
        await pilot.press("f6")
        await type_text(pilot, "abc")
        await pilot.pause(0.2)
        assert app.editor.stepper.states[1] == "incomplete"  # not an amount, not said while typing
        await pilot.press("tab", "shift+tab")
        await pilot.pause(0.2)
        assert app.editor.stepper.states[1] == "error"  # said once the field was left
        await pilot.press("ctrl+u")
        await type_text(pilot, "25")
        await pilot.pause(0.2)
        assert app.editor.stepper.states[1] != "empty"


async def test_read_only_draft_shows_banner_and_ignores_typing(tmp_path: Path) -> None:
    draft = new_declaration(year="2021")
    draft.state = "final"
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.editor.read_only
        assert app.editor._banner.display
        assert "定稿（只读）" in str(app.editor._banner.render())
        await pilot.press(*"99")
        assert app.editor.draft.year == "2021"
        await pilot.press("f6", *"12", "ctrl+t")
        assert app.editor.draft.funding.total_last_year == ""
        assert app.editor.draft.funding.sources[0].last_year == ""
        await pilot.press("f4")
        assert not app.editor.read_only
        assert not app.editor._banner.display
        assert on_disk(app).state == "draft"
        await pilot.press(*"12")
        assert app.editor.draft.funding.sources[0].last_year == "12"


async def test_read_only_flag_locks_every_visited_section(tmp_path: Path) -> None:
    app = make_editor(tmp_path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(7):
            section = app.editor.sections[app.editor.index]
            assert section.read_only
            for widget in section.query("Input"):
                assert widget.disabled
            for widget in section.query("TextArea"):
                assert widget.read_only
            await pilot.press("f6")
        await pilot.press("ctrl+g", "3", "tab", "tab", "tab", "tab", "ctrl+o")
        assert app.editor.draft.expenses.lines == []


async def test_a_finding_jumps_to_its_field(tmp_path: Path) -> None:
    draft = new_declaration()
    draft.expenses.lines = [ExpenseLine(item="a")]
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("expenses.lines.0.basis")
        await pilot.pause()
        assert titles(app) == "支出明细"
        assert focused_path(app) == "expenses.lines.0.basis"
        assert await app.editor.jump_to("project.types")
        assert focused_path(app) == "project.types"
        assert await app.editor.jump_to("performance.indicators.3")
        assert focused_path(app) == "performance.indicators.3.level1"
        assert not await app.editor.jump_to("imported.leftovers.0")


async def test_review_section_messages_jump_and_lock(tmp_path: Path) -> None:
    from tui.sections.review import ReviewSection

    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        review = app.editor.sections[-1]
        assert isinstance(review, ReviewSection)
        review.post_message(ReviewSection.JumpTo("sign_off.fill_date"))
        for _ in range(10):  # the section is mounted, with its fields' notes, before the field takes focus
            await pilot.pause()
            if focused_path(app) == "sign_off.fill_date":
                break
        assert focused_path(app) == "sign_off.fill_date"
        app.editor.draft.state = "final"
        review.post_message(ReviewSection.StateChanged("final"))
        await pilot.pause()
        assert app.editor.read_only
        assert load_draft(app.editor.path).state == "final"
        assert all(w.disabled for w in app.editor.sections[6].query("Input"))


async def test_palette_commands_cover_sections_and_actions(tmp_path: Path) -> None:
    from tui.screens.editor_commands import EditorCommands

    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = EditorCommands(app.editor)
        names = [name for name, _, _ in provider._commands()]
        assert "转到：支出明细" in names and "加行（表格）" in names and "合计取计算值" in names
        goto = dict((name, run) for name, run, _ in provider._commands())["转到：绩效目标"]
        await goto()
        await pilot.pause()
        assert titles(app) == "绩效目标"


async def test_every_section_is_a_section_with_a_title(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE):
        assert all(isinstance(s, Section) and s.title for s in app.editor.sections)
        assert field(app, "year").has_focus


async def test_a_burst_of_keys_lands_in_the_fields_in_typing_order(tmp_path: Path) -> None:
    # Over SSH several keys often arrive in one read; Tab must not act before the text typed ahead of it.
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "2021", "tab", "unit", "backspace", "tab", "name", "enter", "right", "tab", "dept")
        draft = app.editor.draft
        assert (draft.year, draft.unit, draft.project.name) == ("2021", "uni", "name")
        assert (draft.project.attribute, draft.project.department) == ("新增项目", "dept")
        await burst(pilot, "ctrl+g", "3", "up", "7", "tab", "8", "ctrl+t")
        assert titles(app) == "支出明细"
        assert (draft.expenses.total_last_year, draft.expenses.total_this_year) == ("7", "8")
        await burst(pilot, "tab", "tab", "ctrl+o", "item", "tab", "5", "ctrl+o", "next", "up", "x")
        assert [line.item for line in draft.expenses.lines] == ["itemx", "next"]
        assert draft.expenses.lines[0].last_year == "5"


async def test_stepper_shows_full_titles_when_the_terminal_is_wide(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        assert "其他说明、审核意见与签署" in str(app.editor.stepper.render())
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = str(app.editor.stepper.render())
        assert "签署" in line and "其他说明" not in line
        assert cell_len(line) <= 80


async def test_debounce_runs_once_after_the_last_poke(tmp_path: Path) -> None:
    # Generous interval against short pauses, so a loaded machine (CI, shared cores) cannot fire it early.
    app = make_editor(tmp_path)
    calls: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        debounce = Debounce(app.editor, 1.0, lambda: calls.append(time.monotonic()))
        for _ in range(3):
            debounce.poke()
            await pilot.pause(0.02)
        last = time.monotonic()
        debounce.poke()
        assert calls == [] and debounce.pending
        for _ in range(100):
            if calls:
                break
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        assert len(calls) == 1
        assert calls[0] - last >= 0.95  # a full interval after the last poke, not the first
        debounce.poke()
        debounce.cancel()
        await pilot.pause(1.2)
        assert len(calls) == 1


async def test_palette_table_commands_act_where_the_operator_was(tmp_path: Path) -> None:
    from tui.screens.editor_commands import EditorCommands

    draft = new_declaration()
    draft.expenses.lines = [ExpenseLine(item="一", this_year="3")]
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("expenses.lines.0.item")
        await pilot.pause()
        commands = {name: run for name, run, _ in EditorCommands(app.editor)._commands()}
        await commands["加行（表格）"]()
        await pilot.pause()
        assert len(app.editor.draft.expenses.lines) == 2
        await commands["合计取计算值"]()
        await pilot.pause()
        assert app.editor.draft.expenses.total_this_year == "3"
        await commands["上一节"]()
        assert titles(app) == "资金来源"


async def test_read_only_section_body_takes_focus_so_arrows_scroll(tmp_path: Path) -> None:
    draft = new_declaration()
    draft.performance.indicators *= 3  # taller than the screen
    app = make_editor(tmp_path, draft, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "6")
        body = app.editor.sections[5].query_one(".section-body")
        assert app.screen.focused is body
        await pilot.press("down", "down")
        assert body.scroll_y > 0
