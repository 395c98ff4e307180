"""A drafts folder holding hostile or broken files: each listed with a clear reason, nothing blocks, nothing changes.

Files with bad content, things that are not files (a named pipe called
``x.toml`` must not block!), links out of the folder and odd file names
(newlines, escape sequences, bytes that are not UTF-8, …). ``load_draft``, the
app's ``DraftStore``, ``shenbao list`` and ``shenbao validate`` must each say
what is wrong with every bad one, handle the rest, and change no file's bytes.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from forms.model.declaration import new_declaration
from forms.store.drafts import DraftError, draft_paths, dumps, load_draft, save_draft
from forms.store.safe_io import sweep_temporaries
from tui.cli import EXIT_UNREADABLE, main
from tui.folder.store import DraftStore

GOOD = dumps(new_declaration(year="2021")).encode("utf-8")
HUGE = 3 * 1024 * 1024

BAD: dict[str, str] = {
    "not-toml.toml": "不是有效的 TOML",
    "nul-bytes.toml": "不是有效的 TOML",
    "empty.toml": "缺少 schema",
    "wrong-types.toml": "应为文字",
    "unknown-key.toml": "未知的字段",
    "newer.toml": "较新版本",
    "huge.toml": "文件过大",
    "gbk.toml": "不是 UTF-8",
    "link-out.toml": "草稿文件夹之外的链接",
    "link-loop.toml": "链接层数过多或成环",
    "dangling.toml": "文件不存在",
    "x.toml": "命名管道",
    "y.toml": "是文件夹",
    "s.toml": "套接字",
}
"""Files that are not drafts, and the reason each must be given."""

ODD_NAMES = [
    "line\nbreak.toml",
    "tab\tand  spaces .toml",
    "-rf.toml",
    "--drafts=etc.toml",
    "长" * 80 + ".toml",
    "e\u0301-not-nfc.toml",
    "\x1b]0;pwned\x07\x1b[2J.toml",
    "[@click=app.quit]x[-].toml",
    "\u202eexe.toml",
    os.fsdecode(b"bytes-\xff\xfe-not-utf8.toml"),
    "link-in.toml",
    "bom.toml",
]
"""Readable drafts under names that have tripped tools up."""

HIDDEN = [".hidden.toml", ".a.toml.lock", ".a.toml.swp", ".a.toml.k3j_x9q2.tmp", "notes.txt", "UPPER.TOML"]
"""Files in the folder that are not listed as drafts."""


def build(folder: Path, outside: Path) -> None:
    """The hostile folder; ``outside`` is a file beyond it that a link points at."""
    (folder / "not-toml.toml").write_text("这不是 = = TOML\n", "utf-8")
    (folder / "nul-bytes.toml").write_bytes(b"schema = 1\n\x00\x01\x02")
    (folder / "bom.toml").write_bytes("\ufeff".encode() + GOOD)  # Notepad's UTF-8: a readable draft
    (folder / "empty.toml").write_bytes(b"")
    (folder / "wrong-types.toml").write_text("schema = 1\nyear = 2021\n", "utf-8")
    (folder / "unknown-key.toml").write_text('schema = 1\ncolour = "red"\n', "utf-8")
    (folder / "newer.toml").write_text("schema = 99\n", "utf-8")
    (folder / "huge.toml").write_bytes(b"#" * HUGE)
    (folder / "gbk.toml").write_bytes('schema = 1\nyear = "二〇二一"\n'.encode("gbk"))
    outside.write_bytes(GOOD)
    (folder / "link-out.toml").symlink_to(outside)
    (folder / "link-loop.toml").symlink_to("link-loop.toml")
    (folder / "dangling.toml").symlink_to("gone.toml")
    os.mkfifo(folder / "x.toml")
    (folder / "y.toml").mkdir()
    here = os.getcwd()
    os.chdir(folder)  # a socket's path must fit in 108 bytes: bind it by its short relative name
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind("s.toml")
    finally:
        os.chdir(here)
    for name in ODD_NAMES:
        if name not in ("link-in.toml", "bom.toml"):
            (folder / name).write_bytes(GOOD)
    (folder / "link-in.toml").symlink_to("-rf.toml")
    for name in HIDDEN:
        (folder / name).write_bytes(b"not a draft")


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry's kind and bytes (or link target), to prove nothing changed."""
    state: dict[str, object] = {}
    for entry in os.scandir(folder):
        if entry.is_symlink():
            state[entry.name] = ("link", os.readlink(entry.path))
        elif entry.is_file():
            state[entry.name] = ("file", Path(entry.path).read_bytes())
        else:
            state[entry.name] = ("other", entry.stat(follow_symlinks=False).st_mode)
    return state


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    build(drafts, tmp_path / "outside.toml")
    before = snapshot(drafts)
    # A blocking open of the FIFO would hang the suite: fail loudly instead.
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("blocked on a file (the FIFO?)"))
    signal.alarm(30)
    try:
        yield drafts
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert snapshot(drafts) == before, "a file in the drafts folder changed"


