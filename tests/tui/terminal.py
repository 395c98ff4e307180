"""Run a command in a real terminal (a private tmux server) and read its screen.

Used by the real-terminal tests: keys go through tmux exactly as an operator's
keys would over SSH, so a key the app binds but the terminal never delivers
shows up as a failing test, not as a surprise in the field.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

TMUX = shutil.which("tmux")
"""The tmux binary, or ``None`` when tmux is not installed (the tests then skip)."""

REAP_WAIT = 5.0
"""Seconds the pane's processes have to end after the server is killed (the app saves and ends in about 1 s)."""


class Terminal:
    """A tmux session of a fixed size running one command, on its own server socket."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        width: int = 80,
        height: int = 24,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        """Describe the session; ``start`` (or ``with``) runs it.

        Args:
            command: The program and its arguments.
            width: Terminal columns.
            height: Terminal rows.
            env: Extra environment variables for the command.
            cwd: Working directory of the command.
        """
        if TMUX is None:
            raise RuntimeError("tmux is not installed")
        self.socket = f"shenbao-test-{uuid.uuid4().hex[:8]}"
        """Name of the private tmux server (``tmux -L``), so tests never touch a user's sessions."""
        self.command = list(command)
        self.width = width
        self.height = height
        self.env = dict(env or {})
        self.cwd = cwd
        self.session: int | None = None
        """The pane's session id (its shell's pid): every process started in the pane is in it."""

    def _tmux(self, *args: str) -> str:
        assert TMUX is not None
        result = subprocess.run(
            [TMUX, "-L", self.socket, "-f", "/dev/null", *args], check=True, capture_output=True, text=True
        )
        return result.stdout

    def start(self) -> Terminal:
        """Start the session with the command running in it."""
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in self.env.items())
        shell = f"env {exports} {shlex.join(self.command)}; echo '[exit '$?']'; sleep 30"
        args = ["new-session", "-d", "-s", "main", "-x", str(self.width), "-y", str(self.height)]
        if self.cwd is not None:
            args += ["-c", str(self.cwd)]
        try:
            self._tmux(*args, shell)
            self.session = int(self._tmux("display-message", "-p", "-t", "main", "#{pane_pid}"))
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> list[int]:
        """Stop the tmux server, wait for the pane's processes to end; returns those that had to be killed.

        Killing the server hangs up the pane's terminal, so the shell and the
        app get SIGHUP. Whatever still runs ``REAP_WAIT`` seconds later is killed.
        """
        subprocess.run([TMUX or "tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)
        if self.session is None:
            return []
        deadline = time.monotonic() + REAP_WAIT
        while (left := session_members(self.session)) and time.monotonic() < deadline:
            time.sleep(0.02)
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return left

    def __enter__(self) -> Terminal:
        return self.start()

    def __exit__(self, failure: type[BaseException] | None, *exc: object) -> None:
        killed = self.close()
        if killed and failure is None:
            raise AssertionError(f"still running {REAP_WAIT} s after its terminal was killed (now killed): {killed}")

    def keys(self, *keys: str) -> None:
        """Send keys by tmux name (``Enter``, ``Escape``, ``F1``, ``C-q``, ``Tab``)."""
        self._tmux("send-keys", "-t", "main", *keys)

    def type(self, text: str) -> None:
        """Type literal text (Chinese included), as pasted keystrokes."""
        self._tmux("send-keys", "-t", "main", "-l", text)

    def screen(self) -> str:
        """The visible screen as text, one line per row."""
        return self._tmux("capture-pane", "-p", "-t", "main")

    def wait_for(self, text: str, timeout: float = 15.0, *, settle: bool = True) -> str:
        """Wait until ``text`` is on screen (and, with ``settle``, the screen is still); returns the screen.

        Raises:
            AssertionError: it did not appear in time (the message shows the screen).
        """
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return self.wait_stable(timeout=timeout) if settle else screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not on screen after {timeout} s:\n{screen}")

    def wait_stable(self, quiet: float = 0.5, timeout: float = 15.0) -> str:
        """Wait until the screen has not changed for ``quiet`` seconds; returns it.

        A screen that shows the right words may still be settling (focus not yet
        placed); keys sent before it settles can land in the wrong field.
        """
        deadline = time.monotonic() + timeout
        screen = self.screen()
        since = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.screen()
            if now != screen:
                screen, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return screen
        return screen

    def wait_until_gone(self, text: str, timeout: float = 15.0) -> str:
        """Wait until ``text`` is no longer on screen; returns the screen."""
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while text in screen and time.monotonic() < deadline:
            time.sleep(0.1)
            screen = self.screen()
        if text in screen:
            raise AssertionError(f"{text!r} still on screen after {timeout} s:\n{screen}")
        return screen


def session_members(session: int) -> list[int]:
    """The live processes (zombies are ended) whose session id is ``session``."""
    members: list[int] = []
    if not os.path.isdir("/proc"):
        return members  # not Linux: nothing to check by
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile
        if int(fields[3]) == session and fields[0] not in ("Z", "X"):
            members.append(int(entry.name))
    return members
