"""What a lock file says, read strictly: a damaged or foreign lock is a reason, never a crash."""

from __future__ import annotations

import json
import os
import pwd
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from forms.store.process import Identity
from forms.store.safe_io import UnsafeFile, read_regular

MAX_LOCK_BYTES = 4096
"""A lock file is a few hundred bytes; anything larger is not one."""
KIND = "shenbao-lock"
"""The ``kind`` every lock file names, so another program's ``.lock`` is not taken for ours."""


@dataclass(frozen=True)
class LockInfo:
    """The holder of a draft, as written in its lock file."""

    owner: Identity
    """The process holding the draft."""
    since: str
    """When it took the draft (ISO 8601 with offset, to the second)."""
    token: str
    """Random id of this lock: tells our lock from one that replaced it."""
    draft: str
    """File name of the draft."""

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the lock file."""
        return {"kind": KIND, "draft": self.draft, "since": self.since, "token": self.token, **self.owner.as_dict()}

    @classmethod
    def from_dict(cls, data: Any) -> LockInfo:
        """Read what ``as_dict`` wrote; raises ``ValueError`` on anything else."""
        if not isinstance(data, dict) or data.get("kind") != KIND:
            raise ValueError("not a shenbao lock")
        since, token, draft = data.get("since"), data.get("token"), data.get("draft")
        if not all(isinstance(value, str) for value in (since, token, draft)):
            raise ValueError("since, token and draft must be text")
        return cls(Identity.from_dict(data), since, token, draft)


def read_lock(lock: Path) -> LockInfo | str | None:
    """The lock file's holder; a Chinese reason when it cannot be read; ``None`` when there is none."""
    try:
        raw = read_regular(lock, MAX_LOCK_BYTES, what="锁")
    except UnsafeFile as problem:
        if not os.path.lexists(lock):
            return None
        if "没有读取权限" in problem.reason:
            return f"锁文件属于用户 {_owner_name(lock)}，本用户无法读取"
        return f"锁文件{problem.reason}"
    try:
        return LockInfo.from_dict(json.loads(raw.decode("utf-8", "surrogateescape")))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "锁文件内容无法识别" if raw.strip() else "锁文件是空的"


def describe_since(since: str) -> str:
    """``自 2024-05-01 10:30 起，已 3 小时``, or the text as stored when it is not a time."""
    try:
        then = datetime.fromisoformat(since)
        if then.tzinfo is None:
            then = then.astimezone()
        seconds = (datetime.now().astimezone() - then).total_seconds()
        local = then.astimezone().strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError, OSError):
        return f"自 {since} 起"
    return f"自 {local} 起{_age(seconds)}"


def _age(seconds: float) -> str:
    if seconds < 60:
        return ""
    if seconds < 3600:
        return f"，已 {int(seconds // 60)} 分钟"
    if seconds < 86400 * 2:
        return f"，已 {int(seconds // 3600)} 小时"
    return f"，已 {int(seconds // 86400)} 天"


def _owner_name(path: Path) -> str:
    try:
        uid = path.lstat().st_uid
    except OSError:
        return "未知"
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)
