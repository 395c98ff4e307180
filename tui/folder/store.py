"""The drafts folder as the app sees it: the only code in ``tui`` that touches draft files.

Every summary of a file is computed from the file's bytes and cached by its
size and modification time, so listing a large folder again after one edit
reads one file, not all of them; ``listing`` also keeps the summaries in the
folder's on-disk index (``forms.store.index``), so a new start with thousands
of unchanged drafts reads none of them. A file that could not be read is remembered
and never written: ``save`` refuses it, so a hand-edited draft with a typo is
never replaced by what the app thinks it should contain.

Carrying a draft over to next year, the entries of the summary and the unit
profile are the ``ProjectActions`` part, in ``tui.folder.projects``.

No Textual here; the app's screens call this from workers and handlers.
"""

from __future__ import annotations

import heapq
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

# The form model (pydantic) is imported on the first file read, in the list's worker, after it painted.
from forms.store.files import DraftError, draft_names, draft_paths
from forms.store.safe_io import os_reason
from tui.folder.projects import ProjectActions, SuccessorExists
from tui.folder.summaries import DraftSummary, glanced_summary, indexed_summary, summarize_checked, unreadable_summary

if TYPE_CHECKING:
    from forms.model.declaration import Declaration
    from forms.store.conflicts import Fingerprint
    from forms.store.index import FolderIndex, IndexEntry
    from tui.folder.lock_marks import LockMarks

T = TypeVar("T")

__all__ = ["COPY_SUFFIX", "TRASH", "UNTITLED", "DraftStore", "DraftSummary", "SuccessorExists"]

TRASH = ".trash"
"""Folder inside the drafts folder that deleted drafts move to (hidden, so never listed)."""
COPY_SUFFIX = "（副本）"
"""Appended to a duplicated draft's project name (as ``forms.workflows.rollover.duplicate`` does)."""
UNTITLED = re.compile(r"未命名项目(-\d+)?")
"""File stems ``create`` gives a draft with no project name yet."""


class FirstRows(NamedTuple):
    """What the drafts list shows in its first frame."""

    rows: list[DraftSummary]
    """The first drafts by file name, checked (from the index) or glanced at."""
    count: int
    """How many drafts the folder holds (the list's count line is right before they are all read)."""
    complete: bool
    """Whether ``rows`` are every draft, all checked: nothing is left for the worker."""


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


