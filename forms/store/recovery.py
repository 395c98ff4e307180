"""Offering back what a killed shenbao had typed: journals left behind, read with suspicion.

``pending_recovery(folder)`` lists the journals (``forms.store.journal``) whose
process is gone, each with the draft it belongs to, who typed, when, and the
last text of every field typed; ``apply_recovery`` puts those texts into a
draft. Nothing in a journal is trusted: a file that is not a journal, a line
that is not an entry, a field path that names no text field, a draft name that
does not match the journal's own name, are each reported in ``problems`` and
left out; the journal file itself is only removed by ``discard``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forms.store.conflicts import fingerprint
from forms.store.journal import JOURNAL_SUFFIX, KIND, MAX_JOURNAL_BYTES, Entry, journal_paths
from forms.store.process import Identity, Liveness, liveness
from forms.store.recovery_apply import Applied, apply_recovery
from forms.store.safe_io import UnsafeFile, read_regular

__all__ = ["Applied", "Recovery", "apply_recovery", "discard", "pending_recovery", "read_journal"]

_JOURNAL_NAME = re.compile(r"\..+" + re.escape(JOURNAL_SUFFIX), re.DOTALL)


@dataclass
class Recovery:
    """One journal left behind, and what it holds."""

    path: Path
    """The journal file."""
    draft_path: Path | None = None
    """The draft it belongs to (``None`` when the journal does not say, believably)."""
    owner: Identity | None = None
    """The process that wrote it."""
    owner_state: Liveness = "unknown"
    """``"dead"`` (checked here) or ``"unknown"`` (another host, or no owner recorded)."""
    opened: str = ""
    """When the journal was started (ISO 8601)."""
    entries: list[Entry] = field(default_factory=list)
    """The last text of each field, in the order they were last typed."""
    base_changed: bool = False
    """The draft file changed (or vanished) after the typing started: look before applying."""
    problems: list[str] = field(default_factory=list)
    """What was wrong with the journal, in Chinese; the rest was still read."""

    def summary(self) -> str:
        """One Chinese line for the recovery prompt."""
        who = f"{self.owner.user}@{self.owner.host}" if self.owner else "未知用户"
        name = self.draft_path.name if self.draft_path else self.path.name
        when = self.opened[:16].replace("T", " ")
        note = "；草稿文件在此之后已被改动，请核对" if self.base_changed else ""
        return f"{name}：{len(self.entries)} 处未保存的输入（{who}，{when} 起）{note}"


def pending_recovery(folder: Path, *, include_unknown: bool = False) -> list[Recovery]:
    """Journals in ``folder`` whose process is gone, sorted by file name.

    A damaged journal, whose writer cannot be told, is listed too, with its problems.

    Args:
        folder: the drafts folder.
        include_unknown: also list journals written on another host (whether
            that process still runs cannot be told from here); offer these only
            for a draft this process has just locked.
    """
    found: list[Recovery] = []
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if _JOURNAL_NAME.fullmatch(entry.name))
    except OSError:
        return found
    for name in names:
        recovery = read_journal(folder / name)
        elsewhere = recovery.owner is not None and recovery.owner_state == "unknown"
        if recovery.owner_state == "alive" or (elsewhere and not include_unknown):
            continue  # a live session's journal (here, or believably on another host)
        found.append(recovery)
    return found


def read_journal(path: Path) -> Recovery:
    """Everything a journal file holds, with its problems; never raises on its content."""
    recovery = Recovery(path)
    try:
        raw = read_regular(path, MAX_JOURNAL_BYTES, what="恢复记录")
    except UnsafeFile as problem:
        recovery.problems.append(problem.reason)
        return recovery
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    elif lines:
        lines.pop()  # cut off mid-write (a power cut): the rest is whole
        recovery.problems.append("最后一条记录不完整，已忽略")
    header = _json(lines[0]) if lines else None
    if not isinstance(header, dict) or header.get("kind") != KIND:
        recovery.problems.append("不是 shenbao 的恢复记录")
        return recovery
    _read_header(recovery, header)
    latest: dict[str, Entry] = {}
    for number, line in enumerate(lines[1:], start=2):
        entry = _entry(_json(line))
        if entry is None:
            recovery.problems.append(f"第 {number} 行不是有效的记录，已忽略")
            continue
        latest.pop(entry.field, None)
        latest[entry.field] = entry
    recovery.entries = list(latest.values()) if recovery.draft_path else []
    return recovery


def discard(recovery: Recovery) -> None:
    """Remove a journal the operator has applied or declined."""
    recovery.path.unlink(missing_ok=True)


def _read_header(recovery: Recovery, header: dict[str, Any]) -> None:
    try:
        recovery.owner = Identity.from_dict(header)
        recovery.owner_state = liveness(recovery.owner)
    except ValueError:
        recovery.problems.append("没有记录写入它的进程")
    opened = header.get("opened")
    recovery.opened = opened if isinstance(opened, str) else ""
    draft = header.get("draft")
    folder = recovery.path.parent
    if not isinstance(draft, str) or "/" in draft or "\0" in draft or draft in ("", ".", ".."):
        recovery.problems.append("没有记录属于哪份草稿")
        return
    draft_path = folder / draft
    if recovery.path not in journal_paths(draft_path):
        recovery.problems.append(f"记录的草稿名 “{draft}” 与恢复记录的文件名不符，已忽略其内容")
        return
    recovery.draft_path = draft_path
    base = header.get("base")
    now = fingerprint(draft_path)
    recovery.base_changed = (now.digest if now else None) != (base if isinstance(base, str) else None)


def _json(line: bytes) -> Any:
    try:
        return json.loads(line.decode("utf-8", "surrogateescape"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _entry(data: Any) -> Entry | None:
    if not isinstance(data, dict):
        return None
    at, path, text = data.get("at"), data.get("field"), data.get("text")
    if not (isinstance(at, str) and isinstance(path, str) and isinstance(text, str)):
        return None
    if re.search("[\ud800-\udfff]", text + path):
        return None  # not text a draft can hold
    return Entry(path, text, at)
