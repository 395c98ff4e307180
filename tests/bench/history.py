"""Issue 15's scale bench: ``shenbao log`` over 50 units × 60 projects × 3 years of git history.

``python3 -m tests.bench.history [--units 50] [--projects 60] [--years 3] [--runs 5] [--keep DIR]``

Generates, with ``git fast-import`` (seconds, not the minutes 15,000 ``git
commit`` processes would take), the history a bureau collects: per unit and
year an import (year one) or a carry-over of every project, then 定稿 of each
project, and for a third of them 改回草稿 and 定稿 again with a new amount.
Two layouts are built from the same history: one repository for the whole
bureau (``bureau/<unit>/…``), measured as generated and again after ``git
commit-graph write --changed-paths``, and one unit's repository alone (what a
unit keeps, and what ``shenbao receive`` builds at the bureau, with the
commit-graph receive writes). Each is measured against a plain ``git log`` of
the same repository, alternating, medians:

* ``shenbao log DRAFT`` as an operator runs it (a new Python process);
* the same work in-process (``history`` + ``render_history``), i.e. without the interpreter's start;
* ``shenbao summary --all-units`` on the bureau folder: nothing changed, one unit changed, no bureau cache.

Target: under 2× the plain ``git log``. Figures go to the table (``tests.bench.report``).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.report import Row, median, table

ROOT = Path(__file__).resolve().parents[2]
START = 1609459200 + 8 * 3600  # 2021-01-01 08:00 (+0800)
OPERATORS = "王敏 李静 张伟 刘芳 陈娜 杨勇 赵艳 黄杰 周娟 吴涛".split()


def _templates() -> list[str]:
    """The example drafts' texts: every generated draft is one of them, renamed and rescaled."""
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "drafts").glob("*.toml"))]
    return texts or [(ROOT / "tests" / "data" / "2021-declaration-forms.txt").read_text("utf-8")]


def _draft(text: str, *, name: str, unit: str, year: int, total: str, state: str) -> str:
    text = re.sub(r'(?m)^name = ".*"$', f'name = "{name}"', text, count=1)
    text = re.sub(r'(?m)^unit = ".*"$', f'unit = "{unit}"', text, count=1)
    text = re.sub(r'(?m)^year = ".*"$', f'year = "{year}"', text, count=1)
    text = re.sub(r'(?m)^state = ".*"$', f'state = "{state}"', text, count=1)
    return re.sub(r'(?m)^total_this_year = ".*"$', f'total_this_year = "{total}"', text)


def _events(units: int, projects: int, years: int, seed: int) -> Iterator[tuple[str, str, str, dict[str, str]]]:
    """(unit, author, message, {path in the unit: text}) for every commit, in time order."""
    rng = random.Random(seed)
    templates = _templates()
    names = [f"项目{n:02d}" for n in range(projects)]
    for year_index in range(years):
        year = 2021 + year_index
        for u in range(units):
            unit = f"单位{u:02d}"
            author = OPERATORS[u % len(OPERATORS)]
            totals = {n: f"{rng.randint(5, 900) / 10:g}" for n in names}
            base = {n: templates[(u + i) % len(templates)] for i, n in enumerate(names)}

            def text(n: str, state: str, *, y: int = year, u: str = unit, b: dict = base, t: dict = totals) -> str:
                return _draft(b[n], name=n, unit=u, year=y, total=t[n], state=state)

            def file(n: str, *, year: int = year) -> str:
                return f"{n}.toml" if year == 2021 else f"{n}-{year}.toml"

            first = f"导入 {projects} 份申报表" if year_index == 0 else f"结转 {projects} 份草稿到下一年度"
            files = {file(n): text(n, "draft") for n in names}
            if year_index == 0:  # each unit's folder has its profile, as summary --all-units expects
                files["_profile.toml"] = f'unit = "{unit}"\nyear = "{year}"\nfilled_by = "{author}"\n'
            yield unit, author, first, files
            for n in names:
                yield unit, author, f"定稿：{n}", {file(n): text(n, "final")}
            for n in names[: projects // 3]:
                yield unit, author, f"改回草稿：{n}", {file(n): text(n, "draft")}
                totals[n] = f"{float(totals[n]) + rng.randint(1, 50) / 10:g}"
                yield unit, author, f"定稿：{n}", {file(n): text(n, "final")}


def generate(repo: Path, units: int, projects: int, years: int, *, only: str | None = None, seed: int = 15) -> int:
    """A repository at ``repo`` with that history (``only``: one unit's alone, at the top); the commit count."""
    repo.mkdir(parents=True)
    subprocess.run(["git", "init", "--quiet"], cwd=repo, check=True)
    importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=repo, stdin=subprocess.PIPE)
    assert importer.stdin is not None
    count = 0
    when = START
    for unit, author, message, files in _events(units, projects, years, seed):
        if only is not None and unit != only:
            continue
        when += 600
        body = message.encode()
        chunks = [
            b"commit refs/heads/master\n",
            f"author {author} <> {when} +0800\ncommitter {author} <> {when} +0800\n".encode(),
            f"data {len(body)}\n".encode() + body + b"\n",
        ]
        for name, text in files.items():
            data = text.encode()
            path = name if only is not None else f"{unit}/{name}"
            chunks.append(f'M 100644 inline "{path}"\ndata {len(data)}\n'.encode() + data + b"\n")
        importer.stdin.write(b"".join(chunks))
        count += 1
    importer.stdin.close()
    if importer.wait() != 0:
        raise RuntimeError("git fast-import failed")
    subprocess.run(["git", "checkout", "--quiet", "-f", "master"], cwd=repo, check=True)
    return count


