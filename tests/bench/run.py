"""Issue 6's benchmarks: ``python3 -m tests.bench.run [--quick] [--only ITEMS] [--json FILE]``.

Run from the repository root. Generates drafts in a temporary folder (10 and
10,000 from the examples; ``--quick``: 10 and 1,000 with fewer runs), measures
each item against its baseline in the same run, prints a table with ratios and
PASS/FAIL, and writes the raw samples as JSON only when ``--json FILE`` is given.
Items: startup, folders (cached, cold and stray-file folders), imports, typing,
moving, idle, many, cli (cli includes export), picker (issue 20's indicator filter),
yitihua (issue 20's rules), tables (F6 and Tab in 支出明细 of 10 to 500 rows). A full run takes three to six
minutes on this 2-core machine (``--quick``: under two).

Exit status: a full run exits 1 when any target fails. ``--quick`` (few runs,
noisy) exits 1 only when a start-up ratio passes 2× while the machine's
1-minute load average is under 1 (at the start and the end of the run); its
other verdicts are printed for reading.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``tests.bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import (
    gen_drafts,
    imports,
    measure_folders,
    measure_library,
    measure_many,
    measure_screen,
    measure_tables,
    measure_yitihua,
    report,
)
from tests.bench.baseline_inputs import DEFAULT_FIELDS
from tests.bench.sections import section_fields

ITEMS = ("startup", "folders", "imports", "typing", "moving", "idle", "many", "cli", "picker", "yitihua", "tables")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line of the benchmark runner."""
    parser = argparse.ArgumentParser(prog="python3 -m tests.bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and 1,000 drafts instead of 10,000")
    parser.add_argument("--only", default=",".join(ITEMS), help=f"comma-separated items ({','.join(ITEMS)})")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every raw sample and row to FILE")
    parser.add_argument("--runs", type=int, help="runs per time figure (default 5, quick 2)")
    parser.add_argument("--count", type=int, help="drafts in the large folder (default 10000, quick 1000)")
    parser.add_argument("--fields", type=int, help="Inputs in the bare multi-field app when no editor to count")
    parser.add_argument("--drafts-dir", type=Path, metavar="DIR", help="reuse/keep generated drafts in DIR")
    args = parser.parse_args(argv)
    unknown = set(args.only.split(",")) - set(ITEMS)
    if unknown:
        parser.error(f"unknown items: {', '.join(sorted(unknown))}")
    return args


def machine() -> dict[str, object]:
    """What the figures were measured on, and how busy it was when the run began."""
    from importlib.metadata import version

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "textual": version("textual"),
        "load_average": os.getloadavg(),
    }


def prepare(root: Path, count: int) -> dict[str, Path]:
    """The small and large drafts folders under ``root``, generated unless already there."""
    folders = {"10": root / "drafts-10", f"{count}": root / f"drafts-{count}"}
    for size, folder in folders.items():
        if not folder.is_dir() or len(list(folder.glob("*.toml"))) < int(size):
            began = time.perf_counter()
            gen_drafts.generate(folder, int(size), broken_share=0 if size == "10" else 0.001)
            print(f"generated {size} drafts in {time.perf_counter() - began:.1f} s → {folder}", file=sys.stderr)
    return folders


