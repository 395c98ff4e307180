"""Issue 18's attack, kept (reading side): hostile folders against every command and the app.

Each case builds a drafts folder with two good drafts and one hostile thing a
stranger or an unzipped archive can leave there: a name that is not UTF-8, a
draft nested 500 or 3,000 deep, the index as a FIFO or a device, a device
named like a draft, a profile that is a FIFO, nested or Notepad's UTF-8, a
killed writer's temporary. Every command runs in-process (``main(argv)``)
under an alarm, and the app under Pilot: no traceback, no hang, the exit
status the README gives, and both good drafts still listed. Importing a FIFO
or an endless device runs in a subprocess with a timeout, since a regression
there would block the test's own thread. Devices are made with ``os.mknod``
inside the test's folder (never under /dev); where that is not allowed, the
case is skipped with the reason.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO

from forms.model.declaration import new_declaration
from forms.store.drafts import dumps
from forms.store.index import INDEX_NAME
from tui.app import ShenbaoApp
from tui.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, main
from tui.screens.drafts import DraftsScreen

HOUR_AGO = time.time() - 3600
GOOD_NAMES = ("甲项目", "乙项目")
DEEP_ARRAYS = "schema = 1\nx = " + "[" * 500 + "]" * 500 + "\n"
DEEP_TABLES = "schema = 1\nx = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"
DEEP_JSON = "[" * 100_000 + "]" * 100_000


def good(name: str) -> bytes:
    draft = new_declaration(year="2021")
    draft.project.name = name
    draft.funding.total_this_year = "12.5"
    return dumps(draft).encode("utf-8")


def device(path: Path, minor: int) -> None:
    """A character device like /dev/zero (1, 5) or /dev/urandom (1, 9), in the test's own folder."""
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, minor))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error.strerror}")


def fsname(folder: Path, raw: bytes) -> Path:
    return Path(os.fsdecode(os.path.join(os.fsencode(folder), raw)))


Build = Callable[[Path], None]
CASES: dict[str, tuple[Build, bool]] = {
    # name: (what to add to the folder, whether a draft file in it is unreadable)
    "ff-fe-name": (lambda f: fsname(f, b"\xff\xfe.toml").write_bytes(good("丙项目")), False),
    "gbk-name": (lambda f: fsname(f, "政务大厅租金".encode("gbk") + b".toml").write_bytes(good("丙项目")), False),
    "nested-arrays": (lambda f: (f / "deep.toml").write_text(DEEP_ARRAYS, "utf-8"), True),
    "nested-tables": (lambda f: (f / "deep.toml").write_text(DEEP_TABLES, "utf-8"), True),
    "bom-draft": (lambda f: (f / "notepad.toml").write_bytes(b"\xef\xbb\xbf" + good("丙项目")), False),
    "index-fifo": (lambda f: os.mkfifo(f / INDEX_NAME), False),
    "index-device": (lambda f: device(f / INDEX_NAME, 5), False),
    "index-nested": (lambda f: (f / INDEX_NAME).write_text(DEEP_JSON, "utf-8"), False),
    "draft-device": (lambda f: device(f / "zero.toml", 5), True),
    "draft-fifo": (lambda f: os.mkfifo(f / "pipe.toml"), True),
    "profile-fifo": (lambda f: os.mkfifo(f / "_profile.toml"), False),
    "profile-nested": (lambda f: (f / "_profile.toml").write_text("unit = " + "[" * 600, "utf-8"), False),
    "profile-bom": (lambda f: (f / "_profile.toml").write_bytes('\ufeffunit = "区行政审批服务局"\n'.encode()), False),
    "profile-temporary": (lambda f: (f / "._profile.toml.k3j_x9q2.tmp").write_bytes(b'unit = "'), False),
}
PROFILE_BROKEN = {"profile-fifo", "profile-nested"}


@pytest.fixture(params=list(CASES))
def hostile(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.toml").write_bytes(good(GOOD_NAMES[0]))
    (folder / "b.toml").write_bytes(good(GOOD_NAMES[1]))
    CASES[request.param][0](folder)
    for entry in os.scandir(folder):  # settled: the index keeps them (the non-UTF-8 name broke only then)
        if entry.is_file(follow_symlinks=False):
            os.utime(entry.path, (HOUR_AGO, HOUR_AGO), follow_symlinks=False)
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail(f"{request.param}: a command hung"))
    signal.alarm(30)
    try:
        yield request.param, folder
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, (argv, err[-600:])
    return status, out + err


