"""The unit profile: who fills in the forms, typed once and filled into every new draft.

An operator enters dozens of projects for the same unit each budget season, with
the same people on every form. The profile holds those answers (填报单位, 年度,
项目负责人 …) in ``_profile.toml`` in the drafts folder — the leading ``_`` keeps
it out of the drafts list (``forms.store.drafts.draft_paths``). ``apply_profile``
fills only the fields of a draft that are still blank, so it never overwrites
what the operator typed.

A profile file that cannot be read raises ``ProfileError`` naming the file and
the line; ``save_profile`` then refuses to replace it, so a hand-edit with a typo
is never lost.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import tomli_w
from pydantic import BaseModel, ConfigDict, ValidationError

from forms.checks.findings import Finding, error, warning
from forms.model.dates import DateError, parse_year
from forms.model.declaration import Declaration, new_declaration
from forms.model.template import DEFAULT_TEMPLATE, available_templates, load_template
from forms.store.drafts import MAX_DRAFT_BYTES, write_atomic
from forms.store.safe_io import TomlProblem, UnsafeFile, parse_toml, read_regular, strip_bom, sweep_temporaries
from forms.workflows.profile_fields import LABELS, PROFILE_FILE

HEADER = "# shenbao 单位信息：新建草稿时自动填入下列尚未填写的栏目（可用 shenbao profile --set 修改）\n"


class UnitProfile(BaseModel):
    """The answers shared by every form of one unit."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, validate_assignment=True)

    unit: str = ""
    """填报单位."""
    year: str = ""
    """年度 being declared, as typed."""
    leader: str = ""
    """项目负责人."""
    leader_phone: str = ""
    """项目负责人's 联系电话."""
    liaison: str = ""
    """绩效管理联络员."""
    liaison_phone: str = ""
    """绩效管理联络员's 联系电话."""
    unit_head: str = ""
    """单位负责人."""
    filled_by: str = ""
    """填表人."""
    template: str = ""
    """The 表样 (template id) new drafts follow; blank for the default one (district-2021)."""


# Where each profile field lands in a draft: (part of the draft or "", field name).
_TARGETS: dict[str, tuple[str, str]] = {
    "unit": ("", "unit"),
    "year": ("", "year"),
    "leader": ("project", "leader"),
    "leader_phone": ("project", "leader_phone"),
    "liaison": ("project", "liaison"),
    "liaison_phone": ("project", "liaison_phone"),
    "unit_head": ("sign_off", "unit_head"),
    "filled_by": ("sign_off", "filled_by"),
}


