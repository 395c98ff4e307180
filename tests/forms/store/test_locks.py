"""Draft locks: one editor at a time, who holds it shown, dead holders cleared, other hosts never guessed."""

from __future__ import annotations

import json
import os
import signal
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from forms.store import locks
from forms.store.drafts import draft_paths
from forms.store.locks import Held, Lock, acquire, holder, lock_path, lock_problem, take_over
from forms.store.process import current, start_ticks


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "电子政务外网线路租赁.toml"
    path.write_text("schema = 1\n", "utf-8")
    return path


def _write_lock(draft: Path, *, age: float = 0.0, **changes: object) -> Path:
    data = {"kind": "shenbao-lock", "draft": draft.name, "since": "2021-03-01T09:30:00+08:00", "token": "t" * 32}
    data.update(current().as_dict())
    data.update(changes)
    lock = lock_path(draft)
    lock.write_text(json.dumps(data), "utf-8")
    if age:
        os.utime(lock, (time.time() - age, time.time() - age))
    return lock


@contextmanager
def _held_elsewhere(draft: Path) -> Iterator[int]:
    """A live child process holding the draft's lock; yields its pid."""
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            result = acquire(draft)
            os.write(ready_w, b"L" if isinstance(result, Lock) else b"H")
            os.read(go_r, 1)
        finally:
            os._exit(0)
    try:
        assert os.read(ready_r, 1) == b"L"
        yield pid
    finally:
        os.write(go_w, b"x")
        os.waitpid(pid, 0)
        for fd in (ready_r, ready_w, go_r, go_w):
            os.close(fd)


def test_lock_file_is_hidden_private_and_says_who(draft: Path) -> None:
    lock = acquire(draft)
    assert isinstance(lock, Lock)
    path = lock_path(draft)
    assert path.name == f".{draft.name}.lock"
    assert draft_paths(draft.parent) == [draft]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text("utf-8"))
    assert data["pid"] == os.getpid()
    assert data["user"] and data["host"] == current().host
    assert data["started"] == start_ticks(os.getpid())
    assert data["since"][:4].isdigit() and "T" in data["since"]
    lock.release()
    assert not path.exists()
    assert sorted(p.name for p in draft.parent.iterdir()) == [draft.name]


def test_setgid_folder_lets_the_group_read_the_lock(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    lock = acquire(shared / "a.toml")
    assert isinstance(lock, Lock)
    assert stat.S_IMODE(lock_path(shared / "a.toml").stat().st_mode) == 0o660


def test_a_live_holder_is_shown_with_user_host_and_time(draft: Path) -> None:
    with _held_elsewhere(draft) as pid:
        result = acquire(draft)
        assert isinstance(result, Held)
        assert result.state == "alive"
        assert not result.mine
        assert result.info is not None and result.info.owner.pid == pid
        message = result.message()
        assert current().user in message and current().host in message and str(pid) in message
        assert "只读" in message and "接管" in message
        assert lock_path(draft).exists()


def test_a_holder_killed_with_sigkill_is_cleared(draft: Path) -> None:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        acquire(draft)
        os.kill(os.getpid(), signal.SIGKILL)
    os.waitpid(pid, 0)
    assert holder(draft) is not None and holder(draft).state == "dead"  # type: ignore[union-attr]
    lock = acquire(draft)
    assert isinstance(lock, Lock)
    assert lock.info.owner.pid == os.getpid()


def test_a_reused_pid_is_not_mistaken_for_the_holder(draft: Path) -> None:
    # Our own pid, but a start time it never had: the holder was an earlier process with this pid.
    _write_lock(draft, started=(start_ticks(os.getpid()) or 0) + 12345)
    assert isinstance(acquire(draft), Lock)


def test_a_lock_from_before_a_reboot_is_cleared(draft: Path) -> None:
    _write_lock(draft, boot="00000000-dead-beef-0000-000000000000")
    assert isinstance(acquire(draft), Lock)


def test_a_lock_in_the_same_process_is_ours(draft: Path) -> None:
    first = acquire(draft)
    again = acquire(draft)
    assert isinstance(first, Lock) and isinstance(again, Held)
    assert again.mine


@pytest.mark.parametrize(
    "changes",
    [{"host": "other-server"}, {"machine": "0" * 32, "boot": "other"}, {"pidns": "pid:[1]"}],
    ids=["host", "same-name-machine", "container"],
)
def test_a_holder_elsewhere_is_never_guessed_dead_however_old(draft: Path, changes: dict[str, object]) -> None:
    lock = _write_lock(draft, pid=999_999, since="2020-01-01T08:00:00+08:00", age=400 * 86400, **changes)
    before = lock.read_bytes()
    result = acquire(draft)
    assert isinstance(result, Held) and result.state == "unknown"
    message = result.message()
    assert "无法从本机判断" in message and "2020-01-01" in message and "天" in message
    assert lock.read_bytes() == before


def test_take_over_and_the_previous_holder_notices(draft: Path) -> None:
    first = acquire(draft)
    assert isinstance(first, Lock)
    assert first.check() is None
    second = take_over(draft)
    noticed = first.check()
    assert isinstance(noticed, Held) and noticed.info is not None
    assert noticed.info.token == second.info.token
    first.release()  # must not remove the lock it lost
    assert lock_path(draft).exists()
    assert second.check() is None
    second.release()
    second.release()
    assert not lock_path(draft).exists()


def test_a_lock_removed_by_hand_is_put_back_on_check(draft: Path) -> None:
    lock = acquire(draft)
    assert isinstance(lock, Lock)
    lock_path(draft).unlink()
    assert lock.check() is None
    assert lock_path(draft).exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "空的"), (b"\xff\xfe garbage", "无法识别"), (b'{"kind": "vim"}', "无法识别"), (b"[1, 2]", "无法识别")],
)
def test_a_damaged_lock_holds_until_old_then_is_cleared(draft: Path, content: bytes, reason: str) -> None:
    lock = lock_path(draft)
    lock.write_bytes(content)
    young = acquire(draft)
    assert isinstance(young, Held) and young.state == "unknown"
    assert young.problem is not None and reason in young.problem
    assert "无法判断由谁持有" in young.message()
    old = time.time() - 60
    os.utime(lock, (old, old))
    assert isinstance(acquire(draft), Lock)


