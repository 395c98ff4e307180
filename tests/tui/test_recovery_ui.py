"""Typing a killed shenbao left in its recovery journal is offered back: what, where, when; restore, discard or later.

Journals are left by a real second process that records typing and exits
without saving (as ``kill -9`` would leave it), so the app judges them exactly
as it would a crashed colleague's. ``test_signals.py`` does the same with a
real ``kill -9`` in tmux.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import REPO, MakeDraft, names, settle
from textual.widgets import Input, Static

from forms.store.conflicts import fingerprint
from forms.store.drafts import load_draft
from forms.store.journal import journal_paths
from forms.store.process import current
from tui.app import ShenbaoApp
from tui.screens.drafts import DraftsScreen
from tui.screens.recovery import RecoveryScreen
from tui.screens.session_editor import SessionEditor
from tui.widgets.confirm import ConfirmScreen

LEAVE = """
import json, sys
from pathlib import Path
from forms.store.conflicts import fingerprint
from forms.store.journal import Journal
path = Path(sys.argv[1])
journal = Journal(path, fingerprint(path))
for field, text in json.loads(sys.argv[2]):
    journal.record(field, text, sync=False)
"""


def leave_journal(path: Path, *typed: tuple[str, str]) -> Path:
    """A shenbao that typed ``(field, text)`` into ``path`` and ended without saving; returns its journal."""
    subprocess.run([sys.executable, "-c", LEAVE, str(path), json.dumps(typed)], check=True, cwd=REPO)
    (journal,) = [p for p in journal_paths(path) if p.exists()]
    return journal


def body(app: ShenbaoApp) -> str:
    """What the recovery question shows."""
    return str(app.screen.query_one("#recovery-body", Static).render())


async def test_the_next_start_offers_the_typing_back_and_r_restores_it(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    journal = leave_journal(path, ("project.name", "甲（未保存）"), ("funding.total_this_year", "２５ 万元"))
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryScreen)
        shown = body(app)
        who = f"{current().user}@{current().host}"
        assert f"a.toml：2 处未保存的输入（{who}，{datetime.now():%Y-%m-%d}" in shown
        assert "· 项目名称：甲（未保存）（" in shown and "２５ 万元" in shown
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
        assert names(app) == ["甲（未保存）"]
        assert any("已恢复 a.toml 的 项目名称" in n.message for n in app._notifications)
    draft = load_draft(path)
    assert (draft.project.name, draft.funding.total_this_year) == ("甲（未保存）", "２５ 万元")
    assert not journal.exists()


async def test_d_discards_only_after_a_second_yes(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    before = path.read_bytes()
    journal = leave_journal(path, ("project.name", "甲（未保存）"))
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "无法找回" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen) and journal.exists()
        await pilot.press("d", "y")
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
    assert not journal.exists() and path.read_bytes() == before


async def test_escape_puts_it_off_until_the_next_start(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    before = path.read_bytes()
    journal = leave_journal(path, ("project.name", "甲（未保存）"))
    for _ in range(2):
        app = ShenbaoApp(drafts)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, RecoveryScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, DraftsScreen)
        assert journal.exists() and path.read_bytes() == before


async def test_several_journals_are_offered_one_after_another(drafts: Path, make_draft: MakeDraft) -> None:
    paths = [make_draft("甲", file="a.toml"), make_draft("乙", file="b.toml")]
    for path in paths:
        leave_journal(path, ("project.name", f"{path.stem}（未保存）"))
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        title = str(app.screen.query_one("#recovery-title", Static).render())
        assert title.endswith("（1/2）") and "a（未保存）" in body(app)
        await pilot.press("r")
        await pilot.pause()
        title = str(app.screen.query_one("#recovery-title", Static).render())
        assert title.endswith("（2/2）") and "b（未保存）" in body(app)
        await pilot.press("r")
        await settle(pilot)
        assert sorted(names(app)) == ["a（未保存）", "b（未保存）"]


async def test_a_damaged_journal_says_why_and_can_only_be_discarded(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    journal = journal_paths(path)[0]
    journal.write_text("这不是恢复记录\n", "utf-8")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryScreen)
        assert "不是 shenbao 的恢复记录" in body(app)
        await pilot.press("r")  # nothing to restore: the key does nothing
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen) and journal.exists()
        await pilot.press("d", "y")
        await settle(pilot)
    assert not journal.exists() and load_draft(path).project.name == "甲"


async def test_hostile_text_in_a_journal_shows_literally(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    leave_journal(path, ("project.name", "[@click=app.quit]x[/]"), ("project.overview", "\x1b[2J\x1b]0;t\x07清屏"))
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = body(app)
        assert "[@click=app.quit]x[/]" in shown and "\x1b" not in shown and "清屏" in shown
        await pilot.press("r")
        await settle(pilot)
        assert app.is_running
    assert load_draft(path).project.name == "[@click=app.quit]x[/]"


async def test_a_journal_from_another_host_is_offered_when_that_draft_is_opened(
    drafts: Path, make_draft: MakeDraft
) -> None:
    path = make_draft("甲", file="a.toml")
    found = fingerprint(path)
    assert found is not None
    owner = current().as_dict() | {"host": "另一台主机", "machine": "0" * 32, "pid": 4242}
    header = {"kind": "shenbao-journal", "draft": "a.toml", "base": found.digest, "opened": "2021-03-01T09:30:00+08:00"}
    entry = {"at": "2021-03-01T09:31:00+08:00", "field": "project.leader", "text": "张三"}
    journal = journal_paths(path)[0]
    journal.write_text(json.dumps(header | owner) + "\n" + json.dumps(entry) + "\n", "utf-8")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen), "not judged from here at start-up"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen) and "另一台主机" in body(app) and "张三" in body(app)
        await pilot.press("r")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, SessionEditor) and editor.draft.project.leader == "张三"
        assert next(w for w in editor.query(Input) if w.name == "project.leader").value == "张三"
        assert load_draft(path).project.leader == "张三" and not journal.exists()
        await pilot.press("ctrl+q")


async def test_a_journal_of_a_draft_since_removed_makes_it_anew(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    leave_journal(path, ("project.name", "甲（未保存）"))
    path.unlink()
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "草稿文件在此之后已被改动，请核对" in body(app)
        await pilot.press("r")
        await settle(pilot)
        assert names(app) == ["甲（未保存）"]
    assert load_draft(path).project.name == "甲（未保存）"


async def test_typing_is_journaled_without_an_fsync_per_key_and_cleared_by_the_save(
    drafts: Path, make_draft: MakeDraft, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_draft("", file="a.toml")
    syncs: list[int] = []
    real_fsync = os.fsync
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, SessionEditor)
        await pilot.press("tab")  # from 填报单位, the first empty field
        assert editor.focused is not None and editor.focused.name == "project.name"
        monkeypatch.setattr(os, "fsync", lambda fd: (syncs.append(fd), real_fsync(fd))[1])
        await pilot.press(*"abcdef")
        await pilot.pause()
        assert syncs == [], "no fsync on a keystroke's path"
        (journal,) = [p for p in journal_paths(path) if p.exists()]
        lines = journal.read_text("utf-8").splitlines()
        assert len(lines) == 1 + 6 and json.loads(lines[-1])["text"] == "abcdef"
        assert json.loads(lines[-1])["field"] == "project.name" and editor.dirty
        await pilot.press("tab")  # leaving the field saves; the journal goes with the save
        await pilot.pause()
        assert load_draft(path).project.name == "abcdef" and not journal.exists()
        await pilot.press("ctrl+q")
