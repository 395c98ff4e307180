"""Inline completions in the editor: indicator names and values, dates, 本年度, taken with → or End."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from editor_kit import SIZE, EditorApp, focused_path, make_editor, on_disk, type_text
from textual.pilot import Pilot

from forms.model.declaration import Declaration, ExpenseLine, Indicator, new_declaration
from forms.store.drafts import save_draft
from tui.widgets.field import TextField

# The skeleton's rows: 0 数量指标, 1 质量指标, 2 时效指标, 3 成本指标, 4 经济效益, 5 社会效益,
# 6 环境效益, 7 可持续影响, 8 服务对象满意度.
ROW = {"数量指标": 0, "质量指标": 1, "时效指标": 2, "成本指标": 3, "社会效益": 5, "服务对象满意度": 8}


def other_draft(folder: Path, file: str, *rows: tuple[str, str, str]) -> None:
    """A draft in ``folder`` with (二级指标, 三级指标, 指标值) filled into its skeleton rows."""
    draft = new_declaration(year="2021")
    draft.project.name = file
    for level2, name, value in rows:
        row = draft.performance.indicators[ROW[level2]]
        row.name, row.value = name, value
    save_draft(draft, folder / f"{file}.toml")


async def ready(pilot: Pilot[Any]) -> None:
    """Let the editor read the other drafts (a worker) and show what it offers."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def go(pilot: Pilot[Any], app: EditorApp, path: str) -> TextField:
    """Focus the field at ``path``; the field, once its completion is offered."""
    assert await app.editor.jump_to(path)
    await pilot.pause()
    await pilot.pause()
    focused = app.screen.focused
    assert isinstance(focused, TextField) and focused.name == path
    return focused


def indicator(n: int, column: str) -> str:
    return f"performance.indicators.{n}.{column}"


async def test_names_of_other_drafts_complete_under_the_same_level2(tmp_path: Path) -> None:
    other_draft(tmp_path, "甲", ("数量指标", "进驻窗口单位", "14个"), ("质量指标", "WiFi覆盖率", "100%"))
    other_draft(tmp_path, "乙", ("数量指标", "进驻窗口单位", "12个"))
    other_draft(tmp_path, "丙", ("数量指标", "培训人次", "200人次"))
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        name = await go(pilot, app, indicator(0, "name"))
        assert name.suggestion == "进驻窗口单位"  # most used first, offered before anything is typed
        assert name.placeholder == "进驻窗口单位"  # an empty Input shows it where its placeholder goes
        await type_text(pilot, "培")
        assert name.suggestion == "培训人次"
        await pilot.press("right")
        assert name.value == "培训人次"
        assert app.editor.draft.performance.indicators[0].name == "培训人次"
        assert app.editor.dirty
        # 质量指标 offers only its own names; case does not matter, and End takes it too.
        quality = await go(pilot, app, indicator(1, "name"))
        assert quality.suggestion == "WiFi覆盖率"
        await type_text(pilot, "wif")
        assert quality.suggestion == "WiFi覆盖率"
        await pilot.press("end")
        assert app.editor.draft.performance.indicators[1].name == "WiFi覆盖率"
        timely = await go(pilot, app, indicator(2, "name"))
        assert timely.suggestion == "" and timely.placeholder == ""
        await pilot.press("ctrl+s")
    saved = on_disk(app).performance.indicators
    assert (saved[0].name, saved[1].name) == ("培训人次", "WiFi覆盖率")


