"""Reading files in a folder others can write to, and tidying up after killed writers.

The drafts folder may hold anything: a link to ``/etc/shadow``, a named pipe
called ``x.toml`` (a plain ``read()`` would wait for a writer forever), a
folder, a device, a file that grows while it is read. ``read_regular`` reads
only a regular file, never more than a limit (counted while reading: a device
or a file that grows says nothing true in ``st_size``), and says in Chinese why
it would not. ``toml_text`` turns such bytes into TOML text a parser can take
(a byte-order mark dropped, nesting bounded: ``tomllib`` recurses once per
level and a 1 KB file of brackets would exhaust the stack). ``sweep_temporaries``
removes what ``kill -9`` leaves behind.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import time
import tomllib
from pathlib import Path
from typing import Any


class UnsafeFile(Exception):
    """A file that is not read; ``reason`` says why, in Chinese, without the file name."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


_KIND = {
    stat.S_IFDIR: "是文件夹",
    stat.S_IFIFO: "是命名管道（FIFO）",
    stat.S_IFSOCK: "是套接字",
    stat.S_IFCHR: "是设备文件",
    stat.S_IFBLK: "是设备文件",
}

_OS_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有权限",
    errno.ELOOP: "链接层数过多或成环",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EISDIR: "是文件夹",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统只读",
    errno.EIO: "读写设备出错",
    errno.ENXIO: "设备或地址不存在",
}


def os_reason(error: OSError) -> str:
    """An operating-system error in plain Chinese (the system's own words when not known)."""
    return _OS_REASONS.get(error.errno or 0) or error.strerror or str(error)


def read_regular(path: Path, limit: int, *, what: str = "文件", follow_links: bool = False) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them, counted as they are read.

    A symbolic link is followed only when it stays inside the file's own folder
    (or anywhere with ``follow_links``: a file the operator named, not one found in a folder).

    Args:
        path: the file.
        limit: the largest size accepted, in bytes.
        what: what the file should be, for the reason (草稿, 恢复记录, …).
        follow_links: follow a link wherever it points.

    Raises:
        UnsafeFile: a link out of the folder, not a regular file, larger than
            ``limit``, or unreadable.
    """
    try:
        if not follow_links and path.is_symlink() and not _inside(path):
            raise UnsafeFile(f"是指向{_folder(what)}之外的链接，已跳过")
        # O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        raise UnsafeFile(_kind_of(path, what) or f"无法读取：{os_reason(error)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(_kind(info.st_mode, what))
        if info.st_size > limit:
            raise UnsafeFile(f"文件过大（{info.st_size // 1024} KB），不像是{what}")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise UnsafeFile(f"无法读取：{os_reason(error)}") from None
    finally:
        os.close(fd)
    if total > limit:  # it grew after its size was checked
        raise UnsafeFile(f"文件过大（超过 {limit // 1024} KB），不像是{what}")
    return b"".join(chunks)


def _inside(link: Path) -> bool:
    return Path(os.path.realpath(link)).is_relative_to(os.path.realpath(link.parent))


def _kind(mode: int, what: str) -> str:
    return f"{_KIND.get(stat.S_IFMT(mode), '不是普通文件')}，不是{what}文件"


def _kind_of(path: Path, what: str) -> str | None:
    # Some things cannot even be opened (a socket: ENXIO); say what they are rather than why open failed.
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else _kind(mode, what)


def _folder(what: str) -> str:
    return "草稿文件夹" if what == "草稿" else "所在文件夹"


MAX_NESTING = 32
"""Arrays and inline tables a TOML file may nest: a draft nests two deep, and ``tomllib``
recurses a few frames per level (500 levels exhaust Python's stack)."""

_SPECIAL = re.compile(r"[\[\]{}\"'#]")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_MULTI_BASIC = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""', re.DOTALL)


def strip_bom(raw: bytes) -> bytes:
    """``raw`` without a UTF-8 byte-order mark (Notepad writes one by default)."""
    return raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw


def nesting_problem(text: str, *, what: str = "文件", limit: int = MAX_NESTING) -> str | None:
    """Why TOML ``text`` nests too deeply to be parsed safely, or ``None`` when it does not.

    Counts ``[`` and ``{`` outside strings and comments, without recursion and in
    one pass (a file of unterminated quotes stays linear); an unterminated string
    ends the count, since the parser stops there with its own error.
    """
    depth = 0
    position = 0
    while (found := _SPECIAL.search(text, position)) is not None:
        char, at = found.group(), found.start()
        position = at + 1
        if char in "[{":
            depth += 1
            if depth > limit:
                return f"括号嵌套超过 {limit} 层，不像是{what}，未读取"
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "#":
            end = text.find("\n", at)
            position = len(text) if end < 0 else end + 1
        else:
            end = _string_end(text, at, char)
            if end is None:
                return None
            position = end
    return None


def _string_end(text: str, at: int, quote: str) -> int | None:
    if text.startswith(quote * 3, at):
        if quote == '"':
            match = _MULTI_BASIC.match(text, at)
            return match.end() if match else None
        end = text.find("'''", at + 3)
        return None if end < 0 else end + 3
    if quote == '"':
        match = _BASIC.match(text, at)
        return match.end() if match else None
    end = text.find("'", at + 1)
    line = text.find("\n", at + 1)
    return None if end < 0 or 0 <= line < end else end + 1


class TomlProblem(ValueError):
    """TOML text that is not read; ``reason`` in Chinese, ``line`` where the parser stopped (if it said)."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        self.reason = reason
        self.line = line
        super().__init__(reason)


def parse_toml(text: str, *, what: str) -> dict[str, Any]:
    """TOML ``text`` (a BOM allowed) as a table, its nesting counted before tomllib recurses on it.

    Raises:
        TomlProblem: nested too deep, or not TOML.
    """
    text = text.removeprefix("\ufeff")
    deep = nesting_problem(text, what=what)
    if deep is not None:
        raise TomlProblem(deep)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"line (\d+)", message)
        reason = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", message)
        raise TomlProblem(f"不是有效的 TOML：{reason}", int(match.group(1)) if match else None) from None
    except RecursionError:  # nesting_problem counts what tomllib recurses on; this is its backstop
        raise TomlProblem(f"括号嵌套过深，不像是{what}，未读取") from None


def temporary_prefix(name: str) -> str:
    """Prefix of a hidden temporary file beside ``name``, short enough for any file name.

    ``.<name>.`` cut to 200 bytes, so the random part and ``.tmp`` still fit in
    255 bytes; the cut may split a character, which a file name may hold.
    """
    return os.fsdecode(os.fsencode(f".{name}")[:200] + b".")


TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp", re.DOTALL)
"""Names of the temporary files ``forms.store.drafts.write_atomic`` makes (``.a.toml.k3j_x9q2.tmp``)."""

STALE_TEMPORARY = 300.0
"""Seconds after which a temporary file is a dead writer's: a live one keeps it for milliseconds."""


def sweep_temporaries(folder: Path, older_than: float = STALE_TEMPORARY) -> list[Path]:
    """Remove temporary files left in ``folder`` by writers killed mid-save; returns what went.

    They are hidden, so never listed as drafts, and harmless (only the rename
    publishes a save), but each ``kill -9`` mid-save may leave one. Only regular
    files named like ``TEMPORARY`` and older than ``older_than`` seconds go.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not TEMPORARY.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed
