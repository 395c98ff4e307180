"""Growing tables by keyboard: add, delete (with confirmation), move rows, move between cells, pick 指标."""

from __future__ import annotations

from pathlib import Path

from editor_kit import SIZE, field, focused_path, make_editor, on_disk, type_text

from forms.model.declaration import ExpenseLine, Indicator, ScheduleRow, new_declaration
from tui.widgets.choice import Choice
from tui.widgets.confirm import ConfirmScreen


def with_lines(*items: str):
    draft = new_declaration()
    draft.expenses.lines = [ExpenseLine(item=item, this_year=str(n + 1)) for n, item in enumerate(items)]
    return draft


async def test_add_rows_to_an_empty_table_and_type_every_cell(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "3")
        assert app.screen.focused.has_class("grid-empty")  # where the first row starts
        await pilot.press("ctrl+o")
        assert focused_path(app) == "expenses.lines.0.item"
        await type_text(pilot, "维修费")
        await pilot.press("tab")
        await type_text(pilot, "8")
        await pilot.press("enter")
        await type_text(pilot, "8")
        await pilot.press("enter")
        await type_text(pilot, "按合同")
        await pilot.press("insert")
        assert focused_path(app) == "expenses.lines.1.item"
        await type_text(pilot, "租赁费")
        assert [line.item for line in app.editor.draft.expenses.lines] == ["维修费", "租赁费"]
        assert app.editor.draft.expenses.lines[0].basis == "按合同"
        assert str(app.editor.sections[2].query_one("#sum-this_year").render()) == "8"
        await pilot.press("ctrl+s")
        assert [line.item for line in on_disk(app).expenses.lines] == ["维修费", "租赁费"]


async def test_add_inserts_below_the_current_row(tmp_path: Path) -> None:
    app = make_editor(tmp_path, with_lines("一", "二"))
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("expenses.lines.0.this_year")
        await pilot.press("ctrl+o")
        assert focused_path(app) == "expenses.lines.1.item"
        await type_text(pilot, "新")
        assert [line.item for line in app.editor.draft.expenses.lines] == ["一", "新", "二"]
        assert field(app, "expenses.lines.2.item").value == "二"
        assert field(app, "expenses.lines.2.this_year").value == "2"


async def test_delete_asks_first_and_n_or_escape_keeps_the_row(tmp_path: Path) -> None:
    app = make_editor(tmp_path, with_lines("一", "二", "三"))
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("expenses.lines.1.this_year")
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ConfirmScreen)
        assert "二" in app.screen.question
        await pilot.press("n")
        assert len(app.editor.draft.expenses.lines) == 3
        assert focused_path(app) == "expenses.lines.1.this_year"
        await pilot.press("ctrl+r", "escape")
        assert len(app.editor.draft.expenses.lines) == 3
        assert app.screen is app.editor
        await pilot.press("ctrl+r", "y")
        await pilot.pause()
        assert [line.item for line in app.editor.draft.expenses.lines] == ["一", "三"]
        assert field(app, "expenses.lines.1.item").value == "三"
        assert focused_path(app) == "expenses.lines.1.this_year"
        assert str(app.editor.sections[2].query_one("#sum-this_year").render()) == "4"
        await pilot.press("ctrl+s")
        assert [line.item for line in on_disk(app).expenses.lines] == ["一", "三"]


async def test_a_blank_row_is_deleted_without_asking(tmp_path: Path) -> None:
    app = make_editor(tmp_path, with_lines("一"))
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("expenses.lines.0.item")
        await pilot.press("ctrl+o", "ctrl+r")
        await pilot.pause()
        assert app.screen is app.editor
        assert [line.item for line in app.editor.draft.expenses.lines] == ["一"]
        assert focused_path(app) == "expenses.lines.0.item"


async def test_deleting_the_last_row_leaves_the_add_placeholder(tmp_path: Path) -> None:
    draft = new_declaration()
    draft.implementation.schedule = [ScheduleRow()]
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("implementation.schedule.0.task")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.editor.draft.implementation.schedule == []
        assert app.screen.focused.has_class("grid-empty")
        await pilot.press("ctrl+o")
        assert focused_path(app) == "implementation.schedule.0.task"


