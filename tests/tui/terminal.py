"""Run a command in a real terminal (a private tmux server) and read its screen.

Used by the real-terminal tests: keys go through tmux exactly as an operator's
keys would over SSH, so a key the app binds but the terminal never delivers
shows up as a failing test, not as a surprise in the field.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

TMUX = shutil.which("tmux")
"""The tmux binary, or ``None`` when tmux is not installed (the tests then skip)."""


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
        self._tmux(*args, shell)
        return self

    def close(self) -> None:
        """Stop the tmux server and everything in it."""
        subprocess.run([TMUX or "tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)

    def __enter__(self) -> Terminal:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

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
