"""Drive a terminal program in a pseudo-terminal and measure what it sends: time, bytes, bursts.

``PtyApp`` starts a command in an 80×24 pty (TERM=xterm-256color), reads its
output in a thread with a timestamp per chunk, and offers what the benchmarks
need: wait for a text to appear (escape sequences stripped, CJK matched on
decoded text), press a key and measure the response until the output falls
quiet, count bytes while idle, resize, read the peak memory, and shut down.
Every wait is bounded, so a hung app fails a benchmark instead of hanging it.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from tests.bench.keys import key_bytes
from tests.bench.process import bench_env, peak_rss_mb
from tests.bench.terminal_text import frames, rows_touched, strip_sequences

QUIET = 0.05
"""Seconds without output after which a response counts as finished (the issue's 50 ms)."""


@dataclass(frozen=True)
class KeyResult:
    """The response to one key press."""

    key: str
    """The key as named to ``press``."""
    bytes: int
    """Bytes written until the output fell quiet."""
    seconds: float | None
    """From sending the key to the last byte of the response; None when nothing came."""
    frames: int
    """Separate bursts of output (more than one means an animation or a late repaint)."""
    rows: int
    """Distinct screen rows the response rewrote."""


class PtyApp:
    """One run of a command in a pseudo-terminal; use as a context manager so it is always shut down."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cols: int = 80,
        rows: int = 24,
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        self.argv = list(argv)
        self.size = (cols, rows)
        self.env = dict(env) if env is not None else bench_env()
        self.cwd = cwd
        self.pid = 0
        self.fd = -1
        self.started = 0.0
        self.status: int | None = None
        self._chunks: list[tuple[float, bytes]] = []
        self._cond = threading.Condition()
        self._reader: threading.Thread | None = None
        self._closed = False

    # --- lifecycle -------------------------------------------------------------------------------

    def start(self) -> PtyApp:
        """Fork the command onto a new pty of the configured size and start reading its output."""
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:  # the child: only async-signal-safe work, then exec
            try:
                if self.cwd is not None:
                    os.chdir(self.cwd)
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", self.size[1], self.size[0], 0, 0))
                os.execvpe(self.argv[0], self.argv, self.env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self._reader = threading.Thread(target=self._read, name=f"pty-reader-{pid}", daemon=True)
        self._reader.start()
        return self

    def __enter__(self) -> PtyApp:
        return self.start() if not self.pid else self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self, timeout: float = 3.0) -> int | None:
        """Quit with ctrl+q, then SIGTERM, then SIGKILL, each after a bounded wait; returns the exit status."""
        if self._closed or not self.pid:
            return self.status
        self._closed = True
        for action in ("ctrl+q", signal.SIGTERM, signal.SIGKILL):
            if self._reap():
                break
            try:
                if isinstance(action, str):
                    os.write(self.fd, key_bytes(action))
                else:
                    os.kill(self.pid, action)
            except OSError:
                pass
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and not self._reap():
                time.sleep(0.02)
        if self._reader is not None:
            self._reader.join(timeout=2)
        try:
            os.close(self.fd)
        except OSError:
            pass
        return self.status

    def alive(self) -> bool:
        """Whether the command is still running."""
        return not self._reap()

    def _reap(self) -> bool:
        if self.status is not None:
            return True
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            self.status = -1
            return True
        if pid == 0:
            return False
        self.status = os.waitstatus_to_exitcode(status)
        return True

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.1)
            except (OSError, ValueError):
                break
            if not ready:
                if self._closed and self.status is not None:
                    break
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the child closed its side
                data = b""
            now = time.monotonic()
            with self._cond:
                if data:
                    self._chunks.append((now, data))
                self._cond.notify_all()
            if not data:
                break

    # --- reading ---------------------------------------------------------------------------------

    def mark(self) -> int:
        """A position in the output; pass it to ``wait_for``/``since`` to look only at what comes after."""
        with self._cond:
            return len(self._chunks)

    def since(self, mark: int = 0, until: int | None = None) -> bytes:
        """The bytes written after ``mark`` (and before the mark ``until``, if given)."""
        with self._cond:
            return b"".join(data for _, data in self._chunks[mark:until])

    def chunks(self, mark: int = 0) -> list[tuple[float, bytes]]:
        """``(arrival time, bytes)`` of every read after ``mark``, arrival on ``time.monotonic``'s clock."""
        with self._cond:
            return self._chunks[mark:]

    def text(self, mark: int = 0) -> str:
        """The text written after ``mark``, decoded as UTF-8 with escape sequences removed."""
        return strip_sequences(self.since(mark).decode("utf-8", errors="replace"))

    @property
    def total_bytes(self) -> int:
        """Every byte the command has written so far."""
        with self._cond:
            return sum(len(data) for _, data in self._chunks)

    def wait_for(self, pattern: str | re.Pattern[str], *, mark: int = 0, timeout: float = 15.0) -> float:
        """Wait until ``pattern`` (a literal text or a regex) appears in the stripped output after ``mark``.

        Returns:
            Seconds from launch to the arrival of the chunk that completed the match.

        Raises:
            TimeoutError: it did not appear in time (or the command exited); the message shows the screen's tail.
        """
        regex = pattern if isinstance(pattern, re.Pattern) else re.compile(re.escape(pattern))
        deadline = time.monotonic() + timeout
        seen = -1
        while True:
            with self._cond:
                count = len(self._chunks)
                if count == seen:
                    self._cond.wait(min(0.1, max(0.0, deadline - time.monotonic())))
                    count = len(self._chunks)
                chunks = self._chunks[mark:count]
            if count != seen:
                seen = count
                text = strip_sequences(b"".join(d for _, d in chunks).decode("utf-8", errors="replace"))
                if regex.search(text):
                    return self._first_match(regex, mark, count) - self.started
            exited = not self.alive() and (self._reader is None or not self._reader.is_alive())
            if time.monotonic() >= deadline or (exited and len(self._chunks) == seen):
                why = "exited" if exited else f"not seen within {timeout:.0f} s"
                tail = self.text(mark)[-400:]
                raise TimeoutError(f"{regex.pattern!r} {why} ({self.argv[-1]}); output ends: {tail!r}")

    def seen_at(self, pattern: str | re.Pattern[str], *, mark: int = 0) -> float | None:
        """Seconds from launch to when ``pattern`` first appeared after ``mark``; None if it has not."""
        regex = pattern if isinstance(pattern, re.Pattern) else re.compile(re.escape(pattern))
        with self._cond:
            count = len(self._chunks)
            data = b"".join(d for _, d in self._chunks[mark:count])
        if not regex.search(strip_sequences(data.decode("utf-8", errors="replace"))):
            return None
        return self._first_match(regex, mark, count) - self.started

    def _first_match(self, regex: re.Pattern[str], mark: int, count: int) -> float:
        """Arrival time of the chunk that first completed a match (binary search over the chunks)."""
        with self._cond:
            chunks = self._chunks[mark:count]
        low, high = 1, len(chunks)
        while low < high:
            middle = (low + high) // 2
            text = strip_sequences(b"".join(d for _, d in chunks[:middle]).decode("utf-8", errors="replace"))
            if regex.search(text):
                high = middle
            else:
                low = middle + 1
        return chunks[high - 1][0]

    def wait_quiet(self, quiet: float = QUIET, timeout: float = 10.0) -> float:
        """Wait until no byte has come for ``quiet`` seconds; returns the moment of the last byte (monotonic)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                last = self._chunks[-1][0] if self._chunks else self.started
                now = time.monotonic()
                if now - last >= quiet or now >= deadline:
                    return self._chunks[-1][0] if self._chunks else now
                self._cond.wait(min(last + quiet, deadline) - now)

    def settle(self, quiet: float = 0.3, timeout: float = 30.0) -> float:
        """Wait for a longer silence (background work finished painting); seconds from launch to the last byte."""
        return self.wait_quiet(quiet, timeout) - self.started

    # --- acting ----------------------------------------------------------------------------------

    def press(self, key: str, *, quiet: float = QUIET, first_byte: float = 2.0, timeout: float = 10.0) -> KeyResult:
        """Send one key (a name such as ``tab``/``f6``/``ctrl+q``, or literal text) and measure the response.

        Waits up to ``first_byte`` seconds for any output, then until the output
        falls quiet for ``quiet`` seconds (the silence itself is not counted).
        """
        return self.respond(key, lambda: os.write(self.fd, key_bytes(key)), quiet, first_byte, timeout)

    def respond(
        self, name: str, action: Callable[[], object], quiet: float = QUIET, first_byte: float = 2.0, timeout: float = 9
    ) -> KeyResult:
        """Do ``action`` and measure the output it causes, as ``press`` does for a key."""
        with self._cond:
            start = len(self._chunks)
        sent = time.monotonic()
        action()
        with self._cond:
            self._cond.wait_for(lambda: len(self._chunks) > start, timeout=first_byte)
            if len(self._chunks) == start:
                return KeyResult(name, 0, None, 0, 0)
        last = self.wait_quiet(quiet, timeout)
        with self._cond:
            response = self._chunks[start:]
        data = b"".join(d for _, d in response)
        return KeyResult(name, len(data), last - sent, frames([t for t, _ in response]), rows_touched(data))

    def press_until(self, key: str, pattern: str | re.Pattern[str], *, timeout: float = 15.0) -> float:
        """Send a key and wait for ``pattern`` in what follows; returns seconds from the key to the text."""
        mark = self.mark()
        sent = time.monotonic()
        os.write(self.fd, key_bytes(key))
        return self.started + self.wait_for(pattern, mark=mark, timeout=timeout) - sent

    def type_text(self, text: str, **options: float) -> list[KeyResult]:
        """Type ``text`` one character at a time, each measured like ``press``."""
        return [self.press(char, **options) for char in text]

    def idle(self, seconds: float) -> tuple[int, int]:
        """Bytes and bursts written during ``seconds`` of nobody typing."""
        with self._cond:
            start = len(self._chunks)
        time.sleep(seconds)
        with self._cond:
            chunks = self._chunks[start:]
        return sum(len(d) for _, d in chunks), frames([t for t, _ in chunks])

    def resize(self, cols: int, rows: int) -> None:
        """Change the pty's size; the kernel sends SIGWINCH to the app."""
        self.size = (cols, rows)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def full_repaint(self) -> KeyResult:
        """One full repaint of the current screen: shrink by a row, then restore the size and measure that."""
        cols, rows = self.size
        self.respond("shrink", lambda: self.resize(cols, rows - 1))
        return self.respond("repaint", lambda: self.resize(cols, rows))

    def peak_rss_mb(self) -> float:
        """Peak resident memory (VmHWM) of the command and its children, in MB."""
        return peak_rss_mb(self.pid)
