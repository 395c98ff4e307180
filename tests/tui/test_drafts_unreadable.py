"""Unreadable files: listed with their reason, never hidden, never opened, never written."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeDraft, rows, settle

from tui.app import ShenbaoApp
from tui.screens.drafts import DraftsScreen

BAD_FILES: dict[str, tuple[bytes, str]] = {
    "a-not-toml.toml": (b'schema = 1\nyear = "2021\n', "不是有效的 TOML"),
    "b-newer.toml": (b'schema = 7\nyear = "2031"\n', "较新版本"),
    "c-gbk.toml": ('schema = 1\nyear = "2021"\nunit = "行政审批服务局"\n'.encode("gbk"), "不是 UTF-8"),
    "d-unknown-field.toml": (b'schema = 1\nyaer = "2021"\n', "未知的字段"),
}


def write_bad_files(folder: Path) -> dict[Path, bytes]:
    contents = {}
    for name, (content, _reason) in BAD_FILES.items():
        (folder / name).write_bytes(content)
        contents[folder / name] = content
    return contents


async def test_unreadable_files_are_listed_with_their_reason(drafts: Path, make_draft: MakeDraft) -> None:
    write_bad_files(drafts)
    make_draft("好的草稿", file="e-good.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = rows(app)
        assert [row[0] for row in table] == [*BAD_FILES, "好的草稿"]
        screen = app.screen
        assert isinstance(screen, DraftsScreen)
        for (name, (_content, reason)), row in zip(BAD_FILES.items(), table, strict=False):
            assert row[4].startswith("无法读取：")
            summary = next(s for s in screen.summaries if s.path.name == name)
            assert summary.problem is not None and reason in summary.problem
        detail = str(screen.query_one("#drafts-detail").render())
        assert "无法读取 a-not-toml.toml" in detail and "第 2 行" in detail and "不会打开或改写" in detail


async def test_unreadable_files_are_never_opened_or_written(drafts: Path) -> None:
    contents = write_bad_files(drafts)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in BAD_FILES:
            bindings = app.screen.active_bindings
            assert not bindings["enter"].enabled and not bindings["d"].enabled
            assert bindings["x"].enabled, "an unreadable file can still be moved to the trash"
            await pilot.press("enter", "d")
            await pilot.pause()
            assert isinstance(app.screen, DraftsScreen)
            await pilot.press("down")
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert sorted(p.name for p in drafts.iterdir()) == sorted(BAD_FILES)
    for path, content in contents.items():
        assert path.read_bytes() == content


async def test_opening_a_file_that_broke_after_listing_is_refused(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        path.write_bytes(b"schema = [")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
        assert any("无法打开" in n.message for n in app._notifications)
        assert rows(app)[0][4].startswith("无法读取")
    assert path.read_bytes() == b"schema = ["
