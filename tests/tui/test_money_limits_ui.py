"""Amounts past the ceiling in the app: typed, pasted or already in a file, they are flagged, kept and saved.

Typing 28 digits into a 支出明细 本年度 cell used to end the app (the computed
合计 was quantized in a 28-digit context) with the typed value neither saved
nor journalled; a file holding such an amount hid the whole folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import rows, settle
from editor_kit import type_text
from repo_paths import DRAFTS
from textual import events
from textual.pilot import Pilot
from textual.widgets import Static

from forms.checks.runner import check
from forms.render.formats import render
from forms.store.drafts import load_draft, save_draft
from forms.store.journal import journal_paths
from forms.store.recovery import read_journal
from tui.app import ShenbaoApp
from tui.screens.drafts import DraftsScreen
from tui.screens.editor import EditorScreen
from tui.screens.summary import SummaryScreen
from tui.sections.review import EXPORTS, ReviewSection
from tui.sections.review_export import force_banner
from tui.widgets.amount import AmountInput, ProblemLine
from tui.widgets.stepper import Stepper

EXAMPLE = "行政审批服务局软硬件运维费.toml"
CELL = "expenses.lines.0.this_year"
DIGITS = "9" * 30


async def open_first(pilot: Pilot) -> EditorScreen:
    await settle(pilot)
    await pilot.press("enter")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, EditorScreen)
    return editor


def cell(editor: EditorScreen, path: str = CELL) -> AmountInput:
    return next(w for w in editor.query(AmountInput) if w.name == path)


def problems(editor: EditorScreen) -> str:
    return "\n".join(m for line in editor.query(ProblemLine) for m in line.messages)


async def test_typing_thirty_digits_into_a_cell_is_flagged_journalled_and_saved(drafts: Path) -> None:
    shutil.copy(DRAFTS / EXAMPLE, drafts)
    path = drafts / EXAMPLE
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_first(pilot)
        assert await editor.jump_to(CELL)
        field = cell(editor)
        assert field.value == "1.98"
        await pilot.press("end", *["backspace"] * 4)
        await type_text(pilot, DIGITS)
        await pilot.pause(0.5)
        assert app.is_running and app.screen is editor and field.value == DIGITS
        (journal,) = [p for p in journal_paths(path) if p.exists()]
        assert (CELL, DIGITS) in [(e.field, e.text) for e in read_journal(journal).entries]
        await pilot.press("tab")  # a finding shows once the field is left (issue 19)
        await pilot.pause(0.5)
        assert field.has_class("-invalid") and "金额过大" in problems(editor)
        stepper = editor.query_one(Stepper)
        assert stepper.states[2] == "error", stepper.states
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_draft(path).expenses.lines[0].this_year == DIGITS
        await editor.show_section(len(editor.sections) - 1)
        await pilot.pause()
        review = editor.query_one(ReviewSection)
        assert any(f.path == CELL and "金额过大" in f.message for f in review.findings)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
        assert "错误" in rows(app)[0][4]


async def test_pasting_ten_thousand_digits_is_refused_by_length_and_kept(drafts: Path) -> None:
    shutil.copy(DRAFTS / EXAMPLE, drafts)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_first(pilot)
        assert await editor.jump_to(CELL)
        field = cell(editor)
        await pilot.press("end", *["backspace"] * 4)
        field.post_message(events.Paste("9" * 10_000))
        await pilot.pause(0.5)
        assert app.screen is editor and field.value == "9" * 10_000
        await pilot.press("tab")  # a finding shows once the field is left (issue 19)
        await pilot.pause(0.5)
        shown = problems(editor)
        assert "金额过长（10000 个字符" in shown and len(shown) < 200
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_draft(drafts / EXAMPLE).expenses.lines[0].this_year == "9" * 10_000


async def test_a_file_with_the_amount_is_listed_opened_checked_and_exported(drafts: Path) -> None:
    shutil.copy(DRAFTS / EXAMPLE, drafts / "b.toml")
    draft = load_draft(drafts / "b.toml")
    draft.funding.total_this_year = ""
    draft.funding.sources[3].this_year = "1" + "0" * 28
    save_draft(draft, drafts / "a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = rows(app)
        assert len(table) == 2 and "错误" in table[0][4] and table[0][2] == ""
        detail = str(app.screen.query_one("#drafts-detail", Static).render())
        assert "a.toml" in detail and "错误" in detail
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "1 处金额无法识别" in str(app.screen.query_one("#summary-totals", Static).render())
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
        editor = await open_first(pilot)
        await pilot.pause(0.5)
        await editor.show_section(1)
        await pilot.pause(0.5)
        assert "金额过大" in problems(editor)  # the field held the text when its section opened
        assert editor.query_one(Stepper).states[1] == "error"
        await editor.show_section(len(editor.sections) - 1)
        await pilot.pause()
        review = editor.query_one(ReviewSection)
        found = check(editor.draft)
        assert review.findings == found
        assert any("金额过大" in f.message for f in found)
        preview = str(review.query_one("#review-preview-text").render())
        assert preview == render(editor.draft, "text")
        await pilot.press("e", "enter", "y")
        await pilot.pause()
        exported = (drafts / EXPORTS).glob("*.txt")
        (target,) = list(exported)
        errors = len([f for f in found if f.severity == "error"])
        assert target.read_text("utf-8") == render(editor.draft, "text", banner=force_banner(errors))