async def test_alt_up_and_down_move_the_row_and_the_focus(tmp_path: Path) -> None:
    app = make_editor(tmp_path, with_lines("一", "二", "三"))
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("expenses.lines.2.this_year")
        await pilot.press("alt+up")
        assert [line.item for line in app.editor.draft.expenses.lines] == ["一", "三", "二"]
        assert focused_path(app) == "expenses.lines.1.this_year"
        await pilot.press("alt+up", "alt+up")  # the top row stays on top
        assert [line.item for line in app.editor.draft.expenses.lines] == ["三", "一", "二"]
        await pilot.press("alt+down")
        assert [line.item for line in app.editor.draft.expenses.lines] == ["一", "三", "二"]
        assert field(app, "expenses.lines.1.item").value == "三"
        await pilot.press("ctrl+s")
        assert [line.item for line in on_disk(app).expenses.lines] == ["一", "三", "二"]


async def test_up_and_down_keep_the_column(tmp_path: Path) -> None:
    app = make_editor(tmp_path, with_lines("一", "二"))
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("expenses.lines.0.basis")
        await pilot.press("down")
        assert focused_path(app) == "expenses.lines.1.basis"
        await pilot.press("down")
        assert focused_path(app) == "expenses.lines.1.basis"
        await pilot.press("up")
        assert focused_path(app) == "expenses.lines.0.basis"


async def test_fixed_funding_rows_cannot_be_added_or_deleted(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("funding.sources.1.this_year")
        await pilot.press("ctrl+o", "ctrl+r", "alt+up")
        assert app.screen is app.editor
        assert [row.source for row in app.editor.draft.funding.sources] == [
            "市级资金",
            "省级资金",
            "中央资金",
            "区级资金",
        ]


async def test_new_draft_has_the_indicator_skeleton_to_fill(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "6")
        assert field(app, "performance.indicators.0.level1").value == "产出指标"
        assert field(app, "performance.indicators.8.level2").value == "服务对象满意度"
        assert focused_path(app) == "performance.indicators.0.name"  # the picked 一级/二级 passed over
        await type_text(pilot, "进驻窗口单位")
        await pilot.press("tab")
        await type_text(pilot, "14个")
        first = app.editor.draft.performance.indicators[0]
        assert (first.level1, first.level2, first.name, first.value) == ("产出指标", "数量指标", "进驻窗口单位", "14个")


async def test_level2_is_restricted_to_the_chosen_level1(tmp_path: Path) -> None:
    draft = new_declaration()
    draft.performance.indicators = [Indicator()]
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "6")
        level1 = field(app, "performance.indicators.0.level1")
        level2 = field(app, "performance.indicators.0.level2")
        assert isinstance(level1, Choice) and isinstance(level2, Choice)
        await pilot.press("right")
        assert level1.value == "产出指标"
        assert level2.options == ("数量指标", "质量指标", "时效指标", "成本指标")
        await pilot.press("tab", "4")
        assert level2.value == "成本指标"
        await pilot.press("shift+tab", "right")
        assert level1.value == "效益指标"
        assert level2.value == ""  # 成本指标 is not a 效益指标 category
        assert "服务对象满意度" in level2.options
        await pilot.press("tab", "left")
        assert level2.value == "服务对象满意度"
        saved = app.editor.draft.performance.indicators[0]
        assert (saved.level1, saved.level2) == ("效益指标", "服务对象满意度")


async def test_a_row_added_below_an_indicator_keeps_its_levels(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert await app.editor.jump_to("performance.indicators.0.value")
        await pilot.press("ctrl+o")
        assert focused_path(app) == "performance.indicators.1.level1"
        added = app.editor.draft.performance.indicators[1]
        assert (added.level1, added.level2) == ("产出指标", "数量指标")
        assert len(app.editor.draft.performance.indicators) == 10
        assert field(app, "performance.indicators.2.level2").value == "质量指标"
