"""Start-up on the folders an operator really comes back to (issue 17): cached, cold, and with a stray file.

The start-up item measures the generated folder; these three are the seven
example drafts as an operator has them:

- **cached**: listed before, files settled, the index built;
- **cold**: just copied (a fresh copy for every launch), no index yet, files too new to index;
- **stray**: cached, plus a ``notes.toml`` beside the drafts that is not a draft.

Each round launches the bare app and then shenbao on each folder, so slow
moments of the machine hit all of them alike.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from tests.bench import apps, gen_drafts

SETTLE = 0.3
"""Seconds of silence after the first row before the app is closed (its worker's output included)."""
STRAY = "今天的待办：\n- 周三前交申报材料\n- 问财政局口径\n"
"""A note an operator keeps beside the drafts: a ``.toml`` that is not a draft."""


def copy_examples(folder: Path, *, settled: bool) -> Path:
    """The example drafts copied into ``folder`` (made); ``settled``: dated an hour ago, as files at rest are."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(gen_drafts.EXAMPLES.glob("*.toml")):
        shutil.copy(path, folder / path.name)
    if settled:
        hour_ago = time.time() - 3600
        for path in folder.iterdir():
            os.utime(path, (hour_ago, hour_ago))
    return folder


def listed(folder: Path) -> Path:
    """``folder`` after one listing, so its index knows every file (as after any earlier start)."""
    from tui.folder.store import DraftStore

    DraftStore(folder).summaries()
    return folder


def startup_folders(root: Path, runs: int) -> dict[str, list[float]]:
    """Launch to first row on the cached, cold and stray folders, paired with the bare app in each round."""
    cached = listed(copy_examples(root / "cached" / "drafts", settled=True))
    stray_folder = copy_examples(root / "stray" / "drafts", settled=True)
    (stray_folder / "notes.toml").write_text(STRAY, "utf-8")
    os.utime(stray_folder / "notes.toml", (time.time() - 3600,) * 2)
    stray = listed(stray_folder)
    ready = apps.first_row_text(cached)
    out: dict[str, list[float]] = {"bare": [], "cached": [], "cold": [], "stray": []}
    for _ in range(runs):
        app, painted = apps.launch_bare()
        with app:
            out["bare"].append(painted)
        for name, folder in (("cached", cached), ("stray", stray)):
            app, seconds = apps.launch_shenbao(folder, ready)
            with app:
                out[name].append(seconds)
                app.settle(SETTLE)
        with tempfile.TemporaryDirectory(prefix="shenbao-cold-") as tmp:
            app, seconds = apps.launch_shenbao(copy_examples(Path(tmp) / "drafts", settled=False), ready)
            with app:
                out["cold"].append(seconds)
                app.settle(SETTLE)
    return out
