"""The bureau cache: an unchanged bureau's report is given again; any change to a unit's files is seen at once."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from bureau_support import make_bureau

import forms.workflows.bureau as bureau
import forms.workflows.bureau_report as report_module
from forms.workflows.bureau_cache import CACHE_NAME
from forms.workflows.bureau_report import ReportOptions, bureau_report

PAST = time.time() - 3600
KINDS = [ReportOptions(), ReportOptions(kind="csv"), ReportOptions(kind="checks"), ReportOptions(width=None)]


def _settled(folder: Path, when: float = PAST) -> Path:
    # The cache keeps only units whose files are older than a couple of seconds (coarse timestamps): age them.
    for path in folder.rglob("*.toml"):
        os.utime(path, (when, when))
    return folder


def _settle_new(folder: Path) -> None:
    # What the change wrote is aged too (the cache would not keep it otherwise); nothing else is touched.
    for path in folder.rglob("*.toml"):
        if path.stat().st_mtime > PAST + 60:
            os.utime(path, (PAST + 60, PAST + 60))


def _cold(folder: Path, options: ReportOptions) -> tuple[str, bool]:
    # The same report with no bureau cache at all (the folder indexes may still help; they are checked elsewhere).
    (folder / CACHE_NAME).unlink(missing_ok=True)
    return bureau_report(folder, options)


def _no_summing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("an unchanged bureau was summed again")

    monkeypatch.setattr(report_module, "_made", refuse)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return _settled(make_bureau(tmp_path / "b"))


def test_an_unchanged_bureau_gives_the_last_report_without_summing(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = {options: bureau_report(folder, options) for options in KINDS}
    assert made[ReportOptions(kind="checks")][1] is True  # the checks found the copied set and the rises
    assert "甲局" in made[ReportOptions()][0] and "[bold]设备购置[/]" in made[ReportOptions()][0]
    last = KINDS[-1]
    _no_summing(monkeypatch)
    assert bureau_report(folder, last) == made[last]
    with pytest.raises(AssertionError, match="summed again"):
        bureau_report(folder, KINDS[0])  # only the last report is kept: another one is made again


def _edit_in_place_same_size_same_mtime(path: Path) -> None:
    # The hardest change to see: same size, modification time put back; only the change time differs.
    info = path.stat()
    text = path.read_text("utf-8")
    changed = text.replace('total_this_year = "15"', 'total_this_year = "19"')
    assert changed != text and len(changed.encode()) == info.st_size
    with path.open("r+", encoding="utf-8") as handle:  # in place: the folder's own time does not change
        handle.write(changed)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def _add_draft(folder: Path) -> None:
    source = folder / "jia" / "政务大厅租金-2022.toml"
    (folder / "jia" / "新项目-2022.toml").write_text(
        source.read_text("utf-8").replace('name = "政务大厅租金"', 'name = "新项目"'), "utf-8"
    )


def _rename_unit(folder: Path) -> None:
    profile = folder / "bing" / "_profile.toml"
    profile.write_text(profile.read_text("utf-8").replace("丙局", "丙局（更名）"), "utf-8")


def _new_unit(folder: Path) -> None:
    (folder / "ding").mkdir()
    for name in ("_profile.toml", "资料印刷费-2022.toml"):
        text = (folder / "bing" / name).read_text("utf-8").replace("丙局", "丁局")
        (folder / "ding" / name).write_text(text, "utf-8")


RENT = Path("jia") / "政务大厅租金-2022.toml"
CHANGES = {
    "edited in place, same size and time": lambda f: _edit_in_place_same_size_same_mtime(f / RENT),
    "a draft added": _add_draft,
    "a draft deleted": lambda f: (f / "yi" / "干部培训费-2022.toml").unlink(),
    "a draft made unreadable": lambda f: (f / "yi" / "干部培训费-2022.toml").write_text("[project\n", "utf-8"),
    "a unit renamed in its profile": _rename_unit,
    "a unit added": _new_unit,
    "a unit's profile removed": lambda f: (f / "bing" / "_profile.toml").unlink(),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_any_change_to_a_units_files_is_in_the_next_report(folder: Path, change: str) -> None:
    for options in KINDS:
        bureau_report(folder, options)  # every kind made once, the last one kept
    CHANGES[change](folder)
    _settle_new(folder)
    for options in reversed(KINDS):  # the kept one first
        assert bureau_report(folder, options) == _cold(folder, options), options


def test_only_the_changed_unit_is_read_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bureau_report(folder, ReportOptions())
    _add_draft(folder)
    _settle_new(folder)
    read: list[str] = []
    scan = bureau.scan
    monkeypatch.setattr(bureau, "scan", lambda place, **kw: read.append(place.name) or scan(place, **kw))
    text, _found = bureau_report(folder, ReportOptions())
    assert read == ["jia"] and "新项目" in text


def test_a_draft_changed_seconds_ago_is_not_trusted_to_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _settled(folder, time.time())  # as if just saved: a second save in the same timestamp tick would look the same
    first = bureau_report(folder, ReportOptions())
    calls: list[int] = []
    made = report_module._made
    monkeypatch.setattr(report_module, "_made", lambda *a: calls.append(1) or made(*a))
    assert bureau_report(folder, ReportOptions()) == first
    assert calls == [1]  # made again, not given from the cache


DAMAGE = {
    "empty": b"",
    "not JSON": b"\x00\xff garbage\n\n",
    "truncated": None,
    "rows edited by hand": "rows",
    "report edited by hand": "report",
    "a FIFO": "fifo",
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_cache_is_set_aside_and_the_report_is_right(
    folder: Path, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    right = bureau_report(folder, ReportOptions())
    path = folder / CACHE_NAME
    raw = path.read_bytes()
    head, rows, made = raw.split(b"\n")
    if DAMAGE[damage] == "rows":
        path.write_bytes(b"\n".join((head, rows.replace(b"15", b"99"), made)))
    elif DAMAGE[damage] == "report":
        path.write_bytes(b"\n".join((head, rows, made.replace("甲局".encode(), "假局".encode()))))
    elif DAMAGE[damage] == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif DAMAGE[damage] is None:
        path.write_bytes(raw[: len(raw) // 2])
    else:
        path.write_bytes(DAMAGE[damage])
    assert bureau_report(folder, ReportOptions()) == right
    assert bureau_report(folder, ReportOptions(kind="csv")) == _cold(folder, ReportOptions(kind="csv"))


def test_rows_of_the_wrong_shape_under_a_right_digest_are_read_again(folder: Path) -> None:
    # Someone who rewrites the digest too: the rows are still checked before use.
    import hashlib
    import json

    right = bureau_report(folder, ReportOptions(width=None))
    path = folder / CACHE_NAME
    head, rows, _made = path.read_bytes().split(b"\n")
    data = json.loads(rows)
    data["jia"][0][8] = "many"  # an error count that is not a number
    data["yi"] = [[1, 2]]
    rows = json.dumps(data, ensure_ascii=False).encode()
    header = json.loads(head)
    header["rows"] = hashlib.sha256(rows).hexdigest()
    header["report"] = hashlib.sha256(b"{}").hexdigest()
    path.write_bytes(b"\n".join((json.dumps(header).encode(), rows, b"{}")))
    assert bureau_report(folder, ReportOptions(width=None)) == right
