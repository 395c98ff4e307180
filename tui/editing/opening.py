"""The questions asked before a draft is edited: who holds it, and what a killed shenbao left behind.

Opening a draft: read it with its fingerprint and lock it (``DraftSession``).
Held by another running shenbao: say who, since when, and ask — take it over
(y) or open it read-only (n, Escape: Escape never destroys). Once the lock is
ours, a recovery journal left for this very draft (by a process that is gone,
or from another host, which can only be judged now that we hold the lock) is
offered back before the editor shows, so the typing lands in the draft the
operator is about to see.

At start-up the app looks for journals whose process is gone, in a worker
(``ShenbaoApp._find_left_behind``), and calls ``offer`` with what it found:
each journal is offered on its own (restore, discard, later).

Typing is never put into a draft the bureau approved (通过) since: the
question says it is approved and how to reopen it, restoring is not offered,
and the journal stays until the draft is reopened (or the operator discards it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from forms.checks.limits import oversized
from forms.model.declaration import Declaration, new_declaration
from forms.render.width import clean
from forms.store.conflicts import ChangedOnDisk
from forms.store.drafts import DraftError
from forms.store.recovery import Recovery, apply_recovery, discard, pending_recovery
from forms.store.safe_io import os_reason
from tui.editing.session import DraftSession, NotWritable, TakenOver
from tui.folder.lock_marks import holder_text
from tui.folder.store import DraftStore
from tui.widgets.confirm import ConfirmScreen

if TYPE_CHECKING:
    from textual.app import App

Closed = Callable[[Path | None], None]
"""Called with the draft's path (a copy's, if editing moved to one) when the editor closes."""


def open_for_editing(app: App[int], store: DraftStore, path: Path, closed: Closed) -> None:
    """Lock ``path``, ask what must be asked, then push the editor on it."""
    try:
        session, draft = DraftSession.open(store, path)
    except DraftError as error:
        app.notify(clean(f"无法打开：{error}"), severity="error", markup=False)
        return
    if oversized(draft):
        # An editor with a widget per row of 20,000 would not answer a key for minutes: read-only, cut, with why.
        from tui.screens.viewer import ViewerScreen

        session.close()  # the lock goes; any journal of this draft stays for when it can be edited
        app.push_screen(ViewerScreen(path, draft), lambda _: closed(path))
        return
    held = session.held
    if held is not None and held.mine:
        draft = _take_over(app, session, draft)  # our own lock, left by an editor of this process
    elif held is not None:

        def answered(yes: bool | None) -> None:
            _offer_then_edit(app, session, _take_over(app, session, draft) if yes else draft, closed)

        question = f"{holder_text(held)}\n\n接管编辑（y），还是以只读方式打开（n 或 Esc）？"
        app.push_screen(ConfirmScreen(question, title="草稿正被他人编辑", yes="接管编辑", no="只读打开"), answered)
        return
    _offer_then_edit(app, session, draft, closed)


def _take_over(app: App[int], session: DraftSession, draft: Declaration) -> Declaration:
    try:
        return session.take_over()
    except (OSError, DraftError) as error:
        reason = os_reason(error) if isinstance(error, OSError) else str(error)
        app.notify(clean(f"未能接管：{reason}；以只读方式打开。"), severity="error", markup=False)
        return draft


def _offer_then_edit(app: App[int], session: DraftSession, draft: Declaration, closed: Closed) -> None:
    from tui.screens.recovery import RecoveryScreen

    waiting = journals_for(session.path) if session.writable else []

    def step(draft: Declaration) -> None:
        if not waiting:
            _edit(app, session, draft, closed)
            return
        recovery = waiting.pop(0)

        def answered(answer: str | None) -> None:
            if answer == "restore":
                step(_restore_into(app, session, draft, recovery))
                return
            if answer == "discard":
                discard(recovery)
            step(draft)

        app.push_screen(RecoveryScreen(recovery, draft, locked=locked_note(draft, session.path)), answered)

    step(draft)


def _edit(app: App[int], session: DraftSession, draft: Declaration, closed: Closed) -> None:
    from tui.screens.session_editor import SessionEditor

    app.push_screen(SessionEditor(session, draft), closed)


def journals_for(path: Path) -> list[Recovery]:
    """Journals of the draft at ``path`` left by processes that are gone (or on other hosts)."""
    found = pending_recovery(path.parent, include_unknown=True)
    return [r for r in found if r.draft_path is not None and r.draft_path.name == path.name]


def locked_note(draft: Declaration | None, path: Path) -> str:
    """Why a journal's typing may not go into ``draft`` now (it is 通过), and how to reopen it; blank when it may."""
    from forms.workflows.review import is_approved, locked_message

    if draft is None or not is_approved(draft):
        return ""
    how = "恢复记录保留；请先重新打开（草稿列表按 a 再按 o，或打开后按 F4，记入审核记录），之后打开这份草稿时会再询问"
    return locked_message(draft, path, "不能恢复到其中", how)


