"""A bureau summary over warm indexes parses no draft, loads no form model, and says what a cold one says."""

import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from bureau_support import make_bureau

from forms.render.bureau import check_lines, render_bureau_csv, render_bureau_text
from forms.store.index import INDEX_NAME
from forms.workflows.bureau_cache import CACHE_NAME
from forms.workflows.bureau_checks import copied_sets, rises_without_basis
from forms.workflows.bureau_summary import BureauSummary, summarize_bureau

ROOT = Path(__file__).resolve().parents[3]


def _settled(folder: Path) -> Path:
    # The index keeps only files older than a couple of seconds (coarse timestamps): age them.
    past = time.time() - 60
    for path in folder.rglob("*.toml"):
        os.utime(path, (past, past))
    return folder


def _said(summary: BureauSummary) -> tuple[str, str, list[str]]:
    checks = check_lines(copied_sets(summary), rises_without_basis(summary), Decimal("0.2"))
    return render_bureau_text(summary, checks, width=None), render_bureau_csv(summary), checks


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("a warm bureau summary parsed a draft")


def test_a_warm_summary_parses_no_draft_and_says_what_a_cold_one_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _settled(make_bureau(tmp_path / "b"))
    cold = summarize_bureau(folder)
    assert copied_sets(cold) and rises_without_basis(cold)  # the checks have something to say
    monkeypatch.setattr("forms.store.drafts.load_draft", _refuse)
    warm = summarize_bureau(folder)
    assert warm.loaded == {}
    assert warm.rows == cold.rows and warm.unreadable == cold.unreadable
    assert _said(warm) == _said(cold)


def test_index_entries_without_the_checks_facts_are_read_again_and_refreshed(tmp_path: Path) -> None:
    folder = _settled(make_bureau(tmp_path / "b"))
    cold = summarize_bureau(folder)
    (folder / CACHE_NAME).unlink()  # as an older shenbao left it: no bureau cache, and no facts in any index entry
    for index in folder.rglob(INDEX_NAME):
        data = json.loads(index.read_text("utf-8"))
        for record in data["files"].values():
            record.pop("facts", None)
        index.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    old = summarize_bureau(folder)  # each such entry is read again, and the index refreshed
    assert _said(old) == _said(cold)
    refreshed = [json.loads(index.read_text("utf-8")) for index in folder.rglob(INDEX_NAME)]
    assert all("facts" in record for data in refreshed for record in data["files"].values())


def test_a_changed_draft_is_read_again_and_counts_at_once(tmp_path: Path) -> None:
    folder = _settled(make_bureau(tmp_path / "b"))
    before = copied_sets(summarize_bureau(folder))
    path = folder / "yi" / "政策宣传费-2022.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('value = "', 'value = "≥', 1), "utf-8")  # one indicator value changed
    after = copied_sets(summarize_bureau(folder))
    assert len(before) == 1 and after == []


def test_a_warm_all_units_summary_imports_neither_pydantic_nor_the_summing(tmp_path: Path) -> None:
    folder = _settled(make_bureau(tmp_path / "b"))
    command = [sys.executable, "-m", "tui.cli", "--drafts", str(folder), "summary", "--all-units"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    probe = (
        "import sys, io, contextlib\n"
        "from tui.cli import main\n"
        f"sys.argv = {['shenbao', '--drafts', str(folder), 'summary', '--all-units']!r}\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    main(sys.argv[1:])\n"
        "sys.stdout.write(out.getvalue())\n"
        "assert 'pydantic' not in sys.modules, 'pydantic was imported'\n"
        "summed = {'forms.workflows.bureau_summary', 'forms.render.bureau', 'forms.store.index'} & set(sys.modules)\n"
        "assert not summed, f'an unchanged bureau was summed again: {summed}'\n"
    )
    second = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
