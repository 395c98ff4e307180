"""A draft past the row limit (``forms.checks.limits``) opens read-only, cut, with the reason; nothing freezes."""

from __future__ import annotations

from pathlib import Path

from conftest import build_draft, settle

from forms.checks.limits import MAX_TABLE_ROWS, cut, limit_reason
from forms.model.declaration import FundingRow
from forms.store.drafts import save_draft
from tui.app import ShenbaoApp
from tui.screens.session_editor import SessionEditor
from tui.screens.viewer import ViewerScreen

ROWS = MAX_TABLE_ROWS + 100


def oversized(drafts: Path) -> Path:
    draft = build_draft("很多来源", total="1")
    draft.funding.sources += [FundingRow(source=f"来源{i}", last_year="1", this_year="1") for i in range(ROWS)]
    path = drafts / "big.toml"
    save_draft(draft, path)
    return path


async def test_an_oversized_draft_opens_read_only_cut_with_the_reason(drafts: Path) -> None:
    path = oversized(drafts)
    before = path.read_bytes()
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        viewer = app.screen
        assert isinstance(viewer, ViewerScreen) and not isinstance(viewer, SessionEditor)
        assert len(viewer.draft.funding.sources) == MAX_TABLE_ROWS
        assert any("超过上限" in n.message and f"{ROWS + 4:,} 行" in n.message for n in app._notifications)
        assert "来源0" in viewer.rendered and f"来源{ROWS - 1}" not in viewer.rendered
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # again, and back to the list: still read-only, nothing written
        await pilot.pause()
        assert isinstance(app.screen, ViewerScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert path.read_bytes() == before
    assert not list(drafts.glob(".big.toml.*"))  # no lock or journal left


def test_cut_leaves_the_draft_itself_whole(drafts: Path) -> None:
    draft = build_draft("很多来源")
    draft.funding.sources += [FundingRow(source=str(i)) for i in range(ROWS)]
    shown = cut(draft)
    assert len(shown.funding.sources) == MAX_TABLE_ROWS and len(draft.funding.sources) == ROWS + 4
    assert limit_reason(draft) and not limit_reason(shown)
