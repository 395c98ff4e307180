"""Big tables in the editor (issue 18): F6 into a 支出明细 of 10 to 500 rows, and Tab there.

Each size gets a folder with one draft (``gen_drafts.builtin_example`` with its
支出明细 grown to that many lines). shenbao opens it, goes to 资金来源, and the
F6 into 支出明细 is timed to the last byte of its screen (50 ms of quiet); then
Tabs in the table are timed the same way. A 500-row table once took ~18 s to
open and 2 s a Tab: the first-byte wait is long enough to measure that too.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.bench import apps
from tests.bench.gen_drafts import builtin_example
from tests.bench.measure_screen import SETTLE, key_dicts
from tests.bench.pty_driver import KeyResult

SIZES = (10, 100, 300, 500)
"""Rows of 支出明细 measured (10 is a real form's table: the baseline of the ratios)."""
TABS = 8
"""Tabs measured in each table (two rows' worth)."""
SLOW = 120.0
"""Seconds a key may take before the benchmark gives up on it."""


def table_folder(root: Path, rows: int) -> Path:
    """A drafts folder under ``root`` with one draft whose 支出明细 has ``rows`` lines."""
    from forms.model.declaration import ExpenseLine
    from forms.store.drafts import save_draft

    folder = root / f"table-{rows}"
    folder.mkdir(parents=True, exist_ok=True)
    draft = builtin_example()
    draft.project.name = f"大表{rows}行"
    draft.expenses.lines = [
        ExpenseLine(item=f"明细{i:04d}", last_year="1", this_year="1", basis="按合同") for i in range(rows)
    ]
    save_draft(draft, folder / "big.toml")
    return folder


def big_tables(runs: int, sizes: tuple[int, ...] = SIZES) -> dict[str, object]:
    """For each size: the F6 into 支出明细 and Tabs there, ``runs`` times (sizes alternate within a run)."""
    f6: dict[str, list[dict[str, object]]] = {str(size): [] for size in sizes}
    tabs: dict[str, list[dict[str, object]]] = {str(size): [] for size in sizes}
    with tempfile.TemporaryDirectory(prefix="shenbao-bench-tables-") as tmp:
        folders = {size: table_folder(Path(tmp), size) for size in sizes}
        for _ in range(runs):
            for size, folder in folders.items():
                switch, walked = _one(folder)
                f6[str(size)].extend(key_dicts([switch]))
                tabs[str(size)].extend(key_dicts(walked))
    return {"sizes": list(sizes), "f6": f6, "tabs": tabs}


def _one(folder: Path) -> tuple[KeyResult, list[KeyResult]]:
    app, _listed = apps.launch_shenbao(folder, "大表")
    with app:
        app.settle(SETTLE)
        app.press_until(apps.OPEN_DRAFT, apps.EDITOR_READY)
        app.wait_quiet(SETTLE, SLOW)
        app.press(apps.NEXT_SECTION, first_byte=SLOW, timeout=SLOW)  # to 资金来源
        app.wait_quiet(SETTLE, SLOW)
        switch = app.press(apps.NEXT_SECTION, first_byte=SLOW, timeout=SLOW)  # into 支出明细
        app.wait_quiet(SETTLE, SLOW)
        walked = [app.press("tab", first_byte=SLOW, timeout=SLOW) for _ in range(TABS)]
        return switch, walked
