"""The terminal going away (tmux pane killed, SIGHUP, SIGTERM) and ``kill -9``, in a real terminal.

Each test runs ``shenbao`` in a private tmux server, opens a draft, types into
its 项目名称 without leaving the field (so nothing is saved yet: autosave
waits 2 s after the last key), and then ends the process:

* ``tmux kill-session``, ``kill -HUP``, ``kill -TERM``: the typed text must be in
  the draft file when the process has exited, and the lock and journal gone.
* ``kill -9``: nothing can be saved; the journal holds the typing, and the
  next start offers it back; restoring puts it into the draft.

``SHENBAO_SIGNAL_RUNS=20`` repeats each (for a soak run).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import build_draft
from terminal import TMUX, Terminal
from test_terminal import shenbao

from forms.store.drafts import load_draft, save_draft
from forms.store.journal import journal_paths
from forms.store.locks import lock_path

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: the real-terminal tests need it"),
]

RUNS = range(int(os.environ.get("SHENBAO_SIGNAL_RUNS", "1")))
"""How many times each ending is tried."""


@pytest.fixture
def draft_file(tmp_path: Path) -> Path:
    """``a.toml`` in a fresh drafts folder: a draft without a project name yet."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    path = folder / "a.toml"
    save_draft(build_draft(""), path)
    return path


def open_and_type(term: Terminal, text: str) -> int:
    """Open the only draft, type ``text`` into 项目名称 and stay there; returns the app's pid."""
    term.wait_for("（未填写项目名称）")
    term.keys("Enter")
    term.wait_for("1/8 基本情况")
    term.keys("Tab")  # focus lands on 填报单位, the first empty field; Tab to 项目名称
    term.wait_stable(quiet=0.3)
    term.type(text)
    term.wait_for(text, settle=False)
    return app_pid(term)


def app_pid(term: Terminal) -> int:
    """The pid of the app, as its lock on ``a.toml`` names it."""
    (lock,) = [p for p in _folder(term).iterdir() if p.name.endswith(".lock")]
    return int(json.loads(lock.read_text("utf-8"))["pid"])


def _folder(term: Terminal) -> Path:
    return Path(term.command[term.command.index("--drafts") + 1])


def wait_gone(pid: int, timeout: float = 15.0) -> None:
    """Wait until process ``pid`` has ended (a zombie counts as ended)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError, IndexError):
            return
        if state in ("Z", "X"):
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} still running after {timeout} s")


def side_files(path: Path) -> list[str]:
    """The lock and journal files of the draft at ``path`` that exist."""
    return [p.name for p in [lock_path(path), *journal_paths(path)] if os.path.lexists(p)]


@pytest.mark.parametrize("run", RUNS)
@pytest.mark.parametrize("how", ["kill-session", "SIGHUP", "SIGTERM"])
def test_the_field_being_typed_in_is_saved_when_the_terminal_goes_away(draft_file: Path, how: str, run: int) -> None:
    text = f"张三 typed {how} {run}"
    with Terminal(shenbao(draft_file.parent), width=80, height=24) as term:
        pid = open_and_type(term, text)
        assert load_draft(draft_file).project.name == "", "saved before the signal: the test proves nothing"
        if how == "kill-session":
            subprocess.run([TMUX or "tmux", "-L", term.socket, "kill-session", "-t", "main"], check=True)
        else:
            os.kill(pid, signal.SIGHUP if how == "SIGHUP" else signal.SIGTERM)
        wait_gone(pid)
        if how == "SIGTERM":
            term.wait_for("[exit 143]")  # Textual ended normally, restoring the terminal
    assert load_draft(draft_file).project.name == text
    assert side_files(draft_file) == [], "lock and journal removed"
    assert sorted(p.name for p in draft_file.parent.iterdir()) == ["a.toml"]


@pytest.mark.parametrize("run", RUNS)
def test_after_kill_9_the_next_start_offers_the_typing_back(draft_file: Path, run: int) -> None:
    text = f"李四 killed {run}"
    with Terminal(shenbao(draft_file.parent), width=80, height=24) as term:
        pid = open_and_type(term, text)
        journal = journal_paths(draft_file)[0]
        deadline = time.monotonic() + 5
        while text not in (journal.read_text("utf-8") if journal.exists() else ""):
            assert time.monotonic() < deadline, "the typing never reached the journal"
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
        wait_gone(pid)
    assert load_draft(draft_file).project.name == "", "kill -9 saves nothing"
    assert os.path.lexists(lock_path(draft_file)), "a dead process's lock stays until someone opens the draft"
    with Terminal(shenbao(draft_file.parent), width=80, height=24) as term:
        screen = term.wait_for("发现上次未保存的输入")
        assert "a.toml：1 处未保存的输入" in screen and "项目名称" in screen and text in screen
        term.keys("r")
        term.wait_for("已恢复 a.toml 的 项目名称")
        assert load_draft(draft_file).project.name == text
        assert not journal.exists()
        term.keys("Enter")  # the dead process's lock is cleared on opening: the editor, not read-only
        screen = term.wait_for("1/8 基本情况")
        assert "只读" not in screen and text in screen
        term.keys("C-q")
        term.wait_for("[exit 0]")
    assert side_files(draft_file) == []
