"""The drafts list: every key of the home screen, driven through Pilot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import MakeDraft, names, rows, settle
from textual import events
from textual.widgets import DataTable, Input, Static

from forms.store.drafts import load_draft
from tui.app import ShenbaoApp
from tui.folder.store import TRASH
from tui.screens.drafts import DraftsScreen
from tui.widgets.confirm import ConfirmScreen
from tui.widgets.drafts_table import modified_text


def detail(app: ShenbaoApp) -> str:
    return str(app.screen.query_one("#drafts-detail", Static).render())


async def test_the_table_shows_name_year_total_state_and_status(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("电子政务外网线路租赁", file="a.toml", total="25", state="final")
    make_draft("", file="b.toml", year="")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
        table = app.screen.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()] == [
            "项目名称",
            "年度",
            "本年度申请合计",
            "状态",
            "检查",
            "修改时间",
        ]
        first, second = rows(app)
        assert first[:4] == ["电子政务外网线路租赁", "2021", "25", "定稿"]
        assert first[4].endswith("个错误")
        assert first[5] == modified_text((drafts / "a.toml").stat().st_mtime)
        assert second[:4] == ["（未填写项目名称）", "", "", "草稿"]
        assert "草稿 2 个" in str(app.screen.query_one("#drafts-heading", Static).render())
        assert "a.toml" in detail(app)


async def test_arrow_keys_move_and_the_detail_line_follows(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("甲", file="a.toml")
    make_draft("乙", file="b.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        assert app.screen.highlighted_path() == drafts / "b.toml"
        assert "b.toml" in detail(app)
        await pilot.press("up")
        assert "a.toml" in detail(app)


async def test_an_empty_or_missing_folder_says_what_to_do(tmp_path: Path) -> None:
    app = ShenbaoApp(tmp_path / "missing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert rows(app) == []
        assert "尚不存在" in detail(app)
        assert not (tmp_path / "missing").exists()


async def test_a_file_where_the_folder_should_be_is_reported(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    app = ShenbaoApp(tmp_path / "file")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "不是文件夹" in detail(app)
        await pilot.press("n")
        await pilot.pause()
        assert any("无法" in n.message for n in app._notifications)
        assert (tmp_path / "file").read_text() == "x"


async def test_slash_filters_by_name_and_escape_clears(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("电子政务外网线路租赁", file="a.toml")
    make_draft("行政审批服务局软硬件运维费", file="b.toml")
    make_draft("政务服务热线", file="c.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#drafts-filter", Input)
        assert not box.display
        await pilot.press("slash")
        assert box.display and box.has_focus
        await pilot.press(*"政务")
        assert names(app) == ["电子政务外网线路租赁", "政务服务热线"]
        assert "显示 2 个" in str(app.screen.query_one("#drafts-heading", Static).render())
        # Letters typed into the filter are text, not the list's keys.
        await pilot.press("n", "d", "x", "r")
        assert box.value == "政务ndxr" and names(app) == []
        assert "没有项目名称包含" in detail(app)
        for _ in range(4):
            await pilot.press("backspace")
        await pilot.press("enter")
        assert app.screen.query_one(DataTable).has_focus and box.display
        assert names(app) == ["电子政务外网线路租赁", "政务服务热线"]
        await pilot.press("escape")
        assert not box.display and box.value == ""
        assert len(names(app)) == 3


async def test_words_typed_in_one_burst_after_slash_reach_the_filter(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("政务服务热线")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Over SSH "/政务" arrives as one packet: the keys are queued before "/" has run.
        for key, char in [("slash", "/"), ("政", "政"), ("务", "务")]:
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)  # type: ignore[union-attr]
        await pilot.pause()
        box = app.screen.query_one("#drafts-filter", Input)
        assert box.value == "政务"
        await pilot.press("slash", "x")
        assert box.value == "政务/x", "inside the box / is text"


async def test_the_filter_also_matches_file_names_of_unreadable_files(drafts: Path) -> None:
    (drafts / "坏文件.toml").write_bytes(b"[[[")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"坏")
        assert names(app) == ["坏文件.toml"]


async def test_d_duplicates_the_highlighted_draft(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("电子政务外网线路租赁", total="25")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        copy = drafts / "电子政务外网线路租赁（副本）.toml"
        assert load_draft(copy).funding.total_this_year == "25"
        assert names(app) == ["电子政务外网线路租赁", "电子政务外网线路租赁（副本）"]
        assert app.screen.highlighted_path() == copy


async def test_x_asks_and_n_or_escape_keep_the_draft(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for answer in ("n", "escape", "enter"):
            await pilot.press("x")
            assert isinstance(app.screen, ConfirmScreen)
            assert "甲" in app.screen.question and TRASH in app.screen.question
            await pilot.press(answer)
            if answer == "enter":  # Enter answers nothing: only y deletes.
                assert isinstance(app.screen, ConfirmScreen)
                await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, DraftsScreen) and path.exists()


async def test_delete_key_then_y_moves_the_draft_to_the_trash(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    make_draft("乙", file="b.toml")
    content = path.read_bytes()
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("delete", "y")
        await settle(pilot)
        assert not path.exists()
        assert (drafts / TRASH / path.name).read_bytes() == content
        assert names(app) == ["乙"]
        assert app.screen.highlighted_path() == drafts / "b.toml"
        assert any(str(drafts / TRASH) in n.message for n in app._notifications)


async def test_r_rechecks_every_file_from_disk(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        stat = path.stat()
        path.write_text(path.read_text("utf-8").replace('name = "甲"', 'name = "丙"'), "utf-8")
        import os

        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        (drafts / "b.toml").write_text("new = [", "utf-8")
        await pilot.press("r")
        await settle(pilot)
        assert names(app) == ["丙", "b.toml"]
        assert rows(app)[1][4].startswith("无法读取")


async def test_n_creates_a_draft_for_this_year_at_once(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        (path,) = drafts.glob("*.toml")
        draft = load_draft(path)
        assert draft.year == str(date.today().year)
        assert [row.source for row in draft.funding.sources] == ["市级资金", "省级资金", "中央资金", "区级资金"]
        assert draft.performance.indicators, "the indicator skeleton is there"


async def test_n_in_a_missing_folder_creates_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "drafts"
    app = ShenbaoApp(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert len(list(folder.glob("*.toml"))) == 1


async def test_row_keys_are_dim_without_rows(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bindings = app.screen.active_bindings
        assert not bindings["enter"].enabled and not bindings["x"].enabled and not bindings["d"].enabled
        assert bindings["n"].enabled
        await pilot.press("enter", "d", "x")
        assert isinstance(app.screen, DraftsScreen)
        assert list(drafts.iterdir()) == []
