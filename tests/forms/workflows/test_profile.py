"""The unit profile: stored beside the drafts, filled into blank fields only, bad files refused and kept."""

from pathlib import Path

import pytest

from forms.model.declaration import new_declaration
from forms.store.drafts import draft_paths, save_draft
from forms.workflows.profile import (
    LABELS,
    PROFILE_FILE,
    ProfileError,
    UnitProfile,
    apply_profile,
    dumps_profile,
    field_key,
    load_profile,
    loads_profile,
    profile_findings,
    profile_path,
    save_profile,
)

PROFILE = UnitProfile(
    unit="区行政审批服务局",
    year="2022",
    leader="胡敏",
    leader_phone="5720008",
    liaison="田静",
    liaison_phone="5720007",
    unit_head="王强",
    filled_by="李丽",
)


def test_missing_profile_is_empty(tmp_path: Path) -> None:
    assert load_profile(tmp_path) == UnitProfile()


def test_profile_round_trips_and_stays_out_of_the_drafts_list(tmp_path: Path) -> None:
    save_draft(new_declaration(), tmp_path / "a.toml")
    path = save_profile(PROFILE, tmp_path)
    assert path == tmp_path / PROFILE_FILE == profile_path(tmp_path)
    assert load_profile(tmp_path) == PROFILE
    assert draft_paths(tmp_path) == [tmp_path / "a.toml"]


def test_profile_file_is_commented_in_chinese_and_deterministic(tmp_path: Path) -> None:
    save_profile(PROFILE, tmp_path)
    text = (tmp_path / PROFILE_FILE).read_text("utf-8")
    assert text == dumps_profile(PROFILE)
    for key, label in LABELS.items():
        assert f"# {label}\n{key} = " in text


def test_hostile_text_round_trips_exactly(tmp_path: Path) -> None:
    odd = UnitProfile(unit='a "quoted" \\ unit\nsecond line', filled_by="[/] '''\"\"\"")
    save_profile(odd, tmp_path)
    assert load_profile(tmp_path) == odd


def test_apply_profile_fills_a_new_draft() -> None:
    draft = apply_profile(new_declaration(), PROFILE)
    assert (draft.unit, draft.year) == ("区行政审批服务局", "2022")
    p = draft.project
    assert (p.leader, p.leader_phone, p.liaison, p.liaison_phone) == ("胡敏", "5720008", "田静", "5720007")
    assert (draft.sign_off.unit_head, draft.sign_off.filled_by) == ("王强", "李丽")


def test_apply_profile_never_overwrites_what_was_typed() -> None:
    draft = new_declaration(year="2021")
    draft.project.leader = "胡宏彬"
    draft.project.liaison = "   "  # blank, though not empty
    filled = apply_profile(draft, PROFILE)
    assert (filled.year, filled.project.leader, filled.project.liaison) == ("2021", "胡宏彬", "田静")
    assert draft.project.liaison == "   " and draft.unit == ""  # the argument is not changed
    assert apply_profile(filled, PROFILE) == filled


def test_apply_an_empty_profile_changes_nothing() -> None:
    draft = new_declaration(year="2021")
    assert apply_profile(draft, UnitProfile()) == draft


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('unit = "x"\nyear = 2022年\n', "不是有效的 TOML", 2),
        ('unit = "x"\nunti = "typo"\n', "未知的栏目 “unti”", 2),
        ("year = 2022\n", "栏目 “year” 应为文字（加引号）", 1),
        ('[unit]\nname = "x"\n', "栏目 “unit” 应为文字", None),
    ],
)
def test_bad_profile_gets_a_clear_error(tmp_path: Path, text: str, message: str, line: int | None) -> None:
    (tmp_path / PROFILE_FILE).write_text(text, "utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(tmp_path)
    assert message in str(caught.value)
    assert PROFILE_FILE in str(caught.value)
    assert caught.value.line == line


def test_profile_in_gbk_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / PROFILE_FILE).write_bytes('unit = "区行政审批服务局"\n'.encode("gbk"))
    with pytest.raises(ProfileError, match="UTF-8"):
        load_profile(tmp_path)


def test_a_profile_that_is_a_folder_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / PROFILE_FILE).mkdir()
    with pytest.raises(ProfileError, match="无法读取"):
        load_profile(tmp_path)


def test_bad_profile_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / PROFILE_FILE
    path.write_bytes(b'unit = "x"\nleader = \xe8\x83\xa1\n')
    before = path.read_bytes()
    with pytest.raises(ProfileError):
        save_profile(PROFILE, tmp_path)
    assert path.read_bytes() == before


def test_loads_profile_names_the_file_it_came_from() -> None:
    with pytest.raises(ProfileError, match=r"^mine\.toml：第 1 行"):
        loads_profile("unit = 1", "mine.toml")


@pytest.mark.parametrize(
    ("name", "key"), [("unit", "unit"), ("填报单位", "unit"), (" 填表人 ", "filled_by"), ("x", None)]
)
def test_fields_are_named_by_key_or_label(name: str, key: str | None) -> None:
    assert field_key(name) == key


def test_profile_findings_judge_year_and_phones() -> None:
    assert profile_findings(PROFILE) == []
    found = profile_findings(UnitProfile(year="明年", liaison_phone="abc"))
    assert [(f.severity, f.path) for f in found] == [("error", "year"), ("warning", "liaison_phone")]
    assert "绩效管理联络员的联系电话“abc”" in found[1].message
