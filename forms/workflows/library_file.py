"""A unit's own indicator library on disk: every 三级 its drafts use, written into ``_indicators.toml``.

The editor's picker already offers what the drafts use (``build_library``);
``save_used`` makes it the unit's own file, where it can be corrected and given
explanations and keywords by hand, and where it stays when old drafts are
archived. New indicators are appended as one ``[[kinds]]`` block after what the
file holds, so hand-written comments and entries are kept byte for byte; a
file that cannot be read is never replaced.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from forms.model.template import Template
from forms.store.drafts import DraftError, load_draft
from forms.store.files import draft_paths, write_atomic
from forms.workflows.library import UNIT_LIBRARY, USED_KIND, Entry, parse_library, unit_library_text, used_entries
from forms.workflows.suggestions import IndicatorHelp

HEADER = (
    "# shenbao 本单位指标库：与内置指标库格式相同（见 forms/library/indicators.toml），检索时排在最前。\n"
    "# 可手工修改；shenbao library --save 会把草稿中用过、这里还没有的三级指标追加在末尾。\n"
    "format = 1\n"
)


def folder_help(folder: Path) -> IndicatorHelp:
    """The indicators of every readable draft in ``folder`` (unreadable files are left out)."""

    def drafts() -> Iterable:
        for path in draft_paths(folder):
            try:
                yield load_draft(path)
            except (DraftError, OSError):
                continue

    return IndicatorHelp(drafts())


def _string(text: str) -> str:
    # A JSON string is a TOML basic string (\", \\, \n, \uXXXX); the result is parsed again before writing.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def entry_line(item: Entry, standard: str = "历史标准") -> str:
    """One indicator as an inline table of the library format (a used value is a 历史标准)."""
    fields = {
        "level1": item.level1,
        "level2": item.level2,
        "name": item.name,
        "sign": item.sign,
        "value": item.value,
        "unit": item.unit,
        "explanation": item.explanation,
        "standard": item.standard or standard,
    }
    inner = ", ".join(f"{key} = {_string(value)}" for key, value in fields.items())
    keywords = ", ".join(_string(word) for word in item.keywords if not word.startswith("用过"))
    return f"  {{ {inner}, keywords = [{keywords}] }},\n"


def save_used(folder: Path, template: Template, help: IndicatorHelp | None = None) -> list[Entry]:
    """Append the drafts' 三级 not yet in the unit's file to it (creating it); the entries added.

    Raises:
        LibraryError: the existing file cannot be read as a library (it is left as it is).
        OSError: the file could not be written (the old one is then intact).
    """
    path = Path(folder) / UNIT_LIBRARY
    old = unit_library_text(folder)
    own = [] if old is None else parse_library(old, UNIT_LIBRARY)[0]
    have = {(item.level2, item.name) for item in own}
    used = used_entries(help if help is not None else folder_help(folder), template)
    new = [item for item in used if item.level1 and (item.level2, item.name) not in have]
    if not new:
        return []
    if old is None or not old.strip():
        old = HEADER
    elif not old.endswith("\n"):
        old += "\n"
    rows = "".join(entry_line(item) for item in new)
    text = f"{old}\n[[kinds]]\nkind = {_string(USED_KIND)}\nkeywords = []\nindicators = [\n{rows}]\n"
    parse_library(text, UNIT_LIBRARY)  # what is written reads back
    write_atomic(path, text.encode("utf-8"))
    return new
