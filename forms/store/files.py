"""The pydantic-free part of ``forms.store.drafts``: what a drafts list needs before any draft is read.

``forms.store.drafts`` re-exports all of these (its public API is unchanged); they
live here so the app can paint its drafts list, name a file's problem and
lock a file without importing the form model, which takes a good part of the
start-up time.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from forms.store.safe_io import temporary_prefix

DRAFT_SUFFIX = ".toml"
"""The file suffix of a draft."""
JOURNAL_SUFFIX = ".swp"
"""Suffix of a draft's recovery journal (``forms.store.journal``), after the draft's own hidden name."""


class DraftError(Exception):
    """A file that could not be read as a draft.

    The message is plain Chinese for the operator and names the file.
    """

    def __init__(self, path: Path | str, reason: str, *, line: int | None = None, field: str | None = None):
        self.path = Path(path)
        self.reason = reason
        self.line = line
        self.field = field
        where = f"第 {line} 行：" if line else ""
        super().__init__(f"{self.path.name}：{where}{reason}")


def drafts_folder(option: str | os.PathLike[str] | None = None) -> Path:
    """The drafts folder: the option, else ``$SHENBAO_DRAFTS``, else ``./drafts``."""
    if option:
        return Path(option)
    env = os.environ.get("SHENBAO_DRAFTS")
    return Path(env) if env else Path("drafts")


def draft_paths(folder: Path) -> list[Path]:
    """The draft files in a folder, sorted by name; hidden and temporary files are skipped."""
    if not folder.is_dir():
        return []
    # Sorted as names, then made paths: sorting 10,000 Path objects costs five times as much.
    return [folder / name for name in sorted(draft_names(folder))]


def draft_names(folder: Path) -> list[str]:
    """The file names of the drafts in a folder, in no order; hidden and temporary files are skipped.

    Raises:
        OSError: the folder cannot be listed.
    """
    with os.scandir(folder) as entries:
        return [e.name for e in entries if e.name.endswith(DRAFT_SUFFIX) and not e.name.startswith((".", "_"))]


def file_mode(path: Path) -> int:
    """Permissions for a new file at ``path``: 0600, or 0660 in a shared group (setgid) folder.

    Drafts, locks and journals hold names and phone numbers: private to the
    owner, unless the folder is a shared group folder, where the group may read and write.
    """
    try:
        folder_mode = path.parent.stat().st_mode
    except OSError:
        folder_mode = 0
    return 0o660 if folder_mode & stat.S_ISGID else 0o600


def write_atomic(path: Path, data: bytes, *, before_replace: Callable[[], None] | None = None) -> None:
    """Write a file atomically: a temporary file in the same folder, fsync, then rename.

    A crash at any moment leaves the old file or the new one, never a torn one.
    ``before_replace`` runs after the new bytes are safely on disk and just
    before the rename; if it raises, the old file is left as it was.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, file_mode(path))
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: some file systems cannot fsync a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def has_journals(folder: Path) -> bool:
    """Whether ``folder`` holds any recovery journal (``.a.toml.swp``), alive or left behind.

    Cheap and model-free: most starts find none, and then the app need not
    import what reading a journal takes before its list has painted.
    """
    try:
        with os.scandir(folder) as entries:
            return any(e.name.startswith(".") and e.name.endswith(JOURNAL_SUFFIX) for e in entries)
    except OSError:
        return False