async def test_the_cost_value_is_the_budget_total_and_follows_the_amounts(tmp_path: Path) -> None:
    draft = new_declaration(year="2021")
    draft.funding.sources[3].this_year = "25"
    other_draft(tmp_path, "甲", ("成本指标", "控制在预算内", "99万元"))
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        cost = await go(pilot, app, indicator(3, "value"))
        assert cost.suggestion == "25万元"  # never another project's cost
        await type_text(pilot, "3")
        assert cost.suggestion == ""
        # The amounts change: the 成本指标 follows (the computed sum, then the declared 合计).
        field = await go(pilot, app, "funding.sources.3.this_year")
        await pilot.press("backspace", "backspace", "3", "0")
        assert field.value == "30"
        cost = await go(pilot, app, indicator(3, "value"))
        await pilot.press("backspace")
        assert cost.value == "" and cost.suggestion == "30万元"
        assert await app.editor.jump_to("funding.total_this_year")
        await pilot.pause()
        await type_text(pilot, "28.5")
        cost = await go(pilot, app, indicator(3, "value"))
        assert cost.suggestion == "28.5万元"
        await pilot.press("right")
        assert app.editor.draft.performance.indicators[3].value == "28.5万元"


async def test_common_values_for_satisfaction_and_deadlines(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        satisfaction = await go(pilot, app, indicator(8, "value"))
        assert satisfaction.suggestion == "≥90%"
        await type_text(pilot, "9")
        assert satisfaction.suggestion == "90%"
        deadline = await go(pilot, app, indicator(2, "value"))
        await type_text(pilot, "年")
        assert deadline.suggestion == "年底前"
        await pilot.press("right", "tab")
        assert app.editor.draft.performance.indicators[2].value == "年底前"


async def test_values_used_with_the_same_name_come_first(tmp_path: Path) -> None:
    other_draft(tmp_path, "甲", ("数量指标", "培训人次", "200人次"), ("质量指标", "合格率", "98%"))
    other_draft(tmp_path, "乙", ("数量指标", "进驻窗口单位", "14个"))
    draft = new_declaration(year="2021")
    draft.performance.indicators[0].name = "进驻窗口单位"
    draft.performance.indicators[1].name = "合格率"
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        value = await go(pilot, app, indicator(0, "value"))
        assert value.suggestion == "14个"
        await type_text(pilot, "2")
        assert value.suggestion == "200人次"  # the category's other values, once typed
        quality = await go(pilot, app, indicator(1, "value"))
        assert quality.suggestion == "98%"  # before the common 质量指标 values


async def test_this_draft_restates_its_goals_and_other_rows(tmp_path: Path) -> None:
    draft = new_declaration(year="2021")
    draft.performance.long_term_goal = "减少企业跑腿次数，提高办事效率"
    draft.performance.indicators[2] = Indicator(level1="产出指标", level2="时效指标", name="压缩办理时间", value="1天")
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        social = await go(pilot, app, indicator(5, "name"))
        assert social.suggestion == ""  # this draft's own names only once something is typed
        await type_text(pilot, "减")
        assert social.suggestion == "减少企业跑腿次数"
        await pilot.press("right")
        environment = await go(pilot, app, indicator(6, "name"))
        await type_text(pilot, "压")
        assert environment.suggestion == "压缩办理时间"
        await pilot.press("right", "tab")
        await pilot.pause()
        # Its value: the one this draft gives the same indicator, before anything is typed.
        assert app.screen.focused.suggestion == "1天"
        await pilot.press("right")
        rows = app.editor.draft.performance.indicators
        assert (rows[5].name, rows[6].name, rows[6].value) == ("减少企业跑腿次数", "压缩办理时间", "1天")


async def test_typing_on_past_a_completion_keeps_what_was_typed(tmp_path: Path) -> None:
    other_draft(tmp_path, "甲", ("数量指标", "进驻窗口单位", "14个"))
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        name = await go(pilot, app, indicator(0, "name"))
        await type_text(pilot, "进驻大厅")
        assert name.suggestion == ""
        await pilot.press("left", "right", "tab")  # → inside the text only moves the cursor
        assert app.editor.draft.performance.indicators[0].name == "进驻大厅"
        await pilot.press("shift+tab")
        await pilot.pause()
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await pilot.pause()
        assert name.value == "" and name.suggestion == "进驻窗口单位"  # emptied again: offered again
        await pilot.press("tab")
        await pilot.pause()
        assert name.placeholder == ""  # nothing stays behind once focus has gone
        assert app.editor.draft.performance.indicators[0].name == ""


async def test_hostile_names_are_never_taken_as_markup_or_sent_raw(tmp_path: Path) -> None:
    escape = "\x1b[2J清屏"
    other_draft(tmp_path, "甲", ("数量指标", escape, "1个"))
    other_draft(tmp_path, "乙", ("数量指标", escape, "1个"))
    other_draft(tmp_path, "丙", ("数量指标", "[@click=app.quit]x[/]", "[/]"))
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        name = await go(pilot, app, indicator(0, "name"))
        assert name.suggestion == "[@click=app.quit]x[/]"  # the one with an escape is never offered
        await pilot.press("right", "tab")
        await pilot.pause()
        assert app.screen.focused.suggestion == "[/]"
        await pilot.press("end")
        await pilot.pause()
        assert app.is_running
        rows = app.editor.draft.performance.indicators
        assert (rows[0].name, rows[0].value) == ("[@click=app.quit]x[/]", "[/]")


async def test_other_drafts_are_read_once_without_this_one_or_unreadable_ones(tmp_path: Path) -> None:
    other_draft(tmp_path, "甲", ("数量指标", "进驻窗口单位", "14个"))
    (tmp_path / "坏.toml").write_text("这不是 TOML = [", encoding="utf-8")
    draft = new_declaration(year="2021")
    draft.performance.indicators[0].name = "自己的指标"
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        help = app.editor.indicator_help
        assert help is not None and help.names("数量指标") == ["进驻窗口单位"]
        social = await go(pilot, app, indicator(5, "name"))
        assert social.suggestion == ""


async def test_typing_in_a_completing_cell_mounts_nothing(tmp_path: Path) -> None:
    other_draft(tmp_path, "甲", ("数量指标", "进驻窗口单位", "14个"))
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await go(pilot, app, indicator(0, "name"))
        before = len(list(app.screen.walk_children()))
        await type_text(pilot, "进驻窗")
        await pilot.press("right", "backspace", "backspace")
        await type_text(pilot, "单位")
        assert len(list(app.screen.walk_children())) == before
        assert app.editor.draft.performance.indicators[0].name == "进驻窗口单位"


async def test_period_schedule_and_this_year_complete_from_what_is_known(tmp_path: Path) -> None:
    draft: Declaration = new_declaration(year="2022")
    draft.project.name = "政务大厅运行经费"
    draft.expenses.lines = [ExpenseLine(item="办公费", last_year="15.5")]
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        start = await go(pilot, app, "project.start")
        assert start.suggestion == "2022.01"
        await pilot.press("right", "tab")
        await pilot.pause()
        assert app.screen.focused.suggestion == "2022.12"
        await pilot.press("backspace")  # nothing to delete; the completion stays on offer
        await pilot.press("right")
        assert (app.editor.draft.project.start, app.editor.draft.project.end) == ("2022.01", "2022.12")
        this_year = await go(pilot, app, "expenses.lines.0.this_year")
        assert this_year.suggestion == "15.5"
        await pilot.press("right")
        assert app.editor.draft.expenses.lines[0].this_year == "15.5"
        await pilot.press("ctrl+g", "4", "tab", "ctrl+o")
        await pilot.pause()
        assert focused_path(app) == "implementation.schedule.0.task"
        assert app.screen.focused.suggestion == "政务大厅运行经费"
        await pilot.press("right", "tab")
        await pilot.pause()
        assert app.screen.focused.suggestion == "2022.01"
        await pilot.press("right", "tab")
        await pilot.pause()
        assert app.screen.focused.suggestion == "2022.12"
        await pilot.press("right", "ctrl+s")
    row = on_disk(app).implementation.schedule[0]
    assert (row.task, row.start, row.end) == ("政务大厅运行经费", "2022.01", "2022.12")
