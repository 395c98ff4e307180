"""DraftStore: summaries, refusing to overwrite unreadable files, create, duplicate and delete."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import MakeDraft, build_draft

from forms.store.drafts import DraftError, load_draft
from tui.folder.store import TRASH, DraftStore


def test_summaries_list_every_file_with_name_year_total_and_state(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("电子政务外网线路租赁", file="a.toml", total="25", state="final")
    make_draft("", file="b.toml", year="")
    summaries = DraftStore(drafts).summaries()
    assert [(s.path.name, s.name, s.year, s.total, s.state) for s in summaries] == [
        ("a.toml", "电子政务外网线路租赁", "2021", "25", "final"),
        ("b.toml", "", "", "", "draft"),
    ]
    assert all(s.problem is None and s.errors > 0 for s in summaries)
    assert summaries[0].status.startswith(f"{summaries[0].errors} 个错误")
    assert summaries[0].modified == pytest.approx(os.stat(drafts / "a.toml").st_mtime)


def test_total_falls_back_to_the_computed_sum_of_sources(drafts: Path) -> None:
    draft = build_draft("x")
    draft.funding.sources[3].this_year = "２５ 万元"
    draft.funding.sources[0].this_year = "0.5"
    store = DraftStore(drafts)
    path = store.create(draft)
    assert store.summary(path).total == "25.5"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"schema = 1\nname = [", "不是有效的 TOML"),
        (b"schema = 99\n", "较新版本"),
        ("schema = 1\nyear = '二〇二一'\n".encode("gbk"), "不是 UTF-8"),
        (b"title = 'x'\n", "缺少 schema"),
    ],
)
def test_unreadable_files_are_summarized_with_their_reason_and_never_saved(
    drafts: Path, content: bytes, reason: str
) -> None:
    path = drafts / "bad.toml"
    path.write_bytes(content)
    store = DraftStore(drafts)
    (summary,) = store.summaries()
    assert summary.problem is not None and reason in summary.problem
    assert summary.status == f"无法读取：{summary.problem}"
    assert (summary.name, summary.state, summary.errors) == ("", "", 0)
    with pytest.raises(DraftError, match="不会覆盖"):
        store.save(path, build_draft("覆盖"))
    with pytest.raises(DraftError):
        store.duplicate(path)
    assert path.read_bytes() == content
    assert [p.name for p in drafts.iterdir()] == ["bad.toml"]


def test_save_refuses_an_existing_file_it_never_read(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    store = DraftStore(drafts)
    with pytest.raises(DraftError):
        store.save(path, build_draft("乙"))
    store.load(path)
    store.save(path, build_draft("乙"))
    assert load_draft(path).project.name == "乙"


def test_save_creates_a_missing_folder(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "not" / "yet")
    path = store.create(build_draft("新项目"))
    assert path == tmp_path / "not" / "yet" / "新项目.toml"
    assert load_draft(path).project.name == "新项目"


def test_summaries_of_a_missing_folder_are_empty(tmp_path: Path) -> None:
    assert DraftStore(tmp_path / "missing").summaries() == []


def test_unchanged_files_come_from_the_cache_until_forget(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    store = DraftStore(drafts)
    before = store.summary(path)
    stat = path.stat()
    # Same size and mtime but other content: only forget() notices.
    path.write_text(path.read_text("utf-8").replace('name = "甲"', 'name = "乙"'), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert store.summary(path) is before
    store.forget()
    assert store.summary(path).name == "乙"


def test_a_changed_file_is_read_again(drafts: Path, make_draft: MakeDraft) -> None:
    path = make_draft("甲", file="a.toml")
    store = DraftStore(drafts)
    assert store.summary(path).name == "甲"
    path.write_text(path.read_text("utf-8").replace('name = "甲"', 'name = "乙乙乙"'), "utf-8")
    assert store.summary(path).name == "乙乙乙"


def test_create_names_the_file_after_the_project_without_clobbering(drafts: Path) -> None:
    store = DraftStore(drafts)
    first = store.create(build_draft("项目/甲"))
    second = store.create(build_draft("项目/甲"))
    assert (first.name, second.name) == ("项目_甲.toml", "项目_甲-2.toml")
    assert load_draft(second).project.name == "项目/甲"


def test_duplicate_makes_a_draft_copy_named_fu_ben(drafts: Path, make_draft: MakeDraft) -> None:
    original = make_draft("电子政务外网线路租赁", total="25", state="final")
    before = original.read_bytes()
    copy = DraftStore(drafts).duplicate(original)
    assert copy.name == "电子政务外网线路租赁（副本）.toml"
    duplicate = load_draft(copy)
    assert duplicate.project.name == "电子政务外网线路租赁（副本）"
    assert (duplicate.state, duplicate.funding.total_this_year) == ("draft", "25")
    assert original.read_bytes() == before


def test_delete_moves_into_the_trash_and_keeps_both_of_two_same_names(drafts: Path, make_draft: MakeDraft) -> None:
    store = DraftStore(drafts)
    path = make_draft("甲", file="a.toml")
    content = path.read_bytes()
    first = store.delete(path)
    assert first == drafts / TRASH / "a.toml" and first.read_bytes() == content
    assert not path.exists()
    make_draft("乙", file="a.toml")
    second = store.delete(path)
    assert second == drafts / TRASH / "a-2.toml"
    assert load_draft(second).project.name == "乙"
    assert store.summaries() == []


def test_delete_moves_an_unreadable_file_unchanged(drafts: Path) -> None:
    path = drafts / "bad.toml"
    path.write_bytes(b"\xff\xfe not a draft")
    store = DraftStore(drafts)
    store.summaries()
    target = store.delete(path)
    assert target.read_bytes() == b"\xff\xfe not a draft"


def test_name_untitled_renames_only_untitled_named_drafts(drafts: Path, make_draft: MakeDraft) -> None:
    store = DraftStore(drafts)
    untitled = store.create(build_draft(""))
    assert untitled.name == "未命名项目.toml"
    assert store.name_untitled(untitled) == untitled, "no name yet: stays"
    make_draft("电子政务外网线路租赁")
    draft = store.load(untitled)
    draft.project.name = "电子政务外网线路租赁"
    store.save(untitled, draft)
    renamed = store.name_untitled(untitled)
    assert renamed.name == "电子政务外网线路租赁-2.toml" and not untitled.exists()
    assert load_draft(renamed).project.name == "电子政务外网线路租赁"
    store.save(renamed, draft)  # the new path is known as readable
    named = make_draft("甲", file="my-own-name.toml")
    assert store.name_untitled(named) == named
