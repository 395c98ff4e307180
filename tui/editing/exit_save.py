"""The last save before the process ends (SIGHUP, SIGTERM): a part of ``DraftSession``.

Kept apart so ``tui.editing.session`` stays about opening, saving and closing; this is
the one path that runs from a signal handler, with the least time to spare.
``TakenOver`` lives here because both this path and ``tui.editing.session`` raise or catch it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from forms.model.declaration import Declaration
from forms.render.width import clean
from forms.store.conflicts import ChangedOnDisk, Fingerprint
from forms.store.locks import Held
from forms.store.safe_io import os_reason

if TYPE_CHECKING:
    from pathlib import Path

    from tui.folder.store import DraftStore


class TakenOver(Exception):
    """Someone took the draft over while it was open here: nothing was written."""

    def __init__(self, held: Held) -> None:
        self.held = held
        """Who holds the draft now."""
        super().__init__(held.message())


SAVE_WAIT = 2.0
"""Seconds the exit path waits for a save in progress before saving anyway."""


class ExitSave:
    """``save_before_exit`` of ``DraftSession``."""

    if TYPE_CHECKING:  # provided by DraftSession
        store: DraftStore
        path: Path
        fingerprint: Fingerprint | None
        _saving: threading.Lock

        @property
        def writable(self) -> bool: ...
        def unchanged(self, draft: Declaration) -> bool: ...
        def record(self, field: str, text: str) -> str | None: ...
        def sync(self) -> None: ...
        def close(self, draft: Declaration | None = None) -> None: ...
        def _save(self, draft: Declaration, expected: Fingerprint | None) -> None: ...
        def _clear_journal(self) -> None: ...

    def save_before_exit(self, draft: Declaration, field: str | None = None, text: str | None = None) -> str:
        """The terminal is going away: save what is unsaved, let the lock go; returns what to tell.

        Runs from the SIGHUP/SIGTERM handler. The field being edited is
        journaled first (with fsync), so it survives even if the save fails; a
        draft changed on disk (or taken over) is never overwritten: the typing
        goes into a copy beside it. Returns ``""`` when all went into the draft.
        """
        message = ""
        if self.writable and field is not None and text is not None:
            self.record(field, text)
            self.sync()
        if self.writable and self.unchanged(draft):
            self._clear_journal()  # typed and typed back: nothing to offer next time
        elif self.writable:
            waited = self._saving.acquire(timeout=SAVE_WAIT)
            try:
                message = self._last_save(draft)
            finally:
                if waited:
                    self._saving.release()
        self.close()
        return message

    def _last_save(self, draft: Declaration) -> str:
        try:
            self._save(draft, self.fingerprint)
            return ""
        except (ChangedOnDisk, TakenOver) as error:
            why = error.reason if isinstance(error, ChangedOnDisk) else "此草稿已被他人接管"
            try:
                target, _found = self.store.save_copy(self.path, draft)
            except (OSError, ChangedOnDisk) as failed:
                reason = os_reason(failed) if isinstance(failed, OSError) else failed.reason
                kept = "输入内容在恢复记录中，下次启动时可恢复"
                return clean(f"{self.path.name}：{why}，另存副本也失败（{reason}）；{kept}。")
            self._clear_journal()
            return clean(f"{self.path.name}：{why}，未覆盖；您的修改已另存为 {target.name}。")
        except OSError as error:
            return clean(f"{self.path.name} 未能保存（{os_reason(error)}）；输入内容在恢复记录中，下次启动时可恢复。")
