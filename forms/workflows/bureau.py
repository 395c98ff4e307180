"""A bureau folder: one subfolder per unit, each with its ``_profile.toml`` and drafts, read together.

The finance bureau collects the 申报表 of many units in one folder. A subfolder
holding a unit profile (``forms.workflows.profile``) is a unit; drafts lying
in the bureau folder itself count as a unit of their own. ``read_bureau`` lists
every unit's drafts with their headline figures, review state, check counts and
the facts the cross-unit checks need, or why a file could not be read; the
summary (``forms.workflows.bureau_summary``) and the reviewer's checks
(``forms.workflows.bureau_checks``) work from that list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

# Model-free imports: with every index warm, a summary and its checks parse no draft and need no pydantic.
from forms.checks.findings import errors, warnings
from forms.model.dates import DateError, parse_year
from forms.model.money import stored_amount
from forms.store.glance import Facts, facts_from
from forms.store.index import scan
from forms.workflows.bureau_cache import BureauCache, Row
from forms.workflows.bureau_folder import ROOT_UNIT, unit_folders, unit_name


@dataclass(slots=True)  # not frozen: a bureau makes thousands, and a frozen one takes five times as long
class Draft:
    """One draft file of the bureau folder as the folder's index knows it: its headline figures, or its problem."""

    unit: str
    """The unit's name."""
    place: str
    """The unit's subfolder (``""`` for the bureau folder itself): two units may share a name, never a folder."""
    file: str
    """The file's path inside the bureau folder (``甲局/政务大厅租金.toml``)."""
    name: str = ""
    """项目名称, stripped."""
    year_text: str = ""
    """年度, as typed."""
    total: Decimal | None = None
    """本年度 合计."""
    review: str = ""
    """The review state, blank when none."""
    state: str = ""
    """``draft`` (草稿) or ``final`` (定稿)."""
    errors: int = 0
    """Error findings of the checks."""
    warnings: int = 0
    """Warning findings of the checks."""
    problem: str | None = None
    """Why the file could not be read; ``None`` when it could."""
    review_note: str = ""
    """The review in one line, blank when none."""
    facts: Facts | None = field(default=None, repr=False)
    """What the cross-unit checks need (``forms.model.facts``); ``None`` until the draft is read whole."""

    year: int | None = field(init=False, default=None, repr=False)
    """年度 as a year, ``None`` when blank, not a year, or unreadable (asked for thousands of times: made once)."""

    def __post_init__(self) -> None:
        self.year = None if self.problem is not None else _year(self.year_text)


@lru_cache(maxsize=256)  # a bureau's thousands of drafts share a handful of years: each text parsed once
def _year(text: str) -> int | None:
    try:
        return parse_year(text)
    except DateError:
        return None


def read_bureau(folder: Path, cache: BureauCache | None = None) -> list[Draft]:
    """Every draft of every unit (and of the folder itself), in unit then file order.

    An unchanged unit comes from the bureau's cache (``forms.workflows.bureau_cache``;
    pass one already opened to reuse what it looked at); a changed one is read through
    its folder's index (``forms.store.index``), where an unchanged draft is not parsed
    or checked again: after a unit's bundle is received, only its changed drafts are read.
    """
    folder = Path(folder)
    given = cache is not None
    cache = cache or BureauCache(folder)
    found: list[Draft] = []
    for place in [folder, *unit_folders(folder)]:
        where = "" if place == folder else place.name
        kept = cache.rows(where) if cache.unchanged(where, place) else None
        drafts = _drafts(*kept, where) if kept is not None else None
        if drafts is None:  # changed since it was kept (or never kept, or its rows are damaged)
            unit, rows = (ROOT_UNIT if place == folder else unit_name(place)), _read_unit(place)
            cache.keep(where, unit, rows)
            drafts = _drafts(unit, rows, where) or []
        found += drafts
    if not given:  # a cache handed in is saved by its owner, with what it adds
        cache.save()
    return found


def _read_unit(place: Path) -> list[Row]:
    rows: list[Row] = []
    for entry in scan(place, counts=True):
        if entry.problem is not None:
            rows.append([entry.path.name, entry.problem, entry.line])
            continue
        found_errors, found_warnings = entry.counts or (len(errors(entry.findings)), len(warnings(entry.findings)))
        facts = None if entry.facts is None else entry.facts.stored()
        figures = [entry.name, entry.year, entry.total, entry.state, entry.review, entry.review_note]
        rows.append([entry.path.name, *figures, found_errors, found_warnings, facts])
    return rows


def _drafts(unit: str, rows: list[Row], where: str) -> list[Draft] | None:
    """The drafts of a unit's kept rows; ``None`` when a row is not as ``_read_unit`` makes it."""
    try:
        return [_draft(unit, where, row) for row in rows]
    except (TypeError, ValueError, AttributeError):
        return None


def _draft(unit: str, where: str, row: Row) -> Draft:
    file = f"{where}/{row[0]}" if where else row[0]  # a unit folder's drafts lie directly in it
    if len(row) == 3:
        line = f"第 {row[2]} 行：" if row[2] else ""
        return Draft(unit, where, file, problem=f"{line}{row[1]}")
    name, year, total, state, review, note, found_errors, found_warnings, facts = row[1:]
    if not (type(found_errors) is int and type(found_warnings) is int and isinstance(state + review + note, str)):
        raise TypeError(row)
    return Draft(
        unit,
        where,
        file,
        name.strip(),
        year.strip(),
        stored_amount(total),
        review,
        state,
        found_errors,
        found_warnings,
        None,
        note,
        facts_from(facts),  # of another shape: None, and the draft is read whole when its facts are needed
    )
