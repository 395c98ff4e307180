"""User text is data: markup, action links and escape sequences show literally and crash nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import HOSTILE_TEXTS, names, settle
from pydantic import BaseModel
from textual.widgets import DataTable, Static

from forms.model.declaration import Declaration, ExpenseLine, ScheduleRow, new_declaration
from forms.render.width import clean
from forms.store.drafts import file_name_for, save_draft
from tui.app import ShenbaoApp
from tui.screens.drafts import DraftsScreen
from tui.screens.editor import EditorScreen
from tui.sections.review import ReviewSection
from tui.widgets.confirm import ConfirmScreen
from tui.widgets.drafts_table import one_line


def fill(model: BaseModel, text: str) -> None:
    """Put ``text`` into every text field of a model, recursively (lists of text get one item)."""
    for name, value in model:
        if name in ("template", "state"):
            continue
        if isinstance(value, str):
            setattr(model, name, text)
        elif isinstance(value, BaseModel):
            fill(value, text)
        elif isinstance(value, list):
            if value and isinstance(value[0], BaseModel):
                for item in value:
                    fill(item, text)
            elif name == "types":
                setattr(model, name, [text])


def hostile(text: str) -> Declaration:
    """A draft with ``text`` in every field, tables included."""
    draft = new_declaration(year="2021")
    draft.expenses.lines.append(ExpenseLine())
    draft.implementation.schedule.append(ScheduleRow())
    fill(draft, text)
    return draft


@pytest.fixture
def hostile_drafts(drafts: Path) -> Path:
    for text in HOSTILE_TEXTS:
        save_draft(hostile(text), file_name_for(text, drafts))
    return drafts


async def test_hostile_names_are_listed_literally(hostile_drafts: Path) -> None:
    app = ShenbaoApp(hostile_drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert sorted(names(app)) == sorted(one_line(text) for text in HOSTILE_TEXTS)
        assert "[@click=app.quit]x[/]" in names(app) and "[/]" in names(app)
        assert all("\x1b" not in name for name in names(app))
        # Clicking every name (an action link would quit the app) and walking the rows.
        for row in range(len(HOSTILE_TEXTS)):
            await pilot.click(DataTable, offset=(4, row + 1))
            await pilot.press("down")
        assert app.is_running and isinstance(app.screen, DraftsScreen)
        await pilot.press("f1", "escape", "x")
        assert isinstance(app.screen, ConfirmScreen)
        shown = str(app.screen.query_one("#confirm-question", Static).render())
        assert "\x1b" not in shown
        await pilot.press("n", "ctrl+p")
        await pilot.press(*"[/]")
        await pilot.pause(0.3)
        await pilot.press("escape")
        assert app.is_running


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
async def test_every_section_and_the_preview_show_hostile_text_literally(drafts: Path, text: str) -> None:
    save_draft(hostile(text), drafts / "hostile.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        editor: Any = app.screen
        assert isinstance(editor, EditorScreen)
        for _ in range(len(editor.sections) - 1):
            await pilot.press("f6")
            await pilot.pause()
        assert editor.index == len(editor.sections) - 1, "every section visited"
        review = editor.query_one(ReviewSection)
        preview = str(review.query_one("#review-preview-text", Static).render())
        assert clean(text).strip() in preview and "\x1b" not in preview
        await pilot.press("p")
        preview = str(review.query_one("#review-preview-text", Static).render())
        assert "\x1b" not in preview
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, DraftsScreen)
