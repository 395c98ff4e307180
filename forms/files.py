"""The pydantic-free part of ``forms.storage``: what a drafts list needs before any draft is read.

``forms.storage`` re-exports all of these (its public API is unchanged); they
live here so the app can paint its drafts list, name a file's problem and
lock a file without importing the form model, which takes a good part of the
start-up time.
"""

from __future__ import annotations

import stat
from pathlib import Path

DRAFT_SUFFIX = ".toml"
"""The file suffix of a draft."""


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


def draft_paths(folder: Path) -> list[Path]:
    """The draft files in a folder, sorted by name; hidden and temporary files are skipped."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == DRAFT_SUFFIX and not p.name.startswith((".", "_")))


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
