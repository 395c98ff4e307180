"""A unit profile's file name and fields, and its 填报单位 read without the form model.

``forms.workflows.profile`` reads a profile through pydantic; a bureau summary
over warm indexes needs only each unit's name, and pydantic's import alone
would cost it more than everything else. ``quick_unit`` reads the name when the
file is plainly valid and leaves every other case to the full reader.
"""

from __future__ import annotations

from pathlib import Path

from forms.store.safe_io import TomlProblem, UnsafeFile, parse_toml, read_regular, strip_bom

PROFILE_FILE = "_profile.toml"
"""The profile's file name inside the drafts folder."""
MAX_PROFILE_BYTES = 2 * 1024 * 1024
"""As a draft's limit (``forms.store.glance.MAX_DRAFT_BYTES``)."""

LABELS: dict[str, str] = {
    "unit": "填报单位",
    "year": "年度",
    "leader": "项目负责人",
    "leader_phone": "项目负责人联系电话",
    "liaison": "绩效管理联络员",
    "liaison_phone": "联络员联系电话",
    "unit_head": "单位负责人",
    "filled_by": "填表人",
    "template": "默认表样",
}
"""Chinese label of every profile field, in the order the file and the app show them."""


def quick_unit(folder: Path) -> str | None:
    """The profile's 填报单位 as written, when the file is one the full reader accepts as it stands.

    ``None`` when there is no such file, or it is anything but text keys of the
    profile (unreadable, not TOML, an unknown key, a number): the caller then asks
    ``forms.workflows.profile.load_profile``, whose verdict it is.
    """
    try:
        text = strip_bom(read_regular(Path(folder) / PROFILE_FILE, MAX_PROFILE_BYTES, what="单位信息")).decode("utf-8")
        data = parse_toml(text, what="单位信息")
    except (UnsafeFile, UnicodeDecodeError, TomlProblem):
        return None
    if not all(key in LABELS and isinstance(value, str) for key, value in data.items()):
        return None
    return data.get("unit", "")
