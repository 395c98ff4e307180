"""SIGHUP and SIGTERM: the terminal is going away, so save everything typed before the process ends.

An SSH session that drops, ``tmux kill-session`` and a closed terminal window
send SIGHUP; ``kill`` and a shutting-down system send SIGTERM. Textual handles
neither (its driver only handles SIGTSTP, SIGCONT and SIGWINCH), so by default
the process would die at once and the field being edited, not yet saved, would
be lost.

The handlers run on the app's event loop (``loop.add_signal_handler``), between
two events, never in the middle of a widget's update; the save is synchronous
(no worker, no ``await``): the process may have very little time. Each open
editor puts the field being edited into its draft and saves it (a draft changed
on disk gets a copy instead: nothing is overwritten), every lock goes, then:

* SIGHUP: the terminal is gone, so nothing is written to it: the process ends
  at once (``os._exit``), exit status 129.
* SIGTERM: Textual exits normally and restores the terminal; exit status 143.

A terminal that goes away without a SIGHUP reaching the app (another session,
``strace``) is seen by ``tui.editing.hangup`` and handled as a SIGHUP.

``kill -9`` cannot be caught: that is what the recovery journal is for.

The loop runs the handler only when it gets to turn. Should it be stuck in a
long step, a watchdog (started by a plain ``signal.signal`` handler, which
Python runs between two bytecodes whatever the loop is doing) ends the process
after ``GRACE`` seconds anyway: the typing is in the journal, every write is
atomic, and a dead process's lock is cleared by the next start.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from functools import partial
from typing import TYPE_CHECKING

from tui.editing import hangup

if TYPE_CHECKING:
    from textual.app import App

SIGNALS: tuple[signal.Signals, ...] = (signal.SIGHUP, signal.SIGTERM)
"""The signals saved for."""

GRACE: dict[int, float] = {signal.SIGHUP: 1.0, signal.SIGTERM: 5.0}
"""Seconds the loop has to handle a signal before the watchdog ends the process (SIGHUP: the terminal is gone)."""


def install(app: App[int]) -> bool:
    """Handle SIGHUP and SIGTERM on the running loop for ``app``; False when this loop cannot."""
    loop = asyncio.get_running_loop()
    try:
        for sig in SIGNALS:
            loop.add_signal_handler(sig, leave_on_signal, app, sig)
            # The loop learns of the signal through its wakeup fd, whatever the Python-level handler;
            # this one only starts the watchdog, and runs even while the loop is stuck.
            signal.signal(sig, start_watchdog)
    except (NotImplementedError, RuntimeError, ValueError):
        return False  # not the main thread, or a loop without signal support
    hangup.watch(partial(_terminal_gone, app, loop))  # the terminal may go away without a SIGHUP reaching us
    return True


def _terminal_gone(app: App[int], loop: asyncio.AbstractEventLoop) -> None:
    # From the hang-up thread: as if SIGHUP had come.
    try:
        loop.call_soon_threadsafe(leave_on_signal, app, signal.SIGHUP)
    except RuntimeError:
        return  # the loop is closed: the app has ended, saving on its way out
    start_watchdog(signal.SIGHUP)  # the loop may be stuck (a write blocked on the dead terminal)


def start_watchdog(sig: int, _frame: object = None) -> None:
    """End the process with status ``128 + sig`` in ``GRACE`` seconds, whatever the loop is doing."""
    timer = threading.Timer(GRACE.get(sig, 1.0), os._exit, (128 + sig,))
    timer.daemon = True
    timer.start()


def uninstall() -> None:
    """Stop handling the signals (the app has ended)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    for sig in SIGNALS:
        loop.remove_signal_handler(sig)


def close_sessions() -> None:
    """Release every lock this process holds, if it ever opened a draft.

    Locks are taken only by ``tui.editing.session``; while it is not imported (nothing
    was opened yet) there is nothing to release, and importing it (with the
    form model) from here would cost the drafts list its first paint.
    """
    session = sys.modules.get("tui.editing.session")
    if session is not None:
        session.close_all()


def save_everything(app: App[int]) -> list[str]:
    """Every open editor saves what was typed (the field being edited too); every lock goes.

    Returns what the operator should be told (a copy saved instead of the
    draft, a save that failed); empty when everything went into the drafts.
    """
    messages: list[str] = []
    for screen in reversed(app.screen_stack):
        save = getattr(screen, "save_before_exit", None)
        if save is None:
            continue
        try:
            message = save()
        except Exception as error:  # the process is ending: the other drafts must still be saved
            message = f"保存时出错：{type(error).__name__}；输入内容在恢复记录中，下次启动时可恢复。"
        if message:
            messages.append(message)
    close_sessions()
    return messages


def leave_on_signal(app: App[int], sig: int) -> None:
    """The signal handler: save everything, then end (see the module's docstring)."""
    if getattr(app, "leaving_on_signal", False):
        return  # a second signal while the first is handled
    app.leaving_on_signal = True  # type: ignore[attr-defined]
    try:
        messages = save_everything(app)
        notes = getattr(app, "notes", None)
        if isinstance(notes, list):
            notes.extend(messages)
        if sig == signal.SIGHUP:
            finish = getattr(app, "finish", None)
            if finish is not None:
                finish()
    finally:
        # Even when a step failed (the typing is in the journal then): a process left running on a
        # dead terminal would spin on it, and a second signal is ignored above.
        if sig == signal.SIGHUP:
            os._exit(128 + sig)
        app.exit(return_code=128 + sig)
