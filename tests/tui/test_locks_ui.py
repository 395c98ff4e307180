"""Two operators, one draft: the editor locks what it opens; a draft held elsewhere opens read-only, or is taken over.

Another shenbao is played by a real second process holding the lock
(``forms.store.locks.acquire`` in a child), so the lock is judged exactly as the
app would judge a colleague's: by user, host, pid and the process's start time.
"""

from __future__ import annotations

import asyncio
import getpass
import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO, MakeDraft, rows, settle
from textual.widgets import Input, Static

from forms.store.drafts import load_draft, save_draft
from forms.store.journal import journal_paths
from forms.store.locks import lock_path
from tui.app import ShenbaoApp
from tui.screens.drafts import DraftsScreen
from tui.screens.session_editor import SessionEditor
from tui.widgets.confirm import ConfirmScreen

HOLD = """
import sys, time
from pathlib import Path
from forms.store.locks import acquire, take_over
path = Path(sys.argv[2])
got = take_over(path) if sys.argv[1] == "take" else acquire(path)
print(type(got).__name__, flush=True)
if sys.argv[1] == "die":
    import os; os._exit(0)  # killed while editing: the lock stays behind
time.sleep(300)
"""

Holder = Callable[..., subprocess.Popen[str]]


@pytest.fixture
def holder() -> Iterator[Holder]:
    """Start another process that locks a draft: ``holder(path)``, ``holder(path, "take")``, ``holder(path, "die")``."""
    started: list[subprocess.Popen[str]] = []

    def hold(path: Path, how: str = "hold") -> subprocess.Popen[str]:
        child = subprocess.Popen(
            [sys.executable, "-c", HOLD, how, str(path)], stdout=subprocess.PIPE, text=True, cwd=REPO
        )
        started.append(child)
        assert child.stdout is not None and child.stdout.readline().strip() == "Lock"
        if how == "die":
            child.wait()
        return child

    yield hold
    for child in started:
        if child.poll() is None:
            child.kill()
        child.wait()


def lock_pid(path: Path) -> int | None:
    """The pid the draft's lock names, or ``None`` without a lock."""
    try:
        return int(json.loads(lock_path(path).read_text("utf-8"))["pid"])
    except FileNotFoundError:
        return None


def field(app: ShenbaoApp, name: str) -> Input:
    """The editor's one-line field for a draft path."""
    return next(w for w in app.screen.query(Input) if w.name == name)


async def test_a_draft_another_shenbao_holds_is_marked_asks_who_and_opens_read_only(
    drafts: Path, make_draft: MakeDraft, holder: Holder
) -> None:
    path = make_draft("甲", file="a.toml")
    other = holder(path)
    before = path.read_bytes()
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert rows(app)[0][3] == "占用"
        detail = str(app.screen.query_one("#drafts-detail", Static).render())
        assert f"{getpass.getuser()}@{socket.gethostname()} 正在编辑" in detail
        await pilot.press("enter")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        who = f"{getpass.getuser()} 在 {socket.gethostname()} 上编辑（进程 {other.pid}），自 "
        assert who in question.question and "接管编辑（y）" in question.question
        await pilot.press("escape")  # Escape never destroys: read-only, their lock untouched
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, SessionEditor) and editor.read_only and not editor.session.writable
        banner = str(editor.query_one("#editor-banner", Static).render())
        assert f"只读：{getpass.getuser()}@{socket.gethostname()} 正在编辑此草稿" in banner and "F4 接管" in banner
        assert field(app, "project.name").disabled
        await pilot.press("x", "y", "ctrl+s", "escape")
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
    assert path.read_bytes() == before
    assert lock_pid(path) == other.pid
    assert not any(p.exists() for p in journal_paths(path)), "read-only editors keep no journal"


async def test_y_takes_a_held_draft_over(drafts: Path, make_draft: MakeDraft, holder: Holder) -> None:
    path = make_draft("甲", file="a.toml")
    holder(path)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, SessionEditor) and editor.session.writable and not editor.read_only
        assert lock_pid(path) == os.getpid()
        field(app, "project.name").value = "甲接管后"
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
    assert load_draft(path).project.name == "甲接管后"
    assert lock_pid(path) is None, "our lock goes when the editor closes"


async def test_f4_in_the_read_only_editor_takes_over_and_reads_the_draft_again(
    drafts: Path, make_draft: MakeDraft, holder: Holder
) -> None:
    path = make_draft("甲", file="a.toml")
    holder(path)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, SessionEditor) and editor.read_only
        draft = load_draft(path)
        draft.project.name = "乙（对方刚保存）"
        save_draft(draft, path)  # the holder saved before leaving
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "确定接管编辑" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is editor and editor.session.writable and not editor.read_only
        assert editor.draft.project.name == "乙（对方刚保存）"
        assert field(app, "project.name").value == "乙（对方刚保存）" and not field(app, "project.name").disabled
        assert lock_pid(path) == os.getpid()
        await pilot.press("ctrl+q")
    assert lock_pid(path) is None


