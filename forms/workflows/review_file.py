"""A review step taken on a draft file: locked, checked against changes, saved, and recorded in history.

Both ``shenbao review`` and the drafts list's review key act on a draft that
is not open in this process. The step takes the draft's lock first (a unit
operator still typing in it is not overwritten: the step is refused, saying
who), writes only if the file is still as read, and, in a drafts folder kept
in git, commits the step with a Chinese message (``history_message``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from forms.model.declaration import Declaration
from forms.store.conflicts import ChangedOnDisk, load_draft_checked, save_draft_checked
from forms.store.drafts import DraftError
from forms.store.locks import Held, acquire, lock_problem
from forms.store.safe_io import os_reason
from forms.workflows.review import ReviewError, approve, history_message, operator_name, reopen, return_draft

Action = Literal["returned", "approved", "reopened"]


def review_file(
    path: Path, action: Action, *, opinion: str = "", by: str | None = None, force: bool = False
) -> tuple[Declaration, str | None]:
    """Take one review step (退回 with ``opinion``, 通过, 重新打开) on the draft at ``path``.

    Returns the saved draft, and a warning when the step could not be committed to the folder's history.

    Raises:
        ReviewError: the step is refused, the draft is being edited, unreadable, changed meanwhile or not writable;
            the file is then unchanged.
    """
    try:
        lock = acquire(path)
    except OSError as error:
        raise ReviewError(f"无法锁定 {path.name}：{lock_problem(error)}") from None
    if isinstance(lock, Held):
        raise ReviewError(f"{path.name} 正被编辑（{_who(lock)}），请待其关闭后再操作")
    try:
        try:
            draft, found = load_draft_checked(path)
        except DraftError as error:
            raise ReviewError(str(error)) from None
        if action == "returned":
            new = return_draft(draft, opinion, by)
        elif action == "approved":
            new = approve(draft, by, force=force)
        else:
            new = reopen(draft, opinion, by)
        try:
            save_draft_checked(new, path, found)
        except ChangedOnDisk as error:
            raise ReviewError(f"{path.name}：{error.reason}，未保存，请重试") from None
        except OSError as error:
            raise ReviewError(f"无法写入 {path.name}：{os_reason(error)}") from None
    finally:
        lock.release()
    return new, record_step(path, action, new, by or operator_name())


def record_step(path: Path, action: Action, draft: Declaration, by: str | None) -> str | None:
    """Commit the step in the folder's git history when it keeps one; why it could not be, else ``None``.

    A failed commit never undoes the step: the draft is saved, only its version is missing.
    """
    from forms.history import HistoryError, record

    top = history_folder(path)
    if top is None:
        return None
    name = " ".join(draft.project.name.split()) or path.stem
    try:
        record(top, [path], history_message(action, name), author=by)
    except HistoryError as error:
        return f"修改记录未能保存（草稿本身已保存）：{error}"
    return None


def history_folder(path: Path) -> Path | None:
    """Where a review step on ``path`` is committed: its drafts folder's own repository, else its bureau's.

    A bureau may keep every unit's folder in one repository at the bureau folder; a repository
    further up (a home folder kept in git) is never committed to.
    """
    from forms.history import is_repo
    from forms.workflows.bureau_folder import unit_folders

    unit = path.parent
    if is_repo(unit):
        return unit
    bureau = unit.parent
    if bureau != unit and is_repo(bureau) and unit.resolve() in {u.resolve() for u in unit_folders(bureau)}:
        return bureau
    return None


def _who(held: Held) -> str:
    if held.info is None:
        return held.problem or "持有者不明"
    owner = held.info.owner
    return f"{owner.user}@{owner.host}"
