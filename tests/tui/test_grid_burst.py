"""A burst of keys in a table (one read from a terminal over SSH) lands in the cells it was typed for.

Every case types the whole burst at once, Tab, Enter and Ctrl+O included, and
then checks the draft on disk cell by cell: what was typed is where the draft
path of the cell the cursor was in says, and nowhere else (not in the 合计
line). In 支出明细 of a new draft the keys start on the empty table's line,
where the first character adds the first row while the rest of the burst is
already on its way.
"""

from __future__ import annotations

import random
from pathlib import Path

from editor_kit import SIZE, burst, focused_path, make_editor, on_disk
from textual import events

from forms.model.declaration import Declaration, ExpenseLine, new_declaration

WALK = ("保洁服务费", "tab", "tab", "20", "tab", "按面积测算")
"""What the operator typed into a new draft's first 支出明细 line in the terminal walk (it went to 合计 once)."""


def lines(draft: Declaration) -> list[tuple[str, str, str, str]]:
    """支出明细 lines as (项目, 上年度, 本年度, 测算依据)."""
    return [(line.item, line.last_year, line.this_year, line.basis) for line in draft.expenses.lines]


def totals(draft: Declaration) -> tuple[str, str, str]:
    """The 合计 line of 支出明细: declared amounts and the overall basis."""
    e = draft.expenses
    return e.total_last_year, e.total_this_year, e.total_basis


async def test_the_walks_burst_on_a_new_drafts_expenses_fills_line_one_not_the_total(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "f6", "f6", *WALK)  # from 基本情况, as in the walk: focus lands on the empty table
        assert focused_path(app) == "expenses.lines.0.basis"
        await pilot.press("ctrl+s")
        saved = on_disk(app)
        assert lines(saved) == [("保洁服务费", "", "20", "按面积测算")]
        assert totals(saved) == ("", "", "")


async def test_a_paste_on_the_empty_table_starts_its_first_line(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "3")
        assert app.screen.focused.has_class("grid-empty")
        app.post_message(events.Paste("保洁服务费\n第二行不进一栏"))  # a field takes a paste's first line
        await burst(pilot, "tab", "tab", "20", "tab")
        app.post_message(events.Paste("按面积测算"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        saved = on_disk(app)
        assert lines(saved) == [("保洁服务费", "", "20", "按面积测算")]
        assert totals(saved) == ("", "", "")


async def test_a_key_the_empty_table_does_not_use_does_not_act_on_the_field_focused_after_it(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "3")
        assert app.screen.focused.has_class("grid-empty")
        await burst(pilot, "backspace", "shift+tab", "按面积")  # Backspace on the empty line; then the 合计's basis
        assert focused_path(app) == "expenses.total_basis"
        await pilot.press("ctrl+s")
        assert totals(on_disk(app)) == ("", "", "按面积")


ITEMS = ("保洁服务费", "印刷费", "a", "营商环境测评（第三方）", "x1", "差旅费用及其他相关费用支出明细")
AMOUNTS = ("", "", "1", "20", "0.5", "123.45")
BASES = ("", "按面积测算", "b", "依据合同")


def random_lines(seed: int, count: int) -> list[tuple[str, str, str, str]]:
    """Lines of every shape: short and long, Chinese and ASCII, amounts and basis left empty or not."""
    rng = random.Random(seed)
    return [(rng.choice(ITEMS), rng.choice(AMOUNTS), rng.choice(AMOUNTS), rng.choice(BASES)) for _ in range(count)]


def keys_for(rows: list[tuple[str, str, str, str]]) -> list[str]:
    """One burst typing ``rows`` from the empty table's line: Tab between cells, Enter or Ctrl+O for the next line.

    The first line starts with a slip put right at once (a character, then
    Backspace), which must reach the new row too.
    """
    keys: list[str] = ["z", "backspace"]
    for number, row in enumerate(rows):
        if number:
            keys.append(("enter", "ctrl+o")[number % 2])  # from 测算依据: both add a line below
        for cell, text in enumerate(row):
            if cell:
                keys.append("tab")
            if text:
                keys.append(text)
    return keys


async def test_bursts_of_whole_lines_land_cell_by_cell(tmp_path: Path) -> None:
    rows = random_lines(2, 7)
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "3")
        await burst(pilot, *keys_for(rows))
        assert focused_path(app) == f"expenses.lines.{len(rows) - 1}.basis"
        await pilot.press("ctrl+s")
        saved = on_disk(app)
        assert lines(saved) == rows
        assert totals(saved) == ("", "", "")


async def test_bursts_in_the_funding_and_indicator_tables_land_cell_by_cell(tmp_path: Path) -> None:
    # The same grid with fixed rows (资金来源) and the skeleton's rows (绩效指标): no empty line, the cursor moves
    # by row index through rows built as it goes.
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "2")
        assert focused_path(app) == "funding.sources.0.last_year"
        await burst(pilot, "5", "tab", "13", "down", "8", "tab", "7", "up", "2")
        await burst(pilot, "f6", "f6", "f6", "f6")  # on to 绩效指标: focus on the first 三级指标
        assert focused_path(app) == "performance.indicators.0.name"
        await burst(pilot, "培训人次", "tab", "300人", "enter", "满意度", "tab", "90%", "tab", "tab", "tab", "abc")
        await pilot.press("ctrl+s")
        saved = on_disk(app)
        amounts = [(s.last_year, s.this_year) for s in saved.funding.sources[:4]]
        assert amounts == [("5", "13"), ("2", "8"), ("7", ""), ("", "")]
        names = [(i.name, i.value) for i in saved.performance.indicators[:3]]
        assert names == [("培训人次", "300人"), ("满意度", "90%"), ("abc", "")]
        assert (saved.expenses.total_this_year, saved.funding.total_this_year) == ("", "")


