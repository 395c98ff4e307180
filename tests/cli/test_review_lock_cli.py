"""A 通过 draft is not changed by the command line until it is reopened: import --replace, --indicators-into.

Copies (duplicate, rollover) are new drafts, so they start unreviewed. Every
refusal leaves every file in the folder as it was, byte for byte, and names
the command that reopens the draft.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from repo_paths import REPO

from forms.store.drafts import draft_paths, load_draft
from tui.cli import main

RENT = "政务大厅租金"
REFERENCE = REPO / "tests" / "data" / "2021-declaration-forms.txt"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def folder(tmp_path: Path, examples_folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The example drafts with 政务大厅租金 approved by 李审核."""
    target = tmp_path / "drafts"
    shutil.copytree(examples_folder, target)
    assert main(["review", RENT, "--drafts", str(target), "--approve", "--force", "--by", "李审核"]) == 0
    capsys.readouterr()
    return target


def test_import_replace_refuses_an_approved_draft_until_it_is_reopened(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / f"{RENT}.toml"
    before = snapshot(folder)
    # The other six forms are the example drafts' very bytes: unchanged, so nothing is written for them either.
    assert main(["import", str(REFERENCE), "--drafts", str(folder), "--replace"]) == 1
    err = capsys.readouterr().err
    when = load_draft(path).review.date
    assert (
        f"“{RENT}”（{RENT}.toml）已由 李审核 于 {when} 审核通过，不能被导入的申报表替换，未写入任何文件；"
        f"请先重新打开：shenbao review {path.absolute()} --reopen（重新打开记入审核记录）"
    ) in err
    assert snapshot(folder) == before
    assert main(["import", str(REFERENCE), "--drafts", str(folder), "--replace", "--dry-run"]) == 1
    assert "不能被导入的申报表替换" in capsys.readouterr().err
    assert snapshot(folder) == before

    assert main(["review", str(path), "--reopen", "--reason", "按新表重报", "--by", "王填报"]) == 0
    capsys.readouterr()
    path.write_text(path.read_text("utf-8").replace('unit = ""', 'unit = "手改的"'), "utf-8")
    assert main(["import", str(REFERENCE), "--drafts", str(folder), "--replace"]) == 0
    replaced = load_draft(path)
    assert replaced.unit == ""
    # Replaced, and the bureau's record goes on with the new form: the reopening is not lost.
    assert replaced.review is not None and replaced.review.state == "reopened"
    assert [e.action for e in replaced.review.history] == ["approved", "reopened"]
    assert len(list((folder / ".replaced").glob(f"{RENT}-*.toml"))) == 1


def test_indicators_into_an_approved_draft_is_refused_with_the_reopen_command(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.一体化.json"
    assert main(["--drafts", str(folder), "export", RENT, "--force", "-o", str(out), "--format", "yitihua"]) == 0
    document = json.loads(out.read_text("utf-8"))
    document["indicators"][0]["value_remark"] = "≥20个"
    out.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    capsys.readouterr()
    before = snapshot(folder)
    assert main(["--drafts", str(folder), "import", str(out), "--indicators-into", RENT, "--yes"]) == 2
    err = capsys.readouterr().err
    assert "审核通过，不能替换指标，草稿未改动；请先重新打开：shenbao review " in err
    assert f"{RENT}.toml --reopen" in err
    assert snapshot(folder) == before


@pytest.mark.parametrize("command", ["duplicate", "rollover"])
def test_a_copy_of_an_approved_draft_starts_unreviewed(
    folder: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    original = (folder / f"{RENT}.toml").read_bytes()
    names = {p.name for p in draft_paths(folder)}
    assert main([command, RENT, "--drafts", str(folder)]) == 0
    (new,) = [p for p in draft_paths(folder) if p.name not in names]
    copy = load_draft(new)
    assert (copy.review, copy.state) == (None, "draft")
    assert (folder / f"{RENT}.toml").read_bytes() == original
