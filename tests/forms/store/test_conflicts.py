"""Checked saves: a draft changed on disk since it was loaded is never overwritten silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from forms.model.declaration import Declaration, new_declaration
from forms.store.conflicts import (
    COPY_NOTE,
    ChangedOnDisk,
    Fingerprint,
    changed,
    fingerprint,
    load_draft_checked,
    save_copy,
    save_draft_checked,
)
from forms.store.drafts import DraftError, dumps, load_draft, save_draft


def _draft(name: str = "电子政务外网线路租赁") -> Declaration:
    draft = new_declaration(year="2021")
    draft.project.name = name
    return draft


@pytest.fixture
def loaded(tmp_path: Path) -> tuple[Path, Declaration, Fingerprint]:
    path = tmp_path / "a.toml"
    save_draft(_draft(), path)
    draft, print_ = load_draft_checked(path)
    return path, draft, print_


def test_fingerprint_is_of_the_bytes_loaded(loaded: tuple[Path, Declaration, Fingerprint]) -> None:
    path, draft, print_ = loaded
    assert draft == _draft()
    assert print_ == fingerprint(path)
    assert print_.size == path.stat().st_size and print_.mtime_ns == path.stat().st_mtime_ns
    assert changed(path, print_) is None


def test_saves_chain_through_their_fingerprints(loaded: tuple[Path, Declaration, Fingerprint]) -> None:
    path, draft, print_ = loaded
    for number in range(3):
        draft.project.leader = f"张{number}"
        print_ = save_draft_checked(draft, path, print_)
        assert print_ == fingerprint(path)
    assert load_draft(path).project.leader == "张2"


def test_a_change_by_someone_else_is_refused_and_kept(loaded: tuple[Path, Declaration, Fingerprint]) -> None:
    path, draft, print_ = loaded
    path.write_text(path.read_text("utf-8").replace("电子政务", "电子政务（同事改的）"), "utf-8")
    theirs = path.read_bytes()
    draft.project.leader = "我改的"
    with pytest.raises(ChangedOnDisk) as caught:
        save_draft_checked(draft, path, print_)
    error = caught.value
    assert path.read_bytes() == theirs
    assert [p.name for p in path.parent.iterdir()] == ["a.toml"]  # no temporary file left
    assert not error.deleted and error.expected == print_ and error.found == fingerprint(path)
    assert str(error).startswith("a.toml：") and "已被修改" in str(error) and "未保存" in str(error)


def test_overwrite_only_the_version_the_operator_has_seen(loaded: tuple[Path, Declaration, Fingerprint]) -> None:
    path, draft, print_ = loaded
    save_draft(_draft("同事的版本"), path)
    with pytest.raises(ChangedOnDisk) as caught:
        save_draft_checked(draft, path, print_)
    seen = caught.value.found
    print_ = save_draft_checked(draft, path, seen)
    assert load_draft(path) == draft
    save_draft(_draft("又一个版本"), path)
    with pytest.raises(ChangedOnDisk):
        save_draft_checked(draft, path, seen)  # what was seen is not what is there now


def test_a_deleted_draft_is_not_recreated_behind_the_operators_back(
    loaded: tuple[Path, Declaration, Fingerprint],
) -> None:
    path, draft, print_ = loaded
    path.unlink()
    with pytest.raises(ChangedOnDisk) as caught:
        save_draft_checked(draft, path, print_)
    assert caught.value.deleted and "删除" in caught.value.reason
    assert not path.exists()


@pytest.mark.parametrize("kind", ["folder", "fifo", "huge"])
def test_a_draft_replaced_by_something_else_is_not_written(
    loaded: tuple[Path, Declaration, Fingerprint], kind: str
) -> None:
    path, draft, print_ = loaded
    path.unlink()
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_bytes(b"#" * (3 * 1024 * 1024))
    with pytest.raises(ChangedOnDisk) as caught:
        save_draft_checked(draft, path, print_)
    assert "已被替换" in caught.value.reason
    assert caught.value.deleted


def test_touching_or_rewriting_the_same_bytes_is_no_conflict(loaded: tuple[Path, Declaration, Fingerprint]) -> None:
    path, draft, print_ = loaded
    os.utime(path, (1, 1))
    same = path.read_bytes()
    path.unlink()
    path.write_bytes(same)  # a new inode, as after `git checkout`
    draft.project.leader = "李四"
    save_draft_checked(draft, path, print_)
    assert load_draft(path).project.leader == "李四"


def test_a_change_hidden_from_size_and_time_is_still_seen(loaded: tuple[Path, Declaration, Fingerprint]) -> None:
    path, draft, print_ = loaded
    info = path.stat()
    text = path.read_text("utf-8").replace("电子政务", "电子政府")  # same length in bytes
    path.write_text(text, "utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == print_.size and path.stat().st_mtime_ns == print_.mtime_ns
    with pytest.raises(ChangedOnDisk):
        save_draft_checked(draft, path, print_)


def test_a_change_while_the_new_file_is_written_is_caught(
    loaded: tuple[Path, Declaration, Fingerprint], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, draft, print_ = loaded
    real_fsync = os.fsync

    def someone_saves_meanwhile(fd: int) -> None:
        real_fsync(fd)
        if not getattr(someone_saves_meanwhile, "done", False):
            someone_saves_meanwhile.done = True  # type: ignore[attr-defined]
            path.write_text(dumps(_draft("同事的版本")), "utf-8")

    monkeypatch.setattr(os, "fsync", someone_saves_meanwhile)
    with pytest.raises(ChangedOnDisk):
        save_draft_checked(draft, path, print_)
    monkeypatch.undo()
    assert load_draft(path).project.name == "同事的版本"
    assert [p.name for p in path.parent.iterdir()] == ["a.toml"]


def test_a_new_draft_must_not_land_on_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    print_ = save_draft_checked(_draft(), path, None)
    assert print_ == fingerprint(path)
    with pytest.raises(ChangedOnDisk) as caught:
        save_draft_checked(_draft("另一个"), path, None)
    assert "同名" in caught.value.reason and caught.value.expected is None
    assert load_draft(path) == _draft()


def test_keep_both_saves_a_copy_beside_the_changed_draft(loaded: tuple[Path, Declaration, Fingerprint]) -> None:
    path, draft, _ = loaded
    save_draft(_draft("同事的版本"), path)
    theirs = path.read_bytes()
    draft.project.leader = "我改的"
    copy, print_ = save_copy(draft, path)
    assert copy.parent == path.parent and copy.name.startswith(f"a（{COPY_NOTE} ") and copy.suffix == ".toml"
    assert load_draft(copy) == draft and print_ == fingerprint(copy)
    assert path.read_bytes() == theirs
    second, _ = save_copy(draft, path)
    assert second != copy


def test_loading_a_bad_file_raises_the_usual_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes("项目 = 1".encode("gbk"))
    with pytest.raises(DraftError, match="UTF-8"):
        load_draft_checked(path)
    os.mkfifo(tmp_path / "pipe.toml")
    with pytest.raises(DraftError, match="命名管道"):
        load_draft_checked(tmp_path / "pipe.toml")
