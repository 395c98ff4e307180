"""History on real git: ``init --git``, one commit per event with its message and author, ``shenbao log``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from git_support import EXAMPLE, edit, git, git_alone, unit_folder  # noqa: F401 (git_alone: autouse fixture)
from repo_paths import DATA

from forms.history import record
from forms.history.commit import GITIGNORE
from forms.store.drafts import load_draft, save_draft
from tui.cli import main

SIDE_FILES = (
    f".{EXAMPLE}.toml.lock",
    f".{EXAMPLE}.toml.swp",
    f".{EXAMPLE}.toml.2.swp",
    f".{EXAMPLE}.toml.lock.break",
    f".{EXAMPLE}.toml.k3j_x9q2.tmp",
    ".shenbao-index.json",
    ".trash/旧草稿.toml",
    "exports/汇总.xlsx",
)


def commits(folder: Path) -> list[tuple[str, str]]:
    """(author, subject) of every commit, newest first."""
    return [tuple(line.split("\x1f")) for line in git(folder, "log", "--format=%an\x1f%s").splitlines()]  # type: ignore[misc]


def test_init_git_ignores_side_files_and_commits_the_drafts(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = tmp_path / "unit"
    folder.mkdir()
    shutil.copy(Path(DATA).parent.parent / "drafts" / f"{EXAMPLE}.toml", folder)
    for name in SIDE_FILES:
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text("x", "utf-8")
    assert main(["--drafts", str(folder), "init", "--git"]) == 0
    assert "已开始记录" in capsys.readouterr().out
    assert git(folder, "ls-files").split() == [".gitignore", f"{EXAMPLE}.toml"]
    assert commits(folder)[0][1] == "开始记录修改：1 份草稿"
    assert (folder / ".gitignore").read_text("utf-8") == GITIGNORE
    # Again: nothing new, no second commit, the ignore file as it was.
    assert main(["--drafts", str(folder), "init", "--git"]) == 0
    assert "已在记录修改" in capsys.readouterr().out and len(commits(folder)) == 1


def test_record_commits_only_the_named_drafts_as_one_event(tmp_path: Path) -> None:
    folder = unit_folder(tmp_path)
    other = folder / "政务大厅租金.toml"
    edit(folder / f"{EXAMPLE}.toml", total="50")
    edit(other, total="99")  # being typed: not part of this event
    assert record(folder, [folder / f"{EXAMPLE}.toml"], f"定稿：{EXAMPLE}") is not None
    assert commits(folder)[0] == ("张三", f"定稿：{EXAMPLE}")
    assert git(folder, "show", "--name-only", "--format=", "HEAD").split() == [f"{EXAMPLE}.toml"]
    assert git(folder, "status", "--porcelain").strip() == "M 政务大厅租金.toml"
    assert record(folder, [folder / f"{EXAMPLE}.toml"], "again") is None, "unchanged: no empty commit"
    assert record(tmp_path, [tmp_path / "x.toml"], "no history here") is None
    (folder / f"{EXAMPLE}.toml").unlink()
    assert record(folder, [folder / f"{EXAMPLE}.toml"], f"删除：{EXAMPLE}", author="李四") is not None
    assert commits(folder)[0] == ("李四", f"删除：{EXAMPLE}")
    never = folder / "从未提交.toml"
    assert record(folder, [never], "删除：从未提交") is None


def test_import_and_rollover_are_one_commit_each_by_the_profiles_operator(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = unit_folder(tmp_path)
    assert main(["--drafts", str(folder), "import", str(DATA / "2021-declaration-forms.txt")]) == 0
    assert commits(folder)[0] == ("张三", "导入 7 份申报表")
    assert main(["--drafts", str(folder), "rollover", EXAMPLE]) == 0
    assert commits(folder)[0] == ("张三", f"结转：{EXAMPLE}-2022")
    assert len(commits(folder)) == 3
    tracked = git(folder, "ls-files").split()
    assert all(name.endswith(".toml") or name == ".gitignore" for name in tracked)
    assert not any(name.startswith(".") and name != ".gitignore" for name in tracked)
    assert git(folder, "status", "--porcelain") == ""
    capsys.readouterr()


def test_without_a_repository_nothing_is_committed_and_log_says_how_to_start(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    shutil.copy(Path(DATA).parent.parent / "drafts" / f"{EXAMPLE}.toml", folder)
    assert main(["--drafts", str(folder), "rollover", EXAMPLE]) == 0
    assert not (folder / ".git").exists()
    assert main(["--drafts", str(folder), "log", EXAMPLE]) == 2
    assert "shenbao init --git" in capsys.readouterr().err


def test_log_shows_each_changed_field_who_and_when(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = unit_folder(tmp_path)
    path = folder / f"{EXAMPLE}.toml"
    draft = load_draft(path)
    draft.funding.total_this_year = "50"
    draft.performance.indicators[0].value = "95%"
    draft.state = "final"
    save_draft(draft, path)
    record(folder, [path], f"定稿：{EXAMPLE}", author="李四")
    capsys.readouterr()
    assert main(["--drafts", str(folder), "log", EXAMPLE, "--width", "100"]) == 0
    out = capsys.readouterr().out
    newest = out.split("\n\n")[1]
    assert "李四" in newest and f"定稿：{EXAMPLE}" in newest
    lines = newest.splitlines()[1:]
    assert any(line.split() == ["本年度申请资金", "合计", "48.588", "→", "50"] for line in lines), lines
    assert any(
        "绩效指标“互联网+政务服务平…” 指标值" in line and line.split()[-3:] == ["90%", "→", "95%"] for line in lines
    ), lines
    assert any(line.split() == ["状态", "草稿", "→", "定稿"] for line in lines), lines
    assert len(lines) == 3, "only what changed"
    assert "新建" in out.split("\n\n")[2], "the first version says it was new"


def test_log_of_a_deleted_draft_and_lines_within_the_width(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from forms.render.width import cell_width

    folder = unit_folder(tmp_path)
    path = folder / f"{EXAMPLE}.toml"
    edit(path, value="“很长的指标值”" * 10)
    record(folder, [path], "改回草稿")
    path.unlink()
    record(folder, [path], f"删除：{EXAMPLE}")
    capsys.readouterr()
    assert main(["--drafts", str(folder), "log", EXAMPLE, "--width", "60"]) == 0
    out = capsys.readouterr().out
    assert "草稿已删除" in out and "…" in out
    assert all(cell_width(line) <= 60 for line in out.splitlines())


def test_log_without_git_says_so_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = unit_folder(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["--drafts", str(folder), "log", EXAMPLE]) == 2
    assert "找不到 git 程序" in capsys.readouterr().err
