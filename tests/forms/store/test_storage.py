"""Drafts on disk: deterministic bytes, atomic saves, safe names, and clear errors for bad files."""

import os
import stat
from pathlib import Path

import pytest
from repo_paths import DATA

from forms.model.declaration import Declaration, ExpenseLine, new_declaration
from forms.store.drafts import (
    DraftError,
    draft_paths,
    drafts_folder,
    dumps,
    file_name_for,
    load_draft,
    loads,
    save_draft,
)

BAD = DATA / "bad"


def _sample() -> Declaration:
    draft = new_declaration(year="2021")
    draft.project.name = "电子政务外网线路租赁"
    draft.project.types = ["修缮类", "其他专项类"]
    draft.project.overview = '第一行\n第二行 "引号" \\ 反斜杠'
    draft.funding.total_this_year = "12..5"  # a typo survives load and save
    draft.expenses.lines.append(ExpenseLine(item="1.维修（护）费", last_year="8", this_year="８", basis=""))
    return draft


def test_round_trip_is_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    save_draft(_sample(), path)
    first = path.read_bytes()
    save_draft(load_draft(path), path)
    assert path.read_bytes() == first
    assert load_draft(path) == _sample()


def test_mistyped_values_are_kept_exactly() -> None:
    again = loads(dumps(_sample()))
    assert again.funding.total_this_year == "12..5"
    assert again.expenses.lines[0].this_year == "８"


def test_changing_one_field_changes_one_line() -> None:
    before = dumps(_sample()).splitlines()
    changed = _sample()
    changed.expenses.lines[0].basis = "合同"
    after = dumps(changed).splitlines()
    assert len(before) == len(after)
    assert sum(1 for a, b in zip(before, after, strict=True) if a != b) == 1


def test_file_starts_with_a_readable_header_and_schema() -> None:
    text = dumps(_sample())
    assert text.startswith("# 项目支出预算绩效目标申报表")
    assert "\nschema = 1\n" in text
    assert 'name = "电子政务外网线路租赁"' in text  # Chinese stays readable, not \u escapes


def test_save_leaves_no_temporary_files_and_is_private(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    save_draft(_sample(), path)
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_setgid_folder_shares_with_the_group(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    save_draft(_sample(), shared / "a.toml")
    assert stat.S_IMODE((shared / "a.toml").stat().st_mode) == 0o660


def test_failed_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.toml"
    save_draft(_sample(), path)
    before = path.read_bytes()

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    changed = _sample()
    changed.project.name = "改过"
    with pytest.raises(OSError):
        save_draft(changed, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("电子政务外网线路租赁", "电子政务外网线路租赁.toml"),
        ("../../etc/passwd", "etc_passwd.toml"),
        ("a/b\\c", "a_b_c.toml"),
        ("..", "未命名项目.toml"),
        ("", "未命名项目.toml"),
        ("x\x1b[31my\x00z", "x [31my z.toml"),
        ("  .hidden", "hidden.toml"),
    ],
)
def test_file_names_are_safe(tmp_path: Path, name: str, expected: str) -> None:
    path = file_name_for(name, tmp_path)
    assert path.parent == tmp_path
    assert path.name == expected


def test_file_name_clashes_get_a_suffix(tmp_path: Path) -> None:
    (tmp_path / "项目.toml").write_text("x")
    (tmp_path / "项目-2.toml").write_text("x")
    assert file_name_for("项目", tmp_path).name == "项目-3.toml"


def test_long_names_are_cut(tmp_path: Path) -> None:
    assert len(file_name_for("长" * 500, tmp_path).stem) <= 60


@pytest.mark.parametrize(
    ("fixture", "fragment", "line"),
    [
        ("not-toml.toml", "不是有效的 TOML", 3),
        ("not-a-draft.toml", "不是 shenbao 草稿", None),
        ("newer-schema.toml", "较新版本", None),
        ("unknown-key.toml", "未知的字段 “colour”", 3),
        ("wrong-type.toml", "project.name", 5),
        ("not-utf8.toml", "UTF-8", None),
        ("amount-as-number.toml", "funding.sources.0.this_year", 4),
    ],
)
def test_bad_files_name_the_file_and_the_place(fixture: str, fragment: str, line: int | None) -> None:
    path = BAD / fixture
    before = path.read_bytes()
    with pytest.raises(DraftError) as caught:
        load_draft(path)
    message = str(caught.value)
    assert message.startswith(fixture)
    assert fragment in message
    assert caught.value.line == line
    if line:
        assert f"第 {line} 行" in message
    assert path.read_bytes() == before


def test_huge_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_bytes(b"# " + b"x" * (3 * 1024 * 1024))
    with pytest.raises(DraftError, match="文件过大"):
        load_draft(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="无法读取"):
        load_draft(tmp_path / "gone.toml")


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.toml"
    save_draft(_sample(), outside)
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "link.toml").symlink_to(outside)
    with pytest.raises(DraftError, match="链接"):
        load_draft(folder / "link.toml")


def test_drafts_folder_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHENBAO_DRAFTS", "/env/drafts")
    assert drafts_folder("/opt/d") == Path("/opt/d")
    assert drafts_folder(None) == Path("/env/drafts")
    monkeypatch.delenv("SHENBAO_DRAFTS")
    assert drafts_folder(None) == Path("drafts")


def test_draft_paths_skip_hidden_and_other_files(tmp_path: Path) -> None:
    for name in ["b.toml", "a.toml", ".a.toml.123.tmp", ".hidden.toml", "notes.txt"]:
        (tmp_path / name).write_text("")
    (tmp_path / ".trash").mkdir()
    assert [p.name for p in draft_paths(tmp_path)] == ["a.toml", "b.toml"]
