"""Recovery journal: what was typed since the last save survives the process being killed.

While a draft is open for editing, the app appends the text of the field being
edited to a hidden journal beside the draft (``.a.toml.swp``, like vim's swap
file): one JSON line per change, holding the field's path and whole text, after
a header naming the draft, the process and the fingerprint of the file the
typing started from. A successful save clears the journal (``Journal.clear``).

So after ``kill -9``, a crash or a power cut, the journal holds exactly the
typing the draft file lacks; ``pending_recovery`` finds journals whose process
is gone, and ``forms.store.recovery.apply_recovery`` puts their entries into the
draft, for the operator to look at and save. A journal is never trusted
blindly: a damaged one is reported with its reason and kept, never deleted
until the operator says so (``discard``); a torn last line (cut by a power
loss) is dropped and reported.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from forms.store.conflicts import Fingerprint
from forms.store.drafts import file_mode, write_atomic
from forms.store.files import JOURNAL_SUFFIX
from forms.store.process import current, sidecar
from forms.store.safe_io import temporary_prefix

KIND = "shenbao-journal"
"""The ``kind`` in every journal's first line, so another program's ``.swp`` is not taken for ours."""
COMPACT_AT = 256 * 1024
"""A journal larger than this is rewritten with only the last text of each field."""
MAX_JOURNAL_BYTES = 8 * 1024 * 1024
"""A journal larger than this is not read (compaction keeps real ones far below it)."""
MAX_JOURNALS = 9
"""Journals one draft may have at once (an unrecovered one is kept, not overwritten)."""

_SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Entry:
    """One change: the whole text of a field at a moment."""

    field: str
    """Dotted path of the field (``project.name``, ``expenses.lines.2.basis``)."""
    text: str
    """The field's whole text at that moment."""
    at: str
    """When (ISO 8601, local time with offset)."""


def journal_paths(draft_path: Path) -> list[Path]:
    """Every name a journal of ``draft_path`` may have, the usual one first."""
    first = sidecar(draft_path, JOURNAL_SUFFIX)
    return [first] + [sidecar(draft_path, f".{n}{JOURNAL_SUFFIX}") for n in range(2, MAX_JOURNALS + 1)]


class Journal:
    """The journal of one open draft; the file appears with the first ``record``."""

    def __init__(self, draft_path: Path, base: Fingerprint | None = None) -> None:
        self.draft_path = draft_path
        """The draft being edited."""
        self.base = base
        """Fingerprint of the draft file the typing starts from (``None`` for a file not yet saved)."""
        self.path: Path | None = None
        """The journal file, once written."""
        self._fd: int | None = None
        self._latest: dict[str, Entry] = {}
        self._dirty = False

    def record(self, field: str, text: str, *, sync: bool = True) -> None:
        """Append the whole text of ``field``.

        Args:
            field: the field's dotted path.
            text: its whole text now.
            sync: ``fsync`` now. Without it the line still survives the process
                being killed (it is in the kernel already), not a power cut;
                call ``sync`` later, e.g. when the field loses focus.

        Raises:
            OSError: the journal cannot be written; typing goes on, unprotected.
        """
        entry = Entry(field, _SURROGATES.sub("\ufffd", text), _now())
        self._latest.pop(field, None)
        self._latest[field] = entry
        if self._fd is None:
            self._open()
        elif self.path is not None and os.fstat(self._fd).st_size > COMPACT_AT:
            self._compact()
            return
        assert self._fd is not None
        _write_all(self._fd, _entry_line(entry))
        self._dirty = True
        if sync:
            self.sync()

    def sync(self) -> None:
        """Make what was recorded survive a power cut (no-op when nothing is pending)."""
        if self._fd is not None and self._dirty:
            os.fsync(self._fd)
            self._dirty = False

    def clear(self, base: Fingerprint | None = None) -> None:
        """After a successful save: the journal goes; later typing starts from ``base``."""
        self._dirty = False  # what it holds is in the draft now: no need to fsync it first
        self._close()
        if self.path is not None:
            self.path.unlink(missing_ok=True)
        self.path = None
        self._latest.clear()
        self.base = base

    def close(self) -> None:
        """Stop writing, keeping the file (it is then offered back by the next start)."""
        self._close()

    def _header(self) -> bytes:
        opened = _now()
        base = self.base.digest if self.base else None
        return _line({"kind": KIND, "draft": self.draft_path.name, "base": base, "opened": opened, **_owner()})

    def _open(self) -> None:
        # The header is written to a temporary file that is then linked into place
        # (failing if that name is taken), so a journal never exists without it.
        mode = file_mode(self.draft_path)
        folder, name = self.draft_path.parent, self.draft_path.name
        fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(name), suffix=".tmp", dir=folder)
        try:
            _write_all(fd, self._header())
            os.fchmod(fd, mode)  # the umask must not widen or narrow it
            for candidate in journal_paths(self.draft_path):
                try:
                    os.link(tmp, candidate)
                except FileExistsError:
                    continue  # another journal, not yet recovered: kept as it is
                self.path = candidate
                break
            else:
                raise FileExistsError(f"{self.draft_path.name} 已有 {MAX_JOURNALS} 份未处理的恢复记录")
        finally:
            os.close(fd)
            os.unlink(tmp)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC)
        self._dirty = True

    def _compact(self) -> None:
        assert self.path is not None
        lines = [self._header()] + [_entry_line(entry) for entry in self._latest.values()]
        write_atomic(self.path, b"".join(lines))
        self._close()
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC)

    def _close(self) -> None:
        if self._fd is not None:
            try:
                self.sync()
            finally:
                os.close(self._fd)
                self._fd = None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _owner() -> dict[str, object]:
    return current().as_dict()


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


def _entry_line(entry: Entry) -> bytes:
    return _line({"at": entry.at, "field": entry.field, "text": entry.text})


def _line(data: dict[str, object]) -> bytes:
    # A draft name that is not UTF-8 (os.fsdecode's surrogates) is written as its own bytes.
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogateescape") + b"\n"