def _restore_into(app: App[int], session: DraftSession, draft: Declaration, recovery: Recovery) -> Declaration:
    """Put a journal's typing into the draft being opened and save it; the draft to edit."""
    locked = locked_note(draft, session.path)
    if locked:
        app.notify(clean(locked), severity="error", markup=False, timeout=12)
        return draft
    applied = apply_recovery(draft, recovery.entries)
    try:
        session.save(applied.draft)
    except (ChangedOnDisk, TakenOver, NotWritable, OSError) as error:
        reason = os_reason(error) if isinstance(error, OSError) else str(error)
        app.notify(clean(f"未能保存恢复的内容（{reason}）；恢复记录保留。"), severity="error", markup=False)
        return draft
    discard(recovery)
    app.notify(restored_message(session.path, applied.changed, applied.problems), markup=False, timeout=10)
    return applied.draft


def restored_message(path: Path, changed: list[str], problems: list[str]) -> str:
    """What a restore did, in one notice: the fields put back (by name), and what was left out."""
    from tui.screens.recovery import describe_field

    if changed:
        names = "、".join(describe_field(field, None) for field in changed[:5])
        more = f"等 {len(changed)} 处" if len(changed) > 5 else ""
        message = f"已恢复 {path.name} 的 {names}{more}，并已保存。"
    else:
        message = f"{path.name}：恢复记录中的内容与草稿相同，无需恢复。"
    if problems:
        message += f"\n未恢复 {len(problems)} 处：{problems[0]}"
    return clean(message)


# At start-up ---------------------------------------------------------------------------------


def offer(app: App[int], store: DraftStore, found: list[Recovery]) -> None:
    """Offer each journal in turn: restore into its draft (saved), discard (asked again), or later."""
    from tui.screens.recovery import RecoveryScreen

    waiting = list(found)
    total = len(waiting)

    def step() -> None:
        if not waiting:
            return
        recovery = waiting.pop(0)

        def answered(answer: str | None) -> None:
            if answer == "restore":
                message, ok = restore_file(store, recovery)
                app.notify(message, severity="information" if ok else "error", markup=False, timeout=10)
            elif answer == "discard":
                discard(recovery)
            step()

        position = f"{total - len(waiting)}/{total}" if total > 1 else ""
        draft = _read_quietly(recovery.draft_path)
        locked = locked_note(draft, recovery.draft_path) if recovery.draft_path is not None else ""
        app.push_screen(RecoveryScreen(recovery, draft, position=position, locked=locked), answered)

    step()


def restore_file(store: DraftStore, recovery: Recovery) -> tuple[str, bool]:
    """Put a journal's typing into its draft and save it (checked, under the draft's lock).

    Returns the message for the operator, and whether it was restored (the
    journal is then gone; otherwise it is kept). A draft whose file is gone
    is made anew from the typing.
    """
    path = recovery.draft_path
    if path is None:
        return "这份恢复记录不属于任何草稿，无法恢复。", False
    try:
        session, draft = DraftSession.open(store, path)
    except DraftError as error:
        if os.path.lexists(path):
            return clean(f"未恢复：{error}（恢复记录保留）"), False
        return _restore_as_new(store, recovery, path)
    try:
        if not session.writable:
            return clean(f"未恢复：{session.notice}（恢复记录保留）"), False
        locked = locked_note(draft, path)
        if locked:  # approved after the question was asked
            return clean(f"未恢复：{locked}"), False
        applied = apply_recovery(draft, recovery.entries)
        try:
            session.save(applied.draft)
        except (ChangedOnDisk, TakenOver, NotWritable, OSError) as error:
            reason = os_reason(error) if isinstance(error, OSError) else str(error)
            return clean(f"未能保存 {path.name}（{reason}）；恢复记录保留。"), False
        discard(recovery)
        return restored_message(path, applied.changed, applied.problems), True
    finally:
        session.close()


def _read_quietly(path: Path | None) -> Declaration | None:
    """The draft at ``path`` for the question (field names, 通过), or ``None`` when it cannot be read."""
    from forms.store.drafts import load_draft

    if path is None:
        return None
    try:
        return load_draft(path)
    except DraftError:
        return None


def _restore_as_new(store: DraftStore, recovery: Recovery, path: Path) -> tuple[str, bool]:
    applied = apply_recovery(new_declaration(), recovery.entries)
    try:
        store.save_checked(path, applied.draft, None)
    except (ChangedOnDisk, OSError) as error:
        reason = os_reason(error) if isinstance(error, OSError) else str(error)
        return clean(f"未能新建 {path.name}（{reason}）；恢复记录保留。"), False
    discard(recovery)
    return clean(f"原草稿文件已不存在：已用恢复的 {len(applied.changed)} 处内容新建 {path.name}。"), True
