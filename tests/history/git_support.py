"""Real git in temporary folders for the history tests: a private HOME, so no one's git configuration leaks in.

Test modules import `git_alone` (an autouse fixture) from here with the helpers.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from repo_paths import DRAFTS

from forms.store.drafts import load_draft, save_draft
from tui.cli import main

EXAMPLE = "行政审批服务局软硬件运维费"
"""An example draft: 本年度申请资金 合计 48.588, its first indicator value 90%."""


@pytest.fixture(autouse=True)
def git_alone(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("git") is None:
        pytest.skip("git 未安装：修改记录的测试需要真实的 git")
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    monkeypatch.setenv("SHENBAO_DRAFTS", str(home / "no-drafts-here"))


def git(folder: Path, *args: str) -> str:
    """Run git in ``folder``; its standard output."""
    done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=folder, capture_output=True, check=True)
    return done.stdout.decode()


def unit_folder(root: Path, name: str = "unit", *, unit: str = "某区行政审批服务局", operator: str = "张三") -> Path:
    """A drafts folder with two example drafts and a unit profile, under history (``shenbao init --git``)."""
    folder = root / name
    folder.mkdir()
    shutil.copy(DRAFTS / f"{EXAMPLE}.toml", folder)
    shutil.copy(DRAFTS / "政务大厅租金.toml", folder)
    (folder / "_profile.toml").write_text(f'unit = "{unit}"\nfilled_by = "{operator}"\n', "utf-8")
    assert main(["--drafts", str(folder), "init", "--git"]) == 0
    return folder


def edit(path: Path, *, total: str | None = None, value: str | None = None, opinion: str | None = None) -> None:
    """Change a draft as the app would save it: its 本年度 合计, first indicator value, or 审核意见."""
    draft = load_draft(path)
    if total is not None:
        draft.funding.total_this_year = total
    if value is not None:
        draft.performance.indicators[0].value = value
    if opinion is not None:
        draft.sign_off.finance_opinion = opinion
    save_draft(draft, path)
