"""The editor follows the draft's template: its sections, its funding rows and columns, its indicator columns."""

from __future__ import annotations

from pathlib import Path

from editor_kit import SIZE, field, focused_path, make_editor, on_disk, type_text

from forms.model.declaration import new_declaration
from tui.widgets.grid import Grid


def titles(app) -> list[str]:
    return [section.title for section in app.editor.sections]


async def test_subtotals_form_has_no_expenses_section_and_sums_a_subtotal_once(tmp_path: Path) -> None:
    app = make_editor(tmp_path, new_declaration("subtotals", year="2023"))
    async with app.run_test(size=SIZE) as pilot:
        assert "支出明细" not in titles(app) and titles(app)[1] == "资金来源"
        assert [full for _, full in app.editor.stepper.titles] == titles(app) and len(titles(app)) == 7
        await app.editor.jump_to("funding.sources.1.this_year")  # 一般公共预算, under 财政拨款小计
        await type_text(pilot, "60")
        funding = app.editor.sections[1]
        assert [c.key for c in funding.query_one(Grid).columns] == ["source", "this_year"]
        assert str(funding.query_one("#sum-this_year").render()) == "60"
        await app.editor.jump_to("funding.sources.0.this_year")  # the subtotal itself
        await type_text(pilot, "60")
        assert str(funding.query_one("#sum-this_year").render()) == "60"  # counted once, through the subtotal
        await app.editor.jump_to("performance.indicators.0.name")
        await type_text(pilot, "新建保鲜库")
        await pilot.press("tab")
        await type_text(pilot, "12座")
        await pilot.press("tab")
        assert focused_path(app) == "performance.indicators.0.note"
        await type_text(pilot, "按验收")
        await pilot.press("ctrl+s")
        saved = on_disk(app)
    assert saved.funding.sources[0].this_year == saved.funding.sources[1].this_year == "60"
    assert saved.funding.sources[1].parent == "财政拨款小计"
    assert (saved.performance.indicators[0].value, saved.performance.indicators[0].note) == ("12座", "按验收")


async def test_cost_form_has_unit_weight_and_explanation_columns_within_80_columns(tmp_path: Path) -> None:
    app = make_editor(tmp_path, new_declaration("2022-cost", year="2023"))
    async with app.run_test(size=SIZE) as pilot:
        assert "支出明细" in titles(app)
        assert await app.editor.jump_to("performance.indicators.0.name")
        await type_text(pilot, "新建保鲜库")
        typed = {"value": "12", "unit": "座", "weight": "20", "explanation": "按验收数"}
        for key, text in typed.items():
            await pilot.press("tab")
            assert focused_path(app) == f"performance.indicators.0.{key}"
            await type_text(pilot, text)
        cell = field(app, "performance.indicators.0.explanation")
        assert cell.region.right <= SIZE[0] and cell.region.width >= 6  # the last column shows, on screen
        await pilot.press("ctrl+s")
        row = on_disk(app).performance.indicators[0]
    assert (row.name, row.value, row.unit, row.weight, row.explanation) == ("新建保鲜库", "12", "座", "20", "按验收数")


async def test_city_form_has_a_side_column_and_one_amount_column(tmp_path: Path) -> None:
    app = make_editor(tmp_path, new_declaration("city-benji", year="2023"))
    async with app.run_test(size=SIZE) as pilot:
        assert "支出明细" not in titles(app)
        assert await app.editor.jump_to("performance.indicators.9.name")  # the first 本年度 row
        grid = app.editor.sections[-3].query_one(Grid)
        assert [c.key for c in grid.columns] == ["side", "level1", "level2", "name", "value", "unit"]
        assert field(app, "performance.indicators.9.side").value == "本年度"
        await type_text(pilot, "保鲜库")
        await pilot.press("ctrl+o")  # a row added below keeps the side
        assert focused_path(app).startswith("performance.indicators.10.")
        await pilot.press("tab")
        await type_text(pilot, "个")
        await pilot.press("ctrl+s")
        rows = on_disk(app).performance.indicators
    assert rows[10].side == "本年度" and rows[10].level1 == "产出指标"
    assert field is not None and rows[9].name == "保鲜库"
