"""Ctrl+Y in 绩效指标: an 一体化 file replaces the indicators after a y/n question; a bad file changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from editor_kit import SIZE, field, make_editor, on_disk
from textual.widgets import Input, Static

from forms.model.declaration import Declaration
from forms.render.formats import export_bytes
from forms.store.drafts import load_draft
from tui.sections.indicators_import import IndicatorFileDialog
from tui.widgets.confirm import ConfirmScreen


def _edited(draft: Declaration, path: Path) -> Path:
    document = json.loads(export_bytes(draft, "yitihua"))
    document["indicators"][0]["value_remark"] = "≥99个"
    document["indicators"][0]["computesign"], document["indicators"][0]["indexval"] = 1, 99
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


async def test_ctrl_y_reads_the_file_asks_and_replaces(tmp_path: Path, examples_folder: Path) -> None:
    draft = load_draft(examples_folder / "政务大厅租金.toml")
    bad = tmp_path / "bad.json"
    bad.write_text("{不是 JSON", "utf-8")
    good = _edited(draft, tmp_path / "good.一体化.json")
    (tmp_path / "drafts").mkdir()
    app = make_editor(tmp_path / "drafts", draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "6")
        await pilot.press("ctrl+y")
        dialog = app.screen
        assert isinstance(dialog, IndicatorFileDialog)
        box = dialog.query_one(Input)
        assert box.value.endswith("exports/政务大厅租金.一体化.xlsx")  # where the export puts it
        box.value = str(bad)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is dialog  # stays open to fix the path
        assert "不是有效的 JSON" in str(dialog.query_one("#indicator-file-problem", Static).render())
        box.value = str(good)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "将改动 1 行指标（修改 1 行" in app.screen.question
        await pilot.press("n")
        assert app.editor.draft.performance.indicators[0].value != "≥99个"
        await pilot.press("ctrl+y")
        app.screen.query_one(Input).value = str(good)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("y")
        assert app.editor.draft.performance.indicators[0].value == "≥99个"
        assert field(app, "performance.indicators.0.value").value == "≥99个"  # the grid shows it
        await pilot.press("ctrl+s")
        assert on_disk(app).performance.indicators[0].value == "≥99个"
