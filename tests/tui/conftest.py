"""Fixtures for the app's tests: a private drafts folder and drafts made to order.

Every test runs with ``HOME`` and ``SHENBAO_DRAFTS`` pointing into its own
temporary folder, so no test ever sees (or writes) the developer's drafts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from repo_paths import REPO  # noqa: F401 (imported from here by other tests)
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable

from forms.model.declaration import Declaration, new_declaration
from forms.store.drafts import file_name_for, save_draft

HOSTILE_TEXTS = (
    "[/]",
    "[@click=app.quit]x[/]",
    "[bold]x[/]",
    "\x1b[31mred\x1b[0m",
    "[link=file:///etc/passwd]x[/link]",
)
"""User text that must show literally: markup, a live action link, ANSI escapes."""


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("SHENBAO_DRAFTS", str(home / "no-drafts-here"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    """An empty drafts folder."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    return folder


MakeDraft = Callable[..., Path]


def build_draft(name: str = "", *, year: str = "2021", total: str = "", state: str = "draft") -> Declaration:
    """A draft from the template with a project name, year and declared 本年度 total."""
    draft = new_declaration(year=year)
    draft.project.name = name
    draft.funding.total_this_year = total
    draft.state = state  # type: ignore[assignment]
    return draft


@pytest.fixture
def make_draft(drafts: Path) -> MakeDraft:
    """Write a draft into ``drafts``: ``make_draft("名称", file="a.toml", year=…, total=…, state=…)``."""

    def make(name: str = "", *, file: str | None = None, **fields: str) -> Path:
        path = drafts / file if file else file_name_for(name, drafts)
        save_draft(build_draft(name, **fields), path)
        return path

    return make


async def settle(pilot: Pilot) -> None:
    """Let the loading worker finish and the table take its rows."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rows(app: App) -> list[list[str]]:
    """The table as plain text, row by row."""
    table = app.screen.query_one(DataTable)
    return [[str(getattr(cell, "plain", cell)) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def names(app: App) -> list[str]:
    """The first column (project names) as plain text."""
    return [row[0] for row in rows(app)]
