"""Review and return in the app: the 审核意见 in the list and the editor, 通过 locking the draft, the reviewer's key."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import HOSTILE_TEXTS, settle
from repo_paths import DRAFTS
from textual.pilot import Pilot
from textual.widgets import Input, Static

from forms.store.drafts import load_draft
from forms.workflows.review_file import review_file
from tui.app import ShenbaoApp
from tui.screens.drafts import DraftsScreen
from tui.screens.editor import EditorScreen
from tui.screens.review_dialog import ReviewDialog
from tui.widgets.confirm import ConfirmScreen
from tui.widgets.drafts_table import DraftsTable
from tui.widgets.key_line import KeyLine

RENT = "政务大厅租金.toml"
OPINION = f"租金测算依据不足，请补充合同 {HOSTILE_TEXTS[2]}"


def copy_examples(drafts: Path) -> Path:
    for path in DRAFTS.glob("*.toml"):
        shutil.copy(path, drafts)
    return drafts / RENT


async def highlight(pilot: Pilot, path: Path) -> DraftsTable:
    await settle(pilot)
    table = pilot.app.screen.query_one(DraftsTable)
    table.move_cursor(row=table.get_row_index(str(path)))
    await pilot.pause()
    return table


def cell(table: DraftsTable, path: Path, column: str) -> str:
    return table.get_cell(str(path), column).plain


def text_of(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_a_returned_drafts_opinion_shows_in_the_list_and_in_the_editor(drafts: Path) -> None:
    rent = copy_examples(drafts)
    review_file(rent, "returned", opinion=OPINION, by="李审核")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await highlight(pilot, rent)
        assert cell(table, rent, "state") == "退回"
        detail = text_of(app.screen, "#drafts-detail")
        assert detail.startswith(f"退回：{OPINION}（李审核 ")  # literal, never markup
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen) and not editor.read_only  # a returned draft is for fixing
        notice = editor.query_one("#editor-review", Static)
        assert notice.display and notice.has_class("-returned")
        assert f"退回：{OPINION}（李审核" in str(notice.render())
        assert any(OPINION in str(n.message) for n in app._notifications)
        await editor.show_section(len(editor.sections) - 1)  # the unit fixes it and makes it 定稿 again
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert load_draft(rent).state == "final"  # its checks find no error
        await pilot.press("escape")
        await settle(pilot)
        assert cell(app.screen.query_one(DraftsTable), rent, "state") == "复审"
        assert text_of(app.screen, "#drafts-detail").startswith("已重新定稿，待复审（上次退回：")


async def test_an_approved_draft_refuses_edits_until_reopened_on_record(drafts: Path) -> None:
    rent = copy_examples(drafts)
    review_file(rent, "approved", by="李审核", force=True)
    before = rent.read_bytes()
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await highlight(pilot, rent)
        assert cell(table, rent, "state") == "通过"
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.read_only
        assert "审核通过（只读）" in text_of(editor, "#editor-banner")
        await pilot.press("tab", "x", "y", "z")
        await pilot.pause()
        assert rent.read_bytes() == before
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # not reopened: still locked, nothing written
        await pilot.pause()
        assert editor.read_only and rent.read_bytes() == before
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not editor.read_only
        draft = load_draft(rent)
        assert draft.state == "draft"
        assert [event.action for event in draft.review.history] == ["approved", "reopened"]
        assert "已重新打开" in str(editor.query_one("#editor-review", Static).render())


async def test_the_reviewers_key_returns_approves_and_reopens(tmp_path: Path) -> None:
    # A unit folder of a bureau folder: the reviewer's key is on the line.
    unit = tmp_path / "bureau" / "jia"
    unit.mkdir(parents=True)
    (unit / "_profile.toml").write_text('unit = "甲局"\n', encoding="utf-8")
    shutil.copytree(unit, tmp_path / "bureau" / "yi")
    rent = copy_examples(unit)
    app = ShenbaoApp(unit)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await highlight(pilot, rent)
        assert "a 审核" in app.screen.query_one(KeyLine).render().plain
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDialog)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("enter")  # an empty opinion is refused: the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, ReviewDialog)
        app.screen.query_one(Input).value = "请补充合同"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
        assert load_draft(rent).review.opinion == "请补充合同"
        assert cell(table, rent, "state") == "退回"
        await pilot.press("a", "p")
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):  # the example has errors: asked before approving
            await pilot.press("y")
        await settle(pilot)
        assert load_draft(rent).review.state == "approved"
        assert cell(table, rent, "state") == "通过"
        await pilot.press("a", "o")
        await settle(pilot)
        draft = load_draft(rent)
        assert (draft.state, draft.review.state) == ("draft", "reopened")