def measure(args: argparse.Namespace, root: Path) -> tuple[list[report.Row], dict[str, object]]:
    """Run the chosen items; returns the table rows and the raw samples."""
    only = set(args.only.split(","))
    runs = args.runs or (2 if args.quick else 5)
    count = args.count or (1_000 if args.quick else 10_000)
    folders = prepare(root, count)
    small, large = folders["10"], folders[str(count)]
    raw: dict[str, object] = {"runs": runs, "count": count, "machine": machine()}
    rows: list[report.Row] = []

    def step(name: str, work, to_rows) -> None:
        if name not in only:
            return
        began = time.perf_counter()
        print(f"… {name}", file=sys.stderr, flush=True)
        raw[name] = work()
        rows.extend(to_rows(raw[name]))
        print(f"  {name} done in {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)

    counts = section_fields(small) or [args.fields or DEFAULT_FIELDS]
    raw["section_fields"] = counts
    step("startup", lambda: measure_screen.startup(small, runs), report.startup_rows)
    step("folders", lambda: measure_folders.startup_folders(root / "folders", runs), report.folder_rows)
    step(
        "imports",
        lambda: {**imports.first_paint_imports(small), "subcommands": imports.subcommands_import_textual(small)},
        report.imports_rows,
    )
    step("typing", lambda: measure_screen.typing(small, max(1, runs // 2)), report.typing_rows)
    step("moving", lambda: measure_screen.moving(small, counts, max(1, runs // 2)), report.moving_rows)
    step("idle", lambda: measure_screen.idle(small, 1.0 if args.quick else 3.0), report.idle_rows)
    step(
        "many",
        lambda: measure_many.draft_list({"10": small, str(count): large}, max(2, runs // 2)),
        lambda d: report.many_rows(d, "10", str(count)),
    )
    step(
        "cli",
        lambda: {"times": measure_many.command_line(large, 3), "export": measure_many.export_rate(large)},
        lambda c: report.cli_rows(c["times"], c["export"]),
    )
    step("picker", lambda: measure_library.picker_filter(runs), report.picker_rows)
    step(
        "yitihua",
        lambda: measure_yitihua.rules_on_off(measure_yitihua.prepared(root), max(3, runs)),
        lambda d: measure_yitihua.rows(d, measure_yitihua.COUNT),
    )
    step("tables", lambda: measure_tables.big_tables(max(1, runs // 2)), report.table_rows)
    return rows, raw


def compile_bytecode() -> None:
    """Compile shenbao's modules to bytecode, as ``pip install`` does for an installed package.

    Textual, the baselines' whole code, comes installed with its bytecode; shenbao,
    installed editable from the checkout, gets its bytecode on the first run,
    unless ``PYTHONDONTWRITEBYTECODE`` is set (it is on this machine): then every
    start would compile shenbao's source again (~40 ms), which no installed copy does.
    """
    import compileall

    root = Path(__file__).resolve().parents[2]
    for package in ("forms", "tui"):
        compileall.compile_dir(root / package, quiet=1)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table; 0 when every target passes, 1 otherwise."""
    args = parse_args(argv)
    began = time.perf_counter()
    compile_bytecode()
    if args.drafts_dir:
        rows, raw = measure(args, args.drafts_dir)
    else:
        with tempfile.TemporaryDirectory(prefix="shenbao-bench-") as tmp:
            rows, raw = measure(args, Path(tmp))
    print(report.table(rows))
    failed = [row.item for row in rows if row.verdict == "FAIL"]
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"\n{len(rows) - len(failed)} rows ok, {len(failed)} FAIL; {time.perf_counter() - began:.0f} s in all")
    print(f"machine: {raw['machine']}; load average at the end: {load}")
    if args.json:
        results = {"rows": [r.as_dict() for r in rows], "raw": raw}
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.quick:
        return quick_status(rows, [raw["machine"]["load_average"][0], os.getloadavg()[0]])  # type: ignore[index]
    return 1 if failed else 0


def quick_status(rows: list[report.Row], loads: list[float]) -> int:
    """``--quick``'s exit status: 1 when a start-up ratio passes 2× on a quiet machine (1-minute load < 1)."""
    slow = [r for r in rows if r.startup and r.ratio is not None and r.ratio > report.QUICK_STARTUP_LIMIT]
    for row in slow:
        print(f"start-up over {report.QUICK_STARTUP_LIMIT:g}×: {row.item} {row.ratio:.2f}×", file=sys.stderr)
    if slow and max(loads) >= 1:
        print(f"(1-minute load {max(loads):.1f} ≥ 1: too busy to judge start-up, not failed)", file=sys.stderr)
        return 0
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