class ProfileError(Exception):
    """A profile file that could not be read (or a key that is not a profile field).

    The message is plain Chinese and names the file.
    """

    def __init__(self, path: Path | str, reason: str, *, line: int | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        where = f"第 {line} 行：" if line else ""
        super().__init__(f"{self.path.name}：{where}{reason}")


def profile_path(folder: Path) -> Path:
    """Where the profile of a drafts folder lives."""
    return Path(folder) / PROFILE_FILE


def field_key(name: str) -> str | None:
    """The profile field for a key or a Chinese label (``unit`` or ``填报单位``); ``None`` if neither."""
    name = name.strip()
    if name in LABELS:
        return name
    return next((key for key, text in LABELS.items() if text == name), None)


def load_profile(folder: Path) -> UnitProfile:
    """The profile of a drafts folder; an empty profile when there is no profile file.

    Raises:
        ProfileError: the file exists but is unreadable, not TOML, or holds unknown or non-text keys.
    """
    path = profile_path(folder)
    if not path.exists() and not path.is_symlink():
        return UnitProfile()
    try:
        # The safe reader: the folder is shared, and the profile may be a FIFO, a device or a link out.
        text = strip_bom(read_regular(path, MAX_DRAFT_BYTES, what="单位信息")).decode("utf-8")
    except UnsafeFile as problem:
        raise ProfileError(path, f"无法读取：{problem.reason.removeprefix('无法读取：')}") from None
    except UnicodeDecodeError:
        raise ProfileError(path, "不是 UTF-8 编码的文本") from None
    return loads_profile(text, path)


def loads_profile(text: str, path: Path | str = PROFILE_FILE) -> UnitProfile:
    """Parse profile text.

    Raises:
        ProfileError: not TOML, or a key that is unknown or not text.
    """
    try:
        data = parse_toml(text, what="单位信息")
    except TomlProblem as problem:
        raise ProfileError(path, problem.reason, line=problem.line) from None
    try:
        return UnitProfile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        line = _key_line(text, key)
        if first["type"] == "extra_forbidden":
            known = "、".join(LABELS)
            raise ProfileError(path, f"未知的栏目 “{key}”（可用：{known}）", line=line) from None
        raise ProfileError(path, f"栏目 “{key}” 应为文字（加引号）", line=line) from None


def dumps_profile(profile: UnitProfile) -> str:
    """The profile as TOML, each key under a comment with its Chinese label; stable bytes."""
    lines = [HEADER]
    for key, text in LABELS.items():
        lines.append(f"# {text}\n")
        lines.append(tomli_w.dumps({key: getattr(profile, key)}))
    return "".join(lines)


def save_profile(profile: UnitProfile, folder: Path) -> Path:
    """Write the profile atomically; returns its path.

    Raises:
        ProfileError: the existing file cannot be read as a profile; it is left as it is.
        OSError: the file could not be written (the old one is then intact).
    """
    path = profile_path(folder)
    if path.exists() or path.is_symlink():
        load_profile(folder)  # refuses to replace a file a person must fix by hand
    sweep_temporaries(Path(folder))  # what writers killed mid-save left (``shenbao profile`` may never start the app)
    write_atomic(path, dumps_profile(profile).encode("utf-8"))
    return path


def profile_findings(profile: UnitProfile) -> list[Finding]:
    """What is wrong with a profile before it is filled into every draft; the path is the field key.

    A 年度 that is not a year is an error (every new draft would carry it); a
    phone number that does not look like one is a warning, as in the checks.
    """
    from forms.checks.runner import phone_problem

    found: list[Finding] = []
    try:
        parse_year(profile.year)
    except DateError as problem:
        found.append(error("year", f"{LABELS['year']}：{problem}"))
    for key, who in (("leader_phone", "leader"), ("liaison_phone", "liaison")):
        problem = phone_problem(getattr(profile, key))
        if problem is not None:
            found.append(warning(key, f"{LABELS[who]}的{problem}"))
    chosen = profile.template.strip()
    if chosen and chosen not in available_templates():
        known = "、".join(f"{t}（{load_template(t).name}）" for t in available_templates())
        found.append(error("template", f"{LABELS['template']}“{chosen}”不是已有的表样（可选：{known}）"))
    return found


def start_draft(template_id: str, profile: UnitProfile, *, name: str = "", year: str | None = None) -> Declaration:
    """A new draft of ``template_id`` with the profile's answers; 年度 as given, else the profile's, else this year."""
    draft = apply_profile(new_declaration(template_id, year=year or ""), profile)
    draft.project.name = name
    if not draft.year.strip():
        draft.year = str(date.today().year)
    return draft


def default_template(profile: UnitProfile) -> str:
    """The template new drafts follow: the profile's when it names one this installation has, else the default."""
    chosen = profile.template.strip()
    return chosen if chosen in available_templates() else DEFAULT_TEMPLATE


def apply_profile(draft: Declaration, profile: UnitProfile) -> Declaration:
    """A copy of ``draft`` with every blank field the profile knows filled in; ``draft`` is unchanged.

    Fields the operator already filled in keep their text, so applying a
    profile twice, or to a draft that was partly typed, changes nothing typed.
    """
    filled = draft.model_copy(deep=True)
    for key, (part, field) in _TARGETS.items():
        value = getattr(profile, key)
        target = getattr(filled, part) if part else filled
        if value.strip() and not getattr(target, field).strip():
            setattr(target, field, value)
    return filled


def _key_line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(key) and line.strip()[len(key) :].lstrip().startswith("="):
            return number
    return None
