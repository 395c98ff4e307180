"""The commands the benchmarks run, and what each one's screens show (texts to wait for, keys).

Everything that depends on shenbao's screens is here, so when a label or a key
changes only this module changes.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from tests.bench import baseline_input, baseline_inputs
from tests.bench.pty_driver import PtyApp

BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable

LIST_HEADER = "项目名称"
"""A column heading of the drafts list: its first frame, before any row is read."""
ANY_TEXT = re.compile(r"\S")
"""Any printable character: the first frame that shows anything."""


def list_loaded(count: int) -> re.Pattern[str]:
    """The drafts list's heading once all ``count`` files are read (``草稿 N 个``; only the count is relied on)."""
    return re.compile(rf"(?<![\d,]){count} ?个")


EDITOR_READY = re.compile(r"项目属性")
"""Text of the editor's first screen that the list never shows (a 基本情况 label)."""
NEW_DRAFT = "n"
"""Drafts list: create a new draft and open it."""
OPEN_DRAFT = "enter"
"""Drafts list: open the highlighted draft."""
TABS_TO_NAME = 1
"""Editor, new draft: Tabs from where focus lands (填报单位, the first empty field; 年度 is filled) to 项目名称."""
TABS_TO_DEPARTMENT = 2
"""Editor: Tabs from 项目名称 to 主管部门 (项目属性 lies between), a field nothing else echoes."""
NEXT_SECTION = "f6"
"""Editor: go to the next section."""
SECTIONS = 8
"""Sections in the editor (the stepper's length)."""
TYPED = "abcde12345电子政务外网线路租赁"
"""What the typing benchmarks type: 20 characters, ASCII and CJK."""


def bare_input(*, blink: bool = False) -> list[str]:
    """The bare Textual app: one Label and one focused Input (``blink`` = Textual's default cursor)."""
    return [PYTHON, str(BENCH / "baseline_input.py"), *([] if blink else ["--no-blink"])]


def bare_inputs(count: int, *, blink: bool = False) -> list[str]:
    """The bare Textual app with ``count`` Inputs."""
    return [PYTHON, str(BENCH / "baseline_inputs.py"), str(count), *([] if blink else ["--no-blink"])]


def shenbao(*args: str | Path) -> list[str]:
    """The ``shenbao`` command as an operator runs it: the console script pip installed, else ``python -m tui``.

    The script beside this interpreter, not the first one on PATH: a version manager's shim there
    (pyenv's is a shell script that runs two more) would add 100–200 ms of its own to every start.
    """
    installed = Path(PYTHON).parent / "shenbao"
    script = str(installed) if installed.is_file() else shutil.which("shenbao")
    head = [script] if script else [PYTHON, "-m", "tui"]
    return [*head, *map(str, args)]


def launch_bare(*, blink: bool = False, timeout: float = 20) -> tuple[PtyApp, float]:
    """Start the bare Input app and wait for its first screen; returns the running app and seconds to paint."""
    app = PtyApp(bare_input(blink=blink)).start()
    try:
        return app, app.wait_for(baseline_input.READY, timeout=timeout)
    except BaseException:
        app.close()
        raise


def launch_bare_inputs(count: int, timeout: float = 20) -> tuple[PtyApp, float]:
    """Start the bare app with ``count`` Inputs (no blink) and wait for its first screen."""
    app = PtyApp(bare_inputs(count)).start()
    try:
        return app, app.wait_for(baseline_inputs.READY, timeout=timeout)
    except BaseException:
        app.close()
        raise


def launch_shenbao(
    folder: Path, ready: str | re.Pattern[str], *, timeout: float = 30, env: dict[str, str] | None = None
) -> tuple[PtyApp, float]:
    """Start ``shenbao --drafts folder`` and wait for ``ready``; returns the running app and seconds to it."""
    app = PtyApp(shenbao("--drafts", folder), cwd=folder.parent, env=env).start()
    try:
        return app, app.wait_for(ready, timeout=timeout)
    except BaseException:
        app.close()
        raise


def first_row_text(folder: Path) -> str:
    """Text that shows the list's first row has painted: the start of the first draft's project name.

    Only the first eight characters, since the name column truncates long names.
    """
    from forms.store.drafts import DraftError, draft_paths, load_draft

    for path in draft_paths(folder):
        try:
            name = load_draft(path).project.name
        except DraftError:
            continue
        if name.strip():
            return name.strip()[:8]
    raise ValueError(f"no readable named draft in {folder}")
