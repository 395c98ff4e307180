"""A draft changed on disk while open (another operator, ``git pull``, a text editor) is never overwritten silently.

Each test opens ``a.toml`` in the app, changes the file behind the editor's
back, types, and saves: the save writes nothing and asks; every answer keeps
the operator's typing somewhere, and only ``o`` + ``y`` writes over the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import MakeDraft, rows, settle
from textual.pilot import Pilot
from textual.widgets import Input

from forms.store.drafts import load_draft, save_draft
from forms.store.locks import lock_path
from tui.app import ShenbaoApp
from tui.editing import guard
from tui.screens.drafts import DraftsScreen
from tui.screens.session_editor import PAUSED, SessionEditor
from tui.widgets.confirm import ConfirmScreen
from tui.widgets.conflict import ConflictScreen


def change_on_disk(path: Path, name: str) -> bytes:
    """Another program saves the draft with a new 项目名称; returns the file's bytes."""
    draft = load_draft(path)
    draft.project.name = name
    save_draft(draft, path)
    return path.read_bytes()


async def open_and_type(app: ShenbaoApp, pilot: Pilot[int], text: str) -> SessionEditor:
    """Open the highlighted draft and put ``text`` into 项目名称 (as typed: journaled, unsaved)."""
    await settle(pilot)
    await pilot.press("enter")
    await pilot.pause()
    editor = app.screen
    assert isinstance(editor, SessionEditor)
    name = next(w for w in editor.query(Input) if w.name == "project.name")
    name.value = text
    await pilot.pause()
    assert editor.dirty
    return editor


async def save_over_a_changed_file(app: ShenbaoApp, pilot: Pilot[int], path: Path) -> tuple[SessionEditor, bytes]:
    """Open ``path``, type 甲（本机）, let another program save 甲（对方）, press Ctrl+S.

    Returns the editor and the bytes the other program wrote.
    """
    editor = await open_and_type(app, pilot, "甲（本机）")
    theirs = change_on_disk(path, "甲（对方）")
    await pilot.press("ctrl+s")
    await pilot.pause()
    return editor, theirs


def copies(folder: Path) -> list[Path]:
    """The copies saved beside ``a.toml`` (“a（本机修改 …）.toml”)."""
    return sorted(folder.glob("a（本机修改 *）.toml"))


async def test_a_save_over_a_changed_file_writes_nothing_and_asks(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor, theirs = await save_over_a_changed_file(app, pilot, path)
        question = app.screen
        assert isinstance(question, ConflictScreen)
        assert path.read_bytes() == theirs
        shown = " ".join(str(s.render()) for s in question.query("Static"))
        assert "a.toml\n文件在打开之后已被修改" in shown and "r：重新载入" in shown and "s：" in shown
        await pilot.press("escape")  # later: nothing written, autosave paused
        await pilot.pause()
        assert app.screen is editor and editor.dirty and str(editor._saved.render()) == PAUSED
        await pilot.press("tab")  # leaving a field does not ask again, nor write
        await pilot.pause()
        assert app.screen is editor and path.read_bytes() == theirs
        await pilot.press("ctrl+s")  # an explicit save asks again
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)