def _timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def _alternate(runs: int, *measures: Callable[[], float]) -> list[list[float]]:
    samples: list[list[float]] = [[] for _ in measures]
    for _ in range(runs):
        for index, measure in enumerate(measures):
            samples[index].append(measure())
    return samples


def measure(root: Path, runs: int, units: int, projects: int, years: int) -> list[Row]:
    """Generate both layouts under ``root`` and measure; the table's rows."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8", "PAGER": "cat", "COLUMNS": "100"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "forms"), str(ROOT / "tui")], check=False)
    unit = f"单位{min(7, units - 1):02d}"
    began = time.perf_counter()
    if (root / "bureau").exists():  # --keep DIR from an earlier run: measured again, not regenerated
        commits, unit_commits = _count(root / "bureau"), _count(root / "unit")
        note = "reused"
    else:
        commits = generate(root / "bureau", units, projects, years)
        unit_commits = generate(root / "unit", units, projects, years, only=unit)
        note = "git fast-import, both layouts"
    made = time.perf_counter() - began
    rows = [Row(f"generated: {units}×{projects}×{years}, {commits} commits", made, "s", note=note)]
    _no_graph(root / "bureau")
    draft = "项目05.toml"  # imported, 定稿, 改回草稿, 定稿: four versions, the longest a draft has
    shenbao = [sys.executable, "-m", "tui.cli"]
    bureau, alone = root / "bureau", root / "unit"
    _graph(alone)  # as shenbao's receive (and init --git, bundle) leave a unit's repository
    layouts = (
        ("bureau repo", bureau, bureau / unit, commits, False),
        ("bureau repo + commit-graph", bureau, bureau / unit, commits, True),
        ("unit repo (as received)", alone, alone, unit_commits, False),
    )
    for label, repo, folder, size, graph in layouts:
        if graph:
            _graph(repo)
        git_log, log_cli, log_inner = _alternate(
            runs,
            lambda repo=repo: _timed(["git", "log"], repo, env),
            lambda folder=folder: _timed([*shenbao, "--drafts", str(folder), "log", draft, "--no-pager"], folder, env),
            lambda folder=folder: _in_process(folder, draft),
        )
        rows.append(Row(f"{label}: plain git log ({size} commits)", median(git_log), "s"))
        rows.append(Row(f"{label}: shenbao log DRAFT", median(log_cli), "s", median(git_log), 2.0, "new process"))
        rows.append(Row(f"{label}: log in-process", median(log_inner), "s", median(git_log), 2.0, "no start-up"))
    rows += summary_rows(root / "bureau", runs, env)
    return rows


def _count(repo: Path) -> int:
    done = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=repo, capture_output=True, text=True, check=True)
    return int(done.stdout)


def _no_graph(repo: Path) -> None:
    info = repo / ".git" / "objects" / "info"
    (info / "commit-graph").unlink(missing_ok=True)
    shutil.rmtree(info / "commit-graphs", ignore_errors=True)


def _graph(repo: Path) -> None:
    from forms.history.repo import write_commit_graph

    write_commit_graph(repo)


def _in_process(folder: Path, draft: str) -> float:
    from forms.history.log import history
    from forms.history.text import render_history

    start = time.perf_counter()
    render_history(draft, history(folder, folder / draft), width=100)
    return time.perf_counter() - start


def summary_rows(bureau: Path, runs: int, env: dict[str, str]) -> list[Row]:
    """``shenbao summary --all-units`` against ``git log``, as a reviewer meets it.

    * nothing changed since the last summary (the bureau cache gives the last report);
    * one draft of one unit changed since (a bundle received: that draft checked, that unit read, the rest cached);
    * no bureau cache (the first summary on this machine or after an upgrade of shenbao; the units' indexes warm).
    """
    from forms.workflows.bureau_cache import CACHE_NAME

    command = [*[sys.executable, "-m", "tui.cli"], "--drafts", str(bureau), "summary", "--all-units"]
    _timed(command, bureau, env)  # the indexes and the cache as any earlier summary left them
    units = sorted(p for p in bureau.iterdir() if (p / "_profile.toml").exists())
    turn = iter(range(10**6))

    def one_changed() -> float:
        draft = sorted(units[next(turn) % len(units)].glob("*.toml"))[-1]
        draft.write_bytes(draft.read_bytes())  # written again: a new change time, as a received file has
        past = time.time() - 60  # received a minute ago
        os.utime(draft, (past, past))
        return _timed(command, bureau, env)

    def no_cache() -> float:
        (bureau / CACHE_NAME).unlink(missing_ok=True)
        return _timed(command, bureau, env)

    git_log, unchanged, changed, cold = _alternate(
        runs, lambda: _timed(["git", "log"], bureau, env), lambda: _timed(command, bureau, env), one_changed, no_cache
    )
    base = median(git_log)
    return [
        Row("bureau: summary --all-units, nothing changed", median(unchanged), "s", base, 2.0, "last report kept"),
        # No target: checking the changed draft needs the form model, whose import alone is about 2× git log here.
        Row("bureau: summary, one unit's draft changed", median(changed), "s", base, note="its draft checked again"),
        Row("bureau: summary, no bureau cache", median(cold), "s", base, note="first run; indexes warm"),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the bench; exit status 1 when a target fails."""
    parser = argparse.ArgumentParser(prog="python3 -m tests.bench.history", description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--projects", type=int, default=60)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate into DIR and keep it (reused when there)")
    args = parser.parse_args(argv)
    if shutil.which("git") is None:
        print("git is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="shenbao-history-bench-") as scratch:
        root = args.keep or Path(scratch)
        rows = measure(root, args.runs, args.units, args.projects, args.years)
    print(table(rows))
    return 1 if any(row.verdict == "FAIL" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
