"""Issue 3's “done when”: from an empty drafts folder, with the keyboard alone, at 80×24, create,
fill in, check and export the reference form 电子政务外网线路租赁; the exported text matches what
``shenbao export`` writes for the example draft.

The typing reuses the editor's own key sequence (``test_fill_form``), so this test follows the
editor's keys instead of keeping a second copy of them.
"""

from __future__ import annotations

from pathlib import Path

from conftest import settle
from editor_kit import burst
from repo_paths import DRAFTS
from test_fill_form import INDICATORS, fields

from forms.checks.runner import errors
from forms.store.drafts import load_draft
from tui.app import ShenbaoApp
from tui.cli import main as cli_main
from tui.screens.editor import EditorScreen
from tui.sections.review import EXPORTS, ReviewSection

EXAMPLE = DRAFTS / "电子政务外网线路租赁.toml"


async def test_create_fill_check_and_export_the_reference_form(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"  # does not exist yet
    app = ShenbaoApp(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        # A new draft starts with this year, and focus on 填报单位: back to 年度 and empty it first.
        await pilot.press("shift+tab", "end", "ctrl+u")
        await burst(pilot, *fields("2021", "", "电子政务外网线路租赁"), "2", "tab")
        await burst(pilot, *fields("", "2021.01", "2021.12", "胡敏", "5720008", "田静", "5720007"))
        await burst(pilot, *["tab"] * 6, "space", "tab", "tab", "space", "tab")
        await burst(pilot, *fields("电子政务外网线路租赁", "电子政务外网线路租赁"))
        await burst(pilot, "f6", "down", "down", "down", *fields("25"), "25", "ctrl+t")
        await burst(pilot, "f6", "up", "tab", "tab", *fields("电子政务外网线路租赁及维修"))
        await burst(pilot, "ctrl+o", *fields("1.维修（护）费", "8"), "8", "ctrl+o", *fields("2.租赁费", "17"), "17")
        await burst(pilot, "ctrl+t")
        await burst(pilot, "f6", *fields("合同"), "ctrl+o", *fields("电子政务外网线路租赁及维修", "2021.01"), "2021.12")
        await burst(pilot, "f6", *fields("政务外网网速", "100兆"))
        keys = ["f6"]  # focus lands on the first 三级指标
        for number, (name, value) in enumerate(INDICATORS):
            keys += [*(["tab", "tab"] if number else []), *fields(name, value)]
        await burst(pilot, *keys)
        await burst(pilot, "f6", "无", "f6")
        await pilot.pause()

        # 检查与导出: no errors, so the export needs no confirmation.
        review = editor.query_one(ReviewSection)
        assert review.display and not errors(review.findings)
        assert review.query_one("#review-findings").has_focus
        await pilot.press("e", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)

    exported = folder / EXPORTS / "电子政务外网线路租赁.txt"
    expected = tmp_path / "expected.txt"
    assert cli_main(["export", str(EXAMPLE), "--output", str(expected)]) == 0
    assert exported.read_text("utf-8") == expected.read_text("utf-8")
    (draft_file,) = folder.glob("*.toml")
    assert draft_file.name == "电子政务外网线路租赁.toml"
    assert load_draft(draft_file).model_dump(exclude={"imported"}) == load_draft(EXAMPLE).model_dump(
        exclude={"imported"}
    )