async def test_keys_after_ctrl_r_on_a_blank_line_go_to_the_line_that_moved_up(tmp_path: Path) -> None:
    draft = new_declaration()
    draft.expenses.lines = [ExpenseLine(item="一"), ExpenseLine(), ExpenseLine(item="三")]
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("expenses.lines.1.item")
        await burst(pilot, "ctrl+r", "abc", "tab", "5")  # a blank line goes without a question
        assert focused_path(app) == "expenses.lines.1.last_year"
        await pilot.press("ctrl+s")
        assert lines(on_disk(app)) == [("一", "", "", ""), ("三abc", "5", "", "")]


async def test_keys_after_ctrl_r_on_the_only_line_start_a_new_one(tmp_path: Path) -> None:
    draft = new_declaration()
    draft.expenses.lines = [ExpenseLine()]
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("expenses.lines.0.item")
        await burst(pilot, "ctrl+r", "a", "tab", "1")  # the table's empty line takes the keys that follow
        assert focused_path(app) == "expenses.lines.0.last_year"
        await pilot.press("ctrl+s")
        assert lines(on_disk(app)) == [("a", "1", "", "")]


async def test_a_key_the_stepper_does_not_use_does_not_act_on_the_field_focused_after_it(tmp_path: Path) -> None:
    draft = new_declaration()
    draft.expenses.lines = [ExpenseLine(item="一", this_year="5")]
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("expenses.lines.0.basis")
        await pilot.press("tab")  # the table's last cell wraps round to the stepper
        assert app.screen.focused is app.editor.stepper
        await burst(pilot, "backspace", "x", "tab", "a")  # Backspace and a letter on the stepper; then the 合计
        assert focused_path(app) == "expenses.total_last_year"
        await pilot.press("ctrl+s")
        saved = on_disk(app)
        assert (saved.expenses.total_last_year, lines(saved)) == ("a", [("一", "", "5", "")])
        await pilot.press("ctrl+g", "escape")  # the screen's keys still reach it from the stepper
        assert app.screen is not app.editor


async def test_re_picking_the_section_shown_lands_where_slow_typing_does(tmp_path: Path) -> None:
    # The keys typed before Ctrl+G land first, so the field they went into is no longer the first empty one.
    keys = ("abc", "ctrl+g", "1", "2")
    drafts = []
    for fast in (True, False):
        app = make_editor(tmp_path / str(fast))
        async with app.run_test(size=SIZE) as pilot:
            if fast:
                await burst(pilot, *keys)
            else:
                for key in keys:
                    await burst(pilot, key)
            await pilot.press("ctrl+s")
            drafts.append(on_disk(app))
    assert (drafts[1].year, drafts[1].unit) == ("abc", "2")
    assert drafts[0].model_dump() == drafts[1].model_dump()
