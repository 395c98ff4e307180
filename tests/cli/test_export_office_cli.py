"""``shenbao export --format docx|xlsx|indicators-*`` and ``shenbao summary --format xlsx`` on the command line."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
from draft_strategies import DRAFTS as ANY_DRAFT
from hypothesis import given
from office_support import DRAFTS
from property_settings import examples
from repo_paths import REPO

from forms.model.declaration import Declaration, new_declaration
from forms.render.formats import SUFFIXES, export_bytes
from forms.store.drafts import save_draft
from tui.cli import main

OFFICE = ("docx", "xlsx", "indicators-xlsx", "indicators-csv")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for path in DRAFTS:
        shutil.copy(path, drafts / path.name)
    return drafts


@pytest.mark.parametrize("fmt", OFFICE)
def test_export_writes_each_office_format(folder: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"表{SUFFIXES[fmt]}"  # type: ignore[index]
    assert main(["--drafts", str(folder), "export", "政务大厅运行经费", "--format", fmt, "-o", str(out)]) == 0
    data = out.read_bytes()
    if fmt == "docx":
        assert docx.Document(io.BytesIO(data)).tables[0].cell(0, 1).text == "项目名称"
    elif fmt == "indicators-csv":
        assert data.decode("utf-8").startswith("一级指标,二级指标")
    else:
        assert openpyxl.load_workbook(io.BytesIO(data)).active.max_row > 5


@pytest.mark.parametrize("fmt", OFFICE)
def test_a_draft_with_errors_is_refused_then_forced_with_the_banner(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "有错误.toml"
    save_draft(new_declaration(year="2021"), path)  # empty: 项目名称 and more are missing
    out = tmp_path / f"x{SUFFIXES[fmt]}"  # type: ignore[index]
    assert main(["export", str(path), "--format", fmt, "-o", str(out)]) == 1
    assert not out.exists() and "未导出" in capsys.readouterr().err
    assert main(["export", str(path), "--format", fmt, "-o", str(out), "--force"]) == 0
    data = out.read_bytes()
    if fmt == "docx":
        first = docx.Document(io.BytesIO(data)).paragraphs[0].text
    elif fmt == "indicators-csv":
        first = data.decode("utf-8").splitlines()[0]
    else:
        first = openpyxl.load_workbook(io.BytesIO(data)).active.cell(1, 1).value
    assert first.startswith("注意：本表未通过检查") and "强制导出" in first


def test_a_binary_format_goes_to_a_pipe_not_a_terminal(folder: Path) -> None:
    command = [sys.executable, "-m", "tui.cli", "--drafts", str(folder), "export", "政务大厅租金", "--format", "docx"]
    done = subprocess.run(command, capture_output=True, cwd=REPO, env=_env(), check=False)
    assert done.returncode == 0 and done.stdout.startswith(b"PK")
    assert docx.Document(io.BytesIO(done.stdout)).tables


def test_csv_bom_on_request(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    main(["--drafts", str(folder), "export", "政务大厅租金", "--format", "indicators-csv", "--bom", "-o", str(out)])
    assert out.read_bytes().startswith("\ufeff一级指标".encode())


def test_summary_xlsx(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "汇总.xlsx"
    assert main(["--drafts", str(folder), "summary", "--format", "xlsx", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "项目汇总" and len(book.sheetnames) == 1 + len(DRAFTS)


def test_office_libraries_are_imported_only_when_a_file_is_written() -> None:
    code = (
        "import sys, forms.render.formats, forms.checks.runner, tui.cli.list_, tui.cli.validate, tui.cli.export\n"
        "import tui.cli.summary, tui.app, tui.sections.review\n"
        "import "
        "tui.screens.summary_export, tui.widgets.export_dialog\n"
        "loaded = {'docx', 'openpyxl', 'xlsxwriter', 'lxml'} & set(sys.modules)\n"
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env=_env())


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(REPO)}


# One example writes four Office files: 1,000 in the long run (SHENBAO_LONG=1), as property_settings says.
@examples(30, 1_000)
@given(ANY_DRAFT)
def test_any_draft_exports_to_files_that_reopen(draft: Declaration) -> None:
    document = docx.Document(io.BytesIO(export_bytes(draft, "docx", banner="注意")))
    assert document.tables and document.paragraphs[0].text == "注意"
    for fmt in ("xlsx", "indicators-xlsx"):
        assert openpyxl.load_workbook(io.BytesIO(export_bytes(draft, fmt))).active is not None  # type: ignore[arg-type]
    assert export_bytes(draft, "indicators-csv").decode("utf-8")
