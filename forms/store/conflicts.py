"""Never overwrite a draft that changed on disk since it was loaded.

Another operator, a ``git pull`` or a text editor may change a draft while it
is open. The app keeps the ``Fingerprint`` of the file as it loaded (or last
saved) it, and saves with ``save_draft_checked``: if the file's content is no
longer what was loaded, or it was deleted or replaced by something that is not
a draft, nothing is written and ``ChangedOnDisk`` says so. The operator then
chooses: reload (``load_draft_checked``), keep both (``save_copy``), or
overwrite the version they have now seen (``save_draft_checked`` with
``error.found`` as the expected fingerprint).

Content decides, not the modification time: a file touched or rewritten with
the same bytes is not a conflict, and a change within the clock's resolution
is still seen. The comparison runs after the new file is on disk, just before
the rename, so the window for a change to slip through is microseconds; two
shenbaos are kept apart by ``forms.store.locks`` in the first place.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from forms.model.declaration import Declaration
from forms.store.drafts import MAX_DRAFT_BYTES, dumps, file_name_for, loads_bytes, read_draft_bytes, write_atomic
from forms.store.safe_io import UnsafeFile, read_regular

COPY_NOTE = "本机修改"
"""Added to the file name of a copy saved beside a draft that changed on disk."""


@dataclass(frozen=True)
class Fingerprint:
    """A draft file as it was loaded or saved: its content hash, with size and times for people."""

    digest: str
    """SHA-256 of the file's bytes: this is what is compared."""
    size: int
    """Size in bytes."""
    mtime_ns: int
    """Modification time (nanoseconds since the epoch), 0 when unknown."""
    inode: int
    """Inode number, 0 when unknown (changes when the file is replaced, e.g. by an atomic save)."""

    @classmethod
    def of_bytes(cls, data: bytes, path: Path | None = None) -> Fingerprint:
        """The fingerprint of ``data``, with times from ``path`` when given."""
        mtime_ns = inode = 0
        if path is not None:
            try:
                info = path.stat()
                mtime_ns, inode = info.st_mtime_ns, info.st_ino
            except OSError:
                pass
        return cls(hashlib.sha256(data).hexdigest(), len(data), mtime_ns, inode)


class ChangedOnDisk(Exception):
    """A draft was not saved because its file is no longer what was loaded."""

    def __init__(self, path: Path, expected: Fingerprint | None, found: Fingerprint | None, reason: str) -> None:
        self.path = path
        """The draft file."""
        self.expected = expected
        """The file as loaded (``None``: it was expected not to exist)."""
        self.found = found
        """The file as it is now (``None``: deleted, or not a readable regular file)."""
        self.reason = reason
        """What happened, in Chinese."""
        super().__init__(f"{path.name}：{reason}，未保存")

    @property
    def deleted(self) -> bool:
        """The file is gone (or is no longer a file that can hold a draft)."""
        return self.found is None


def fingerprint(path: Path) -> Fingerprint | None:
    """The file's fingerprint now; ``None`` when it is missing or not a readable regular file."""
    try:
        return Fingerprint.of_bytes(read_regular(path, MAX_DRAFT_BYTES, what="草稿"), path)
    except UnsafeFile:
        return None


def load_draft_checked(path: Path) -> tuple[Declaration, Fingerprint]:
    """Read a draft and the fingerprint of exactly the bytes it was read from.

    Raises:
        DraftError: as ``forms.store.drafts.load_draft``.
    """
    raw = read_draft_bytes(path)
    return loads_bytes(raw, path), Fingerprint.of_bytes(raw, path)


def changed(path: Path, expected: Fingerprint | None) -> ChangedOnDisk | None:
    """What changed since ``expected`` (``None`` when nothing did): for checking without saving."""
    try:
        raw: bytes | None = read_regular(path, MAX_DRAFT_BYTES, what="草稿")
        problem = ""
    except UnsafeFile as error:
        raw, problem = None, error.reason
    if raw is None and not os.path.lexists(path):
        return None if expected is None else ChangedOnDisk(path, expected, None, "文件在打开之后已被删除或改名")
    if raw is None:
        return ChangedOnDisk(path, expected, None, f"文件已被替换，现在{problem.removeprefix('无法读取：')}")
    found = Fingerprint.of_bytes(raw, path)
    if expected is None:
        return ChangedOnDisk(path, None, found, "已有同名文件")
    if found.digest != expected.digest:
        return ChangedOnDisk(path, expected, found, "文件在打开之后已被修改（另一位操作员、git pull 或文本编辑器）")
    return None


def save_draft_checked(draft: Declaration, path: Path, expected: Fingerprint | None) -> Fingerprint:
    """Save ``draft`` only if the file is still as ``expected``; returns the new fingerprint.

    Args:
        draft: the draft to write.
        path: its file.
        expected: the fingerprint from ``load_draft_checked`` or the last save;
            ``None`` for a new draft whose file must not exist yet.

    Raises:
        ChangedOnDisk: the file changed, vanished or appeared; nothing was written.
        OSError: the file could not be written (the old one is intact).
    """
    data = dumps(draft).encode("utf-8")

    def still_as_loaded() -> None:
        problem = changed(path, expected)
        if problem is not None:
            raise problem

    write_atomic(path, data, before_replace=still_as_loaded)
    return Fingerprint.of_bytes(data, path)


def save_copy(draft: Declaration, path: Path) -> tuple[Path, Fingerprint]:
    """Save ``draft`` beside ``path`` under a new name (``a（本机修改 1129-0930）.toml``).

    For keeping the operator's version when the original changed on disk.
    """
    stamp = datetime.now().strftime("%m%d-%H%M")
    target = file_name_for(f"{path.stem}（{COPY_NOTE} {stamp}）", path.parent)
    return target, save_draft_checked(draft, target, None)
