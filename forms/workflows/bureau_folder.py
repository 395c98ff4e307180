"""A bureau folder's layout: which subfolders are units, and a unit's name.

The finance bureau keeps one subfolder per unit, each with its unit profile
(``_profile.toml``, ``forms.workflows.profile``); drafts lying in the bureau
folder itself count as a unit of their own. Kept apart from the reading of the
drafts (``forms.workflows.bureau``) so that looking at the layout imports little.
"""

from __future__ import annotations

from pathlib import Path

from forms.workflows.profile_fields import PROFILE_FILE, quick_unit

ROOT_UNIT = "（本文件夹）"
"""The name of the drafts lying in the bureau folder itself, beside the unit subfolders."""


def unit_folders(folder: Path) -> list[Path]:
    """The unit subfolders of ``folder`` (each holds a ``_profile.toml``), sorted by name; hidden ones skipped."""
    try:
        children = sorted(child for child in Path(folder).iterdir() if not child.name.startswith((".", "_")))
    except OSError:
        return []
    return [child for child in children if child.is_dir() and (child / PROFILE_FILE).is_file()]


def is_bureau(folder: Path) -> bool:
    """Whether ``folder`` holds unit subfolders."""
    return bool(unit_folders(folder))


def unit_name(folder: Path) -> str:
    """A unit's name: its profile's 填报单位, else the folder's name."""
    unit = quick_unit(folder)
    if unit is None:  # anything but a plain profile: the full reader's verdict (and its pydantic)
        from forms.workflows.profile import ProfileError, load_profile

        try:
            unit = load_profile(folder).unit
        except ProfileError:
            return folder.name
    return unit.strip() or folder.name
