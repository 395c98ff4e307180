"""A 通过 draft in the app: not deleted from the list, and typing left from before the approval not put into it.

The draft is approved through the command line, as the bureau would; the
refusals name who approved it and the keys that reopen it, and leave the
file byte for byte as it was (and the recovery journal in place).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MakeDraft, settle
from test_conflict_ui import copies, open_and_type
from test_recovery_ui import leave_journal
from textual.widgets import Static

from forms.store.drafts import load_draft, save_draft
from forms.workflows.review import approve as approve_draft
from tui.app import ShenbaoApp
from tui.cli import main
from tui.folder.store import TRASH
from tui.screens.drafts import DraftsScreen
from tui.screens.recovery import RecoveryScreen
from tui.screens.session_editor import SessionEditor
from tui.widgets.confirm import ConfirmScreen
from tui.widgets.conflict import ConflictScreen


def approve(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(path), "--approve", "--force", "--by", "李审核"]) == 0
    capsys.readouterr()


def notices(app: ShenbaoApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_an_approved_draft_is_not_deleted_until_reopened(
    drafts: Path, make_draft: MakeDraft, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_draft("[bold]甲[/]", file="a.toml")
    approve(path, capsys)
    before = path.read_bytes()
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)  # no question: there is nothing to choose
        when = load_draft(path).review.date
        assert (
            f"“[bold]甲[/]”（a.toml）已由 李审核 于 {when} 审核通过，不能删除；"
            "如确需删除，请先重新打开：按 a 审核，再按 o 重新打开（记入审核记录）"
        ) in notices(app)
        assert path.read_bytes() == before and not (drafts / TRASH).exists()
        await pilot.press("a", "o")  # reopened on record: now it may go
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
    assert not path.exists() and (drafts / TRASH / "a.toml").exists()


async def test_typing_from_before_the_approval_is_kept_not_put_into_the_draft(
    drafts: Path, make_draft: MakeDraft, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_draft("甲", file="a.toml")
    journal = leave_journal(path, ("project.name", "甲（审核前输入）"))
    approve(path, capsys)
    before = path.read_bytes()
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # At start-up, and again when the draft is opened: the same question, saying it is approved.
        for _ in range(2):
            assert isinstance(app.screen, RecoveryScreen)
            locked = str(app.screen.query_one("#recovery-locked", Static).render())
            assert "“甲”（a.toml）已由 李审核 于 " in locked and "审核通过，不能恢复到其中；恢复记录保留" in locked
            assert "r：恢复" not in str(app.screen.query_one("#recovery-keys", Static).render())
            await pilot.press("r")  # not offered: does nothing
            await pilot.pause()
            assert isinstance(app.screen, RecoveryScreen)
            await pilot.press("escape")
            await settle(pilot)
            if isinstance(app.screen, DraftsScreen):
                await pilot.press("enter")
                await pilot.pause()
        editor = app.screen
        assert isinstance(editor, SessionEditor) and editor.read_only
        await pilot.press("ctrl+g", "6", "ctrl+y")  # 绩效指标's import: refused, saying how to reopen
        await pilot.pause()
        assert any("不能导入指标；请先按 F4 重新打开（记入审核记录）" in m for m in notices(app))
    assert path.read_bytes() == before and journal.exists()


@pytest.mark.parametrize("answer", ["s", "r"])
async def test_a_version_approved_on_disk_meanwhile_is_not_offered_for_overwriting(
    drafts: Path, make_draft: MakeDraft, answer: str
) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_and_type(app, pilot, "甲（本机）")
        save_draft(approve_draft(load_draft(path), "李审核", force=True), path)  # as a git pull would bring it
        theirs = path.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        locked = str(app.screen.query_one("#conflict-locked", Static).render())
        assert "审核通过，不能用您的版本覆盖；请按 s 把您的修改另存为副本" in locked
        await pilot.press("o")  # not offered
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press(answer)  # the typing goes into a copy either way
        await pilot.pause()
        # Reloaded, the approved version is read-only like any approved draft.
        assert editor.read_only == (answer == "r")
    assert path.read_bytes() == theirs
    (copy,) = copies(drafts)
    assert load_draft(copy).project.name == "甲（本机）"
