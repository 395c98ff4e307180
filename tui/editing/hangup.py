"""The terminal went away without a SIGHUP: end the app the way SIGHUP does, saving everything typed.

A closed SSH link or ``tmux kill-session`` hangs up the terminal, and the kernel
sends SIGHUP only to the terminal's session leader and foreground group. An app
in another session (``setsid``), or one whose SIGHUP a tracer or wrapper keeps
from it (as seen once under ``strace``), never hears of the hang-up; Textual's input thread then reads
end-of-file from the dead terminal in a tight loop (it drops the empty read and
selects again) and the process spins on a core until someone kills it.

So a daemon thread waits, in ``poll`` with no events asked for, for the hang-up
or error that ``poll`` always reports: on the terminal (stdin) and on the fd
Textual writes to (stderr), so a read that would end in EOF or EIO and a write
that would fail with EIO or EPIPE are both seen. Asking for no events means no
wake-up per key and no timer: the thread costs nothing until the end. Then
``tui.editing.guard`` takes it for a SIGHUP (save, let the locks go, exit
status 129), watchdog included.
"""

from __future__ import annotations

import os
import select
import sys
import threading
from collections.abc import Callable


def watch(on_gone: Callable[[], None]) -> threading.Thread | None:
    """Call ``on_gone`` (from a daemon thread) when the terminal goes away; None when there is none to watch."""
    fds = _terminal_fds()
    if not fds:
        return None
    thread = threading.Thread(target=_wait, args=(fds, on_gone), name="shenbao-hangup", daemon=True)
    thread.start()
    return thread


def _terminal_fds() -> list[int]:
    # Textual reads sys.__stdin__ and writes sys.__stderr__. A closed fd would poll as POLLNVAL at once: left out.
    fds: list[int] = []
    for stream in (sys.__stdin__, sys.__stderr__):
        try:
            fd = stream.fileno() if stream is not None else -1
            os.fstat(fd)
        except (OSError, ValueError):
            continue
        fds.append(fd)
    return fds


def _wait(fds: list[int], on_gone: Callable[[], None]) -> None:
    poller = select.poll()
    for fd in fds:
        poller.register(fd, 0)  # POLLHUP, POLLERR and POLLNVAL are reported whatever is asked for
    poller.poll()  # no timeout: returns only when the terminal is gone
    on_gone()
