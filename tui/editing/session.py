"""One draft open for editing: its lock, the fingerprint of what was loaded, and its recovery journal.

The editor saves only through a ``DraftSession``: every save is checked
against the file as it was loaded (``forms.store.conflicts``), so a draft changed on
disk by another operator, a ``git pull`` or a text editor is never overwritten
silently; every change is journaled (``forms.store.journal``), so typing survives
``kill -9``; and the lock (``forms.store.locks``) tells others who is editing.

Saves are serialized by one lock: the autosave and the SIGHUP/SIGTERM handler
(``tui.editing.guard``) must never save the same draft at once, or the second would
find the first's file and report a spurious change on disk.

No Textual here: the editor and the signal handler call this.
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from pathlib import Path

from forms.model.declaration import Declaration
from forms.render.width import clean
from forms.store.conflicts import ChangedOnDisk, Fingerprint
from forms.store.drafts import DraftError, dumps
from forms.store.journal import Journal
from forms.store.locks import Held, Lock, acquire, lock_problem, take_over
from forms.store.safe_io import os_reason
from tui.editing.exit_save import ExitSave, TakenOver
from tui.folder.store import DraftStore

__all__ = ["DraftSession", "NotWritable", "TakenOver", "close_all", "held_banner"]

_OPEN: weakref.WeakSet[DraftSession] = weakref.WeakSet()


class NotWritable(Exception):
    """The draft is open read-only (held by someone else, or the session is closed): nothing was written."""


class DraftSession(ExitSave):
    """The lock, fingerprint and journal of one draft open in the editor.

    Open with ``DraftSession.open``; ``writable`` is False when someone else
    holds the draft (``held``) or the lock could not be written (``notice`` says
    why). ``close`` when the editor closes: the lock goes, and a journal of
    unsaved typing stays for the next start to offer back.
    """

    def __init__(
        self,
        store: DraftStore,
        path: Path,
        draft: Declaration,
        fingerprint: Fingerprint | None,
        lock: Lock | None,
        *,
        held: Held | None = None,
        notice: str | None = None,
    ) -> None:
        self.store = store
        """The drafts folder."""
        self.path = path
        """The draft's file (changes when the operator goes on in a copy)."""
        self.fingerprint = fingerprint
        """The file as last loaded or saved here: saves are checked against it."""
        self.lock = lock
        """Our lock on the draft; ``None`` while read-only."""
        self.held = held
        """Who holds the draft, when it opened read-only because of them."""
        self.notice = notice
        """Why the draft is read-only, in Chinese (the holder, or why no lock could be made)."""
        self.conflict: ChangedOnDisk | None = None
        """The last save found the file changed on disk: autosave waits for the operator."""
        self.closed = False
        """``close`` ran: nothing more is written."""
        self.journal: Journal | None = Journal(path, fingerprint) if lock is not None else None
        """The recovery journal (none while read-only)."""
        self._saving = threading.Lock()
        self._journal_failed = False
        self._clean = _digest(draft)
        if lock is not None:
            _OPEN.add(self)

    @classmethod
    def open(cls, store: DraftStore, path: Path) -> tuple[DraftSession, Declaration]:
        """Read a draft for editing and lock it (read-only when someone else holds it).

        Raises:
            DraftError: the file is not a readable draft (never opened, never written).
        """
        draft, found = store.load_checked(path)
        try:
            got = acquire(path)
        except OSError as error:
            return cls(store, path, draft, found, None, notice=lock_problem(error)), draft
        if isinstance(got, Held):
            return cls(store, path, draft, found, None, held=got, notice=got.message()), draft
        return cls(store, path, draft, found, got), draft

    @property
    def writable(self) -> bool:
        """Whether this session may save the draft (the lock is ours and it is open)."""
        return self.lock is not None and not self.closed

    def unchanged(self, draft: Declaration) -> bool:
        """Whether ``draft`` is what was last loaded or saved here (nothing to save)."""
        return _digest(draft) == self._clean

    # Taking over ---------------------------------------------------------------------------

    def take_over(self) -> Declaration:
        """Hold the draft whoever holds it, and read it again (the other side may have saved).

        Raises:
            OSError: the lock file cannot be written.
            DraftError: the file is no longer a readable draft (the lock is then let go).
        """
        lock = take_over(self.path)
        try:
            draft, found = self.store.load_checked(self.path)
        except DraftError:
            lock.release()
            raise
        self.lock, self.fingerprint, self.held, self.notice, self.closed = lock, found, None, None, False
        self.journal = Journal(self.path, found)
        self._clean = _digest(draft)
        _OPEN.add(self)
        return draft

    # Journal -------------------------------------------------------------------------------

    def record(self, field: str, text: str) -> str | None:
        """Journal the whole text of a field just changed (no fsync: this runs per keystroke).

        Returns a Chinese warning the first time the journal cannot be written, else ``None``.
        """
        if self.journal is None or self.closed:
            return None
        try:
            self.journal.record(field, text, sync=False)
        except OSError as error:
            if self._journal_failed:
                return None
            self._journal_failed = True
            return f"未能记录恢复信息（{os_reason(error)}）；草稿仍照常保存。"
        return None

    def sync(self) -> None:
        """Make the journal survive a power cut (on leaving a field: one fsync, not one per key)."""
        if self.journal is not None:
            try:
                self.journal.sync()
            except OSError:
                pass  # the next save or record says so if the disk is really gone

    # Saving --------------------------------------------------------------------------------

    def save(self, draft: Declaration, *, overwrite: bool = False) -> None:
        """Save ``draft`` if its file is still as loaded (or, with ``overwrite``, as last found).

        Raises:
            ChangedOnDisk: the file changed on disk (also kept in ``conflict``); nothing written.
            TakenOver: someone took the draft over; nothing written.
            NotWritable: the session is read-only or closed.
            OSError: the file could not be written (the old file is intact).
        """
        if not self.writable:
            raise NotWritable(self.notice or "草稿以只读方式打开")
        expected = self.conflict.found if overwrite and self.conflict is not None else self.fingerprint
        with self._saving:
            self._save(draft, expected)

    def _save(self, draft: Declaration, expected: Fingerprint | None) -> None:
        assert self.lock is not None
        held = self.lock.check()
        if held is not None:
            raise TakenOver(held)
        try:
            found = self.store.save_checked(self.path, draft, expected)
        except ChangedOnDisk as error:
            self.conflict = error
            raise
        # The fingerprint is of exactly the bytes dumped from ``draft``: no second dump needed.
        self.fingerprint, self.conflict, self._clean = found, None, found.digest
        self._clear_journal()

    def keep_copy(self, draft: Declaration) -> Path:
        """Write ``draft`` beside the draft under a new name; the session stays on the original.

        Raises:
            OSError: the copy could not be written.
        """
        with self._saving:
            target, _found = self.store.save_copy(self.path, draft)
        return target

    def save_copy(self, draft: Declaration) -> Path:
        """Write ``draft`` under a new name and go on editing that copy (locked; the original let go).

        Raises:
            OSError: the copy could not be written (nothing changed).
        """
        with self._saving:
            target, found = self.store.save_copy(self.path, draft)
            try:
                got = acquire(target)
            except OSError:
                got = None
            self._clear_journal()  # what it held is in the copy now
            if self.lock is not None:
                self.lock.release()
            self.path, self.fingerprint, self.conflict, self.held = target, found, None, None
            self.lock = got if isinstance(got, Lock) else None
            self.notice = None if self.lock is not None else "副本未能加锁，已以只读方式打开"
            self.journal = Journal(target, found) if self.lock is not None else None
            self._clean = found.digest
            if self.lock is not None:
                _OPEN.add(self)
        return target

    def reload(self) -> Declaration:
        """Read the draft again from disk, dropping this session's unsaved changes.

        Raises:
            DraftError: the file is no longer a readable draft.
        """
        with self._saving:
            draft, found = self.store.load_checked(self.path)
            self.fingerprint, self.conflict, self._clean = found, None, _digest(draft)
            self._clear_journal()
        return draft

    def _clear_journal(self) -> None:
        if self.journal is not None:
            try:
                self.journal.clear(self.fingerprint)
            except OSError:
                pass  # an undeletable journal is offered back later; the draft itself is saved

    # Closing -------------------------------------------------------------------------------

    def close(self, draft: Declaration | None = None) -> None:
        """Stop: the journal keeps any unsaved typing for the next start, the lock goes. Harmless twice.

        Args:
            draft: The draft as the editor leaves it; when it is what was saved,
                the journal goes too (whatever it recorded was typed back).
        """
        if self.closed:
            return
        if draft is not None and self.writable and self.unchanged(draft):
            self._clear_journal()
        self.closed = True
        _OPEN.discard(self)
        if self.journal is not None:
            try:
                self.journal.close()
            except OSError:
                pass
        if self.lock is not None:
            self.lock.release()


def close_all() -> None:
    """Close every session still open (the app is exiting): locks go, journals of unsaved typing stay."""
    for session in list(_OPEN):
        session.close()


def held_banner(session: DraftSession) -> str:
    """The read-only editor's one-line banner: who holds the draft, and the key to take over."""
    held = session.held
    if held is not None and held.info is not None:
        who = f"{held.info.owner.user}@{held.info.owner.host}"
        return clean(f"只读：{who} 正在编辑此草稿 · 按 F4 接管编辑")
    if held is not None:
        return "只读：此草稿已被锁定（持有者不明） · 按 F4 接管编辑"
    return "只读：未能加锁 · 按 F4 重试"


def _digest(draft: Declaration) -> str:
    return hashlib.sha256(dumps(draft).encode("utf-8")).hexdigest()
