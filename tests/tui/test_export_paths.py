"""The output rule in the app: the export dialog and the summary screen's ``e`` (issue 18, issue 19 item 4).

Focus inside the dialog is set explicitly (another change decides where it
starts), so these tests hold whichever widget has it first.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from test_review import EXAMPLE, example
from test_summary_screen import examples, open_summary  # noqa: F401  (a fixture)
from textual.widgets import Input, RadioButton, Static

from forms.render.formats import render
from forms.store import output
from forms.store.drafts import load_draft
from tui.app import ShenbaoApp
from tui.sections.review import EXPORTS
from tui.widgets.export_dialog import ExportDialog


def problem(app) -> str:
    return str(app.screen.query_one("#export-problem", Static).render())


async def choose(app, pilot, fmt: str, path: Path | None = None) -> Input:
    """Pick ``fmt`` in the open dialog, optionally type ``path``, and focus the path box."""
    button = next(b for b in app.screen.query(RadioButton) if b.name == fmt)
    button.value = True
    await pilot.pause()
    box = app.screen.query_one("#export-path", Input)
    if path is not None:
        box.value = str(path)
    box.focus()
    return box


async def test_markdown_into_a_txt_path_is_refused_in_the_dialog(drafts: Path, tmp_path: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await choose(app, pilot, "md", tmp_path / "表.txt")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "不符" in problem(app) and "表.md" in problem(app)
        assert not (tmp_path / "表.txt").exists()


async def test_the_suffix_follows_the_format_even_with_a_stray_space(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        box = app.screen.query_one("#export-path", Input)
        box.value += " "  # the space a ↓/Space meant for the radio buttons typed into the box
        box = await choose(app, pilot, "md")
        assert box.value.endswith("电子政务外网线路租赁.md")
        await pilot.press("enter")
        await pilot.pause()
    written = (drafts / EXPORTS / "电子政务外网线路租赁.md").read_text("utf-8")
    assert written == render(load_draft(drafts / EXAMPLE), "md")


async def test_a_fifo_at_the_path_is_refused_and_left_alone(drafts: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "表.txt"
    os.mkfifo(fifo)
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await choose(app, pilot, "text", fifo)
        await pilot.press("enter")
        await pilot.pause()
        assert "管道" in problem(app)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


async def test_a_full_disk_is_a_message_and_the_old_file_stays(
    drafts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "表.txt"
    target.write_text("旧的", "utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await choose(app, pilot, "text", target)
        monkeypatch.setattr(output.os, "fsync", full)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")  # 覆盖它吗？
        await pilot.pause()
        assert any(n.severity == "error" and "磁盘已满" in n.message for n in app._notifications)
    assert target.read_text("utf-8") == "旧的"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drafts", "表.txt"]


async def test_summary_e_refuses_a_fifo_in_the_exports_folder(examples: Path) -> None:  # noqa: F811
    (examples / "exports").mkdir()
    fifo = examples / "exports" / "项目汇总.csv"
    os.mkfifo(fifo)
    app = ShenbaoApp(examples)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_summary(app, pilot)
        await pilot.press("e", "down", "down", "enter")
        await pilot.pause()
        assert any(n.severity == "error" and "管道" in n.message for n in app._notifications)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
