"""各单位项目汇总 in the app: s on a bureau folder, exact subtotals, one unit at a time, the checks, at 80×24."""

from __future__ import annotations

from pathlib import Path

from bureau_support import make_bureau
from conftest import rows, settle
from textual.widgets import Static

from forms.render.width import cell_width
from tui.app import ShenbaoApp
from tui.screens.summary import SummaryScreen
from tui.screens.summary_units import BureauSummaryScreen


def text_of(app: ShenbaoApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_the_bureau_summary_by_unit_with_subtotals_and_checks(tmp_path: Path) -> None:
    bureau = make_bureau(tmp_path / "bureau")
    app = ShenbaoApp(bureau)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BureauSummaryScreen)
        table = {row[0].strip(): row[1:] for row in rows(app)}
        assert table["甲局（3 个项目）"][:4] == ["60", "82", "22", "+36.7%"]
        assert table["乙局（3 个项目）"][:3] == ["20.5", "61.3", "0.8"]
        assert table["丙局（2 个项目）"][:2] == ["8.833", "11.033"]
        assert table["合计（3 个单位，8 个项目）"][:3] == ["89.333", "154.333", "25"]
        assert table["政务大厅租金"][:4] == ["10", "15", "5", "+50.0%"]
        assert table["[bold]设备购置[/]"][:4] == ["", "40", "", "新项目"]  # literal, never markup
        assert "复核提示 3 条" in text_of(app, "#summary-totals")
        await pilot.press("g")  # one unit at a time
        await pilot.pause()
        assert rows(app)[0][0] == "丙局（2 个项目）"
        assert len(rows(app)) == 3 and "显示：丙局" in text_of(app, "#summary-heading")
        await pilot.press("k")
        await pilot.pause()
        full = text_of(app, "#summary-chart-text")
        assert "增幅超过 20% 且未填测算依据：甲局·政务大厅租金" in full
        assert "指标完全相同（跨单位，3 项三级指标）：甲局·软硬件运维费、乙局·政策宣传费" in full
        assert all(cell_width(line) <= 78 for line in full.splitlines())
        await pilot.press("k", "y")  # the year before: 2021, with nothing earlier to compare
        await settle(pilot)
        assert "2021 年度" in text_of(app, "#summary-heading")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BureauSummaryScreen)


async def test_g_in_a_units_own_summary_opens_every_units(tmp_path: Path) -> None:
    bureau = make_bureau(tmp_path / "bureau")
    app = ShenbaoApp(bureau / "yi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, BureauSummaryScreen)
        assert "显示：乙局" in text_of(app, "#summary-heading")
