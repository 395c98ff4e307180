"""The read-only viewer: v on the drafts list shows the rendered form; p, a and Escape."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import MakeDraft, settle
from repo_paths import DRAFTS
from textual.widgets import Static

from forms.render.formats import render
from forms.store.drafts import load_draft
from tui.app import ShenbaoApp
from tui.screens.drafts import DraftsScreen
from tui.screens.viewer import ViewerScreen

EXAMPLE = "电子政务外网线路租赁.toml"


def shown(app: ShenbaoApp) -> str:
    """The text of the form as the viewer's widget holds it."""
    return str(app.screen.query_one("#viewer-text", Static).render())


def heading(app: ShenbaoApp) -> str:
    return str(app.screen.query_one("#viewer-heading", Static).render())


async def test_v_shows_the_rendered_form_and_escape_goes_back(drafts: Path) -> None:
    path = Path(shutil.copy(DRAFTS / EXAMPLE, drafts))
    before = path.read_bytes()
    draft = load_draft(path)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        viewer = app.screen
        assert isinstance(viewer, ViewerScreen)
        assert viewer.rendered == render(draft, "text")
        assert shown(app) == render(draft, "text"), "shown exactly as rendered"
        assert "只读" in heading(app) and "电子政务外网线路租赁" in heading(app) and EXAMPLE in heading(app)
        assert "文本" in heading(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen)
    assert path.read_bytes() == before, "viewing never writes the draft"


async def test_p_switches_to_markdown_and_a_to_ascii_lines(drafts: Path) -> None:
    path = Path(shutil.copy(DRAFTS / EXAMPLE, drafts))
    draft = load_draft(path)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v", "a")
        viewer = app.screen
        assert isinstance(viewer, ViewerScreen)
        assert viewer.rendered == render(draft, "text", ascii=True)
        assert "┌" not in shown(app) and "+--" in shown(app)
        assert "ASCII" in heading(app)
        await pilot.press("p")
        assert viewer.rendered == render(draft, "md")
        assert "Markdown" in heading(app)
        assert not viewer.active_bindings["a"].enabled, "ASCII lines are for the text layout only"
        await pilot.press("p", "a")
        assert viewer.rendered == render(draft, "text")
        await pilot.press("q")
        assert isinstance(app.screen, DraftsScreen)


async def test_the_form_scrolls_from_the_keyboard(drafts: Path) -> None:
    shutil.copy(DRAFTS / EXAMPLE, drafts)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        body = app.screen.query_one("#viewer-body")
        assert body.has_focus and body.scroll_y == 0
        await pilot.press("pagedown", "down")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y


async def test_user_text_shows_literally_in_the_viewer(drafts: Path, make_draft: MakeDraft) -> None:
    name = "[@click=app.quit]x[/]"
    path = make_draft(name, file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ViewerScreen)
        assert name in shown(app) and name in heading(app)
        await pilot.click("#viewer-text")
        await pilot.press("p")
        assert shown(app) == render(load_draft(path), "md"), "Markdown escapes it; the screen shows that literally"
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ViewerScreen)


async def test_v_on_an_unreadable_file_or_an_empty_list_does_nothing(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        assert isinstance(app.screen, DraftsScreen)
    (drafts / "bad.toml").write_bytes(b"[[[")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.active_bindings["v"].enabled
        await pilot.press("v")
        assert isinstance(app.screen, DraftsScreen)
    assert (drafts / "bad.toml").read_bytes() == b"[[["


async def test_a_final_draft_can_be_viewed(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("定稿项目", state="final")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ViewerScreen)
        assert "定稿项目" in shown(app)
