"""The one rule for a file a user names for output: which format, whether it may be written, and writing it.

Every writer (``export -o``, ``summary -o``, the export dialog, the summary
screen's ``e``, and any later Word, Excel, CSV or JSON writer) goes through
``choose_format`` (the format against the file's suffix, from the table in
``forms.store.output_formats``, re-exported here), ``check_target`` (what is at the
path now) and ``write_output`` (an atomic write that never creates a folder
and never replaces anything but a regular file). Problems are ``OutputError``
with a plain Chinese message; nothing here raises ``OSError``.

A symlink is written *through*: the file it points to gets the new bytes and
the link stays a link. That is what the shell's ``>`` does, and an operator who
keeps ``~/申报表.txt`` as a link into a shared folder expects the shared file to
change, not the link to be silently replaced by a private copy. The target is
judged like any path: a link to ``/dev/full`` or to a folder is refused.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from forms.store.files import file_mode, fsync_folder
from forms.store.output_formats import (
    NOT_WRITTEN,
    OUTPUT_FORMATS,
    OutputError,
    OutputFormat,
    choose_format,
    suffix_of,
    with_suffix,
)
from forms.store.safe_io import temporary_prefix

__all__ = [
    "NOT_WRITTEN",
    "OUTPUT_FORMATS",
    "OutputError",
    "OutputFormat",
    "Target",
    "check_target",
    "choose_format",
    "describe",
    "suffix_of",
    "with_suffix",
    "write_output",
]


MAX_NAME_BYTES = 255
"""The longest file name (in bytes) Linux file systems take."""


@dataclass(frozen=True)
class Target:
    """Where the bytes will go: ``path`` as named, ``file`` after following symlinks, and whether it exists."""

    path: Path
    file: Path
    exists: bool


def check_target(path: Path, *, own_folder: Path | None = None) -> Target:
    """What writing ``path`` would do, refusing what may not be written.

    ``own_folder`` is a folder the caller may create (the app's ``<drafts>/exports``);
    no other missing folder is ever created.

    Raises:
        OutputError: a folder, device, FIFO or socket, a link that leads nowhere
            resolvable, a missing folder, or a name too long.
    """
    if not str(path):
        raise OutputError("请填写要写入的文件路径。")
    for part in path.parts:
        if len(os.fsencode(part)) > MAX_NAME_BYTES:
            raise OutputError(
                f"文件名太长（{len(os.fsencode(part))} 字节，最多 {MAX_NAME_BYTES} 字节）：{_short(part)}"
            )
    file = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        info = os.lstat(file)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(f"无法写入 {path}：{describe(error)}") from None
    if info is not None:
        kind = _kind(info.st_mode)
        if stat.S_ISLNK(info.st_mode):
            raise OutputError(f"{path} 是无法解析的符号链接（可能是循环链接），未写入。")
        if kind is not None:
            via = f"（链接指向 {file}）" if file != path else ""
            hint = "，请在后面加上文件名" if stat.S_ISDIR(info.st_mode) else "，只能写入普通文件"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
                hint += "；不写 -o 即输出到标准输出"
            raise OutputError(f"{path} 是{kind}{via}{hint}。")
    folder = file.parent
    if not folder.is_dir() and not (own_folder is not None and folder == own_folder):
        what = "不是文件夹" if folder.exists() else "不存在"
        raise OutputError(f"无法写入 {path}：文件夹 {folder} {what}（不会自动创建，请先建好）。")
    return Target(path, file, info is not None)


def write_output(path: Path, data: bytes, *, overwrite: bool, own_folder: Path | None = None) -> Target:
    """Write ``data`` to ``path`` atomically (a temporary file beside it, fsync, rename); returns where it went.

    An existing file is replaced only with ``overwrite`` (asked or ``--overwrite``);
    the check runs again here, so a FIFO put there since the question is still refused.

    Raises:
        OutputError: ``check_target``'s refusals; the file exists and ``overwrite`` is false;
            the write failed (full disk, read-only, no permission), with the old file kept.
    """
    target = check_target(path, own_folder=own_folder)
    if target.exists and not overwrite:
        raise OutputError(f"{path} 已存在，未写入（要替换它请加 --overwrite）。")
    folder = target.file.parent
    try:
        if own_folder is not None and folder == own_folder:
            folder.mkdir(exist_ok=True)
        mode = stat.S_IMODE(os.stat(target.file).st_mode) if target.exists else file_mode(target.file)
        fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(target.file.name), suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"无法写入 {path}：{describe(error)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_all(handle.fileno(), data)
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if overwrite:
            check_target(path, own_folder=own_folder)  # whatever appeared there since is judged again
        _publish(tmp, target.file, overwrite=overwrite)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        if error.errno == errno.EEXIST:
            raise OutputError(f"{path} 已存在，未写入（要替换它请加 --overwrite）。") from None
        raise OutputError(f"无法写入 {path}：{describe(error)}（原文件未改动）。") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def describe(error: OSError) -> str:
    """An ``OSError`` in words an operator understands."""
    return _ERRNO_WORDS.get(error.errno or 0) or error.strerror or str(error)


_ERRNO_WORDS = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统只读",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "不允许写入（文件可能被设为不可改动）",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENOENT: "路径不存在或不能在此创建文件",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EIO: "磁盘读写出错",
    errno.ELOOP: "符号链接循环",
    errno.EXDEV: "不能跨文件系统写入",
}


def _publish(tmp: str, file: Path, *, overwrite: bool) -> None:
    # Without overwrite, link() refuses atomically if a file appeared since the check; where links
    # are not supported (FAT, some network shares) a last look before the rename has to do.
    if not overwrite:
        try:
            os.link(tmp, file)
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
                raise
            if os.path.lexists(file):
                raise FileExistsError(errno.EEXIST, "exists") from None
        else:
            os.unlink(tmp)
            fsync_folder(file.parent)
            return
    os.replace(tmp, file)
    fsync_folder(file.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return {
        stat.S_IFDIR: "文件夹",
        stat.S_IFCHR: "设备",
        stat.S_IFBLK: "设备",
        stat.S_IFIFO: "命名管道（FIFO）",
        stat.S_IFSOCK: "套接字",
    }.get(stat.S_IFMT(mode), "特殊文件")


def _short(name: str) -> str:
    return name if len(name) <= 40 else name[:20] + "…" + name[-10:]