def test_every_command_survives_the_folder(hostile: tuple[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    case, folder = hostile
    unreadable = CASES[case][1]
    drafts = ["--drafts", str(folder)]
    for _ in range(2):  # the second run reads the index the first one wrote
        status, out = run(capsys, "list", *drafts)
        assert status == (EXIT_UNREADABLE if unreadable else EXIT_FINDINGS), out
        assert all(name in out for name in GOOD_NAMES), out
    status, out = run(capsys, "validate", *drafts)
    assert status == (EXIT_UNREADABLE if unreadable else EXIT_FINDINGS) and "a.toml" in out and "b.toml" in out
    assert run(capsys, "export", "a", "--force", *drafts)[0] == EXIT_OK
    assert run(capsys, "show", "b", "--no-pager", *drafts)[0] == EXIT_OK
    status, out = run(capsys, "summary", *drafts)
    assert status in (EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE) and all(name in out for name in GOOD_NAMES)
    assert run(capsys, "rollover", "-n", *drafts)[0] in (EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE)
    assert run(capsys, "duplicate", "a", *drafts)[0] == EXIT_OK
    status, out = run(capsys, "profile", *drafts)
    assert status == (EXIT_UNREADABLE if case in PROFILE_BROKEN else EXIT_OK), out
    if case == "profile-bom":
        assert "区行政审批服务局" in out
    sample = REPO / "tests" / "data" / "import" / "pipe-joined.txt"
    assert run(capsys, "import", str(sample), "--dry-run", *drafts)[0] in (EXIT_OK, EXIT_FINDINGS)
    status, out = run(capsys, "list", *drafts)
    assert all(name in out for name in (*GOOD_NAMES, f"{GOOD_NAMES[0]}（副本）")), out


def test_what_each_case_shows(hostile: tuple[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    case, folder = hostile
    _, out = run(capsys, "list", "--drafts", str(folder))
    if case == "ff-fe-name":
        assert "\\xff\\xfe.toml" in out and "丙项目" in out  # its bytes escaped, its draft read
    if case == "gbk-name":
        assert "\\xd5\\xfe" in out and "丙项目" in out
    if case.startswith("nested"):
        assert "嵌套超过" in out
    if case == "bom-draft":
        assert "丙项目" in out
    if case == "draft-device":
        assert "设备文件" in out
    if case == "profile-temporary":
        assert not (folder / "._profile.toml.k3j_x9q2.tmp").exists()  # swept, as a killed writer's


async def test_the_app_lists_the_good_drafts_beside_the_hostile_thing(hostile: tuple[str, Path]) -> None:
    case, folder = hostile
    for start in range(2):  # the second start comes from the index the first one wrote
        app = ShenbaoApp(folder)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            assert isinstance(screen, DraftsScreen)
            for _ in range(100):
                await pilot.pause(0.05)
                if not screen.reading:
                    break
            assert not screen.reading, f"{case}: the list never finished reading"
            names = {summary.name for summary in screen.summaries}
            assert set(GOOD_NAMES) <= names
            assert any(s.problem for s in screen.summaries) == CASES[case][1]
            if start and case.endswith("-name"):  # edit the draft whose name is not UTF-8 (lock, journal, save)
                row = [s.name for s in screen.summaries].index("丙项目")
                screen.table.move_cursor(row=row)
                await pilot.press("enter")
                await pilot.pause(0.3)
                await pilot.press("tab", "tab", "x", "escape")
                await pilot.pause(0.3)
                assert isinstance(app.screen, DraftsScreen)
            if start:
                await pilot.press("down", "down", "s")  # move over the rows, open the summary of all projects
                await pilot.pause(0.1)
                await pilot.press("escape", "u")  # and the unit profile (refused with its reason when broken)
                await pilot.pause(0.1)
        assert app.return_code in (None, 0)


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom"])
def test_importing_a_fifo_or_an_endless_device_ends_at_once(tmp_path: Path, kind: str) -> None:
    source = tmp_path / f"forms-{kind}.txt"
    if kind == "fifo":
        os.mkfifo(source)
    else:
        device(source, 5 if kind == "zero" else 9)
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "import", str(source), "--drafts", str(tmp_path / "drafts")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=20,
        env=os.environ | {"PYTHONPATH": str(REPO)},
    )
    assert result.returncode == EXIT_UNREADABLE, result.stderr
    assert "Traceback" not in result.stderr and ("命名管道" in result.stderr or "设备文件" in result.stderr)
    assert time.monotonic() - began < 10


def test_a_name_that_is_not_utf8_prints_escaped_on_a_strict_utf8_terminal(tmp_path: Path) -> None:
    # In-process output takes any str; a real UTF-8 terminal's stdout refuses the name's raw surrogates.
    folder = tmp_path / "drafts"
    folder.mkdir()
    fsname(folder, b"\xff\xfe.toml").write_bytes(good("丙项目"))
    env = os.environ | {"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8", "PYTHONPATH": str(REPO)}
    commands = [["list"], ["validate"], ["summary"], ["rollover", "-n", "--year", "2021"], ["show", "丙项目"]]
    for command in commands:
        result = subprocess.run(
            [sys.executable, "-m", "tui.cli", *command, "--drafts", str(folder)],
            cwd=REPO,
            capture_output=True,
            timeout=30,
            env=env,
        )
        out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
        assert "Traceback" not in out and result.returncode in (EXIT_OK, EXIT_FINDINGS), (command, out[-400:])
        assert command[0] in ("show", "summary") or "\\xff\\xfe.toml" in out, (command, out[-400:])
