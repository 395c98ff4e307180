"""The app: quiet defaults for SSH, F1 help from the bindings, the palette, keymaps, open and quit."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MakeDraft, build_draft, names, settle
from textual.widgets import Input

from forms.store.drafts import load_draft, save_draft
from tui.app import ShenbaoApp
from tui.folder.store import DraftStore, DraftSummary
from tui.screens import drafts as drafts_screen
from tui.screens.drafts import DraftsScreen
from tui.screens.editor import EditorScreen
from tui.screens.help import HelpScreen, key_groups
from tui.widgets.confirm import ConfirmScreen

LIST_ACTIONS = {"打开", "新建", "复制", "删除", "筛选", "重新检查"}


async def test_no_animation_and_no_blinking_cursor(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.animation_level == "none"
        await pilot.press("slash")
        box = app.screen.query_one("#drafts-filter", Input)
        assert box.has_focus and box.cursor_blink is False


async def test_f1_lists_every_key_of_the_list_and_the_app(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("甲")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        expected = key_groups(app, app.screen.active_bindings)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.groups == expected
        listed = {text: keys for _heading, rows in expected for keys, text in rows}
        assert LIST_ACTIONS | {"帮助", "退出"} <= set(listed)
        assert listed["删除"] == "x / del" and listed["筛选"] == "/" and listed["退出"] == "^q"
        headings = [heading for heading, _rows in expected]
        assert headings[0] == "草稿列表" and headings[-1] == "全局" and "草稿表格" in headings
        assert "上移" in {text for _h, rows in expected for _k, text in rows}, "table keys in Chinese"
        for close in ("f1", "escape", "q"):
            await pilot.press(close)
            assert isinstance(app.screen, DraftsScreen)
            await pilot.press("f1")
        scroller = app.screen.query_one("VerticalScroll")
        assert scroller.has_focus
        await pilot.press("pagedown", "down")
        assert scroller.scroll_y > 0, "the key list scrolls from the keyboard"
        await pilot.press("escape")
        assert isinstance(app.screen, DraftsScreen)


async def test_f1_follows_remapped_keys(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    app.set_keymap({"drafts.new": "a"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        listed = {text: keys for _h, rows in app.screen.groups for keys, text in rows}
        assert listed["新建"] == "a"
        await pilot.press("escape", "a")
        await pilot.pause()
        assert len(list(drafts.glob("*.toml"))) == 1


async def test_the_palette_has_an_entry_for_every_key_of_the_screen(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("甲")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert LIST_ACTIONS | {"帮助", "退出"} <= set(commands)
        assert commands["删除"] == "按键：x" and commands["帮助"] == "按键：f1"
        assert not {"Focus Next", "下一个输入项", "上移"} & set(commands), "no built-in cursor keys"


async def test_a_palette_command_runs_its_action(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"新建")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert len(list(drafts.glob("*.toml"))) == 1


async def test_enter_opens_the_editor_and_escape_comes_back_to_a_fresh_list(
    drafts: Path, make_draft: MakeDraft
) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.path == path and editor.store is app.store and not editor.read_only
        editor.draft.project.name = "甲改"
        editor.dirty = True
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
        assert names(app) == ["甲改"]
        assert load_draft(path).project.name == "甲改"


async def test_a_final_draft_opens_read_only(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("定稿项目", state="final")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.screen.read_only


async def test_n_opens_the_new_draft_in_the_editor(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        (path,) = drafts.glob("*.toml")
        assert app.screen.path == path
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.highlighted_path() == path


async def test_ctrl_q_quits_from_the_list_and_from_a_dialog(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("甲")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert len(list(drafts.glob("*.toml"))) == 1


async def test_a_new_draft_file_is_named_after_its_project_on_leaving(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert [p.name for p in drafts.glob("*.toml")] == ["未命名项目.toml"]
        await pilot.press("tab", *"电子政务外网线路租赁", "escape")  # from 填报单位, where focus lands
        await settle(pilot)
        assert [p.name for p in drafts.glob("*.toml")] == ["电子政务外网线路租赁.toml"]
        assert names(app) == ["电子政务外网线路租赁"]
        assert app.screen.highlighted_path() == drafts / "电子政务外网线路租赁.toml"


STARTUP_PROBE = """
import asyncio, sys
from pathlib import Path
import tui.app
from tui.app import ShenbaoApp

class Probe(ShenbaoApp):
    CSS_PATH = str(Path(tui.app.__file__).with_name("app.tcss"))  # a class made in -c has no file of its own

    def on_ready(self):
        # Textual's Ready: the first frame has been drawn. What was imported by then?
        self.at_first_frame = sorted(m for m in sys.modules if m.startswith(("tui.", "forms.")))
        super().on_ready()

async def main():
    app = Probe(Path(sys.argv[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print(type(app.screen).__name__)
        print(" ".join(app.at_first_frame))
        for _ in range(200):  # polled, not timed: the editor is imported in the background soon after
            if "tui.screens.editor" in sys.modules:
                break
            await pilot.pause(0.05)
        print("tui.screens.editor" in sys.modules)

asyncio.run(main())
"""


def test_the_list_paints_without_the_editor_which_is_imported_after(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("甲")
    result = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE, str(drafts)], capture_output=True, text=True, check=True, timeout=60
    )
    screen, modules, warmed = result.stdout.splitlines()[:3]
    assert screen == "DraftsScreen"
    loaded = set(modules.split())
    assert "tui.screens.drafts" in loaded
    assert (
        not {
            "tui.screens.editor",
            "tui.sections.review",
            "forms.render.formats",
            "tui.screens.help",
            "forms.model.declaration",
        }
        & loaded
    )
    assert warmed == "True"  # so Enter opens a draft without waiting for the imports


async def test_the_list_paints_before_slow_files_are_read(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(30):
        save_draft(build_draft(f"项目{number:02}"), drafts / f"{number:02}.toml")
    summary = DraftStore.summary

    def slow(self: DraftStore, path: Path, index: object = None) -> DraftSummary:  # a slow network folder
        time.sleep(0.1)
        return summary(self, path, index)  # type: ignore[arg-type]

    monkeypatch.setattr(DraftStore, "summary", slow)
    monkeypatch.setattr(drafts_screen, "BATCH_SECONDS", 0.05)
    monkeypatch.setattr(drafts_screen, "GLANCE_LIMIT", 0)  # files past the first frame's glances: the worker's
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        # Polled, not timed: a loaded machine may be slow to show the first batch, never fast to read 30 slow files.
        for _ in range(60):
            await pilot.pause(0.05)
            if len(names(app)) >= 2:  # the cursor needs a row to move to
                break
        screen = app.screen
        assert isinstance(screen, DraftsScreen)
        assert screen.reading and 0 < len(names(app)) < 30, "rows arrive in batches while reading goes on"
        await pilot.press("down")
        for _ in range(200):
            if not screen.reading:
                break
            await pilot.pause(0.05)
        await settle(pilot)
        assert not screen.reading and len(names(app)) == 30
        assert names(app)[:2] == ["项目00", "项目01"]
        assert screen.highlighted_path() == drafts / "01.toml", "the cursor stays where it was moved"


async def test_ctrl_c_with_nothing_to_copy_says_how_to_quit_in_chinese(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert any("Ctrl+Q" in n.message and "复制" in n.message for n in app._notifications)
