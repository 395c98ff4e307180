"""Issue 17's first paint as behaviour (never timings): what the list reads and imports before its first rows.

A cold folder (files just written, no index) is glanced at without the form
model; a stray file that is not a draft is remembered in the index with its
reason, so it is not read at every start; the count line is the folder's from
the first frame.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, MakeDraft
from repo_paths import DRAFTS

import forms.store.drafts
import forms.store.glance
import tui.screens.drafts as drafts_screen
from tui.app import ShenbaoApp
from tui.folder.store import DraftStore
from tui.folder.summaries import CHECKING
from tui.screens.drafts import DraftsScreen

HOUR_AGO = time.time() - 3600


def settled(path: Path) -> Path:
    """Age a file past the index's settling time."""
    os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


@pytest.fixture
def glances(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path the first frame glances at."""
    seen: list[Path] = []
    glance = forms.store.glance.glance

    def counting(path: Path, modified: float = 0.0) -> object:
        seen.append(path)
        return glance(path, modified)

    monkeypatch.setattr(forms.store.glance, "glance", counting)
    return seen


FIRST_ROWS = (
    "import sys\n"
    "from pathlib import Path\n"
    "from tui.folder.store import DraftStore\n"
    "first = DraftStore(Path(sys.argv[1])).first_rows(500, 60)\n"
    "print(len(first.rows), first.count, first.complete, sum(bool(r.name) for r in first.rows),\n"
    "      sorted({r.status for r in first.rows if r.problem is None}), 'pydantic' in sys.modules)\n"
)


def test_a_cold_folder_is_glanced_at_without_the_form_model(tmp_path: Path) -> None:
    # The seven examples just copied: no index, and too fresh to be indexed anyway.
    for path in (DRAFTS).glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    run = [sys.executable, "-c", FIRST_ROWS, str(tmp_path)]
    out = subprocess.run(run, cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[0] == f"7 7 False 7 ['{CHECKING}'] False"


def test_glanced_rows_carry_the_figures_the_checks_give(drafts: Path) -> None:
    for path in (DRAFTS).glob("*.toml"):
        shutil.copy(path, drafts / path.name)
    first = DraftStore(drafts).first_rows(500, 60)
    assert first is not None
    checked = DraftStore(drafts).summaries()
    glanced = [(r.name, r.year, r.total, r.state) for r in first.rows]
    assert glanced == [(r.name, r.year, r.total, r.state) for r in checked]


def test_a_stray_file_is_remembered_so_the_next_start_reads_nothing(
    drafts: Path, make_draft: MakeDraft, glances: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    settled(make_draft("甲", file="a.toml"))
    (drafts / "notes.toml").write_text("今天的待办：\n- 交材料\n", "utf-8")
    settled(drafts / "notes.toml")
    listed = DraftStore(drafts).summaries()
    assert listed[1].problem
    reads: list[Path] = []
    monkeypatch.setattr(forms.store.drafts, "load_draft", lambda path: reads.append(path))
    first = DraftStore(drafts).first_rows(500, 60)
    assert first is not None and first.complete and first.rows == listed
    assert glances == [] and reads == []


def test_a_file_changed_since_listed_is_glanced_at_and_the_rest_come_from_the_index(
    drafts: Path, make_draft: MakeDraft, glances: list[Path]
) -> None:
    paths = [settled(make_draft(f"项目{n}", file=f"{n}.toml")) for n in range(3)]
    DraftStore(drafts).summaries()
    paths[1].write_text(paths[1].read_text("utf-8").replace("项目1", "改名"), "utf-8")
    first = DraftStore(drafts).first_rows(500, 60)
    assert first is not None and not first.complete
    assert glances == [paths[1]]
    assert [r.name for r in first.rows] == ["项目0", "改名", "项目2"]
    assert [r.status == CHECKING for r in first.rows] == [False, True, False]


async def test_a_cold_folder_paints_its_rows_and_count_before_the_worker_runs(
    drafts: Path, make_draft: MakeDraft, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(6):
        make_draft(f"项目{n}", file=f"{n}.toml")
    monkeypatch.setattr(drafts_screen, "GLANCE_LIMIT", 4)
    started: list[bool] = []
    monkeypatch.setattr(DraftsScreen, "_load", lambda self, forget: started.append(forget))
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DraftsScreen)
        assert screen.table.row_count == 4 and screen.reading and started == [False]
        heading = str(screen.query_one("#drafts-heading").render())
        assert "草稿 6 个" in heading and "显示" not in heading
        assert screen.highlighted() is not None and screen.highlighted().status == CHECKING
        screen._receive(DraftStore(drafts).summaries(), True, True)  # what the worker hands over
        await pilot.pause()
        assert screen.table.row_count == 6 and "草稿 6 个" in str(screen.query_one("#drafts-heading").render())
        assert CHECKING not in {s.status for s in screen.summaries}


async def test_a_large_indexed_folder_has_its_count_in_the_first_frame(
    drafts: Path, make_draft: MakeDraft, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(6):
        settled(make_draft(f"项目{n}", file=f"{n}.toml"))
    DraftStore(drafts).summaries()
    monkeypatch.setattr(drafts_screen, "FIRST_FRAME_LIMIT", 4)
    monkeypatch.setattr(DraftsScreen, "_load", lambda self, forget: None)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DraftsScreen)
        assert screen.table.row_count == 4
        assert "草稿 6 个" in str(screen.query_one("#drafts-heading").render())


async def test_glanced_rows_get_their_checks_in_place_and_never_vanish(
    drafts: Path, make_draft: MakeDraft, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(30):
        make_draft(f"项目{n:02}", file=f"{n:02}.toml")
    summary = DraftStore.summary

    def slow(self: DraftStore, path: Path, index: object = None) -> object:  # a slow network folder
        time.sleep(0.03)
        return summary(self, path, index)  # type: ignore[arg-type]

    monkeypatch.setattr(DraftStore, "summary", slow)
    monkeypatch.setattr(drafts_screen, "BATCH_SECONDS", 0.05)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, DraftsScreen)
        await pilot.pause()
        assert screen.table.row_count == 30 and screen.reading
        await pilot.press("down", "down")
        counts, checked = [], []
        for _ in range(200):
            await pilot.pause(0.05)
            counts.append(screen.table.row_count)
            checked.append(sum(s.status != CHECKING for s in screen.summaries))
            if not screen.reading:
                break
        assert not screen.reading and set(counts) == {30}, "no row vanished while checks came in"
        assert any(0 < n < 30 for n in checked) and checked[-1] == 30, "checks arrived batch by batch"
        assert screen.highlighted_path() == drafts / "02.toml"
        assert [s.name for s in screen.summaries] == [f"项目{n:02}" for n in range(30)]
        assert screen.table.shown == screen.summaries
