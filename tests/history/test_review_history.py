"""Review steps on real git: each 退回, 通过 and 重新打开 is one commit with a Chinese message and its author."""

from __future__ import annotations

from pathlib import Path

from git_support import git, git_alone, unit_folder  # noqa: F401 (git_alone: autouse fixture)

from tui.cli import main


def test_each_review_step_is_a_commit_by_its_author(tmp_path: Path) -> None:
    folder = unit_folder(tmp_path)
    args = ["review", "政务大厅租金", "--drafts", str(folder)]
    assert main([*args, "--return", "租金测算依据不足", "--by", "李审核"]) == 0
    assert main([*args, "--approve", "--force", "--by", "李审核"]) == 0
    assert main([*args, "--reopen", "--reason", "补报合同", "--by", "王填报"]) == 0
    log = git(folder, "log", "--format=%an|%s", "-3").splitlines()
    assert log == ["王填报|重新打开：政务大厅租金", "李审核|审核通过：政务大厅租金", "李审核|退回：政务大厅租金"]
    assert git(folder, "status", "--porcelain") == ""  # no lock or index file left to commit
    assert main([*args, "--approve", "--force"]) == 0
    assert main([*args, "--approve", "--force"]) == 1  # refused: no second commit
    assert len(git(folder, "log", "--format=%s").splitlines()) == 5  # the first commit and four steps


def test_a_bureau_keeping_every_unit_in_one_repository_records_reviews_there(tmp_path: Path) -> None:
    from bureau_support import make_bureau

    bureau = make_bureau(tmp_path / "局")
    assert main(["--drafts", str(bureau), "init", "--git"]) == 0
    args = ["review", "jia/政务大厅租金-2022.toml", "--drafts", str(bureau), "--by", "李审核"]
    assert main([*args, "--return", "请补充"]) == 0
    assert git(bureau, "log", "--format=%an|%s", "-1").strip() == "李审核|退回：政务大厅租金"
    assert git(bureau, "status", "--porcelain") == ""
