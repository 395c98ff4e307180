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
        line = str(app.editor.sections[5].query_one("#indicator-weights").render())
        assert line.startswith("分值  产出 20（40–50）  成本 0  效益 0（20–30）") and line.endswith(
            "合计 20（应为 100）"
        )
        await pilot.press("ctrl+s")
        row = on_disk(app).performance.indicators[0]
    assert (row.name, row.value, row.unit, row.weight, row.explanation) == ("新建保鲜库", "12", "座", "20", "按验收数")


async def test_city_form_has_a_side_column_and_one_amount_column(tmp_path: Path) -> None:
    app = make_editor(tmp_path, new_declaration("city-benji", year="2023"))
    async with app.run_test(size=SIZE) as pilot:
        assert "支出明细" not in titles(app)
        assert await app.editor.jump_to("performance.indicators.9.name")  # the first 本年度 row
        grid = app.editor.sections[-3].query_one(Grid)
        # 上年 is hidden unless the project is carried over (see tui.sections.indicator_library).
        assert [c.key for c in grid.columns] == ["side", "level1", "level2", "name", "value", "last", "unit"]
        assert field(app, "performance.indicators.9.side").value == "本年度"
        await type_text(pilot, "保鲜库")
        await pilot.press("ctrl+o")  # a row added below keeps the side
        assert focused_path(app).startswith("performance.indicators.10.")
        await pilot.press("tab")
        await type_text(pilot, "个")
        await pilot.press("ctrl+s")
        rows = on_disk(app).performance.indicators
    assert rows[10].side == "本年度" and rows[10].level1 == "产出指标"
    assert rows[9].name == "保鲜库"


async def test_new_follows_the_profile_default_and_shift_n_offers_every_template(tmp_path: Path) -> None:
    from conftest import settle

    from forms.store.drafts import load_draft
    from forms.workflows.profile import UnitProfile, save_profile
    from tui.app import ShenbaoApp
    from tui.screens.drafts import DraftsScreen
    from tui.screens.editor import EditorScreen
    from tui.screens.template_choice import TemplateChoice

    save_profile(UnitProfile(unit="市农业农村局", template="2022-cost"), tmp_path)
    app = ShenbaoApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")  # the profile's 默认表样, no question asked
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen) and app.screen.draft.template == "2022-cost"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
        await pilot.press("N")
        await settle(pilot)
        choice = app.screen
        assert isinstance(choice, TemplateChoice)
        assert choice.template_ids[choice.query_one("#template-list").highlighted] == "2022-cost"
        await pilot.press("escape")  # cancelled: nothing made
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen) and len(list(tmp_path.glob("[!_]*.toml"))) == 1
        await pilot.press("N")
        await settle(pilot)
        target = app.screen.template_ids.index("city-benji")
        await pilot.press(str(target + 1))
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen) and app.screen.draft.template == "city-benji"
        assert "支出明细" not in [s.title for s in app.screen.sections]
    made = sorted(load_draft(p).template for p in tmp_path.glob("[!_]*.toml"))
    assert made == ["2022-cost", "city-benji"]
