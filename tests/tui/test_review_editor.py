"""检查与导出 inside the real editor: jumping to a field, 定稿 saved and read-only, export beside the drafts."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from conftest import settle
from repo_paths import DRAFTS
from textual.pilot import Pilot

from forms.checks.runner import check
from forms.render.formats import render
from forms.store.drafts import load_draft
from tui.app import ShenbaoApp
from tui.screens.editor import EditorScreen
from tui.sections.review import EXPORTS, ReviewSection

EXAMPLE = "电子政务外网线路租赁.toml"


async def open_review(pilot: Pilot) -> Any:
    """Open the highlighted draft and go to 检查与导出 (the last section)."""
    await settle(pilot)
    await pilot.press("enter")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, EditorScreen)
    await editor.show_section(len(editor.sections) - 1)
    await pilot.pause()
    return editor


async def test_enter_on_a_finding_focuses_its_field_in_its_section(drafts: Path) -> None:
    shutil.copy(DRAFTS / EXAMPLE, drafts)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_review(pilot)
        review = editor.query_one(ReviewSection)
        assert review.findings == check(load_draft(drafts / EXAMPLE))
        first = review.findings[0]
        await pilot.press("enter")
        await pilot.pause()
        assert editor.index == 0
        assert editor.focused is not None and editor.focused.name == first.path


async def test_f_saves_final_and_locks_the_editor_u_reopens(drafts: Path) -> None:
    shutil.copy(DRAFTS / EXAMPLE, drafts)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_review(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert editor.read_only and load_draft(drafts / EXAMPLE).state == "final"
        await pilot.press("u")
        await pilot.pause()
        assert not editor.read_only and load_draft(drafts / EXAMPLE).state == "draft"


async def test_export_from_the_editor_goes_beside_the_drafts(drafts: Path) -> None:
    shutil.copy(DRAFTS / EXAMPLE, drafts)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await pilot.press("e", "enter")
        await pilot.pause()
    exported = drafts / EXPORTS / "电子政务外网线路租赁.txt"
    assert exported.read_text("utf-8") == render(load_draft(drafts / EXAMPLE), "text")


async def test_the_preview_follows_edits_made_in_other_sections(drafts: Path) -> None:
    shutil.copy(DRAFTS / EXAMPLE, drafts)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_review(pilot)
        review = editor.query_one(ReviewSection)
        await editor.show_section(0)
        await pilot.pause()
        await pilot.press("tab", "end", *"二期")  # focus on 填报单位 (the first empty field); 项目名称 next
        await pilot.press("tab")
        await pilot.pause(0.5)
        assert editor.draft.project.name == "电子政务外网线路租赁二期"
        await editor.show_section(len(editor.sections) - 1)
        await pilot.pause()
        preview = str(review.query_one("#review-preview-text").render())
        assert preview == render(editor.draft, "text")
        assert "电子政务外网线路租赁二期" in preview
