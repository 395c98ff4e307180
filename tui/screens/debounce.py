"""Run work once typing pauses: the editor's autosave and live checks.

One timer per quiet period, not one per keystroke: a key only records the
time, and the timer, when it fires, re-arms itself for whatever is left of
the delay. Nothing runs on a keystroke's path, and nothing ticks while idle.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer


class Debounce:
    """Call ``callback`` ``delay`` seconds after the last ``poke``."""

    def __init__(self, owner: MessagePump, delay: float, callback: Callable[[], object]) -> None:
        """Args:
        owner: The widget or screen whose timers run the callback.
        delay: Seconds of quiet before the callback runs.
        callback: The work (save, check).
        """
        self.owner = owner
        self.delay = delay
        """Seconds of quiet before the callback runs."""
        self.callback = callback
        self._last = 0.0
        self._timer: Timer | None = None

    @property
    def pending(self) -> bool:
        """Whether the callback is waiting to run."""
        return self._timer is not None

    def poke(self) -> None:
        """Something changed: run the callback once things have been quiet for ``delay``."""
        self._last = time.monotonic()
        if self._timer is None:
            self._timer = self.owner.set_timer(self.delay, self._fire)

    def cancel(self) -> None:
        """Forget the pending run (the work was done another way, e.g. saved on leaving a field)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _fire(self) -> None:
        remaining = self._last + self.delay - time.monotonic()
        if remaining > 0.01:
            self._timer = self.owner.set_timer(remaining, self._fire)
            return
        self._timer = None
        self.callback()
