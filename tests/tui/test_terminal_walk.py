"""Issue 19's walk in a real terminal: a whole new form at 80×24 with only the keys the screen shows.

n, every section, rows added from empty tables, a bad date told under its field
and fixed there, then export to Markdown and to text through the dialog with
the keyboard alone; the files must hold what was typed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from terminal import TMUX, Terminal
from test_terminal import shenbao

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: the real-terminal tests need it"),
]


def step(term: Terminal, *keys: str, text: str = "") -> str:
    """Send keys, then type ``text``; returns the screen once it is still."""
    if keys:
        term.keys(*keys)
    if text:
        term.type(text)
    return term.wait_stable(quiet=0.3)


def test_a_new_form_from_n_to_export_at_80x24(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    with Terminal(shenbao(folder), width=80, height=24) as term:
        term.wait_for("按 n 新建")
        term.keys("n")
        screen = term.wait_for("1/8 基本情况")
        assert "错误" not in screen and "1x" not in screen, "a new draft does not open in red"
        for line in screen.splitlines()[-1:]:
            assert "esc 返回" in line and "f1 帮助" in line and "^q 退出" in line
        # 基本情况: 年度 is filled in (this year from the profile), so focus lands on 填报单位.
        step(term, text="某某区政务服务中心")
        step(term, "Tab", text="政务服务平台运维")
        step(term, "Tab", "Right")
        step(term, "Tab", text="区政务办")
        step(term, "Tab", text="2026.13")
        screen = step(term, "Tab")
        assert "月份 13" in screen, "the bad date is told under its field once it is left"
        step(term, "BTab", "BSpace", "BSpace", text="01")
        screen = step(term, "Tab", text="2026.12")
        assert "月份 13" not in screen
        # 资金来源: focus lands on 市级资金's 上年度; Ctrl+T takes the sums as 合计.
        term.keys("F6")
        term.wait_for("2/8 资金来源")
        step(term, text="10")
        screen = step(term, "Tab", "12", "C-t")
        assert "合计（填报）   10               12" in screen
        # 支出明细: an empty table; Ctrl+O (shown on the key line) adds its first row.
        term.keys("F6")
        screen = term.wait_for("3/8 支出明细")
        assert "^o 加行" in screen.splitlines()[-1]
        step(term, "C-o", text="服务器运维费")
        step(term, "Tab", text="10")
        step(term, "Tab", text="12")
        step(term, "Tab", text="按合同")
        screen = step(term, "C-t")
        assert "1   服务器运维费" in screen
        # 保障措施与进度计划: the measures, then the schedule's first row from the measures with Ctrl+O.
        term.keys("F6")
        term.wait_for("4/8 保障措施与进度计划")
        step(term, text="建立运维值班制度")
        step(term, "C-o", text="平台日常运维")
        step(term, "Tab")
        step(term, "Right")  # the dimmed completion (the 项目期限's start) taken with →
        step(term, "Tab")
        screen = step(term, "Right")
        assert "平台日常运维" in screen and "2026.01" in screen, screen
        # 绩效目标, 绩效指标 (focus on the first 三级指标), 签署.
        term.keys("F6")
        term.wait_for("5/8 绩效目标")
        step(term, text="提升政务服务效率")
        step(term, "Tab", text="平台全年稳定运行")
        term.keys("F6")
        term.wait_for("6/8 绩效指标")
        step(term, text="服务器台数")
        step(term, "Tab", text="20台")
        term.keys("F6")
        term.wait_for("7/8 其他说明")
        step(term, text="无")
        # 检查与导出: e opens the dialog on the format choice; ↓ picks Markdown, Enter exports.
        term.keys("F6")
        term.wait_for("8/8 检查与导出")
        term.keys("e")
        screen = term.wait_for("导出申报表")
        assert "(●) 文本" in screen and "( ) Markdown" in screen
        term.keys("Down")
        screen = term.wait_for("(●) Markdown")
        assert ".md" in screen
        term.keys("Enter")
        term.wait_for("y：强制导出")  # the draft still has errors (no 效益指标): asked first
        term.keys("y")
        term.wait_for("已导出到")
        term.keys("e")
        term.wait_for("(●) 文本")
        term.keys("Enter")
        term.wait_for("y：强制导出")
        term.keys("y")
        term.wait_until_gone("y：强制导出")
        term.keys("Escape")
        term.wait_for("草稿 1 个")
        term.keys("C-q")
        term.wait_for("[exit 0]")
    exports = folder / "exports"
    markdown = (exports / "政务服务平台运维.md").read_text("utf-8")
    text = (exports / "政务服务平台运维.txt").read_text("utf-8")
    for written in (markdown, text):
        for typed in ("政务服务平台运维", "某某区政务服务中心", "服务器运维费", "平台日常运维", "服务器台数", "20台"):
            assert typed in written
        assert "2026.01" in written and "2026.13" not in written
    assert markdown.startswith("> **注意") and "# 项目支出预算绩效目标申报表" in markdown
    assert "┌" in text or "+-" in text
