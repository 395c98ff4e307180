"""The one reader for files others can write (``forms.store.safe_io``): byte limit counted, nesting bounded, BOM."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from repo_paths import DRAFTS

from forms.model.declaration import new_declaration
from forms.store.drafts import DraftError, dumps, load_draft, loads
from forms.store.glance import glance
from forms.store.safe_io import MAX_NESTING, UnsafeFile, nesting_problem, read_regular, strip_bom
from forms.workflows.profile import ProfileError, load_profile


def test_the_byte_limit_is_counted_while_reading_not_taken_from_st_size() -> None:
    status = Path("/proc/self/status")  # a regular file whose st_size is 0
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("no procfs here")
    assert read_regular(status, 100_000)
    with pytest.raises(UnsafeFile, match="文件过大"):
        read_regular(status, 100)


def test_a_link_the_operator_named_is_followed_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "forms.txt"
    target.parent.mkdir()
    target.write_bytes(b"text")
    (tmp_path / "inside").mkdir()
    link = tmp_path / "inside" / "link.txt"
    link.symlink_to(target)
    with pytest.raises(UnsafeFile, match="之外的链接"):
        read_regular(link, 100)
    assert read_regular(link, 100, follow_links=True) == b"text"


@pytest.mark.parametrize(
    "text",
    [
        'x = "' + "[" * 100 + '"',  # brackets in a string
        "x = '" + "{" * 100 + "'",  # ... in a literal string
        'x = """\n' + "[" * 100 + '\n"""',  # ... in a multi-line string
        "# " + "[" * 100 + "\nx = 1",  # ... in a comment
        'x = "a\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["',  # after an escaped quote
        "x = " + "[" * MAX_NESTING + "]" * MAX_NESTING,  # at the limit
    ],
)
def test_brackets_that_are_text_or_within_the_limit_are_not_refused(text: str) -> None:
    assert nesting_problem(text) is None
    tomllib.loads(text)  # and the parser takes them


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 500 + "]" * 500,
        "x = " + "{a = " * 3000 + "1" + "}" * 3000,
        "x = " + "[" * 600,  # unclosed: tomllib would recurse before it found out
        "x = " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1),
    ],
)
def test_deep_nesting_is_refused_before_parsing(text: str) -> None:
    assert "嵌套超过" in (nesting_problem(text) or "")
    with pytest.raises(DraftError, match="嵌套超过"):
        loads(text)


def test_every_example_draft_passes_the_nesting_count() -> None:
    for path in (DRAFTS).glob("*.toml"):
        assert nesting_problem(path.read_text("utf-8")) is None, path.name


def test_a_draft_and_a_profile_with_notepads_byte_order_mark_are_read(tmp_path: Path) -> None:
    draft = new_declaration(year="2021")
    draft.project.name = "记事本保存的草稿"
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + dumps(draft).encode("utf-8"))
    assert load_draft(path) == draft
    assert glance(path).name == "记事本保存的草稿"
    (tmp_path / "_profile.toml").write_bytes('\ufeffunit = "区教育局"\n'.encode())
    assert load_profile(tmp_path).unit == "区教育局"
    assert strip_bom(b"abc") == b"abc"


def test_a_profile_that_is_a_fifo_or_nested_is_refused_with_a_reason(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "_profile.toml")
    with pytest.raises(ProfileError, match="命名管道"):
        load_profile(tmp_path)
    os.unlink(tmp_path / "_profile.toml")
    (tmp_path / "_profile.toml").write_text("unit = " + "[" * 100, "utf-8")
    with pytest.raises(ProfileError, match="嵌套超过"):
        load_profile(tmp_path)


def test_a_glance_gives_the_same_reason_as_a_full_read(tmp_path: Path) -> None:
    for name, text in {"a.toml": "x = [", "b.toml": "year = 1\n", "c.toml": "schema = 9\n"}.items():
        path = tmp_path / name
        path.write_text(text, "utf-8")
        with pytest.raises(DraftError) as caught:
            load_draft(path)
        assert glance(path).problem == caught.value.reason


def test_the_glance_knows_the_models_schema_version() -> None:
    # Kept apart so the glance needs no pydantic; they must never disagree on what is "newer".
    import forms.model.declaration
    import forms.store.glance

    assert forms.store.glance.SCHEMA_VERSION == forms.model.declaration.SCHEMA_VERSION
