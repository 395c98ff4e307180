"""Whether a drafts folder is one unit of a bureau folder, told without the form model (the list paints first).

A bureau folder holds one subfolder per unit, each with its ``_profile.toml``
(``forms.workflows.bureau``); a reviewer working in one of them wants the
review key on the drafts list's key line.
"""

from __future__ import annotations

from pathlib import Path

PROFILE_FILE = "_profile.toml"
"""As ``forms.workflows.profile.PROFILE_FILE`` (not imported: that module loads pydantic)."""


def unit_of_bureau(folder: Path) -> bool:
    """Whether ``folder`` is a bureau folder, or a unit folder with another unit beside it.

    A lone unit folder (a unit's own ``./drafts``, its parent holding no other
    unit) is not taken for a bureau's: its operator has nothing to review.
    """
    try:
        if any(_is_unit(child) for child in folder.iterdir()):
            return True
        if (folder / PROFILE_FILE).is_file() and folder.parent != folder:
            return any(_is_unit(child) for child in folder.parent.iterdir() if child.name != folder.name)
        return False
    except OSError:
        return False


def bureau_of(folder: Path) -> Path | None:
    """The bureau folder ``folder`` is (itself) or belongs to (its parent), if any (see ``unit_of_bureau``)."""
    try:
        if any(_is_unit(child) for child in folder.iterdir()):
            return folder
    except OSError:
        return None
    return folder.parent if unit_of_bureau(folder) else None


def _is_unit(child: Path) -> bool:
    return not child.name.startswith((".", "_")) and (child / PROFILE_FILE).is_file()