async def test_s_keeps_both_and_goes_on_in_the_copy(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor, theirs = await save_over_a_changed_file(app, pilot, path)
        await pilot.press("s")
        await pilot.pause()
        (copy,) = copies(drafts)
        assert editor.path == copy and not editor.dirty and lock_path(copy).exists()
        assert not lock_path(path).exists(), "the original is let go"
        assert load_draft(copy).project.name == "甲（本机）" and path.read_bytes() == theirs
        next(w for w in editor.query(Input) if w.name == "project.name").value = "甲（本机，续）"
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert sorted(row[0] for row in rows(app)) == ["甲（对方）", "甲（本机，续）"]
    assert load_draft(copy).project.name == "甲（本机，续）" and not lock_path(copy).exists()


async def test_r_reloads_after_saving_the_typing_as_a_copy(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor, theirs = await save_over_a_changed_file(app, pilot, path)
        await pilot.press("r")
        await pilot.pause()
        (copy,) = copies(drafts)
        assert load_draft(copy).project.name == "甲（本机）", "nothing typed is lost"
        assert editor.path == path and not editor.dirty and editor.draft.project.name == "甲（对方）"
        assert next(w for w in editor.query(Input) if w.name == "project.name").value == "甲（对方）"
        assert path.read_bytes() == theirs
        editor.draft.unit = "某局"  # later saves go over the version reloaded
        editor.dirty = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_draft(path).project.name == "甲（对方）" and load_draft(path).unit == "某局"


async def test_o_overwrites_only_after_a_second_yes(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor, theirs = await save_over_a_changed_file(app, pilot, path)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "覆盖" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert path.read_bytes() == theirs and editor.dirty
        await pilot.press("ctrl+s", "o", "y")
        await pilot.pause()
        assert load_draft(path).project.name == "甲（本机）" and not editor.dirty
        assert copies(drafts) == []


async def test_a_deleted_draft_is_saved_again_on_o(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_and_type(app, pilot, "甲（本机）")
        path.unlink()
        await pilot.press("ctrl+s")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConflictScreen) and question.conflict.deleted
        await pilot.press("r")  # nothing to reload: the key does nothing
        await pilot.pause()
        assert app.screen is question and not path.exists()
        await pilot.press("o")
        await pilot.pause()
        assert app.screen is editor and load_draft(path).project.name == "甲（本机）"


async def test_leaving_or_quitting_with_the_question_unanswered_keeps_the_typing_in_a_copy(
    drafts: Path, make_draft: MakeDraft
) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and_type(app, pilot, "甲（本机）")
        theirs = change_on_disk(path, "甲（对方）")
        await pilot.press("ctrl+s", "escape")  # put the question off
        await pilot.pause()
        await pilot.press("escape")  # back to the list: Escape never destroys
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
        (copy,) = copies(drafts)
        assert load_draft(copy).project.name == "甲（本机）" and path.read_bytes() == theirs
        copy.unlink()
        app.screen.reload(select=path)
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, SessionEditor) and editor.path == path
        next(w for w in editor.query(Input) if w.name == "project.name").value = "甲（本机 2）"
        await pilot.pause()
        theirs = change_on_disk(path, "甲（对方 2）")
        await pilot.press("ctrl+q")  # quitting with a changed file: a copy, never over theirs
    (copy,) = copies(drafts)
    assert load_draft(copy).project.name == "甲（本机 2）" and path.read_bytes() == theirs
    assert app.notes == [f"a.toml 已在别处被改动，未覆盖；您的修改已另存为 {copy.name}。"], "said after the app ends"
    assert not any(p.name.endswith(".lock") for p in drafts.iterdir())


async def test_a_file_touched_or_rewritten_with_the_same_bytes_is_no_conflict(
    drafts: Path, make_draft: MakeDraft
) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_and_type(app, pilot, "甲（本机）")
        path.write_bytes(path.read_bytes())
        os.utime(path, (1, 1))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor and not editor.dirty
        assert load_draft(path).project.name == "甲（本机）"


async def test_the_signal_path_saves_the_field_and_never_overwrites_a_changed_file(
    drafts: Path, make_draft: MakeDraft
) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_and_type(app, pilot, "甲（本机）")
        # The widget holds text the draft has not had yet (keys still in flight when the signal came).
        field = next(w for w in editor.query(Input) if w.name == "project.name")
        field.focus()
        await pilot.pause()
        with field.prevent(Input.Changed):
            field.value = "甲（本机，最后一键）"
        assert editor.draft.project.name == "甲（本机）"
        theirs = change_on_disk(path, "甲（对方）")
        messages = guard.save_everything(app)
        assert path.read_bytes() == theirs
        (copy,) = copies(drafts)
        assert load_draft(copy).project.name == "甲（本机，最后一键）"
        (message,) = messages
        assert message.startswith("a.toml：文件在打开之后已被修改") and message.endswith(
            f"未覆盖；您的修改已另存为 {copy.name}。"
        )
        assert not lock_path(path).exists() and not lock_path(copy).exists()
