"""Issue 6's fixes as behaviour (never timings): what is read, imported and recomposed, and when."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import REPO, MakeDraft, build_draft
from repo_paths import DRAFTS
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, LoadingIndicator

import forms.store.drafts
import tui.screens.drafts as drafts_screen
from forms.store.drafts import DraftError
from forms.store.index import INDEX_NAME
from tui.app import ShenbaoApp
from tui.folder.store import DraftStore, DraftSummary
from tui.screens.drafts import DraftsScreen
from tui.widgets.footer import QuietFooter

HOUR_AGO = time.time() - 3600


def settled(path: Path) -> Path:
    """Age a file past the index's settling time (a file changed just now is never indexed)."""
    os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


@pytest.fixture
def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path ``forms.store.drafts.load_draft`` is asked to read."""
    reads: list[Path] = []
    load = forms.store.drafts.load_draft

    def counting(path: Path) -> object:
        reads.append(path)
        return load(path)

    monkeypatch.setattr(forms.store.drafts, "load_draft", counting)
    return reads


def test_an_unchanged_folder_is_listed_from_the_index_without_reading_a_file(
    drafts: Path, make_draft: MakeDraft, count_reads: list[Path]
) -> None:
    paths = [settled(make_draft(f"项目{n}", file=f"{n}.toml")) for n in range(5)]
    first = DraftStore(drafts).summaries()
    assert len(count_reads) == 5 and (drafts / INDEX_NAME).exists()
    count_reads.clear()
    second = DraftStore(drafts).summaries()  # a new start
    assert count_reads == []
    assert second == first
    settled(paths[2]).write_text(paths[2].read_text("utf-8").replace("项目2", "改名"), "utf-8")
    third = DraftStore(drafts).summaries()
    assert count_reads == [paths[2]] and third[2].name == "改名"


def test_a_draft_listed_from_the_index_is_still_never_written_unread(drafts: Path, make_draft: MakeDraft) -> None:
    path = settled(make_draft("甲", file="a.toml"))
    DraftStore(drafts).summaries()
    store = DraftStore(drafts)
    store.summaries()
    with pytest.raises(DraftError):
        store.save(path, build_draft("乙"))
    store.save(path, store.load(path))  # once read, it may be written


def test_unreadable_files_are_remembered_with_their_reason_and_refused(drafts: Path, count_reads: list[Path]) -> None:
    # A stray notes.toml must not be read at every start (issue 17), and is still never written.
    broken = drafts / "broken.toml"
    broken.write_text("name = [", "utf-8")
    settled(broken)
    DraftStore(drafts).summaries()
    store = DraftStore(drafts)
    (summary,) = store.summaries()
    assert summary.problem and count_reads == [broken]
    with pytest.raises(DraftError):
        store.save(broken, build_draft("乙"))
    assert broken.read_text("utf-8") == "name = ["
    broken.chmod(0o600)  # a permission fixed by chmod keeps the modification time, not the change time
    (again,) = DraftStore(drafts).summaries()
    assert again.problem == summary.problem and count_reads == [broken, broken]


def test_forget_drops_the_index_so_re_check_reads_every_file(
    drafts: Path, make_draft: MakeDraft, count_reads: list[Path]
) -> None:
    settled(make_draft("甲", file="a.toml"))
    DraftStore(drafts).summaries()
    store = DraftStore(drafts)
    store.forget()
    count_reads.clear()
    store.summaries()
    assert count_reads == [drafts / "a.toml"]


def test_a_folder_in_its_index_is_listed_at_once_and_anything_unknown_is_left_to_the_worker(
    drafts: Path, make_draft: MakeDraft, count_reads: list[Path]
) -> None:
    paths = [settled(make_draft(f"项目{n}", file=f"{n}.toml")) for n in range(3)]
    assert DraftStore(drafts).indexed_listing(100) is None  # never listed: no index yet
    listed = DraftStore(drafts).summaries()
    count_reads.clear()
    assert DraftStore(drafts).indexed_listing(100) == (listed, True) and count_reads == []
    assert DraftStore(drafts).indexed_listing(2) == (listed[:2], False)  # a large folder: its first rows
    settled(make_draft("新项目", file="3.toml"))
    assert DraftStore(drafts).indexed_listing(100) is None  # a file the index does not know
    assert DraftStore(drafts).indexed_listing(3) == (listed, False)  # ... after the first rows
    DraftStore(drafts).summaries()
    settled(paths[1]).write_text("name = [", "utf-8")
    assert DraftStore(drafts).indexed_listing(100) is None and count_reads == [drafts / "3.toml"]


def listed_before(drafts: Path, make_draft: MakeDraft, count: int) -> None:
    """``count`` drafts at rest, listed once (so the folder's index knows them all)."""
    for n in range(count):
        settled(make_draft(f"项目{n}", file=f"{n}.toml"))
    DraftStore(drafts).summaries()


async def test_a_folder_listed_before_is_on_screen_without_waiting_for_the_worker(
    drafts: Path, make_draft: MakeDraft, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed_before(drafts, make_draft, 3)
    loads: list[bool] = []
    monkeypatch.setattr(DraftsScreen, "_load", lambda self, forget: loads.append(forget))
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DraftsScreen)
        assert screen.table.row_count == 3 and not screen.reading and loads == []
        await pilot.press("r")  # 重新检查 still reads every file, in the worker
        assert loads == [True]


async def test_a_large_folder_shows_its_first_rows_at_once_and_the_worker_keeps_the_cursor(
    drafts: Path, make_draft: MakeDraft, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed_before(drafts, make_draft, 6)
    monkeypatch.setattr(drafts_screen, "FIRST_FRAME_LIMIT", 4)
    started: list[bool] = []
    monkeypatch.setattr(DraftsScreen, "_load", lambda self, forget: started.append(forget))
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DraftsScreen)
        assert screen.table.row_count == 4 and screen.reading and started == [False]
        await pilot.press("down", "down")
        screen._receive(DraftStore(drafts).summaries(), True, True)  # what the worker hands over, all at once
        await pilot.pause()
        assert screen.table.row_count == 6 and not screen.reading
        assert screen.highlighted_path() == drafts / "2.toml"


async def test_the_list_shows_rows_while_later_files_load_without_an_animated_indicator(
    drafts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(30):
        forms.store.drafts.save_draft(build_draft(f"项目{number:02}"), drafts / f"{number:02}.toml")
    summary = DraftStore.summary

    def slow(self: DraftStore, path: Path, index: object = None) -> DraftSummary:
        time.sleep(0.02)
        return summary(self, path, index)  # type: ignore[arg-type]

    monkeypatch.setattr(DraftStore, "summary", slow)
    monkeypatch.setattr(drafts_screen, "BATCH_SECONDS", 0.05)
    monkeypatch.setattr(drafts_screen, "GLANCE_LIMIT", 0)  # files past the first frame's glances: the worker's
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, DraftsScreen)
        assert screen.reading and 0 < screen.table.row_count < 30
        assert not screen.loading and not list(screen.query(LoadingIndicator))
        while screen.reading:
            await pilot.pause(0.1)
        assert screen.table.row_count == 30


def test_the_app_module_imports_no_form_model_before_the_list_paints() -> None:
    code = "import sys, tui.app; print(sorted(m for m in ('pydantic', 'forms.model.declaration') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_command_starts_the_app_without_the_form_model(tmp_path: Path) -> None:
    # `shenbao` alone: the folder option is read and the app started before pydantic is imported.
    code = (
        "import sys, tui.app\n"
        "tui.app.run_app = lambda folder: print(\n"
        "    sorted(m for m in ('pydantic', 'forms.model.declaration') if m in sys.modules)\n"
        ")\n"
        "from tui.cli import main\n"
        "main(['--drafts', sys.argv[1]])\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_folder_listed_from_its_index_needs_no_form_model(tmp_path: Path) -> None:
    # With every draft unchanged since the last listing, the rows come from the index alone.
    for path in (DRAFTS).glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
        os.utime(tmp_path / path.name, (1_700_000_000, 1_700_000_000))
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tui.folder.store import DraftStore\n"
        "rows = DraftStore(Path(sys.argv[1])).summaries()\n"
        "print(len(rows), sum(r.errors + r.warnings for r in rows), 'pydantic' in sys.modules)\n"
    )
    run = [sys.executable, "-c", code, str(tmp_path)]
    cold = subprocess.run(run, cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    warm = subprocess.run(run, cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    assert cold[:2] == warm[:2] and int(warm[0]) == 7 and int(warm[1]) > 0
    assert (cold[2], warm[2]) == ("True", "False")


class Fields(Screen[None]):
    """Two plain fields and a third with a key of its own (so the Footer's keys change on it)."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f2", "noop", "屏幕键")]

    def compose(self) -> ComposeResult:
        yield Input(id="one")
        yield Input(id="two")
        yield KeyedInput(id="three")
        yield QuietFooter()

    def action_noop(self) -> None:
        """Nothing (a key to show)."""


class KeyedInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f3", "noop", "字段键")]

    def action_noop(self) -> None:
        """Nothing (a key to show)."""


class FieldsApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Fields())


async def test_the_footer_recomposes_only_when_the_keys_it_shows_change(monkeypatch: pytest.MonkeyPatch) -> None:
    composed: list[int] = []
    compose = QuietFooter.compose

    def counting(self: QuietFooter) -> ComposeResult:
        composed.append(1)
        return compose(self)

    monkeypatch.setattr(QuietFooter, "compose", counting)
    app = FieldsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.focused is screen.query_one("#one")
        before = len(composed)
        await pilot.press("tab")
        await pilot.pause()
        two = screen.query_one("#two")
        assert screen.focused is two and two.has_pseudo_class("focus"), "focus styling still follows"
        assert not screen.query_one("#one").has_pseudo_class("focus")
        assert len(composed) == before, "same keys: no recompose"
        await pilot.press("tab")
        await pilot.pause()
        assert len(composed) == before + 1, "a field with its own key: the Footer shows it"
        assert "字段键" in str([key.description for key in screen.query("FooterKey")])  # type: ignore[attr-defined]