class DraftStore(ProjectActions):
    """The drafts folder: list, read, write, create, duplicate and delete drafts."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        """The drafts folder (it may not exist yet: it is made on the first save)."""
        self._lock = threading.Lock()
        # path -> (size, mtime_ns, summary): summaries are computed in a worker thread.
        self._cache: dict[Path, tuple[int, int, DraftSummary]] = {}
        self._unreadable: set[Path] = set()
        self._readable: set[Path] = set()
        self._marks: LockMarks | None = None

    def paths(self) -> list[Path]:
        """The draft files of the folder, sorted by file name."""
        return draft_paths(self.folder)

    def summaries(self) -> list[DraftSummary]:
        """A summary of every draft file, readable or not, sorted by file name."""
        return list(self.listing())

    def first_rows(self, limit: int, glances: int) -> FirstRows | None:
        """The first ``limit`` drafts' rows (by file name) for the list's first frame, without the form model.

        Files the on-disk index knows unchanged come from it; when some are new
        or changed, the first ``glances`` files are instead glanced at (name,
        year and total straight from the TOML, checks still to run: see
        ``forms.store.glance``). Returns ``None`` when the folder cannot be listed.
        """
        from forms.store.index import FolderIndex

        try:
            names = draft_names(self.folder)
        except OSError:
            return None
        # The first names only: sorting 10,000 paths would cost the first frame 50 ms.
        first = heapq.nsmallest(limit, names)
        index = FolderIndex(self.folder)
        entries: list[IndexEntry | None] = [index.lookup(self.folder / name) for name in first]
        if any(entry is None for entry in entries):
            from forms.store.glance import glance

            pairs = zip(first[:glances], entries, strict=False)
            entries = [entry or glance(self.folder / name, _modified(self.folder / name)) for name, entry in pairs]
        rows = [self._marked(self._indexed(entry)) for entry in entries if entry is not None]
        checked = all(entry.checked for entry in entries if entry is not None)
        return FirstRows(rows, len(names), checked and len(rows) == len(names))

    def indexed_listing(self, limit: int) -> tuple[list[DraftSummary], bool] | None:
        """The first ``limit`` drafts' summaries when the on-disk index knows each one unchanged (else ``None``).

        Returns the rows and whether they are the whole folder.
        """
        first = self.first_rows(limit, 0)
        if first is None or (not first.complete and len(first.rows) < min(limit, first.count)):
            return None
        return first.rows, first.complete

    def listing(self) -> Iterator[DraftSummary]:
        """The summary of every draft file, one by one, sorted by file name.

        Unchanged readable files come from the folder's on-disk index; the
        index is written once every file is listed (not when the caller stops early).
        """
        from forms.store.index import FolderIndex

        index = FolderIndex(self.folder)
        for path in self.paths():
            yield self._marked(self.summary(path, index))
        index.save()

    def _marked(self, summary: DraftSummary) -> DraftSummary:
        # Who else is editing it: not cached with the summary, a lock comes and goes without the file changing.
        # The lock code is imported on the first listing, not with the app.
        from tui.folder.lock_marks import LockMarks, who

        if self._marks is None:
            self._marks = LockMarks(self.folder)
        held = self._marks.held(summary.path)
        return replace(summary, held=who(held)) if held is not None else summary

    def summary(self, path: Path, index: FolderIndex | None = None) -> DraftSummary:
        """The summary of one file, from the cache (or ``index``) when the file has not changed since."""
        try:
            info = path.stat()
        except OSError as error:
            # Worded like load_draft's reasons (a dangling link, a loop), never the system's English.
            return self._unreadable_summary(path, DraftError(path, os_reason(error)), 0.0)
        with self._lock:
            cached = self._cache.get(path)
        if cached and cached[0] == info.st_size and cached[1] == info.st_mtime_ns:
            return cached[2]
        entry = index.lookup(path) if index is not None else None
        if entry is not None:
            result = self._indexed(entry)  # never read: a save still needs a load first (not in _readable)
        else:
            try:
                draft = self.load(path)
            except DraftError as error:
                result = self._unreadable_summary(path, error, info.st_mtime)
                if index is not None:
                    index.remember_problem(path, error.reason, error.line)
            else:
                result, findings = summarize_checked(path, draft, info.st_mtime)
                if index is not None:
                    figures = {"name": result.name, "year": result.year, "total": result.total}
                    review = (result.review, result.review_note)
                    from forms.model.facts import facts_of  # the form model is loaded already: draft is one

                    facts = facts_of(draft)
                    index.remember(path, findings, **figures, state=result.state, review=review, facts=facts)
        with self._lock:
            self._cache[path] = (info.st_size, info.st_mtime_ns, result)
        return result

    def forget(self) -> None:
        """Drop every cached summary and the on-disk index, so the next listing reads and checks every file."""
        from forms.store.index import forget

        with self._lock:
            self._cache.clear()
        try:
            forget(self.folder)
        except OSError:
            pass  # no folder, or not one: there is no index to drop

    def load(self, path: Path) -> Declaration:
        """Read one draft.

        Raises:
            DraftError: the file is not a readable draft; it is then never written by this store.
        """
        from forms.store.drafts import load_draft

        return self._read(path, load_draft)

    def save(self, path: Path, draft: Declaration) -> None:
        """Write a draft atomically.

        Raises:
            DraftError: ``path`` holds a file this store could not read, or one it never read.
            OSError: the file could not be written (the old file is then intact).
        """
        with self._lock:
            refused = path in self._unreadable or (path not in self._readable and path.exists())
        if refused:
            raise DraftError(path, "此文件无法作为草稿读取，为免丢失内容，不会覆盖它")
        from forms.store.drafts import save_draft

        save_draft(draft, path)
        with self._lock:
            self._readable.add(path)

    def load_checked(self, path: Path) -> tuple[Declaration, Fingerprint]:
        """Read one draft for editing, with the fingerprint of exactly the bytes read.

        Raises:
            DraftError: as ``load``; the file is then never written by this store.
        """
        from forms.store.conflicts import load_draft_checked

        return self._read(path, load_draft_checked)

    def save_checked(self, path: Path, draft: Declaration, expected: Fingerprint | None) -> Fingerprint:
        """Write a draft only if its file is still as ``expected`` (see ``forms.store.conflicts``).

        Raises:
            ChangedOnDisk: the file changed, vanished or appeared since; nothing was written.
            OSError: the file could not be written (the old file is then intact).
        """
        from forms.store.conflicts import save_draft_checked

        found = save_draft_checked(draft, path, expected)
        with self._lock:
            self._unreadable.discard(path)
            self._readable.add(path)
        return found

    def save_copy(self, path: Path, draft: Declaration) -> tuple[Path, Fingerprint]:
        """Write a draft beside ``path`` under a new name (“a（本机修改 1129-0930）.toml”).

        Raises:
            OSError: the copy could not be written.
        """
        from forms.store.conflicts import save_copy

        target, found = save_copy(draft, path)
        with self._lock:
            self._readable.add(target)
        return target, found

    def create(self, draft: Declaration, *, stem: str | None = None) -> Path:
        """Save a new draft under a new file named after its project (or ``stem``); returns the path."""
        from forms.store.drafts import file_name_for, save_draft

        path = file_name_for(draft.project.name if stem is None else stem, self.folder)
        save_draft(draft, path)
        with self._lock:
            self._readable.add(path)
        return path

    def duplicate(self, path: Path) -> Path:
        """Copy a draft as the start of a similar project, a 草稿 named “<name>（副本）”; returns the new path.

        The copy leaves out what belongs to the original project only (财政部门审核意见,
        import provenance), as ``shenbao duplicate`` does.

        Raises:
            DraftError: the original is not a readable draft.
        """
        from forms.workflows.rollover import duplicate

        return self.create(duplicate(self.load(path), COPY_SUFFIX))

    def name_untitled(self, path: Path) -> Path:
        """Rename an untitled draft's file (``未命名项目-3.toml``) after its project, once it has a name.

        A new draft is saved before its name is typed, so it starts untitled;
        this gives it its proper file name when the operator leaves the editor.
        Returns the draft's path, new or unchanged; any problem leaves it unchanged.
        """
        if not UNTITLED.fullmatch(path.stem) or not path.exists():
            return path
        try:
            name = self.load(path).project.name
        except DraftError:
            return path
        if not name.strip():
            return path
        from forms.store.drafts import file_name_for

        target = file_name_for(name, self.folder)
        try:
            os.rename(path, target)
        except OSError:
            return path
        with self._lock:
            self._cache.pop(path, None)
            self._readable.discard(path)
            self._readable.add(target)
        return target

    def delete(self, path: Path) -> Path:
        """Move a draft file (readable or not) into the trash folder; returns where it went.

        Raises:
            OSError: the file could not be moved (it is then where it was).
        """
        trash = self.folder / TRASH
        trash.mkdir(parents=True, exist_ok=True)
        target = trash / path.name
        number = 2
        while target.exists() or target.is_symlink():
            target = trash / f"{path.stem}-{number}{path.suffix}"
            number += 1
        os.replace(path, target)
        with self._lock:
            self._cache.pop(path, None)
            self._readable.discard(path)
            self._unreadable.discard(path)
        return target

    def _indexed(self, entry: IndexEntry) -> DraftSummary:
        if entry.problem is None:
            return indexed_summary(entry) if entry.checked else glanced_summary(entry)
        error = DraftError(entry.path, entry.problem, line=entry.line)
        return self._unreadable_summary(entry.path, error, entry.modified)

    def _read(self, path: Path, read: Callable[[Path], T]) -> T:
        """``read(path)``, remembering whether the file is a readable draft (only those are ever written)."""
        try:
            result = read(path)
        except DraftError:
            with self._lock:
                self._unreadable.add(path)
                self._readable.discard(path)
            raise
        with self._lock:
            self._unreadable.discard(path)
            self._readable.add(path)
        return result

    def _unreadable_summary(self, path: Path, error: DraftError, modified: float) -> DraftSummary:
        with self._lock:
            self._unreadable.add(path)
        # The row says “无法读取：” before the reason; an OS error's reason already starts with it.
        reason = error.reason.removeprefix("无法读取：")
        return unreadable_summary(path, DraftError(path, reason, line=error.line, field=error.field), modified)
