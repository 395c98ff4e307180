"""The one output rule (``forms.store.output``) through ``export -o`` and ``summary -o``, called in-process.

Devices and FIFOs are made inside the test's temporary folder (the suite runs
as root: nothing under /dev is touched); what this machine cannot make or mount
is skipped with the reason.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from test_cli import complete_draft

from forms.render.formats import FORMATS, render
from forms.store import output, output_formats
from forms.store.drafts import load_draft, save_draft
from forms.store.output import OUTPUT_FORMATS, OutputError, choose_format, with_suffix, write_output
from tui.cli import main

NAME = "电子政务外网线路租赁"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    save_draft(complete_draft(), drafts / "good.toml")
    return drafts


def export(folder: Path, *args: str) -> int:
    return main(["export", NAME, "--drafts", str(folder), *args])


def expected(folder: Path, fmt: str = "text") -> str:
    return render(load_draft(folder / "good.toml"), fmt)  # type: ignore[arg-type]


def make_node(path: Path, kind: int) -> None:
    try:
        os.mknod(path, kind | 0o600, os.makedev(1, 7) if kind == stat.S_IFCHR else 0)
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a {'device' if kind == stat.S_IFCHR else 'node'} here: {error}")


@pytest.mark.parametrize("kind", ["device", "fifo", "folder", "socket"])
def test_a_device_fifo_folder_or_socket_is_refused_and_left_as_it_was(
    folder: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "target"
    if kind == "device":
        make_node(target, stat.S_IFCHR)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        import socket

        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
    before = os.lstat(target)
    for extra in ([], ["--overwrite"]):
        assert export(folder, "-o", str(target), *extra) == 2
        error = capsys.readouterr().err
        word = {"device": "设备", "fifo": "管道", "folder": "文件夹"}.get(kind, "套接字")
        assert "Traceback" not in error and word in error
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)
    assert main(["summary", "--drafts", str(folder), "-o", str(target), "--overwrite"]) == 2
    assert os.lstat(target).st_ino == before.st_ino


def test_a_symlink_is_written_through_to_its_target_and_stays_a_link(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    real = tmp_path / "shared" / "申报表.txt"
    real.write_text("old")
    link = tmp_path / "申报表.txt"
    link.symlink_to(real)
    assert export(folder, "-o", str(link)) == 2  # it exists: replaced only with --overwrite
    assert real.read_text() == "old"
    assert export(folder, "-o", str(link), "--overwrite") == 0
    assert link.is_symlink() and real.read_text("utf-8") == expected(folder)


def test_a_link_to_a_device_or_in_a_loop_is_refused(folder: Path, tmp_path: Path) -> None:
    node = tmp_path / "node"
    os.mkfifo(node)
    (tmp_path / "to-fifo").symlink_to(node)
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    assert export(folder, "-o", str(tmp_path / "to-fifo"), "--overwrite") == 2
    assert export(folder, "-o", str(tmp_path / "loop-a"), "--overwrite") == 2
    assert stat.S_ISFIFO(os.lstat(node).st_mode) and (tmp_path / "loop-a").is_symlink()


def test_a_dangling_link_creates_its_target_when_the_target_folder_exists(folder: Path, tmp_path: Path) -> None:
    link = tmp_path / "latest.txt"
    link.symlink_to(tmp_path / "new.txt")
    assert export(folder, "-o", str(link)) == 0
    assert link.is_symlink() and (tmp_path / "new.txt").read_text("utf-8") == expected(folder)


def test_missing_folders_of_a_typed_path_are_never_created(folder: Path, tmp_path: Path, capsys) -> None:
    assert export(folder, "-o", str(tmp_path / "无此" / "x.txt")) == 2
    assert "不存在" in capsys.readouterr().err and not (tmp_path / "无此").exists()
    assert main(["summary", "--drafts", str(folder), "-o", str(tmp_path / "无此" / "s.csv")]) == 2
    assert not (tmp_path / "无此").exists()


def test_an_existing_file_needs_overwrite_and_force_still_means_despite_errors(folder: Path, tmp_path: Path, capsys):
    target = tmp_path / "x.txt"
    target.write_text("mine")
    target.chmod(0o644)
    assert export(folder, "-o", str(target), "--force") == 2
    assert "--overwrite" in capsys.readouterr().err and target.read_text() == "mine"
    assert export(folder, "-o", str(target), "--overwrite") == 0
    assert target.read_text("utf-8") == expected(folder)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # a replaced file keeps its permissions
    assert main(["summary", "--drafts", str(folder), "-o", str(target)]) == 2
    assert main(["summary", "--drafts", str(folder), "-o", str(target), "--overwrite"]) == 0
    assert "项目汇总" in target.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "name"),
    [(["--format", "text"], "x.docx"), (["--format", "md"], "x.txt"), (["--format", "text"], "x.MD"), ([], "x.toml")],
)
def test_a_format_against_the_suffix_is_refused(folder: Path, tmp_path: Path, args, name, capsys) -> None:
    assert export(folder, *args, "-o", str(tmp_path / name)) == 2
    assert "后缀" in capsys.readouterr().err and not (tmp_path / name).exists()


def test_without_format_the_suffix_decides_where_it_is_unambiguous(folder: Path, tmp_path: Path, capsys) -> None:
    assert export(folder, "-o", str(tmp_path / "x.md")) == 0
    assert (tmp_path / "x.md").read_text("utf-8") == expected(folder, "md")
    assert export(folder, "-o", str(tmp_path / "x.markdown")) == 0
    assert (tmp_path / "x.markdown").read_text("utf-8") == expected(folder, "md")
    assert export(folder, "-o", str(tmp_path / "报告")) == 0  # no suffix: the default, text
    assert (tmp_path / "报告").read_text("utf-8") == expected(folder)
    assert export(folder, "-o", str(tmp_path / "x.docx")) == 0  # Word, by its suffix
    assert (tmp_path / "x.docx").read_bytes().startswith(b"PK")
    assert export(folder, "-o", str(tmp_path / "x.指标.csv")) == 0  # the longest ending decides: indicators
    assert (tmp_path / "x.指标.csv").read_text("utf-8-sig").startswith("一级指标")
    assert main(["summary", "--drafts", str(folder), "-o", str(tmp_path / "s.csv")]) == 0
    assert (tmp_path / "s.csv").read_text("utf-8").startswith("文件,")


def test_two_formats_sharing_a_suffix_need_format(monkeypatch: pytest.MonkeyPatch) -> None:
    extra = output_formats.OutputFormat("indicators", (".xlsx",), "指标表")
    monkeypatch.setattr(output_formats, "OUTPUT_FORMATS", (*OUTPUT_FORMATS, extra))
    monkeypatch.setattr(output_formats, "_SUFFIXES", output_formats._build_suffixes())
    with pytest.raises(OutputError, match="--format"):
        choose_format(Path("a.xlsx"), ["xlsx", "indicators"], explicit=None, default="xlsx")
    assert choose_format(Path("a.xlsx"), ["xlsx", "indicators"], explicit="indicators", default="xlsx") == "indicators"
    assert choose_format(Path("a.xlsx"), ["indicators"], explicit=None, default="indicators") == "indicators"


def test_a_longer_ending_tells_the_indicator_sheet_from_the_form() -> None:
    offered = ["xlsx", "indicators-xlsx"]
    assert choose_format(Path("表.xlsx"), offered, explicit=None, default="text") == "xlsx"
    assert choose_format(Path("表.指标.xlsx"), offered, explicit=None, default="text") == "indicators-xlsx"
    assert with_suffix(Path("d/表.指标.xlsx"), "docx") == Path("d/表.docx")
    assert with_suffix(Path("d/表.docx"), "indicators-csv") == Path("d/表.指标.csv")


def test_every_export_format_has_a_suffix_in_the_table() -> None:
    from tui.cli.summary import FORMATS as SUMMARY_FORMATS

    names = {f.name for f in OUTPUT_FORMATS}
    assert set(FORMATS) | set(SUMMARY_FORMATS) <= names
    assert len(names) == len(OUTPUT_FORMATS)


def test_a_name_too_long_and_proc_end_in_a_message(folder: Path, tmp_path: Path, capsys) -> None:
    assert export(folder, "-o", str(tmp_path / ("名" * 100 + ".txt"))) == 2
    assert "文件名太长" in capsys.readouterr().err
    if Path("/proc/version").is_file():
        assert export(folder, "-o", "/proc/version", "--overwrite") == 2
        error = capsys.readouterr().err
        assert "无法写入 /proc/version" in error and "Traceback" not in error


def test_a_read_only_folder_ends_in_a_message(folder: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    # Root ignores permission bits and mounting needs privileges a CI box may lack: make mkstemp meet EROFS.
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(output.tempfile, "mkstemp", read_only)
    assert export(folder, "-o", str(tmp_path / "x.txt")) == 2
    assert "文件系统只读" in capsys.readouterr().err and not (tmp_path / "x.txt").exists()


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary(folder, tmp_path, monkeypatch, capsys, where) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, where, full)
    assert export(folder, "-o", str(target), "--overwrite") == 2
    assert "磁盘已满" in capsys.readouterr().err
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["drafts", "x.txt"]


def test_a_real_full_disk_on_a_small_tmpfs(folder: Path, tmp_path: Path, capsys) -> None:
    import subprocess

    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        (mount / "filler").write_bytes(b"x" * 12 * 1024)
        (mount / "x.txt").write_text("old")
        assert export(folder, "-o", str(mount / "x.txt"), "--overwrite") == 2
        assert "磁盘已满" in capsys.readouterr().err
        assert (mount / "x.txt").read_text() == "old"
        assert sorted(p.name for p in mount.iterdir()) == ["filler", "x.txt"]
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_write_output_refuses_a_fifo_put_there_after_the_question(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old")
    target.unlink()
    os.mkfifo(target)
    with pytest.raises(OutputError, match="管道"):
        write_output(target, b"new", overwrite=True)
    assert stat.S_ISFIFO(os.lstat(target).st_mode)


def test_a_real_read_only_mount_and_an_immutable_file(folder: Path, tmp_path: Path, capsys) -> None:
    import shutil
    import subprocess

    mount = tmp_path / "ro"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        assert export(folder, "-o", str(mount / "x.txt")) == 2
        assert "文件系统只读" in capsys.readouterr().err
    finally:
        subprocess.run(["umount", str(mount)], check=False)
    target = tmp_path / "locked.txt"
    target.write_text("old")
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(target)]).returncode != 0:
        pytest.skip("chattr +i is not supported on this file system")
    try:
        assert export(folder, "-o", str(target), "--overwrite") == 2
        assert "不允许写入" in capsys.readouterr().err and target.read_text() == "old"
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=False)
