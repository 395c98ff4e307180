"""A 一体化 rule's finding in the editor: on the row's line once its cell is left, like every other finding."""

from __future__ import annotations

from pathlib import Path

from editor_kit import SIZE, field, make_editor, type_text

from tui.widgets.amount import ProblemLine


def notes(app) -> str:
    """Every message shown under the section's lines now."""
    return "\n".join(m for line in app.screen.query(ProblemLine) if line.display for m in line.messages)


async def test_a_missing_unit_is_told_on_the_row_once_the_value_is_left(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "6")
        await pilot.pause()
        field(app, "performance.indicators.1.value").focus()
        await pilot.pause()
        await type_text(pilot, "90")
        assert "计量单位" not in notes(app)  # not while typing
        field(app, "performance.indicators.1.name").focus()
        await pilot.pause()
        assert "第1行的计量单位为必录项，必须有值。（质量指标：指标值“90”没有写单位" in notes(app)
        assert "第1行的指标名称为必录项" not in notes(app)  # the name cell has not been left yet
