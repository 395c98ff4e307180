"""Word, Excel and the indicator sheet from the app: 检查与导出's export dialog and the summary screen's e."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import openpyxl
from test_review import EXPORTS, example
from test_summary_screen import SIZE, examples, open_summary  # noqa: F401 - examples is a fixture
from textual.widgets import Input

from forms.store.drafts import load_draft
from tui.app import ShenbaoApp
from tui.screens.summary_export import FormatChoice
from tui.widgets.export_dialog import ExportDialog

STEM = "电子政务外网线路租赁"


async def test_export_dialog_writes_a_word_document(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", "down", "down")  # focus starts on the format choice: ↓↓ picks Word
        box = app.screen.query_one("#export-path", Input)
        assert box.value == str(drafts / EXPORTS / f"{STEM}.docx")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    document = docx.Document(drafts / EXPORTS / f"{STEM}.docx")
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cells[0][1:3] == ["项目名称", STEM]
    assert any(f"已导出到 {drafts / EXPORTS / STEM}.docx" in n.message for n in app._notifications)


async def test_export_dialog_writes_the_indicator_sheet_beside_the_form(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", "down", "down", "down", "down")
        box = app.screen.query_one("#export-path", Input)
        assert box.value.endswith(f"{STEM}.指标.xlsx"), "the sheet does not take the form's .xlsx name"
        await pilot.press("up")
        assert box.value.endswith(f"{STEM}.xlsx") and not box.value.endswith(".指标.xlsx")
        await pilot.press("down", "enter")
        await pilot.pause()
    sheet = openpyxl.load_workbook(drafts / EXPORTS / f"{STEM}.指标.xlsx").active
    draft = load_draft(drafts / f"{STEM}.toml")
    filled = [i for i in draft.performance.indicators if i.name.strip()]
    assert sheet.max_row == 1 + len(filled)
    assert [c.value for c in sheet[2]][:4] == [filled[0].level1, filled[0].level2, filled[0].name, "＝"]


async def test_summary_e_exports_the_workbook(examples: Path) -> None:  # noqa: F811 - the fixture
    app = ShenbaoApp(examples)
    async with app.run_test(size=SIZE) as pilot:
        await open_summary(app, pilot)
        await pilot.press("e")
        assert isinstance(app.screen, FormatChoice)
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
    data = (examples / "exports" / "项目汇总.xlsx").read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[0] == "项目汇总" and len(book.sheetnames) == 8


async def test_export_dialog_writes_the_yitihua_fields_in_the_form_the_ending_names(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", *["down"] * 6)  # the last choice: 一体化系统字段
        box = app.screen.query_one("#export-path", Input)
        assert box.value.endswith(f"{STEM}.一体化.xlsx")
        box.value = box.value.removesuffix(".xlsx") + ".json"  # the ending picks the form
        await pilot.press("enter")
        await pilot.pause()
    document = json.loads((drafts / EXPORTS / f"{STEM}.一体化.json").read_text("utf-8"))
    assert document["project"] == STEM and {"computesign", "indexval", "yearflag"} <= set(document["indicators"][0])


async def test_down_down_enter_in_one_burst_exports_the_format_chosen(drafts: Path) -> None:
    # Over SSH the three keys arrive in one read: Enter must not export before ↓↓'s choice is taken.
    from editor_kit import burst

    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await burst(pilot, "down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    assert (drafts / EXPORTS / f"{STEM}.docx").is_file()
    assert not (drafts / EXPORTS / f"{STEM}.txt").exists()
