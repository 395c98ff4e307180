"""各单位项目汇总 in a real terminal at 80×24: the amount columns line up under Chinese names."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from bureau_support import make_bureau
from rich.cells import cell_len
from terminal import TMUX, Terminal

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: the real-terminal tests need it"),
]


def end_cell(line: str, amount: str) -> int:
    """The terminal column where ``amount``, standing alone on ``line``, ends."""
    found = re.search(rf"(?<=\s){re.escape(amount)}(?=\s|$)", line)
    assert found, f"{amount!r} not in {line!r}"
    return cell_len(line[: found.end()])


def test_units_summary_columns_line_up_at_80_columns(tmp_path: Path) -> None:
    bureau = make_bureau(tmp_path / "局")
    with Terminal([sys.executable, "-m", "tui.cli", "--drafts", str(bureau)], width=80, height=24) as term:
        term.wait_for("草稿")
        term.keys("s")
        screen = term.wait_for("合计（3 个单位")
        lines = {line.strip().split("  ")[0]: line for line in screen.splitlines() if line.strip()}
        # 本年度: a unit's subtotal, its projects and the grand total end in the same column.
        column = {
            end_cell(lines["甲局（3 个项目）"], "82"),
            end_cell(lines["政务大厅租金"], "15"),
            end_cell(lines["[bold]设备购置[/]"], "40"),
            end_cell(lines["合计（3 个单位，8 个项目）"], "154.333"),
        }
        assert len(column) == 1, screen
        assert all(cell_len(line) <= 80 for line in screen.splitlines())
        term.keys("Escape", "C-q")
        term.wait_for("[exit 0]")