def test_every_toml_entry_is_listed_and_nothing_else(folder: Path) -> None:
    assert sorted(p.name for p in draft_paths(folder)) == sorted([*BAD, *ODD_NAMES])


@pytest.mark.parametrize(("name", "reason"), BAD.items(), ids=list(BAD))
def test_load_draft_gives_a_clear_reason(folder: Path, name: str, reason: str) -> None:
    with pytest.raises(DraftError) as caught:
        load_draft(folder / name)
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{name}：")
    assert caught.value.reason.isprintable()


@pytest.mark.parametrize("name", ODD_NAMES, ids=[repr(n)[1:20] for n in ODD_NAMES])
def test_drafts_under_odd_names_load_and_save(folder: Path, name: str) -> None:
    draft = load_draft(folder / name)
    assert draft == new_declaration(year="2021")
    if name != "link-in.toml":  # saving replaces a link with a file: keep the fixture's link
        save_draft(draft, folder / name)  # same bytes, so the folder's snapshot still holds
        assert (folder / name).read_bytes() == GOOD
        if name == "bom.toml":  # saved without the mark; put it back for the snapshot
            (folder / name).write_bytes("\ufeff".encode() + GOOD)


def test_the_apps_store_lists_every_bad_file_and_refuses_to_overwrite_it(folder: Path) -> None:
    store = DraftStore(folder)
    summaries = {s.path.name: s for s in store.summaries()}
    assert set(summaries) == {*BAD, *ODD_NAMES}
    for name in BAD:
        assert summaries[name].problem, name
        with pytest.raises(DraftError):
            store.save(folder / name, new_declaration())
    assert all(summaries[name].problem is None for name in ODD_NAMES)


def test_the_apps_store_gives_the_same_reasons_as_load_draft(folder: Path) -> None:
    summaries = {s.path.name: s for s in DraftStore(folder).summaries()}
    assert {name: reason in (summaries[name].problem or "") for name, reason in BAD.items()} == dict.fromkeys(BAD, True)
    assert all(summaries[name].status.count("无法读取") == 1 for name in BAD), "无法读取 said once"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out + out.err


_TERMINAL_CONTROLS = {chr(c) for c in range(0x20) if c != 0x0A} | {chr(c) for c in range(0x7F, 0xA0)} | {"\u202e"}


def test_shenbao_list_shows_each_reason_safely(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _run(capsys, "list", "--drafts", str(folder))
    assert status == EXIT_UNREADABLE
    lines = out.splitlines()
    for name, reason in BAD.items():
        assert any(line.startswith(name) and reason in line for line in lines), name
    assert not set(out) & _TERMINAL_CONTROLS
    assert out.count("2021") == len(ODD_NAMES)


def test_shenbao_validate_gives_each_reason_and_exits_2(folder: Path) -> None:
    # In the C locale stdout passes undecodable name bytes through (the strict case is tested below).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"} | {"LC_ALL": "C", "LANG": "C"}
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "validate", "--drafts", str(folder)],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    out = result.stdout.decode("utf-8", "surrogateescape")
    assert result.returncode == EXIT_UNREADABLE, result.stderr.decode("utf-8", "replace")
    for name, reason in BAD.items():
        assert any(f"{name}：无法读取：" in line and reason in line for line in out.splitlines()), name
    assert out.count("个错误") == len(ODD_NAMES)
    assert b"Traceback" not in result.stderr


def test_shenbao_validate_prints_no_escape_sequence_from_a_file_name(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = _run(capsys, "validate", "--drafts", str(folder))
    assert not set(out) & _TERMINAL_CONTROLS


@pytest.mark.parametrize(
    "command",
    [
        "list",
        "validate",
    ],
)
def test_a_name_that_is_not_utf8_on_a_strict_utf8_terminal(folder: Path, command: str) -> None:
    # Outside the C locale Python's stdout is strict UTF-8: a raw surrogate from the file system crashes a print.
    env = os.environ | {"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", command, "--drafts", str(folder)],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")[-400:]
    result.stdout.decode("utf-8")


def test_sweeping_temporaries_touches_only_stale_temporary_files(folder: Path) -> None:
    stale = folder / ".a.toml.k3j_x9q2.tmp"
    assert sweep_temporaries(folder) == []  # too young to be a dead writer's
    os.utime(stale, (1, 1))
    decoy = folder / ".b.toml.abcdefgh.tmp"
    decoy.mkdir()
    os.utime(decoy, (1, 1))
    assert sweep_temporaries(folder) == [stale]
    stale.write_bytes(b"not a draft")  # the fixture checks every other entry is untouched
    os.rmdir(decoy)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "locked.toml"
    path.write_bytes(GOOD)
    path.chmod(0)
    with pytest.raises(DraftError, match="没有读取权限"):
        load_draft(path)
