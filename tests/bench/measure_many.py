"""Figures over a large drafts folder: the list in the terminal, ``shenbao list``/``validate``, export.

The list is compared with itself on a small folder, the command line with a
script that only parses every file with ``tomllib``, each pair run alternately
in the same session.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from forms.store.drafts import draft_paths
from tests.bench import apps
from tests.bench.measure_screen import SETTLE, key_dicts
from tests.bench.process import bench_env

SCROLL_KEYS = ("down", "down", "down", "up", "up", "up", "pagedown", "pageup", "pagedown", "pageup", "end", "home")
"""Keys that move the cursor through the drafts list, in a small folder as in a large one."""
PARSE_ONLY = """\
import sys, tomllib
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.toml")):
    try:
        tomllib.loads(path.read_bytes().decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        pass
"""
"""The floor for the command line: read and parse every draft file, nothing else."""


def draft_list(folders: dict[str, Path], runs: int, load_timeout: float = 300) -> dict[str, dict[str, list]]:
    """Paint, full load, scrolling and peak memory of the drafts list, per folder, runs interleaved.

    The first run over a folder is cold for any cache the app keeps in the
    folder; later runs are warm. Both are recorded.
    """
    out: dict[str, dict[str, list]] = {}
    for _ in range(runs):
        for name, folder in folders.items():
            keys = ("first", "paint", "loaded", "load_bytes", "settled", "scroll", "rss")
            figures = out.setdefault(name, {k: [] for k in keys})
            count = len(draft_paths(folder))
            app, painted = apps.launch_shenbao(folder, apps.first_row_text(folder), timeout=load_timeout)
            with app:
                figures["paint"].append(painted)
                figures["first"].append(app.seen_at(apps.ANY_TEXT) or painted)
                try:
                    figures["loaded"].append(app.wait_for(apps.list_loaded(count), timeout=load_timeout))
                except TimeoutError:
                    figures["loaded"].append(None)
                figures["settled"].append(app.settle(SETTLE, load_timeout))
                figures["load_bytes"].append(app.total_bytes)
                figures["scroll"].append(key_dicts([app.press(key, first_byte=5) for key in SCROLL_KEYS]))
                figures["rss"].append(app.peak_rss_mb())
    return out


def _run(argv: list[str]) -> float:
    began = time.perf_counter()
    quiet = subprocess.DEVNULL
    subprocess.run(argv, stdout=quiet, stderr=quiet, env=bench_env(), check=False, timeout=600)
    return time.perf_counter() - began


def command_line(folder: Path, runs: int = 3) -> dict[str, list[float]]:
    """Seconds for ``shenbao list`` and ``shenbao validate`` over ``folder``, and for parsing it with tomllib."""
    commands = {
        "parse": [sys.executable, "-c", PARSE_ONLY, str(folder)],
        "list": apps.shenbao("list", "--drafts", folder),
        "validate": apps.shenbao("validate", "--drafts", folder),
    }
    out: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            out[name].append(_run(argv))
    return out


def export_rate(folder: Path) -> dict[str, float]:
    """Drafts per second rendered as text and as Markdown (in-process), and loaded from disk."""
    from forms.store.drafts import DraftError, draft_paths, load_draft

    try:
        from forms.render.formats import render
    except ModuleNotFoundError:
        return {}
    began = time.perf_counter()
    drafts = []
    for path in draft_paths(folder):
        try:
            drafts.append(load_draft(path))
        except DraftError:
            continue
    out = {"drafts": len(drafts), "load_per_s": len(drafts) / (time.perf_counter() - began)}
    for fmt in ("text", "md"):
        began = time.perf_counter()
        for draft in drafts:
            render(draft, fmt)
        out[f"{fmt}_per_s"] = len(drafts) / (time.perf_counter() - began)
    return out