async def test_a_lock_left_by_a_dead_process_is_cleared_on_opening(
    drafts: Path, make_draft: MakeDraft, holder: Holder
) -> None:
    path = make_draft("甲", file="a.toml")
    dead = holder(path, "die")
    assert lock_pid(path) == dead.pid
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert rows(app)[0][3] == "草稿", "a dead holder is not shown as editing"
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, SessionEditor) and editor.session.writable
        assert lock_pid(path) == os.getpid()
        await pilot.press("escape")
        await settle(pilot)
    assert lock_pid(path) is None


async def test_a_lock_of_a_killed_process_not_yet_reaped_is_cleared(
    drafts: Path, make_draft: MakeDraft, holder: Holder
) -> None:
    path = make_draft("甲", file="a.toml")
    killed = holder(path)
    killed.kill()  # kill -9, and nobody has waited for it yet: a zombie still answers kill(pid, 0)
    stat_file = Path(f"/proc/{killed.pid}/stat")
    while stat_file.read_bytes().rsplit(b")", 1)[1].split()[0] != b"Z":
        await asyncio.sleep(0.01)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert rows(app)[0][3] == "草稿"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionEditor) and app.screen.session.writable
        assert lock_pid(path) == os.getpid()
        await pilot.press("ctrl+q")


async def test_taken_over_while_editing_the_typing_goes_into_a_copy(
    drafts: Path, make_draft: MakeDraft, holder: Holder
) -> None:
    path = make_draft("甲", file="a.toml")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, SessionEditor)
        other = holder(path, "take")  # a colleague presses F4 elsewhere
        before = path.read_bytes()
        field(app, "project.name").focus()
        await pilot.pause()
        field(app, "project.name").value = "甲（我的修改）"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_bytes() == before, "never written over the new holder"
        assert editor.path != path and editor.path.name.startswith("a（本机修改 ")
        assert load_draft(editor.path).project.name == "甲（我的修改）"
        assert lock_pid(editor.path) == os.getpid() and lock_pid(path) == other.pid
        copy = editor.path
        told = [n.message for n in app._notifications if n.message.startswith("此草稿已被他人接管。")]
        assert told and f"（进程 {other.pid}）" in told[-1] and copy.name in told[-1]
        await pilot.press("escape")
        await settle(pilot)
        assert "甲（我的修改）" in [row[0] for row in rows(app)]
    assert lock_pid(copy) is None and lock_pid(path) == other.pid


@pytest.mark.parametrize(("setgid", "mode"), [(False, 0o600), (True, 0o660)])
async def test_new_drafts_locks_and_journals_are_private_unless_the_folder_is_a_shared_group_folder(
    drafts: Path, setgid: bool, mode: int
) -> None:
    if setgid:
        os.chmod(drafts, 0o2770)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, SessionEditor)
        field(app, "project.name").value = "私密项目"
        await pilot.pause()
        (journal,) = [p for p in journal_paths(editor.path) if p.exists()]
        for made in (editor.path, lock_path(editor.path), journal):
            assert stat.S_IMODE(made.stat().st_mode) == mode, made.name
        await pilot.press("ctrl+q")


async def test_hostile_side_files_are_reported_and_the_rest_of_the_app_works(
    drafts: Path, make_draft: MakeDraft
) -> None:
    path = make_draft("甲", file="a.toml")
    os.mkfifo(drafts / "x.toml")
    (drafts / "loop.toml").symlink_to("loop.toml")
    lock_path(path).write_bytes(b"\x1b]0;pwned\x07 not a lock")
    swp = drafts / ".gone.toml.swp"
    swp.write_bytes(b"[@click=app.quit]x[/]\n")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = str(app.screen.query_one("#recovery-body", Static).render())
        assert "不是 shenbao 的恢复记录" in shown, "a damaged journal is offered with its reason"
        await pilot.press("escape")
        await settle(pilot)
        by_name = {row[0]: row for row in rows(app)}
        assert by_name["甲"][3] == "占用"
        assert "命名管道" in by_name["x.toml"][4] and "链接层数过多或成环" in by_name["loop.toml"][4]
        await pilot.press("enter")  # 甲 is first: its lock cannot be read, so its holder cannot be judged
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert "无法判断由谁持有（锁文件内容无法识别）" in question.question and "\x1b" not in question.question
        await pilot.press("y")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, SessionEditor) and editor.session.writable
        field(app, "project.name").value = "甲改"
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
    assert load_draft(path).project.name == "甲改"
    assert lock_pid(path) is None and swp.read_bytes() == b"[@click=app.quit]x[/]\n"
    assert stat.S_ISFIFO(os.lstat(drafts / "x.toml").st_mode) and os.readlink(drafts / "loop.toml") == "loop.toml"
