"""Ctrl+Q after a save that failed (full disk, ``chattr +i``, read-only): a question, never a silent exit 0."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from conftest import MakeDraft
from test_conflict_ui import open_and_type

from forms.store.drafts import load_draft
from forms.store.journal import journal_paths
from tui.app import ShenbaoApp
from tui.folder.store import DraftStore
from tui.widgets.confirm import ConfirmScreen


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(DraftStore, "save_checked", full)


async def test_ctrl_q_with_an_unsaved_draft_asks_and_says_where_the_typing_is(
    drafts: Path, make_draft: MakeDraft, full_disk: None
) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_and_type(app, pilot, "甲（改过）")
        await pilot.press("ctrl+q")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        journal = next(p for p in journal_paths(path) if p.exists())
        assert "a.toml 未能保存" in question.question and str(journal) in question.question
        await pilot.press("n")  # back to the editor, nothing lost
        await pilot.pause()
        assert app.screen is editor and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+q")  # a second Ctrl+Q while asked means yes
        await pilot.pause()
    assert app.return_code == 1
    assert any(str(journal) in note for note in app.notes)
    assert "甲（改过）" in journal.read_text("utf-8")
    assert load_draft(path).project.name == "甲"


async def test_ctrl_q_after_a_good_save_quits_at_once(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and_type(app, pilot, "甲（改过）")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (0, None) and app.notes == []
    assert load_draft(path).project.name == "甲（改过）"
