"""The number of fields in each editor section: sizes the bare multi-Input baseline and the Tab walk.

Counted in the real editor, headlessly at 80×24: the draft the benchmarks open
is opened, and for each section the focus stops (what Tab visits, the stepper
left out) are counted.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path


def section_fields(folder: Path) -> list[int] | None:
    """Focus stops of each form section for the first draft of ``folder``; None without an editor."""
    try:
        from tui.app import ShenbaoApp
        from tui.screens.editor import FORM_SECTIONS
    except ImportError:
        return None
    try:
        return asyncio.run(_count(ShenbaoApp(folder), len(FORM_SECTIONS)))
    except Exception as error:  # the editor is being built: benchmark the rest with the default size
        print(f"could not count the editor's fields ({error!r}); using the default", file=sys.stderr)
        return None


def largest_section(folder: Path) -> tuple[int, int] | None:
    """``(index, fields)`` of the section with the most fields (the first of equals); None without an editor."""
    counts = section_fields(folder)
    if not counts:
        return None
    fields = max(counts)
    return counts.index(fields), fields


async def _count(app, sections: int) -> list[int]:
    from tui.screens.editor import EditorScreen
    from tui.widgets.stepper import Stepper

    counts = []
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):  # the list fills in from a worker
            await pilot.pause(0.05)
            if not isinstance(app.screen, EditorScreen):
                await pilot.press("enter")
            else:
                break
        screen = app.screen
        for index in range(sections):
            if index:
                await screen.action_next_section()
            await pilot.pause()
            counts.append(sum(1 for widget in screen.focus_chain if not isinstance(widget, Stepper)))
    return counts