def test_a_lock_that_links_out_of_the_folder_never_harms_its_target(tmp_path: Path, draft: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-secret"
    outside.write_text("secret", "utf-8")
    lock_path(draft).symlink_to(outside)
    result = acquire(draft)
    assert isinstance(result, Held) and result.problem and "链接" in result.problem
    old = time.time() - 60
    os.utime(lock_path(draft), (old, old), follow_symlinks=False)
    assert isinstance(acquire(draft), Lock)
    assert outside.read_text("utf-8") == "secret"
    outside.unlink()


def test_hostile_text_in_a_lock_never_reaches_the_terminal(draft: Path) -> None:
    _write_lock(draft, user="\x1b]0;pwned\x07[@click=app.quit]x[/]", host="h\u202eost\x1b[2J", pid=1, pidns="other")
    result = holder(draft)
    assert result is not None
    message = result.message()
    assert "\x1b" not in message and "\u202e" not in message and "\x07" not in message
    assert "[@click=app.quit]x[/]" in message  # literal text: the app shows it with markup off


def test_a_very_long_draft_name_gets_a_lock_too(tmp_path: Path) -> None:
    path = tmp_path / ("长" * 80 + ".toml")  # 244 bytes: no room for a dot and a suffix
    lock = acquire(path)
    assert isinstance(lock, Lock)
    assert len(os.fsencode(lock_path(path).name)) < 255
    assert isinstance(acquire(path), Held)
    lock.release()


def test_a_folder_that_cannot_hold_a_lock_raises_oserror_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught:
        acquire(tmp_path / "missing" / "a.toml")
    assert lock_problem(caught.value) == "无法创建锁文件（文件不存在），已以只读方式打开。"


def test_one_of_many_racing_processes_takes_a_dead_lock(draft: Path) -> None:
    for round_ in range(5):
        _write_lock(draft, pid=os.getpid(), started=-1, token=f"dead{round_}")
        go_r, go_w = os.pipe()
        out_r, out_w = os.pipe()
        done_r, done_w = os.pipe()
        children = []
        for _ in range(6):
            pid = os.fork()
            if pid == 0:  # pragma: no cover - child
                try:
                    os.read(go_r, 1)
                    result = acquire(draft)
                    os.write(out_w, b"L" if isinstance(result, Lock) else b"H")
                    os.read(done_r, 1)
                finally:
                    os._exit(0)
            children.append(pid)
        os.write(go_w, b"x" * 6)
        results = b"".join(os.read(out_r, 1) for _ in children)
        os.write(done_w, b"x" * 6)
        for pid in children:
            os.waitpid(pid, 0)
        for fd in (go_r, go_w, out_r, out_w, done_r, done_w):
            os.close(fd)
        assert results.count(b"L") == 1, results
        lock_path(draft).unlink()


def test_a_guard_left_by_a_process_killed_while_clearing_expires(draft: Path) -> None:
    _write_lock(draft, started=-1)
    guard = lock_path(draft).with_name(lock_path(draft).name + ".break")
    guard.write_bytes(b"")
    assert isinstance(acquire(draft), Held)  # someone else is clearing it right now
    old = time.time() - locks.BREAK_GRACE - 5
    os.utime(guard, (old, old))
    assert isinstance(acquire(draft), Lock)
    assert not guard.exists()
