"""The app's side of the drafts folder's history: an event recorded, and a warning when it could not be.

Events are rare and deliberate (定稿, 改回草稿, a deletion, a carry-over), so the
commit runs at once; a folder without history costs one ``lstat``. A failure
never undoes the event: the draft is saved, only its version is missing, and
the operator is told why.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from forms.render.width import clean


def record_event(folder: Path, paths: Iterable[Path], message: str) -> str | None:
    """Commit ``paths`` as one event (``forms.history.record``); a warning to show when it failed, else ``None``."""
    from forms.history import HistoryError, is_repo

    if not is_repo(folder):
        return None
    from forms.history import record

    try:
        record(folder, list(paths), message)
    except HistoryError as error:
        return clean(f"修改记录未能保存（草稿本身已保存）：{error}")
    return None


def project_label(name: str, path: Path) -> str:
    """A draft's name for a commit message: its 项目名称 on one line, else its file name."""
    return " ".join(name.split()) or path.stem
