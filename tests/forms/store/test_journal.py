"""Recovery journal: typing since the last save survives kill -9; a damaged journal is reported, never trusted."""

from __future__ import annotations

import json
import os
import signal
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from forms.model.declaration import new_declaration
from forms.store import journal as journal_module
from forms.store.conflicts import Fingerprint, load_draft_checked, save_draft_checked
from forms.store.drafts import draft_paths, load_draft
from forms.store.journal import Entry, Journal, journal_paths
from forms.store.process import current
from forms.store.recovery import apply_recovery, discard, pending_recovery, read_journal


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, Fingerprint]:
    draft = new_declaration(year="2021")
    draft.project.name = "电子政务外网线路租赁"
    path = tmp_path / "a.toml"
    return path, save_draft_checked(draft, path, None)


def _in_killed_child(work: Callable[[], None]) -> None:
    """Run ``work`` in a child process, then SIGKILL it, as a dropped session or the OOM killer would."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            work()
        finally:
            os.kill(os.getpid(), signal.SIGKILL)
    os.waitpid(pid, 0)


def _write_journal(path: Path, lines: list[object], *, raw_tail: bytes = b"") -> bytes:
    # ASCII JSON, so an unpaired surrogate can be written as its escape, as a hostile journal could.
    data = b"".join(json.dumps(line).encode() + b"\n" for line in lines) + raw_tail
    path.write_bytes(data)
    return data


def _header(draft: str = "a.toml", **changes: object) -> dict[str, object]:
    owner = current().as_dict() | {"pid": 999_999, "started": 1}
    return (
        {"kind": "shenbao-journal", "draft": draft, "base": None, "opened": "2021-03-01T09:30:00+08:00"}
        | owner
        | changes
    )


def test_typing_of_a_killed_process_is_offered_back(saved: tuple[Path, Fingerprint]) -> None:
    path, base = saved

    def type_then_die() -> None:
        journal = Journal(path, base)
        for text in ["张", "张三", "张三丰"]:
            journal.record("project.leader", text, sync=False)
        journal.record("expenses.lines.0.item", "1.维修（护）费")
        journal.record("project.overview", "第一行\n第二行")

    _in_killed_child(type_then_die)
    (found,) = pending_recovery(path.parent)
    assert found.draft_path == path and found.owner_state == "dead" and not found.problems
    assert not found.base_changed
    assert [(e.field, e.text) for e in found.entries] == [
        ("project.leader", "张三丰"),
        ("expenses.lines.0.item", "1.维修（护）费"),
        ("project.overview", "第一行\n第二行"),
    ]
    assert "3 处未保存的输入" in found.summary() and current().user in found.summary()
    draft, print_ = load_draft_checked(path)
    applied = apply_recovery(draft, found.entries)
    assert applied.changed == ["project.leader", "expenses.lines.0.item", "project.overview"] and not applied.problems
    assert draft.project.leader == ""  # the original is untouched
    save_draft_checked(applied.draft, path, print_)
    discard(found)
    assert load_draft(path).project.leader == "张三丰"
    assert pending_recovery(path.parent) == []


def test_journal_is_hidden_private_and_cleared_by_a_save(saved: tuple[Path, Fingerprint]) -> None:
    path, base = saved
    journal = Journal(path, base)
    journal.record("project.leader", "张三")
    assert journal.path == path.parent / ".a.toml.swp"
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
    assert draft_paths(path.parent) == [path]
    assert pending_recovery(path.parent) == []  # its process (this one) is alive
    journal.clear(base)
    assert not (path.parent / ".a.toml.swp").exists()
    journal.record("project.leader", "李四")  # starts afresh
    assert [e.text for e in read_journal(path.parent / ".a.toml.swp").entries] == ["李四"]
    journal.close()


def test_setgid_folder_shares_the_journal_with_the_group(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    journal = Journal(shared / "a.toml")
    journal.record("year", "2021")
    assert journal.path is not None and stat.S_IMODE(journal.path.stat().st_mode) == 0o660
    journal.close()


def test_a_draft_changed_after_the_typing_began_is_flagged(saved: tuple[Path, Fingerprint]) -> None:
    path, base = saved
    _in_killed_child(lambda: Journal(path, base).record("project.leader", "张三"))
    draft = load_draft(path)
    draft.project.name = "同事改过"
    save_draft_checked(draft, path, base)
    (found,) = pending_recovery(path.parent)
    assert found.base_changed and "请核对" in found.summary()


def test_an_unrecovered_journal_is_never_overwritten(saved: tuple[Path, Fingerprint]) -> None:
    path, base = saved
    _in_killed_child(lambda: Journal(path, base).record("project.leader", "第一次"))
    old = (path.parent / ".a.toml.swp").read_bytes()
    journal = Journal(path, base)
    journal.record("project.leader", "第二次")
    assert journal.path == journal_paths(path)[1] == path.parent / ".a.toml.2.swp"
    assert (path.parent / ".a.toml.swp").read_bytes() == old
    journal.close()


def test_a_long_session_is_compacted_to_the_last_texts(
    saved: tuple[Path, Fingerprint], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, base = saved
    monkeypatch.setattr(journal_module, "COMPACT_AT", 4096)
    journal = Journal(path, base)
    text = ""
    for number in range(400):
        text += "字"
        journal.record("project.overview", text, sync=False)
        journal.record("project.leader", f"张{number}", sync=False)
    assert journal.path is not None and journal.path.stat().st_size < 4096 + 3 * len(text.encode()) + 1024
    journal.close()
    entries = {e.field: e.text for e in read_journal(journal.path).entries}
    assert entries == {"project.overview": text, "project.leader": "张399"}


def test_unpaired_surrogates_are_replaced_not_written(saved: tuple[Path, Fingerprint]) -> None:
    path, base = saved
    journal = Journal(path, base)
    journal.record("project.name", "坏\udcff字")
    journal.close()
    assert journal.path is not None
    journal.path.read_bytes().decode("utf-8")
    assert read_journal(journal.path).entries[0].text == "坏\ufffd字"


def test_a_journal_from_another_host_waits_to_be_asked_for(tmp_path: Path) -> None:
    _write_journal(tmp_path / ".a.toml.swp", [_header(host="other-server"), {"at": "t", "field": "year", "text": "1"}])
    assert pending_recovery(tmp_path) == []
    (found,) = pending_recovery(tmp_path, include_unknown=True)
    assert found.owner_state == "unknown" and found.entries == [Entry("year", "1", "t")]


def test_a_torn_last_line_is_dropped_and_reported(tmp_path: Path) -> None:
    entry = {"at": "t", "field": "project.name", "text": "完整"}
    _write_journal(tmp_path / ".a.toml.swp", [_header(), entry], raw_tail=b'{"at": "t", "field": "proj')
    (found,) = pending_recovery(tmp_path)
    assert [e.text for e in found.entries] == ["完整"]
    assert found.problems == ["最后一条记录不完整，已忽略"]


BAD_LINES: list[tuple[str, list[object], str]] = [
    ("not a journal", [{"kind": "vim"}], "不是 shenbao 的恢复记录"),
    ("bad entry", [_header(), {"field": 1, "text": "x", "at": "t"}, ["x"], "s"], "第 2 行不是有效的记录"),
    ("surrogate", [_header(), {"field": "year", "text": "\udc80", "at": "t"}], "第 2 行"),
    ("escape from folder", [_header(draft="../../etc/passwd"), {"field": "year", "text": "1", "at": "t"}], "哪份草稿"),
    ("other draft", [_header(draft="b.toml"), {"field": "year", "text": "1", "at": "t"}], "不符"),
    ("no owner", [_header(pid="x"), {"field": "year", "text": "1", "at": "t"}], "进程"),
]


@pytest.mark.parametrize(("what", "lines", "problem"), BAD_LINES, ids=[case[0] for case in BAD_LINES])
def test_a_damaged_journal_is_reported_and_kept(tmp_path: Path, what: str, lines: list[object], problem: str) -> None:
    path = tmp_path / ".a.toml.swp"
    before = _write_journal(path, lines)
    (found,) = pending_recovery(tmp_path)
    assert any(problem in text for text in found.problems), found.problems
    if what in ("not a journal", "escape from folder", "other draft"):
        assert found.entries == [] and found.draft_path is None
    assert path.read_bytes() == before


@pytest.mark.parametrize("kind", ["not utf-8", "huge", "fifo", "folder", "link out"])
def test_a_journal_that_is_not_a_file_to_read_is_reported(tmp_path: Path, kind: str) -> None:
    path = tmp_path / ".a.toml.swp"
    if kind == "not utf-8":
        path.write_bytes(b"\xff\xfe" * 10)
    elif kind == "huge":
        path.write_bytes(b" " * (journal_module.MAX_JOURNAL_BYTES + 1))
    elif kind == "fifo":
        os.mkfifo(path)  # must not block
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to("/etc/passwd")
    (found,) = pending_recovery(tmp_path)
    assert found.problems and found.entries == []
    assert os.path.lexists(path)


def test_recovered_paths_are_checked_against_the_model() -> None:
    draft = new_declaration(year="2021")
    entries = [
        Entry(field, "x", "t")
        for field in [
            "project.colour",
            "funding.sources.99.this_year",
            "expenses.lines.9999.item",
            "expenses.lines.-1.item",
            "expenses.lines.١.item",
            "funding.sources",
            "schema",
            "state",
            "imported.source",
            "project.name.0",
            "",
        ]
    ]
    applied = apply_recovery(draft, entries)
    assert applied.changed == []
    assert len(applied.problems) == len(entries)
    assert applied.draft == draft
    assert "“project.colour”：没有这个字段，未恢复" in applied.problems


def test_recovered_rows_typed_after_the_last_save_are_added() -> None:
    draft = new_declaration(year="2021")
    applied = apply_recovery(
        draft,
        [
            Entry("expenses.lines.2.basis", "合同", "t"),
            Entry("state", "final", "t"),
            Entry("project.types.0", "x", "t"),
        ],
    )
    assert [line.basis for line in applied.draft.expenses.lines] == ["", "", "合同"]
    assert applied.draft.state == "final"
    assert applied.problems == ["“project.types.0”：表格中没有这一行，未恢复"]
