"""The command line's side of the drafts folder's history: events recorded after a command wrote drafts.

``record_cli`` is called by ``import`` and ``rollover`` once they are done (one
commit per command, not per draft). A folder without history costs one
``lstat``; a failure is a warning on standard error, never a failed command:
the drafts are written, only their version is missing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from forms.history import HistoryError, is_repo, record
from forms.render.width import clean


def record_cli(folder: Path, paths: Iterable[Path], message: str) -> None:
    """Commit ``paths`` as one event in each history they belong to (usually just ``folder``'s)."""
    by_folder: dict[Path, list[Path]] = {}
    for path in paths:
        by_folder.setdefault(path.parent if path.parent != Path() else folder, []).append(path)
    for where, written in by_folder.items():
        if not is_repo(where):
            continue
        try:
            record(where, written, message)
        except HistoryError as error:
            print(clean(f"shenbao：警告：修改记录未能保存（草稿已写入）：{error}"), file=sys.stderr)
