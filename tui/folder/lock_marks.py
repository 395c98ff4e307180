"""Which drafts of a folder someone else is editing (for the drafts list, at almost no cost), and who, in words.

The list is read again after every return from the editor, so asking each
draft's lock file in turn (an ``open`` that fails, per draft) would add up in a
large folder. Instead the folder's lock file names are listed once, and again
only when the folder changed (its modification time; a lock file made or
removed changes it), and only a draft with a lock file beside it is looked at:
its holder read and judged (``forms.store.locks.holder``) every time, since a holder
may die without the folder changing.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from forms.render.width import clean
from forms.store.lock_info import describe_since
from forms.store.locks import LOCK_SUFFIX, Held, holder, lock_path

RECENT_NS = 1_000_000_000
"""A folder changed less than this long ago (ns) is listed again rather than trusted."""


class LockMarks:
    """The holders of a folder's drafts; safe to call from the list's loading worker."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        """The drafts folder."""
        self._guard = threading.Lock()
        self._stamp: int | None = None
        self._names: frozenset[str] = frozenset()

    def held(self, path: Path) -> Held | None:
        """Who else holds the draft at ``path`` (alive, or on another host); ``None`` when nobody does."""
        if lock_path(path).name not in self._lock_names():
            return None
        found = holder(path)
        if found is None or found.state == "dead" or found.mine:
            return None  # a dead holder's lock is cleared by whoever opens the draft next
        return found

    def _lock_names(self) -> frozenset[str]:
        try:
            stamp = self.folder.stat().st_mtime_ns
        except OSError:
            return frozenset()
        with self._guard:
            # A folder changed within the last second may change again within its clock's tick: read it again.
            if stamp == self._stamp and time.time_ns() - stamp > RECENT_NS:
                return self._names
        try:
            names = frozenset(e.name for e in os.scandir(self.folder) if e.name.endswith(LOCK_SUFFIX))
        except OSError:
            names = frozenset()
        with self._guard:
            self._stamp, self._names = stamp, names
        return names


def who(held: Held) -> str:
    """A holder in a few words for the list: “张三@srv1 正在编辑（自 2021-03-01 09:30 起，已 3 小时）”."""
    if held.info is None:
        return clean(f"已被锁定，持有者不明（{held.problem}）")
    owner = held.info.owner
    return clean(f"{owner.user}@{owner.host} 正在编辑（{describe_since(held.info.since)}）")


def holder_text(held: Held) -> str:
    """Who holds a draft, for the question asked before opening it (``Held.message`` says it is open already)."""
    if held.info is None:
        return clean(f"此草稿已被锁定，但无法判断由谁持有（{held.problem}）。")
    owner, since = held.info.owner, describe_since(held.info.since)
    if held.state == "unknown":
        return clean(
            f"此草稿正由 {owner.user} 在另一台主机 {owner.host} 上编辑，{since}。"
            "无法从本机判断那边的 shenbao 是否仍在运行；确认对方已退出后再接管。"
        )
    return clean(f"此草稿正由 {owner.user} 在 {owner.host} 上编辑（进程 {owner.pid}），{since}。")
