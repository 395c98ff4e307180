"""Terminal figures of shenbao against the bare Textual apps, run by run in the same session.

Each function runs the baseline and shenbao alternately (baseline, app,
baseline, app …) so slow moments of the machine hit both, and returns the raw
samples; ``tests.bench.report`` turns them into medians, ratios and verdicts.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.bench import apps
from tests.bench.pty_driver import KeyResult, PtyApp

SETTLE = 0.3
"""Seconds of silence that mean a screen has finished painting (background work included)."""


def key_dicts(results: list[KeyResult]) -> list[dict[str, object]]:
    """Key results as plain data (for JSON and the report)."""
    return [{"key": r.key, "bytes": r.bytes, "seconds": r.seconds, "frames": r.frames, "rows": r.rows} for r in results]


@contextmanager
def scratch_copy(folder: Path) -> Iterator[Path]:
    """A throwaway copy of a drafts folder, for runs that create or change drafts."""
    with tempfile.TemporaryDirectory(prefix="shenbao-bench-") as tmp:
        copy = Path(tmp) / "drafts"
        shutil.copytree(folder, copy)
        yield copy


def open_editor(folder: Path, key: str = apps.OPEN_DRAFT) -> tuple[PtyApp, dict[str, float]]:
    """Start shenbao on ``folder``, wait for the list, press ``key`` and wait for the editor to settle."""
    app, rows = apps.launch_shenbao(folder, apps.first_row_text(folder))
    try:
        app.settle(SETTLE)
        mark = app.mark()
        opened = app.press_until(key, apps.EDITOR_READY)
        app.wait_quiet(SETTLE, 30)
        return app, {"list": rows, "open": opened, "editor_bytes": len(app.since(mark))}
    except BaseException:
        app.close()
        raise


def startup(folder: Path, runs: int) -> dict[str, list[float]]:
    """Launch to first screen: the bare Input app, and shenbao's drafts list then editor (``folder``: few drafts)."""
    ready = apps.first_row_text(folder)
    out: dict[str, list[float]] = {k: [] for k in ("bare", "bare_bytes", "first", "header", "list", "list_settled",
                                                   "list_bytes", "open", "editor_bytes")}  # fmt: skip
    for _ in range(runs):
        app, painted = apps.launch_bare()
        with app:
            app.settle(SETTLE)
            out["bare"].append(painted)
            out["bare_bytes"].append(app.total_bytes)
        app, listed = apps.launch_shenbao(folder, ready)
        with app:
            out["list"].append(listed)
            out["header"].append(app.seen_at(apps.LIST_HEADER) or listed)
            out["first"].append(app.seen_at(apps.ANY_TEXT) or listed)
            out["list_settled"].append(app.settle(SETTLE))
            out["list_bytes"].append(app.total_bytes)
            mark = app.mark()
            out["open"].append(app.press_until(apps.OPEN_DRAFT, apps.EDITOR_READY))
            app.wait_quiet(SETTLE, 30)
            out["editor_bytes"].append(len(app.since(mark)))
    return out


def typing(folder: Path, runs: int, text: str = apps.TYPED) -> dict[str, object]:
    """Type ``text`` into the bare Input (without and with blink) and into a new draft's 项目名称."""
    bare: list[KeyResult] = []
    blink: list[KeyResult] = []
    app_keys: list[KeyResult] = []
    other: list[KeyResult] = []
    after: list[int] = []
    for _ in range(runs):
        for variant, sink in ((False, bare), (True, blink)):
            app, _painted = apps.launch_bare(blink=variant)
            with app:
                app.settle(SETTLE)
                sink.extend(app.type_text(text))
        with scratch_copy(folder) as copy:
            app, _opened = open_editor(copy, apps.NEW_DRAFT)
            with app:
                for _ in range(apps.TABS_TO_NAME):
                    app.press("tab")
                app.wait_quiet(SETTLE)
                app_keys.extend(app.type_text(text))
                # Whatever follows the last key (autosave's 已保存, checks) is not on a key's path; count it apart.
                after.append(app.idle(3.0)[0])
                for _ in range(apps.TABS_TO_DEPARTMENT):
                    app.press("tab")
                app.wait_quiet(SETTLE)
                other.extend(app.type_text(text))
    return {
        "bare": key_dicts(bare),
        "bare_blink": key_dicts(blink),
        "app": key_dicts(app_keys),
        "app_other_field": key_dicts(other),
        "after_typing_bytes": after,
    }


def moving(folder: Path, counts: list[int], runs: int) -> dict[str, object]:
    """Tab through the first and the largest section, and switch through every section, in the editor.

    ``counts`` are the fields of each section (``tests.bench.sections``); the
    bare app gets as many Inputs as the largest section has fields.
    """
    fields = max(counts)
    walks = {0: counts[0], counts.index(fields): fields}
    bare: list[KeyResult] = []
    bare_repaint: list[int] = []
    tabs: dict[int, list[KeyResult]] = {index: [] for index in walks}
    switches: list[dict[str, object]] = []
    repaints: dict[int, int] = {}
    for _ in range(runs):
        app, _painted = apps.launch_bare_inputs(fields)
        with app:
            app.settle(SETTLE)
            bare.extend(app.press("tab") for _ in range(fields))
            bare_repaint.append(max(app.full_repaint().bytes for _ in range(2)))
        with scratch_copy(folder) as copy:
            app, _opened = open_editor(copy)
            with app:
                for index in range(apps.SECTIONS):
                    switch = key_dicts([app.press(apps.NEXT_SECTION)])[0] if index else None
                    mark = app.mark()
                    app.wait_quiet(SETTLE)
                    late = len(app.since(mark))  # a second wave of output after the 50 ms of quiet
                    # A resize can be coalesced with the one before it and repaint in part: the larger of two.
                    repaints[index] = max(app.full_repaint().bytes for _ in range(2))
                    if switch is not None:
                        switches.append({**switch, "late": late, "section": index, "repaint": repaints[index]})
                    if index in walks:
                        app.wait_quiet(SETTLE)
                        tabs[index].extend(app.press("tab") for _ in range(walks[index]))
    return {
        "fields": fields,
        "bare": key_dicts(bare),
        "bare_repaint": bare_repaint,
        "app": {str(i): [{**k, "repaint": repaints.get(i)} for k in key_dicts(keys)] for i, keys in tabs.items()},
        "switches": switches,
    }


def idle(folder: Path, seconds: float) -> dict[str, float]:
    """Bytes per second while nobody types: bare Input with and without blink, shenbao's list and editor."""
    out: dict[str, float] = {}
    for name, blink in (("bare_blink", True), ("bare", False)):
        app, _painted = apps.launch_bare(blink=blink)
        with app:
            app.settle(SETTLE)
            out[name] = app.idle(seconds)[0] / seconds
    with scratch_copy(folder) as copy:
        app, _rows = apps.launch_shenbao(copy, apps.first_row_text(copy))
        with app:
            app.settle(SETTLE)
            out["list"] = app.idle(seconds)[0] / seconds
            app.press_until(apps.OPEN_DRAFT, apps.EDITOR_READY)
            app.settle(SETTLE)
            out["editor"] = app.idle(seconds)[0] / seconds
    return out
