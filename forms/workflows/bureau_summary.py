"""A bureau's year summed up: each unit's projects beside last year's, with per-unit subtotals.

``summarize_bureau`` gives, for one year (the latest present unless asked),
each project's 本年度 合计 beside the previous year's draft of the same project
in the same unit (a carried-over project keeps its name, so it is matched by
name), with per-unit subtotals and a grand total, exact in ``Decimal``.
Unreadable files are listed and count toward nothing. The drafts come from
``forms.workflows.bureau.read_bureau``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

# Model-free imports: with every index warm, a summary and its checks parse no draft and need no pydantic.
from forms.model.money import money_sum
from forms.store.files import DraftError
from forms.workflows.bureau import Draft, read_bureau

if TYPE_CHECKING:
    from forms.model.declaration import Declaration

RESUBMITTED = "resubmitted"
"""``ProjectRow.review`` of a returned draft its unit has made 定稿 again: waiting for the reviewer."""


@dataclass(frozen=True)
class ProjectRow:
    """One project of the year, beside its previous year's draft."""

    unit: str
    """The unit's name."""
    file: str
    """The draft's path inside the bureau folder."""
    name: str
    """项目名称."""
    total: Decimal | None
    """本年度 合计."""
    previous: Decimal | None
    """The 本年度 合计 of the same project's draft of the year before; ``None`` when there is none."""
    previous_file: str | None = None
    """That draft's path, when there is one."""
    review: str = ""
    """The review state (``returned`` / ``approved`` / ``reopened``, or ``RESUBMITTED``), or blank."""
    errors: int = 0
    """Error findings of the checks."""
    warnings: int = 0
    """Warning findings of the checks."""
    review_note: str = ""
    """The draft's review in one line, blank when none."""

    @property
    def change(self) -> Decimal | None:
        """本年度 less the previous year's, when both are known."""
        return None if self.total is None or self.previous is None else self.total - self.previous


@dataclass(frozen=True)
class UnitPart:
    """One unit's projects of the year and their subtotals."""

    unit: str
    """The unit's name."""
    rows: tuple[ProjectRow, ...]
    """Its projects, in file order."""

    @property
    def total(self) -> Decimal:
        """The unit's 本年度 合计."""
        return _sum(row.total for row in self.rows)

    @property
    def previous(self) -> Decimal:
        """The previous year's 合计 of the same projects (those with a draft of that year)."""
        return _sum(row.previous for row in self.rows)

    @property
    def compared(self) -> Decimal:
        """This year's 合计 of the projects that have a previous year's draft (what ``previous`` compares with)."""
        return _sum(row.total for row in self.rows if row.previous is not None)


@dataclass(frozen=True)
class BureauSummary:
    """The year's projects of every unit, with subtotals; what could not be read."""

    year: int | None
    """The year summed up; ``None`` when no draft has a readable 年度."""
    units: tuple[UnitPart, ...]
    """Every unit with a project of the year, in folder order."""
    unreadable: tuple[Draft, ...] = ()
    """Files that could not be read (any unit)."""
    drafts: tuple[Draft, ...] = field(default=(), repr=False)
    """Every draft listed (all years), for the cross-unit checks (the year's with their ``facts``)."""
    loaded: dict[str, Declaration] = field(default_factory=dict, repr=False)
    """The year's drafts that had to be read whole (their index did not know their facts), by file."""

    @property
    def rows(self) -> tuple[ProjectRow, ...]:
        """Every project of the year."""
        return tuple(row for part in self.units for row in part.rows)

    @property
    def total(self) -> Decimal:
        """Grand 本年度 合计."""
        return _sum(part.total for part in self.units)

    @property
    def previous(self) -> Decimal:
        """Grand previous-year 合计 of the same projects."""
        return _sum(part.previous for part in self.units)

    @property
    def compared(self) -> Decimal:
        """Grand 本年度 合计 of the projects with a previous year's draft."""
        return _sum(part.compared for part in self.units)


def summarize_bureau(folder: Path, *, year: int | None = None) -> BureauSummary:
    """Read the bureau folder and sum up ``year`` (the latest year present when ``None``)."""
    return summarize_drafts(read_bureau(folder), year=year, folder=folder)


def summarize_drafts(drafts: Iterable[Draft], *, year: int | None = None, folder: Path | None = None) -> BureauSummary:
    """The summary of drafts already listed (see ``summarize_bureau``).

    With ``folder``, the year's drafts whose ``facts`` the index did not know are read
    whole for the cross-unit checks (``BureauSummary.loaded``); the others are not read.
    """
    drafts = tuple(drafts)
    readable = [d for d in drafts if d.problem is None]
    if year is None:
        year = max((d.year for d in readable if d.year is not None), default=None)
    loaded: dict[str, Declaration] = {}
    failed: dict[str, Draft] = {}
    if folder is not None and year is not None:
        drafts, loaded, failed = _with_facts(drafts, year, Path(folder))
        readable = [d for d in drafts if d.problem is None]
    index = project_index(readable)
    units: dict[str, list[ProjectRow]] = {}
    names: dict[str, str] = {}
    unreadable = [d for d in drafts if d.problem is not None] + list(failed.values())
    for entry in readable:
        if entry.year != year or year is None or entry.file in failed:
            continue
        before = index.get((entry.place, year - 1, entry.name)) if entry.name else None
        names[entry.place] = entry.unit
        units.setdefault(entry.place, []).append(
            ProjectRow(
                unit=entry.unit,
                file=entry.file,
                name=entry.name,
                total=entry.total,
                previous=before.total if before is not None else None,
                previous_file=before.file if before is not None else None,
                review=RESUBMITTED if entry.review == "returned" and entry.state == "final" else entry.review,
                errors=entry.errors,
                warnings=entry.warnings,
                review_note=entry.review_note,
            )
        )
    parts = tuple(UnitPart(names[place], tuple(rows)) for place, rows in units.items())
    return BureauSummary(year=year, units=parts, unreadable=tuple(unreadable), drafts=drafts, loaded=loaded)


def _with_facts(
    drafts: tuple[Draft, ...], year: int, folder: Path
) -> tuple[tuple[Draft, ...], dict[str, Declaration], dict[str, Draft]]:
    """The drafts with the year's ``facts`` filled in, reading whole only those the index did not know.

    Also the drafts so read, by file, and those that could not be read (changed since they were listed).
    """
    done: list[Draft] = []
    loaded: dict[str, Declaration] = {}
    failed: dict[str, Draft] = {}
    for entry in drafts:
        if entry.problem is None and entry.year == year and entry.facts is None:
            from forms.model.facts import facts_of  # only here: a warm index needs neither it nor pydantic
            from forms.store.drafts import load_draft

            try:
                loaded[entry.file] = load_draft(folder / entry.file)
            except DraftError as error:
                failed[entry.file] = replace(entry, problem=error.reason)
            else:
                entry = replace(entry, facts=facts_of(loaded[entry.file]))
        done.append(entry)
    return tuple(done), loaded, failed


def project_index(drafts: Iterable[Draft]) -> dict[tuple[str, int | None, str], Draft]:
    """Each (unit folder, year, 项目名称) to its first draft: how a project's previous year is found."""
    index: dict[tuple[str, int | None, str], Draft] = {}
    for entry in drafts:
        if entry.problem is None and entry.name:
            index.setdefault((entry.place, entry.year, entry.name), entry)
    return index


def _sum(values: Iterable[Decimal | None]) -> Decimal:
    known = [value for value in values if value is not None]
    return money_sum(known) if known else Decimal(0)
