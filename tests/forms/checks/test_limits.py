"""The row limit (``forms.checks.limits``) through the command line: one error, reported quickly, in every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.checks.limits import MAX_TABLE_ROWS, limit_findings
from forms.checks.runner import check
from forms.model.declaration import ExpenseLine, new_declaration
from forms.store.drafts import save_draft
from tui.cli import main

ROWS = 2_000  # well past the limit; the 20,000 of issue 18 only make the suite slower


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 支出明细 rows beside a normal draft."""
    drafts = tmp_path_factory.mktemp("drafts")
    draft = new_declaration(year="2021")
    draft.project.name = "很多明细"
    draft.expenses.lines = [ExpenseLine(item=f"行{i}", last_year="1", this_year="1") for i in range(ROWS)]
    save_draft(draft, drafts / "big.toml")
    small = new_declaration(year="2021")
    small.project.name = "普通项目"
    save_draft(small, drafts / "small.toml")
    return drafts


def test_the_limit_is_the_only_finding(folder: Path) -> None:
    from forms.store.drafts import load_draft

    draft = load_draft(folder / "big.toml")
    assert check(draft) == limit_findings(draft)
    assert f"{ROWS:,} 行" in check(draft)[0].message and str(MAX_TABLE_ROWS) in check(draft)[0].message


def test_list_validate_and_export_report_it(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--drafts", str(folder)]) == 1  # a draft has errors
    out = capsys.readouterr().out
    assert "big.toml" in out and "small.toml" in out and "1 个错误" in out
    assert main(["validate", str(folder / "big.toml")]) == 1
    assert "超过每表 500 行的上限" in capsys.readouterr().out
    assert main(["export", str(folder / "big.toml"), "-o", str(tmp_path / "x.txt")]) == 1
    assert not (tmp_path / "x.txt").exists()
    assert main(["export", str(folder / "big.toml"), "-o", str(tmp_path / "x.txt"), "--force"]) == 0
    assert f"行{ROWS - 1}" in (tmp_path / "x.txt").read_text("utf-8")  # a forced export has every row
