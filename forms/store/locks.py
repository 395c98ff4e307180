"""Draft locks: one operator edits a draft at a time; the others see who, and read.

Opening a draft for editing puts a hidden lock file beside it (``.a.toml.lock``
for ``a.toml``) saying who holds it: user, host, process (pid with its start
time, boot and pid namespace) and since when. ``acquire`` returns a ``Lock``,
or ``Held`` describing the holder when another live shenbao has the draft.

A lock whose process is gone is cleared by ``acquire`` by itself: on the same
host the process is checked (dead pid, pid reused by a later process, host
rebooted). A holder on **another host** is never judged dead from here, however
old the lock: an idle app does no I/O (no heartbeat to go stale), an SSH session
in tmux may rightly stay open for days, and a wrong guess would let two people
overwrite each other. Such a lock is shown with its age, and the operator may
``take_over`` once they know the other session is gone. If two shenbaos ever do
write the same draft, ``forms.store.conflicts`` still refuses to overwrite silently.

Lock files are published whole (written to a temporary file, then hard-linked
into place, which fails if a lock exists), so nobody ever reads a half-written
one; they are 0600, or 0660 in a shared setgid folder like the drafts.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from forms.render.width import clean
from forms.store.files import file_mode
from forms.store.lock_info import LockInfo, describe_since, read_lock
from forms.store.process import Liveness, current, liveness, sidecar
from forms.store.safe_io import os_reason, temporary_prefix

LOCK_SUFFIX = ".lock"
"""Suffix of a draft's lock file (after the draft's own name)."""
BREAK_GRACE = 10.0
"""Seconds after which a lock being cleared by a process that then died is cleared again."""

__all__ = ["Held", "Lock", "LockInfo", "acquire", "holder", "lock_path", "lock_problem", "take_over"]


def lock_path(path: Path) -> Path:
    """The lock file of the draft at ``path``."""
    return sidecar(path, LOCK_SUFFIX)


@dataclass(frozen=True)
class Held:
    """A draft someone else has open: show ``message()`` and open it read-only."""

    path: Path
    """The draft."""
    info: LockInfo | None
    """The holder as the lock file says; ``None`` when the lock file could not be read."""
    state: Liveness
    """``"alive"`` (checked on this host), ``"unknown"`` (another host, or unreadable lock) or ``"dead"``."""
    problem: str | None = None
    """Why ``info`` is missing, in Chinese."""

    @property
    def mine(self) -> bool:
        """The holder is this very process (the draft is already open here)."""
        return self.info is not None and self.state == "alive" and self.info.owner.pid == os.getpid()

    def message(self) -> str:
        """One Chinese sentence for the read-only notice (holder's text cleaned of control characters)."""
        # Everything in a lock file is someone else's text: cleaned before it reaches a terminal.
        if self.info is None:
            return clean(f"此草稿已被锁定，但无法判断由谁持有（{self.problem}）。已以只读方式打开；可接管编辑。")
        who = self.info.owner
        since = describe_since(self.info.since)
        if self.state == "unknown":
            return clean(
                f"此草稿正由 {who.user} 在另一台主机 {who.host} 上编辑，{since}。"
                "无法从本机判断那边的 shenbao 是否仍在运行，已以只读方式打开；确认对方已退出后可接管编辑。"
            )
        return clean(
            f"此草稿正由 {who.user} 在 {who.host} 上编辑（进程 {who.pid}），{since}。已以只读方式打开；可接管编辑。"
        )


class Lock:
    """A draft this process holds; ``release`` it when the editor closes or the app exits."""

    def __init__(self, path: Path, info: LockInfo) -> None:
        self.path = path
        """The draft."""
        self.info = info
        """What the lock file says (our token among it)."""
        self.released = False
        """Whether ``release`` ran."""

    def check(self) -> Held | None:
        """``None`` while the lock is still ours; otherwise who took it over.

        Call before saving: after a take-over elsewhere this process must stop
        writing (go read-only). A lock file deleted by hand is put back
        (unless this lock was released: then whoever holds the draft now, if anyone).
        """
        if self.released:
            return holder(self.path)
        found = read_lock(lock_path(self.path))
        if isinstance(found, LockInfo) and found.token == self.info.token:
            return None
        if found is None:
            try:
                _publish(lock_path(self.path), self.info, replace=False)
                return None
            except FileExistsError:
                found = read_lock(lock_path(self.path))
        if found is None or isinstance(found, str):
            return Held(self.path, None, "unknown", found or "锁文件反复变化")
        return Held(self.path, found, liveness(found.owner))

    def release(self) -> None:
        """Remove the lock if it is still ours; harmless to call twice."""
        if self.released:
            return
        self.released = True
        lock = lock_path(self.path)
        # Moved aside first, then read: a lock someone took over in between is put back, not deleted.
        aside = lock.with_name(f"{lock.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.rename(lock, aside)
        except OSError:
            return
        found = read_lock(aside)
        if not (isinstance(found, LockInfo) and found.token == self.info.token):
            try:
                os.link(aside, lock)
            except OSError:
                pass
        aside.unlink(missing_ok=True)


def holder(path: Path) -> Held | None:
    """Who holds the draft at ``path`` (any state), or ``None`` when it is not locked."""
    found = read_lock(lock_path(path))
    if found is None:
        return None
    if isinstance(found, str):
        return Held(path, None, _unreadable_state(lock_path(path)), found)
    return Held(path, found, liveness(found.owner))


def acquire(path: Path) -> Lock | Held:
    """Lock the draft at ``path`` for editing, clearing a lock left by a dead process.

    Returns:
        A ``Lock`` when this process now holds the draft, else ``Held`` saying who does.

    Raises:
        OSError: the lock file cannot be written (a read-only folder, a full disk): open read-only.
    """
    lock = lock_path(path)
    for _ in range(20):
        info = _new_info(path)
        try:
            _publish(lock, info, replace=False)
            return Lock(path, info)
        except FileExistsError:
            pass
        held = holder(path)
        if held is None:
            continue  # released in between: try again
        if held.state != "dead":
            return held
        _clear(lock, held.info.token if held.info else None)
    return Held(path, None, "unknown", "锁文件正被其他进程改动，请稍候再打开")


def take_over(path: Path) -> Lock:
    """Hold the draft whoever holds it now; the previous holder's ``Lock.check`` will say so.

    Raises:
        OSError: the lock file cannot be written.
    """
    info = _new_info(path)
    _publish(lock_path(path), info, replace=True)
    return Lock(path, info)


def _new_info(path: Path) -> LockInfo:
    since = datetime.now().astimezone().isoformat(timespec="seconds")
    return LockInfo(current(), since, secrets.token_hex(16), path.name)


def _publish(lock: Path, info: LockInfo, *, replace: bool) -> None:
    # Written whole to a temporary file, then linked (fails if a lock exists) or renamed into place.
    data = json.dumps(info.as_dict(), ensure_ascii=False, indent=1).encode("utf-8", "surrogateescape") + b"\n"
    fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(lock.name.removeprefix(".")), suffix=".tmp", dir=lock.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, file_mode(lock))
        if replace:
            os.replace(tmp, lock)
        else:
            _link_or_create(tmp, lock, data)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _link_or_create(tmp: str, lock: Path, data: bytes) -> None:
    try:
        os.link(tmp, lock)
        return
    except FileExistsError:
        raise
    except OSError:
        pass  # no hard links on this file system: exclusive create, then write
    fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, file_mode(lock))
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _clear(lock: Path, token: str | None) -> None:
    # Two processes may find the same dead lock; the first clears it and takes
    # the draft, so the second must not then delete the new lock: a short-lived
    # ".break" file lets one at a time re-read and remove.
    guard = lock.with_name(lock.name + ".break")
    try:
        os.close(os.open(guard, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
    except FileExistsError:
        try:
            if time.time() - guard.lstat().st_mtime > BREAK_GRACE:
                guard.unlink(missing_ok=True)
        except OSError:
            pass
        time.sleep(0.01)
        return
    try:
        found = read_lock(lock)
        same = found.token == token if isinstance(found, LockInfo) else token is None and found is not None
        if same:
            lock.unlink(missing_ok=True)
    finally:
        guard.unlink(missing_ok=True)


def _unreadable_state(lock: Path) -> Liveness:
    # Locks are published whole, so an unreadable one was damaged, or written by an
    # exclusive create that died mid-write: once it is old enough, nobody holds it.
    try:
        age = time.time() - lock.lstat().st_mtime
    except OSError:
        return "unknown"
    try:
        readable = os.access(lock, os.R_OK)
    except OSError:
        readable = False
    return "dead" if readable and age > BREAK_GRACE else "unknown"


def lock_problem(error: OSError) -> str:
    """Why a draft could not be locked, in Chinese, for the read-only notice."""
    return f"无法创建锁文件（{os_reason(error)}），已以只读方式打开。"
