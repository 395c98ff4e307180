"""Whether a drafts folder is one unit of a bureau folder, told without the form model (the list paints first).

A bureau folder holds one subfolder per unit, each with its ``_profile.toml``
(``forms.workflows.bureau``); a reviewer working in one of them wants the
review key on the drafts list's key line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

PROFILE_FILE = "_profile.toml"
"""As ``forms.workflows.profile.PROFILE_FILE`` (not imported: that module loads pydantic)."""


def unit_of_bureau(folder: Path) -> bool:
    """Whether ``folder`` is a bureau folder, or a unit folder with another unit beside it.

    A lone unit folder (a unit's own ``./drafts``, its parent holding no other
    unit) is not taken for a bureau's: its operator has nothing to review.
    """
    try:
        if any(_units(folder)):
            return True
        if (folder / PROFILE_FILE).is_file() and folder.parent != folder:
            return any(name != folder.name for name in _units(folder.parent))
        return False
    except OSError:
        return False


def bureau_of(folder: Path) -> Path | None:
    """The bureau folder ``folder`` is (itself) or belongs to (its parent), if any (see ``unit_of_bureau``)."""
    try:
        if any(_units(folder)):
            return folder
    except OSError:
        return None
    return folder.parent if unit_of_bureau(folder) else None


def _units(folder: Path) -> Iterator[str]:
    """The names of the unit subfolders of ``folder``, lazily.

    Only folders are looked into (``scandir`` knows which entries are, without a
    stat each): a drafts folder of 10,000 files costs the list's first frame nothing.
    """
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith((".", "_")) or not entry.is_dir():
                continue
            if os.path.isfile(os.path.join(entry.path, PROFILE_FILE)):
                yield entry.name
