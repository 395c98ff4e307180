"""A small run of the history bench's generator (tests/bench/history.py), so it keeps working between full runs."""

from __future__ import annotations

import sys
from pathlib import Path

from git_support import git, git_alone  # noqa: F401 (git_alone: autouse fixture)
from repo_paths import REPO

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from forms.history.log import history
from tests.bench import history as bench


def test_the_generated_bureau_history_reads_back_version_by_version(tmp_path: Path) -> None:
    commits = bench.generate(tmp_path / "bureau", 2, 3, 2)
    assert commits == 2 * 2 * (1 + 3 + 2 * 1)
    assert git(tmp_path / "bureau", "rev-list", "--count", "HEAD").strip() == str(commits)
    versions = history(tmp_path / "bureau" / "单位01", tmp_path / "bureau" / "单位01" / "项目00.toml")
    assert [v.subject for v in versions] == ["定稿：项目00", "改回草稿：项目00", "定稿：项目00", "导入 3 份申报表"]
    assert [c.label for c in versions[2].changes] == ["状态"]
    assert {c.label for c in versions[0].changes} == {"状态", "本年度申请资金 合计", "支出明细 本年度申请资金 合计"}
