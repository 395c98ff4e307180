"""SIGHUP ends the app within ``tui.editing.guard.GRACE`` even while its loop is stuck (issue 18), or a save fails.

A real process (signals cannot be tested in-process): the app runs headless,
its handlers installed, then its loop is made to hang the way 20,000 table rows
once hung it. Without the watchdog it would sleep out the whole minute. And a
step of the save that fails must not keep a process without a terminal alive.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import REPO

from tui.editing import guard

STUCK = """
import asyncio, sys, time
from pathlib import Path
from tui.editing import guard
from tui.app import ShenbaoApp

async def main() -> None:
    app = ShenbaoApp(Path(sys.argv[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert guard.install(app)
        print("stuck", flush=True)
        time.sleep(60)  # a step that never yields to the loop

asyncio.run(main())
"""


def test_sighup_ends_a_stuck_app(drafts: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    app = subprocess.Popen(
        [sys.executable, "-c", STUCK, str(drafts)],
        stdin=subprocess.DEVNULL,  # a closed pipe would read as a terminal gone (tui.editing.hangup)
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert app.stdout is not None
        assert app.stdout.readline() == b"stuck\n", app.stderr.read() if app.stderr else b""
        sent = time.monotonic()
        app.send_signal(signal.SIGHUP)
        status = app.wait(timeout=30)
        waited = time.monotonic() - sent
    finally:
        app.kill()
        app.wait()
    assert status == 128 + signal.SIGHUP
    assert waited < 30  # ended by the watchdog, not by the minute running out


class Ended(Exception):
    """Stands in for ``os._exit`` (which would end the test run)."""


def test_sighup_ends_the_process_even_when_the_last_step_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def finish() -> None:
        raise OSError("the drafts folder went away")

    def end(status: int) -> None:
        raise Ended(status)

    app = SimpleNamespace(screen_stack=[], leaving_on_signal=False, notes=[], finish=finish)
    monkeypatch.setattr(guard, "close_sessions", lambda: None)  # none here; others' sessions in this worker stay
    monkeypatch.setattr(guard.os, "_exit", end)
    with pytest.raises(Ended) as ended:
        guard.leave_on_signal(app, signal.SIGHUP)  # type: ignore[arg-type]
    assert ended.value.args == (128 + signal.SIGHUP,)
