"""项目汇总: s on the drafts list; totals, the year filter, the chart, viewing, export; a snapshot at 80×24."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from conftest import HOSTILE_TEXTS, MakeDraft, rows, settle
from repo_paths import DRAFTS
from textual.pilot import Pilot
from textual.widgets import Static

from forms.render.summary import BOM, render_text
from forms.store.drafts import load_draft
from forms.workflows.summary import summarize_folder
from tui.app import ShenbaoApp
from tui.screens.drafts import DraftsScreen
from tui.screens.summary import SummaryScreen
from tui.screens.summary_export import FormatChoice
from tui.screens.summary_table import one_line
from tui.screens.viewer import ViewerScreen
from tui.widgets.confirm import ConfirmScreen

SIZE = (80, 24)


@pytest.fixture
def examples(drafts: Path) -> Path:
    """The seven example drafts (2021), whose 本年度 合计 add up to 200.148 万元."""
    for path in (DRAFTS).glob("*.toml"):
        shutil.copy(path, drafts)
    return drafts


async def open_summary(app: ShenbaoApp, pilot: Pilot) -> SummaryScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SummaryScreen)
    return screen


def text_of(app: ShenbaoApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_s_shows_a_row_per_project_and_the_grand_totals(examples: Path) -> None:
    app = ShenbaoApp(examples)
    async with app.run_test(size=SIZE) as pilot:
        await open_summary(app, pilot)
        table = rows(app)
        assert len(table) == 8
        by_name = {row[0]: row[1:] for row in table}
        # 合计 上年度, 本年度; 错误; 警告 (on screen at 80 columns); then 区级资金 上年度, 本年度
        assert by_name["行政审批服务局软硬件运维费"][:2] == ["40.98", "48.588"]
        assert by_name["行政审批服务局软硬件运维费"][4:6] == ["40.98", "48.588"]
        assert table[-1][:5] == ["合计", "155.42", "200.148", "0", "28"]
        assert table[-1][5:] == ["155.42", "200.148"]
        totals = text_of(app, "#summary-totals")
        assert "200.148" in totals and "155.42" in totals and "7 个项目" in totals and "28 个警告" in totals
        assert "2021 年度项目汇总" in text_of(app, "#summary-heading")
        await pilot.press("escape")
        assert isinstance(app.screen, DraftsScreen)


async def test_y_cycles_through_the_years_present(examples: Path, make_draft: MakeDraft) -> None:
    make_draft("新项目", year="2022", total="10")
    app = ShenbaoApp(examples)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_summary(app, pilot)
        # One 合计 per year, none across years.
        assert screen.year is None and len(rows(app)) == 10
        per_year = [row[:4] for row in rows(app)[-2:]]
        assert per_year == [["合计", "2021", "155.42", "200.148"], ["合计", "2022", "0", "10"]]
        assert "210.148" not in text_of(app, "#summary-totals")
        assert "全部年度" in text_of(app, "#summary-heading")
        assert rows(app)[0][1] == "2021", "a 年度 column when several years are shown"
        await pilot.press("y")
        assert screen.year == 2021 and len(rows(app)) == 8 and "200.148" in text_of(app, "#summary-totals")
        await pilot.press("y")
        assert screen.year == 2022 and [row[0] for row in rows(app)] == ["新项目", "合计"]
        assert "本年度 10 万元" in text_of(app, "#summary-totals")
        assert "2022 年度" in text_of(app, "#summary-heading")
        await pilot.press("y")
        assert screen.year is None


async def test_c_shows_the_chart_and_a_draws_it_in_ascii(examples: Path) -> None:
    app = ShenbaoApp(examples)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_summary(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        chart = screen.query_one("#summary-chart")
        assert chart.display and chart.has_focus and not screen.query_one("#summary-table").display
        drawn = text_of(app, "#summary-chart-text")
        assert "本年度申请与上年度安排对比" in drawn and "行政审批服务局软硬件运维费" in drawn
        assert "█" in drawn and "48.588" in drawn
        assert all(len(line) <= 80 for line in drawn.splitlines())
        await pilot.press("a")
        assert "█" not in text_of(app, "#summary-chart-text") and "#" in text_of(app, "#summary-chart-text")
        await pilot.press("c")
        assert screen.query_one("#summary-table").display and screen.query_one("#summary-table").has_focus


async def test_enter_views_the_highlighted_project_read_only(examples: Path) -> None:
    app = ShenbaoApp(examples)
    async with app.run_test(size=SIZE) as pilot:
        await open_summary(app, pilot)
        assert "优化营商环境经费.toml" in text_of(app, "#summary-detail")
        await pilot.press("down", "enter")
        await pilot.pause()
        viewer = app.screen
        assert isinstance(viewer, ViewerScreen) and viewer.path == examples / "大厅工作人员考核补助.toml"
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("pagedown", "pagedown")
        assert "合计行" in text_of(app, "#summary-detail")
        await pilot.press("enter")
        assert isinstance(app.screen, SummaryScreen), "the totals row is no draft"


async def test_an_unreadable_file_is_listed_with_its_reason_and_counts_toward_nothing(examples: Path) -> None:
    (examples / "坏文件.toml").write_bytes(b"[[[")
    app = ShenbaoApp(examples)
    async with app.run_test(size=SIZE) as pilot:
        await open_summary(app, pilot)
        table = rows(app)
        names = [row[0] for row in table]
        assert "坏文件.toml（无法读取）" in names and len(table) == 9
        await pilot.press(*["down"] * names.index("坏文件.toml（无法读取）"))
        assert "无法读取" in text_of(app, "#summary-detail") and "TOML" in text_of(app, "#summary-detail")
        await pilot.press("enter")
        assert isinstance(app.screen, SummaryScreen), "an unreadable file is never opened"
        assert table[-1][2] == "200.148"
        assert "1 个文件无法读取" in text_of(app, "#summary-totals")
    assert (examples / "坏文件.toml").read_bytes() == b"[[["


async def test_names_are_shown_literally(drafts: Path, make_draft: MakeDraft) -> None:
    for number, text in enumerate(HOSTILE_TEXTS):
        make_draft(text, file=f"{number}.toml", total="1")
    name = "[@click=app.quit]x[/]"
    app = ShenbaoApp(drafts)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_summary(app, pilot)
        assert [row[0] for row in rows(app)[:-1]] == [one_line(text) for text in HOSTILE_TEXTS]
        assert "red" in one_line(HOSTILE_TEXTS[3]) and "\x1b" not in one_line(HOSTILE_TEXTS[3])
        await pilot.press("c")
        await pilot.pause()
        assert name in text_of(app, "#summary-chart-text")
        await pilot.click("#summary-chart-text")
        await pilot.pause()
        assert app.is_running and app.screen is screen


async def test_an_empty_folder_says_so(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=SIZE) as pilot:
        await open_summary(app, pilot)
        assert "没有" in text_of(app, "#summary-detail")
        assert rows(app) == [["合计", "0", "0", "0", "0"]]
        await pilot.press("c", "y")
        await pilot.pause()
        assert app.is_running


async def test_r_reads_the_folder_again(examples: Path, make_draft: MakeDraft) -> None:
    app = ShenbaoApp(examples)
    async with app.run_test(size=SIZE) as pilot:
        await open_summary(app, pilot)
        make_draft("新项目", total="0.852")
        await pilot.press("r")
        await settle(pilot)
        assert rows(app)[-1][2] == "201.000", "200.148 + 0.852, to the thousandth"


async def test_e_exports_csv_and_text_into_the_exports_folder(examples: Path) -> None:
    app = ShenbaoApp(examples)
    async with app.run_test(size=SIZE) as pilot:
        await open_summary(app, pilot)
        await pilot.press("e")
        assert isinstance(app.screen, FormatChoice)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        csv = examples / "exports" / "项目汇总.csv"
        assert csv.read_text("utf-8").startswith(BOM + "文件,年度,项目名称")
        await pilot.press("y", "e", "enter")  # 2021 only, as text
        await pilot.pause()
        text = examples / "exports" / "项目汇总-2021.txt"
        assert text.read_text("utf-8") == render_text(summarize_folder(examples, year=2021), width=None)
        assert any(str(text) in n.message for n in app._notifications)
        # Again: the existing file is replaced only after a yes.
        text.write_text("旧的", "utf-8")
        await pilot.press("e", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert text.read_text("utf-8") == "旧的"
        await pilot.press("e", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and text.read_text("utf-8") == "旧的"
        await pilot.press("e", "enter", "y")
        await pilot.pause()
        assert "200.148" in text.read_text("utf-8")
    assert sorted(p.name for p in examples.glob("*.toml")) == sorted(p.name for p in (DRAFTS).glob("*.toml"))


async def test_summary_keys_are_in_f1_and_the_palette(examples: Path) -> None:
    app = ShenbaoApp(examples)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_summary(app, pilot)
        commands = {c.title: c.help for c in app.get_system_commands(screen)}
        assert {"年度", "图表", "导出", "返回", "查看", "ASCII 字符", "重新汇总"} <= set(commands)
        ids = {active.binding.id for active in screen.active_bindings.values()}
        assert {"summary.year", "summary.chart", "summary.export", "summary.back", "summary.view"} <= ids


# -- snapshot ------------------------------------------------------------------


@pytest.fixture
def pinned_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The example drafts in ``./drafts`` (a fixed relative path), with fixed times."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    monkeypatch.chdir(tmp_path)
    folder = Path("drafts")
    shutil.copytree(DRAFTS, folder)
    stamp = datetime(2021, 3, 1, 12, 0).timestamp()
    for number, path in enumerate(sorted(folder.glob("*.toml"))):
        os.utime(path, (stamp + 60 * number, stamp + 60 * number))
    yield folder
    monkeypatch.undo()
    time.tzset()


async def _to_summary(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)


def test_summary_snapshot(snap_compare, pinned_examples: Path) -> None:
    assert snap_compare(ShenbaoApp(pinned_examples), terminal_size=SIZE, run_before=_to_summary)


def test_summary_chart_snapshot(snap_compare, pinned_examples: Path) -> None:
    assert snap_compare(ShenbaoApp(pinned_examples), terminal_size=SIZE, run_before=_to_summary, press=["c"])


def test_the_examples_are_2021_drafts() -> None:
    # The numbers above are the examples': guard against them changing under the tests.
    assert {load_draft(path).year for path in (DRAFTS).glob("*.toml")} == {"2021"}
