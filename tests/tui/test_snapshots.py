"""Snapshots at 80×24 of the drafts list, F1 help, a confirmation and 检查与导出.

Everything that varies is pinned: the example drafts are copied into a folder
named ``drafts`` in the test's working directory (so the heading shows the
same path), their modification times are set to a fixed date in a fixed time
zone. Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from conftest import settle
from repo_paths import DRAFTS
from test_review import HostApp
from textual.pilot import Pilot

from forms.store.drafts import load_draft
from tui.app import ShenbaoApp
from tui.folder.store import DraftStore

SIZE = (80, 24)


@pytest.fixture
def examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The example drafts in ``./drafts`` with pinned times; yields the relative folder."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    monkeypatch.chdir(tmp_path)
    folder = Path("drafts")
    shutil.copytree(DRAFTS, folder)
    stamp = datetime(2021, 3, 1, 12, 0).timestamp()
    for number, path in enumerate(sorted(folder.glob("*.toml"))):
        os.utime(path, (stamp + 60 * number, stamp + 60 * number))
    yield folder
    monkeypatch.undo()
    time.tzset()


def test_drafts_list(snap_compare, examples: Path) -> None:
    assert snap_compare(ShenbaoApp(examples), terminal_size=SIZE, run_before=settle)


def test_drafts_list_filtered(snap_compare, examples: Path) -> None:
    assert snap_compare(ShenbaoApp(examples), terminal_size=SIZE, run_before=settle, press=["slash", *"政务"])


def test_help(snap_compare, examples: Path) -> None:
    assert snap_compare(ShenbaoApp(examples), terminal_size=SIZE, run_before=settle, press=["f1"])


def test_delete_confirmation(snap_compare, examples: Path) -> None:
    assert snap_compare(ShenbaoApp(examples), terminal_size=SIZE, run_before=settle, press=["down", "x"])


def test_review_section(snap_compare, examples: Path) -> None:
    path = examples / "电子政务外网线路租赁.toml"
    app = HostApp(DraftStore(examples), path, load_draft(path))

    async def ready(pilot: Pilot) -> None:
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


@pytest.mark.parametrize("section", range(1, 9))
def test_editor_section_key_line(snap_compare, examples: Path, section: int) -> None:
    # Each section of an example draft at 80×24: its key line fits, with the place's keys, Esc, F1 and ^q.
    async def open_section(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("enter", "ctrl+g", str(section))
        await pilot.pause()

    assert snap_compare(ShenbaoApp(examples), terminal_size=SIZE, run_before=open_section)
