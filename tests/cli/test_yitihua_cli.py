"""``export --format yitihua`` and ``import FILE --indicators-into DRAFT``: forms by suffix, the question, refusals."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from forms.store.drafts import load_draft
from forms.store.locks import acquire
from tui.cli import main

DRAFT = "政务大厅租金"


@pytest.fixture
def folder(tmp_path: Path, examples_folder: Path) -> Path:
    target = tmp_path / "drafts"
    shutil.copytree(examples_folder, target)
    return target


def export(folder: Path, out: Path, *more: str) -> int:
    return main(["--drafts", str(folder), "export", DRAFT, "--force", "-o", str(out), *more])


def into(folder: Path, file: Path, *more: str) -> int:
    return main(["--drafts", str(folder), "import", str(file), "--indicators-into", DRAFT, *more])


def edited_json(folder: Path, tmp_path: Path) -> Path:
    """The draft's 一体化 JSON with one value changed (14 个 → ≥ 20 个) and one row added."""
    out = tmp_path / "a.一体化.json"
    assert export(folder, out) == 0
    document = json.loads(out.read_text("utf-8"))
    first = document["indicators"][0]
    first["computesign"], first["indexval"] = 1, 20  # edited as in the system's fields: ≥ 20 个
    added = {"findex": "产出指标", "sindex": "数量指标", "name": "新增的指标", "value_remark": "≥10个"}
    document["indicators"].append(added)  # a row with the value as typed alone
    out.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return out


@pytest.mark.parametrize("form", ["xlsx", "json", "csv"])
def test_the_suffix_picks_the_form_and_the_file_imports_back_unchanged(
    folder: Path, tmp_path: Path, form: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"政务大厅租金.一体化.{form}"
    assert export(folder, out, "--format", "yitihua") == 0
    before = (folder / f"{DRAFT}.toml").read_bytes()
    assert into(folder, out) == 0  # nothing changes: no question, no write
    assert "指标没有变化" in capsys.readouterr().err
    assert (folder / f"{DRAFT}.toml").read_bytes() == before


def test_a_contradicting_format_exits_2(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export(folder, tmp_path / "a.一体化.txt", "--format", "yitihua") == 2
    assert "不符" in capsys.readouterr().err


def test_without_a_file_the_json_goes_to_stdout(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--drafts", str(folder), "export", DRAFT, "--format", "yitihua"]) == 0
    assert json.loads(capsys.readouterr().out)["indicators"][0]["computesign"] in range(1, 7)


def test_yes_replaces_and_says_how_many_rows_change(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = edited_json(folder, tmp_path)
    assert into(folder, file, "--yes") == 0
    err = capsys.readouterr().err
    assert "将改动 2 行指标（新增 1 行，修改 1 行" in err and "已替换" in err
    rows = load_draft(folder / f"{DRAFT}.toml").performance.indicators
    assert (rows[0].value, rows[1].name, rows[1].value) == ("≥20个", "新增的指标", "≥10个")
    assert not list(folder.glob(".*.lock"))  # the lock is released


def test_without_a_terminal_or_yes_it_refuses(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    file = edited_json(folder, tmp_path)
    before = (folder / f"{DRAFT}.toml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert into(folder, file) == 2
    assert "--yes" in capsys.readouterr().err
    assert (folder / f"{DRAFT}.toml").read_bytes() == before


@pytest.mark.parametrize(("answer", "status"), [("n\n", 1), ("y\n", 0)])
def test_on_a_terminal_it_asks(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, status: int
) -> None:
    file = edited_json(folder, tmp_path)
    before = (folder / f"{DRAFT}.toml").read_bytes()
    stdin = io.StringIO(answer)
    stdin.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", stdin)
    assert into(folder, file) == status
    assert ((folder / f"{DRAFT}.toml").read_bytes() == before) == (status == 1)


def test_a_malformed_file_or_a_locked_draft_changes_nothing(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (folder / f"{DRAFT}.toml").read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_text('{"indicators": [{"name": "x", "computesign": 8}]}', "utf-8")
    assert into(folder, broken, "--yes") == 2
    assert "计算符号“8”" in capsys.readouterr().err
    good = edited_json(folder, tmp_path)
    lock = acquire(folder / f"{DRAFT}.toml")
    try:
        assert into(folder, good, "--yes") == 2
        assert "编辑，未替换" in capsys.readouterr().err
    finally:
        lock.release()  # type: ignore[union-attr]
    assert main(["--drafts", str(folder), "import", str(good), str(good), "--indicators-into", DRAFT]) == 2
    assert main(["--drafts", str(folder), "import", str(good), "--yes"]) == 2
    assert (folder / f"{DRAFT}.toml").read_bytes() == before
