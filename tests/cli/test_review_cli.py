"""``shenbao review`` and ``shenbao summary --all-units``, called in-process."""

import shutil
from pathlib import Path

import pytest
from bureau_support import make_bureau
from repo_paths import DRAFTS

from forms.store.drafts import load_draft
from forms.store.locks import acquire
from tui.cli import main

RENT = "政务大厅租金"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    drafts = tmp_path / "drafts"
    shutil.copytree(DRAFTS, drafts)
    return drafts


def test_return_approve_reopen_and_the_record(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["review", RENT, "--drafts", str(folder), "--by", "李审核"]
    assert main([*args, "--return", "租金测算依据不足"]) == 0
    assert "退回：租金测算依据不足（李审核" in capsys.readouterr().out
    draft = load_draft(folder / f"{RENT}.toml")
    assert (draft.state, draft.review.state, draft.review.opinion) == ("draft", "returned", "租金测算依据不足")
    assert main([*args, "--approve"]) == 0
    assert load_draft(folder / f"{RENT}.toml").state == "final"
    assert main([*args, "--approve"]) == 1
    assert "已审核通过" in capsys.readouterr().err
    assert main(["review", RENT, "--drafts", str(folder), "--reopen", "--reason", "补报", "--by", "王填报"]) == 0
    capsys.readouterr()
    assert main(["review", RENT, "--drafts", str(folder)]) == 0
    record = capsys.readouterr().out.splitlines()
    assert [line.split()[-1] for line in record[1:]] == ["退回：租金测算依据不足", "通过", "已重新打开：补报"]


def test_refusals_leave_the_file_alone(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = folder / f"{RENT}.toml"
    before = path.read_bytes()
    assert main(["review", RENT, "--drafts", str(folder), "--return", " "]) == 1
    assert "审核意见" in capsys.readouterr().err
    assert main(["review", RENT, "--drafts", str(folder), "--reopen"]) == 1
    lock = acquire(path)  # a unit operator has it open: the reviewer waits
    try:
        assert main(["review", RENT, "--drafts", str(folder), "--approve"]) == 1
        assert "正被编辑" in capsys.readouterr().err
    finally:
        lock.release()
    assert path.read_bytes() == before
    assert main(["review", "没有这个项目", "--drafts", str(folder), "--approve"]) == 2


def test_summary_all_units_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bureau = make_bureau(tmp_path / "bureau")
    assert main(["summary", "--all-units", "--drafts", str(bureau), "--width", "80"]) == 0
    out = capsys.readouterr().out
    assert "2022 年度各单位项目汇总（万元）" in out and "合计（3 个单位，8 个项目）" in out
    assert main(["summary", "--all-units", "--checks", "--drafts", str(bureau)]) == 1
    assert capsys.readouterr().out.count("增幅超过 20%") == 2
    assert main(["summary", "--all-units", "--checks", "--rise", "60%", "--drafts", str(bureau)]) == 1
    assert "增幅超过" not in capsys.readouterr().out
    assert main(["summary", "--all-units", "--checks", "--drafts", str(bureau / "jia")]) == 2
    assert "没有单位子文件夹" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["summary", "--all-units", "--rise", "很多", "--drafts", str(bureau)])
