"""The terminal goes away and no SIGHUP comes: the app saves what was typed and ends (``tui.editing.hangup``).

A real process on a pty this test holds the other end of. The app runs in a
session of its own with no controlling terminal, so closing the pty sends it no
SIGHUP at all, as for an app in another session or one whose SIGHUP a tracer
or wrapper keeps from it. (``SIG_IGN`` would not do: the app's own handler
takes over an ignored SIGHUP.) Before the fix, Textual's input thread read EOF
in a loop and the process spun on a core forever.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO

from forms.store.drafts import load_draft

TEXT = "专线ab"
"""Typed into a new draft's 项目名称, not saved yet when the terminal goes (autosave waits 2 s)."""


class Pty:
    """The terminal's side of a pty: what the app wrote so far, and keys to send it."""

    def __init__(self, master: int) -> None:
        self.master = master
        self.output = b""

    def read(self, seconds: float) -> bool:
        """Take what the app writes for up to ``seconds``; False when it wrote nothing in that time."""
        ready, _, _ = select.select([self.master], [], [], seconds)
        if ready:
            self.output += os.read(self.master, 65536)
        return bool(ready)

    def wait_for(self, text: str, timeout: float = 15.0) -> None:
        """Wait until ``text`` has been written, then until the screen is still for 0.3 s (focus placed)."""
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            assert time.monotonic() < deadline, f"{text!r} never written"
            self.read(0.1)
        while self.read(0.3) and time.monotonic() < deadline:
            pass

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())


def journaled(folder: Path) -> bool:
    """Whether a recovery journal in ``folder`` holds ``TEXT`` (so the app has taken every key)."""
    return any(TEXT in p.read_text("utf-8", errors="replace") for p in folder.glob(".*.swp"))


def test_a_closed_terminal_without_sighup_saves_the_typing_and_ends_the_app(drafts: Path) -> None:
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    env = {**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    app = subprocess.Popen(
        [sys.executable, "-m", "tui", "--drafts", str(drafts)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=REPO,
        start_new_session=True,  # no controlling terminal: the hang-up sends no SIGHUP
    )
    os.close(slave)
    term = Pty(master)
    try:
        term.wait_for("按 n 新建")
        term.send("n")
        term.wait_for("1/8 基本情况")
        term.send("\t")  # focus lands on 填报单位, the first empty field; Tab to 项目名称
        term.read(0.3)
        term.send(TEXT)
        deadline = time.monotonic() + 15
        while not journaled(drafts):
            assert time.monotonic() < deadline, "the typing never reached the journal"
            term.read(0.05)
        assert not any(load_draft(p).project.name for p in drafts.glob("*.toml")), "saved early: proves nothing"
        os.close(master)
        master = -1
        status = app.wait(timeout=10)  # a bound for correctness: it ends within ~0.1 s
    finally:
        if master != -1:
            os.close(master)
        if app.poll() is None:
            os.killpg(app.pid, signal.SIGKILL)
            app.wait()
    assert status == 128 + signal.SIGHUP
    (path,) = drafts.glob("*.toml")
    assert path.name == f"{TEXT}.toml", "named after its project, as when quitting"
    assert load_draft(path).project.name == TEXT
    assert sorted(p.name for p in drafts.iterdir()) == [path.name], "lock and journal gone"


def test_the_app_needs_a_terminal_and_says_so(tmp_path: Path) -> None:
    # With stdin from /dev/null Textual's input thread would read end-of-file forever; nothing is started.
    run = [sys.executable, "-m", "tui", "--drafts", str(tmp_path)]
    done = subprocess.run(run, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "界面需要在终端中运行" in done.stderr and "shenbao --help" in done.stderr
    assert list(tmp_path.iterdir()) == []
