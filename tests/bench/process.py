"""The process side of a measured run: its environment, and its peak memory read from /proc."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

_DROPPED = {"COLORTERM", "NO_COLOR", "COLUMNS", "LINES", "TMUX", "TERM_PROGRAM"}


def bench_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured run: xterm-256color, UTF-8, no Textual overrides from the caller's shell."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL") and k not in _DROPPED}
    env.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONUNBUFFERED": "1"})
    env.update(extra or {})
    return env


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its children, in MB (0 once they have exited)."""
    total = 0
    for member in _tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        total += int(match.group(1)) if match else 0
    return total / 1024


def _tree(pid: int) -> list[int]:
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = task.read_text().split()
        except OSError:
            continue
        for child in children:
            found.extend(_tree(int(child)))
    return found
