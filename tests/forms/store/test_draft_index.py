"""The persistent index of a drafts folder: reused while files are unchanged, rebuilt when anything is off."""

import json
import os
import shutil
from pathlib import Path

import pytest
from repo_paths import DRAFTS

import forms
import forms.store.drafts as storage
import forms.store.index as index
from forms.store.drafts import load_draft, save_draft
from forms.store.index import INDEX_NAME, scan

EXAMPLES = DRAFTS


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for path in EXAMPLES.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
        os.utime(tmp_path / path.name, (1_700_000_000, 1_700_000_000))  # settled, as drafts at rest are
    return tmp_path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = storage.load_draft

    def counting(path: Path):
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(storage, "load_draft", counting)  # draft_index imports it when a file must be read
    return seen


def test_second_scan_reads_no_file(folder: Path, reads: list[str]) -> None:
    first = scan(folder)
    assert len(reads) == 7 and (folder / INDEX_NAME).exists()
    reads.clear()
    again = scan(folder)
    assert reads == []
    assert again == first


def test_indexed_entries_match_a_fresh_reading(folder: Path) -> None:
    from forms.checks.runner import check

    by_name = {e.path.name: e for e in scan(folder)}
    cached = {e.path.name: e for e in scan(folder)}
    for name, entry in by_name.items():
        draft = load_draft(folder / name)
        assert cached[name].findings == tuple(check(draft)) == entry.findings
        assert cached[name].name == draft.project.name


def test_a_changed_file_is_read_again(folder: Path, reads: list[str]) -> None:
    scan(folder)
    path = folder / "政务大厅租金.toml"
    draft = load_draft(path)
    draft.funding.total_this_year = "30"
    save_draft(draft, path)
    os.utime(path, (1_700_000_100, 1_700_000_100))
    reads.clear()
    entry = {e.path.name: e for e in scan(folder)}["政务大厅租金.toml"]
    assert reads == ["政务大厅租金.toml"]
    assert any(f.severity == "error" and "30" in f.message for f in entry.findings)


def test_a_file_changed_just_now_is_not_trusted_to_the_index(folder: Path, reads: list[str]) -> None:
    path = folder / "政务大厅租金.toml"
    os.utime(path)  # now: a coarse clock could hide a second edit in the same tick
    scan(folder)
    reads.clear()
    scan(folder)
    assert reads == ["政务大厅租金.toml"]


def test_unreadable_files_are_indexed_with_their_reason(folder: Path) -> None:
    (folder / "broken.toml").write_text("schema = 1\n[project\n", "utf-8")
    os.utime(folder / "broken.toml", (1_700_000_000, 1_700_000_000))
    entry = {e.path.name: e for e in scan(folder)}["broken.toml"]
    assert entry.problem and "TOML" in entry.problem and entry.line == 2
    assert {e.path.name: e for e in scan(folder)}["broken.toml"] == entry


@pytest.mark.parametrize("content", [b"", b"not json", b"[]", b'{"format": 1, "rules": "x", "files": {}}'])
def test_a_damaged_or_foreign_index_is_rebuilt(folder: Path, reads: list[str], content: bytes) -> None:
    (folder / INDEX_NAME).write_bytes(content)
    scan(folder)
    assert len(reads) == 7
    assert json.loads((folder / INDEX_NAME).read_bytes())["rules"] == index.rules_stamp()


def test_new_rules_invalidate_the_index(folder: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    scan(folder)
    monkeypatch.setattr(index, "rules_stamp", lambda: "changed")
    reads.clear()
    scan(folder)
    assert len(reads) == 7


def test_the_rules_stamp_covers_modules_in_subpackages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "forms"
    (package / "checks").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    rule = package / "checks" / "money.py"
    rule.write_text("LIMIT = 1\n")
    monkeypatch.setattr(forms, "__file__", str(package / "__init__.py"))
    index.rules_stamp.cache_clear()
    before = index.rules_stamp()
    rule.write_text("LIMIT = 2\n")
    index.rules_stamp.cache_clear()
    try:
        assert index.rules_stamp() != before
    finally:
        index.rules_stamp.cache_clear()


def test_deleted_drafts_leave_the_index(folder: Path) -> None:
    scan(folder)
    (folder / "政务大厅租金.toml").unlink()
    scan(folder)
    files = json.loads((folder / INDEX_NAME).read_bytes())["files"]
    assert "政务大厅租金.toml" not in files and len(files) == 6


def test_a_read_only_folder_still_lists(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(index, "write_atomic", refuse)
    assert len(scan(folder)) == 7
    assert not (folder / INDEX_NAME).exists()
