"""The drafts list's issue-7 keys in a real terminal: tmux at 80×24, keys as an SSH session sends them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from repo_paths import DRAFTS
from terminal import TMUX, Terminal
from test_terminal import shenbao

from forms.store.drafts import draft_paths, load_draft
from forms.workflows.profile import load_profile

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: the real-terminal tests need it"),
]

EXAMPLE = "行政审批服务局软硬件运维费"


def test_profile_rollover_summary_and_viewer_keys_arrive_through_tmux(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    original = Path(shutil.copy(DRAFTS / f"{EXAMPLE}.toml", folder))
    before = original.read_bytes()
    with Terminal(shenbao(folder), width=80, height=24) as term:
        screen = term.wait_for(EXAMPLE)
        footer = screen.rstrip("\n").splitlines()[-1]
        # Every footer entry fits in 80 columns: the last ones are not cut off.
        for entry in ("⏎ 打开", "n 新建", "c 结转", "s 汇总", "f1 帮助", "^p 命令"):
            assert entry in footer, footer
        term.keys("u")
        term.wait_for("单位信息 ·")
        term.type("区行政审批服务局")
        term.keys("Tab")
        term.type("2022")
        term.keys("C-s")
        term.wait_for("已保存单位信息")
        term.keys("c")
        term.wait_for("结转到下一年度")
        term.keys("y")
        term.wait_for("已结转")
        term.keys("s")
        term.wait_for("合计 2021 本年度")  # one 合计 per year once the rollover made a 2022 draft
        term.keys("y")
        term.wait_for("显示：2021 年度")
        term.keys("c")
        term.wait_for("本年度申请与上年度安排对比")
        term.keys("Escape")
        term.wait_for("草稿 2 个")
        term.keys("v")
        term.wait_for("只读")
        term.keys("p")
        term.wait_for("Markdown")
        term.keys("Escape")
        term.wait_for("草稿 2 个")
        term.keys("C-q")
        term.wait_for("[exit 0]")
    assert original.read_bytes() == before
    assert load_profile(folder).unit == "区行政审批服务局" and load_profile(folder).year == "2022"
    carried = load_draft(folder / f"{EXAMPLE}-2022.toml")
    assert carried.year == "2022" and carried.funding.total_last_year == "48.588"
    assert len(draft_paths(folder)) == 2
