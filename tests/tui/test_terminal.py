"""``shenbao`` in a real terminal: tmux at 80×24, keys sent the way an SSH session sends them."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from repo_paths import DRAFTS
from terminal import TMUX, Terminal

from forms.store.drafts import load_draft

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: the real-terminal tests need it"),
]


def shenbao(folder: Path) -> list[str]:
    """The command line that starts the app on ``folder`` (the installed script when there is one)."""
    script = shutil.which("shenbao")
    command = [script] if script else [sys.executable, "-m", "tui.cli"]
    return [*command, "--drafts", str(folder)]


def test_create_a_draft_type_a_name_and_an_amount_quit_and_find_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "新的草稿夹"  # does not exist yet: made on the first save
    with Terminal(shenbao(folder), width=80, height=24) as term:
        term.wait_for("按 n 新建")
        term.keys("n")
        term.wait_for("1/8 基本情况")
        # Focus lands on 填报单位, the first empty field (年度 is filled in); Tab to 项目名称.
        term.keys("Tab")
        term.type("电子政务外网线路租赁")
        term.wait_for("电子政务外网线路租赁")
        term.keys("F6")
        term.wait_for("2/8 资金来源")
        # Focus lands on the first source's 上年度; ↑ to 合计（填报）, Tab to its 本年度.
        term.keys("Up", "Tab")
        term.type("２５ 万元")
        term.wait_for("２５ 万元")
        term.keys("C-q")
        term.wait_for("[exit 0]")
    (path,) = folder.glob("*.toml")
    assert path.name == "电子政务外网线路租赁.toml"
    draft = load_draft(path)
    assert draft.project.name == "电子政务外网线路租赁"
    assert draft.funding.total_this_year == "２５ 万元"


def test_the_list_keys_arrive_through_tmux(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    shutil.copy(DRAFTS / "电子政务外网线路租赁.toml", folder)
    with Terminal(shenbao(folder), width=80, height=24) as term:
        screen = term.wait_for("电子政务外网线路租赁")
        assert "⏎ 打开" in screen and "f1 帮助" in screen
        term.keys("F1")
        term.wait_for("按键一览")
        term.keys("Escape")
        term.wait_until_gone("按键一览")
        term.keys("/")
        term.type("不存在")
        term.wait_for("显示 0 个")
        term.keys("Escape")
        term.wait_until_gone("显示 0 个")
        term.keys("C-p")
        term.wait_for("输入操作名称查找")
        term.keys("Escape")
        term.wait_until_gone("输入操作名称查找")
        term.keys("Enter")
        term.wait_for("1/8 基本情况")
        term.keys("C-g")
        term.wait_stable()
        term.keys("8")
        term.wait_for("8/8 检查与导出")
        term.keys("p")
        term.wait_for("预览：Markdown")
        term.keys("Escape")
        term.wait_for("草稿 1 个")
        term.keys("C-q")
        term.wait_for("[exit 0]")
