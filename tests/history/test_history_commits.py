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
    ".shenbao-bureau.json",
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
    assert main(["--drafts", str(folder), "profile", "--set", "填表人=李四"]) == 0
    assert commits(folder)[0] == ("李四", "修改单位信息")
    assert len(commits(folder)) == 4
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
    assert "首次记录" in out.split("\n\n")[2], "the first version says so"


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


def test_log_follows_a_draft_through_a_rename(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = unit_folder(tmp_path)
    old, new = folder / f"{EXAMPLE}.toml", folder / "改名后.toml"
    edit(old, total="50")
    record(folder, [old], "定稿")
    old.rename(new)
    record(folder, [old, new], "改名")
    edit(new, total="51")
    record(folder, [new], "改回草稿")
    capsys.readouterr()
    assert main(["--drafts", str(folder), "log", "改名后", "--width", "100"]) == 0
    out = capsys.readouterr().out
    assert "4 个版本" in out and "文件改名为 改名后.toml" in out
    assert "50 → 51" in out and "48.588 → 50" in out


def test_log_prints_user_text_and_messages_without_terminal_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = unit_folder(tmp_path)
    path = folder / f"{EXAMPLE}.toml"
    draft = load_draft(path)
    draft.project.name = "\x1b]0;标题\x07[bold]红\x1b[31m[/]"
    save_draft(draft, path)
    record(folder, [path], "定稿：\x1b[2J[bold]x[/]", author="张\x1b[31m三")
    capsys.readouterr()
    assert main(["--drafts", str(folder), "log", EXAMPLE]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold]红" in out and "[bold]x[/]" in out


def test_names_git_would_read_as_patterns_are_only_ever_themselves(tmp_path: Path) -> None:
    folder = unit_folder(tmp_path)
    odd = folder / "[一期]*项目.toml"
    plain = folder / "一项目.toml"  # what [一期]* would match as a pattern
    shutil.copy(folder / f"{EXAMPLE}.toml", odd)
    shutil.copy(folder / f"{EXAMPLE}.toml", plain)
    assert record(folder, [odd], "导入：[一期]*项目") is not None
    assert git(folder, "show", "--name-only", "--format=", "HEAD").splitlines() == ["[一期]*项目.toml"]
    assert git(folder, "status", "--porcelain").strip() == "?? 一项目.toml"


def test_git_variables_left_in_the_environment_never_redirect_a_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = unit_folder(tmp_path)
    elsewhere = unit_folder(tmp_path, "elsewhere")
    monkeypatch.setenv("GIT_DIR", str(elsewhere / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(elsewhere / ".git" / "index"))
    edit(folder / f"{EXAMPLE}.toml", total="50")
    assert record(folder, [folder / f"{EXAMPLE}.toml"], "定稿") is not None
    monkeypatch.delenv("GIT_DIR")
    monkeypatch.delenv("GIT_INDEX_FILE")
    assert commits(folder)[0][1] == "定稿" and len(commits(elsewhere)) == 1


def test_a_broken_repository_is_a_warning_and_the_draft_stays_saved(tmp_path: Path) -> None:
    from tui.folder.history import record_event

    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / ".git").write_text("gitdir: /nonexistent/path\n", "utf-8")
    draft = folder / "a.toml"
    draft.write_text("schema = 1\n", "utf-8")
    warning = record_event(folder, [draft], "定稿：a")
    assert warning is not None and warning.startswith("修改记录未能保存（草稿本身已保存）：git ")
    assert draft.read_text("utf-8") == "schema = 1\n"
