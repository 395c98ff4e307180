"""The cost of the 一体化 rules (issue 20): ``shenbao validate`` over a cold folder, every rule on against all off.

``python3 -m tests.bench.measure_yitihua [-n 1000] [--runs 5]`` on its own, or the
``yitihua`` item of ``tests.bench.run``. Both variants run in one process,
alternately, on the same generated folder with its index deleted before every run
(cold: every draft read and checked), so a slow moment of the machine hits both
alike. The draft's template is swapped for district-2021 with its ``[yitihua]``
table all on (every rule, spaces and 定量（其他） included) or all off; the parse
cache of the rules is emptied before each run, as a fresh process has it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from tests.bench import gen_drafts

LIMIT = 1.2
"""Rules on may take at most this many times as long as rules off."""
COUNT = 1_000
"""Drafts in the folder (the issue's figure)."""


def prepared(root: Path, count: int = COUNT) -> Path:
    """A folder of ``count`` generated drafts under ``root`` (made unless already there)."""
    folder = root / f"drafts-{count}"
    if not folder.is_dir() or len(list(folder.glob("*.toml"))) < count:
        gen_drafts.generate(folder, count, broken_share=0.001)
    return folder


def variants() -> dict[str, object]:
    """District-2021 with every 一体化 rule on, and with every one off."""
    from forms.model.template import Yitihua, load_template

    shipped = load_template()
    every = shipped.yitihua.model_copy(update={"spaces": True, "other_quantitative": True, "weights": True})
    return {
        "off": shipped.model_copy(update={"yitihua": Yitihua()}),
        "on": shipped.model_copy(update={"yitihua": every}),
    }


def validate_cold(folder: Path, template: object) -> tuple[float, float]:
    """Wall and CPU seconds of ``shenbao validate`` over ``folder`` with no index, every draft judged by ``template``.

    CPU seconds (this process's) are what the rules cost; wall seconds add whatever else the machine runs.
    """
    from forms.checks import yitihua_rows
    from forms.store.index import INDEX_NAME
    from tui.cli import main

    (folder / INDEX_NAME).unlink(missing_ok=True)
    yitihua_rows.forget()
    out = io.StringIO()
    with mock.patch("forms.model.declaration.load_template", lambda _id="": template):
        began, cpu = time.perf_counter(), time.process_time()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            main(["validate", "--drafts", str(folder)])
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    (folder / INDEX_NAME).unlink(missing_ok=True)
    return seconds, cpu


def rules_on_off(folder: Path, runs: int = 5) -> dict[str, list[float]]:
    """Wall and CPU seconds per run of each variant (``on``, ``off``, ``on_cpu``, ``off_cpu``), paired.

    Off then on, ``runs`` times, after one unmeasured warm-up each.
    """
    templates = variants()
    out: dict[str, list[float]] = {key: [] for name in templates for key in (name, f"{name}_cpu")}
    for template in templates.values():
        validate_cold(folder, template)  # imports and the disk cache, for neither to pay alone
    for _ in range(runs):
        for name, template in templates.items():
            wall, cpu = validate_cold(folder, template)
            out[name].append(wall)
            out[f"{name}_cpu"].append(cpu)
    return out


def rows(samples: dict[str, list[float]], count: int) -> list:
    """Two rows, limit 1.2× each: CPU seconds (median), then wall seconds (best run, as the ``cli`` item).

    The CPU time of the process is what the rules cost, whatever else the machine runs; the
    wall time is what an operator waits, best of runs being the run least disturbed.
    """
    from tests.bench.report import Row

    runs = len(samples["on"])
    note = f"cold folder, {count:,} drafts, {runs} paired runs"
    cpu_on, cpu_off = statistics.median(samples["on_cpu"]), statistics.median(samples["off_cpu"])
    return [
        Row("validate: 一体化 rules on vs off, CPU", cpu_on, "s", cpu_off, LIMIT, f"{note}, medians"),
        Row(
            "validate: 一体化 rules on vs off, wall",
            min(samples["on"]),
            "s",
            min(samples["off"]),
            LIMIT,
            f"{note}, best",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    """Command line: generate the drafts, measure, print the row; 1 when the ratio passes the limit."""
    parser = argparse.ArgumentParser(description="一体化规则对 validate 的耗时影响")
    parser.add_argument("-n", "--count", type=int, default=COUNT)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from tests.bench.report import table

    with tempfile.TemporaryDirectory(prefix="shenbao-yitihua-") as tmp:
        samples = rules_on_off(prepared(Path(tmp), args.count), args.runs)
    result = rows(samples, args.count)
    print(table(result))
    for name, values in samples.items():
        print(f"{name}: {', '.join(f'{s:.2f}' for s in values)}")
    return 0 if all(row.verdict == "PASS" for row in result) else 1


if __name__ == "__main__":
    sys.exit(main())
