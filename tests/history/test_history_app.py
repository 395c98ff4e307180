"""The app on a drafts folder with history: 定稿 and 改回草稿 commit, F7 and h show it, x commits a deletion."""

from __future__ import annotations

import shutil
from pathlib import Path

from git_support import git, git_alone  # noqa: F401 (git_alone: autouse fixture)
from repo_paths import DRAFTS
from textual.pilot import Pilot

from tui.app import ShenbaoApp
from tui.cli import main
from tui.screens.drafts import DraftsScreen
from tui.screens.editor import EditorScreen
from tui.screens.history import HistoryScreen

EXAMPLE = "电子政务外网线路租赁"


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def subjects(folder: Path) -> list[str]:
    return git(folder, "log", "--format=%an %s").splitlines()


async def test_events_in_the_app_are_commits_and_f7_and_h_show_the_history(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    shutil.copy(DRAFTS / f"{EXAMPLE}.toml", folder)
    (folder / "_profile.toml").write_text('filled_by = "张三"\n', "utf-8")
    assert main(["--drafts", str(folder), "init", "--git"]) == 0
    app = ShenbaoApp(folder)
    async with app.run_test(size=(100, 24)) as pilot:  # at 80 columns h gives way to the older keys (F1 lists it)
        await settle(pilot)
        assert "历史" in str(app.screen.query_one("KeyLine").render())
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await editor.show_section(len(editor.sections) - 1)
        await pilot.pause()
        await pilot.press("f")  # 定稿
        await pilot.pause()
        assert subjects(folder)[0] == f"张三 定稿：{EXAMPLE}"
        await pilot.press("u")  # 改回草稿
        await pilot.pause()
        assert subjects(folder)[0] == f"张三 改回草稿：{EXAMPLE}"
        await pilot.press("f7")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        lines = history.rendered.splitlines()
        assert any(line.split() == ["状态", "定稿", "→", "草稿"] for line in lines), lines
        assert any(line.split() == ["状态", "草稿", "→", "定稿"] for line in lines), lines
        await pilot.press("escape")
        await pilot.press("escape")  # back to the list
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen) and f"定稿：{EXAMPLE}" in app.screen.rendered
        await pilot.press("escape")
        await pilot.press("x", "y")  # delete, confirmed
        await settle(pilot)
    assert subjects(folder)[0] == f"张三 删除：{EXAMPLE}"
    assert len(subjects(folder)) == 4, "no commit for saves, only for the events"
    assert git(folder, "status", "--porcelain") == ""
