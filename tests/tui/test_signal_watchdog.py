"""SIGHUP ends the app within ``tui.editing.guard.GRACE`` even while its loop is stuck (issue 18).

A real process (signals cannot be tested in-process): the app runs headless,
its handlers installed, then its loop is made to hang the way 20,000 table rows
once hung it. Without the watchdog it would sleep out the whole minute.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO

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
        [sys.executable, "-c", STUCK, str(drafts)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
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
