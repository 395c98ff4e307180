"""The summary of all projects: a row per draft with its money by funding source, and the totals.

The bureau reviews a unit's projects together, so the summary reads every draft
of the folder (of one year, if asked) and gives, per project, each funding
source's 上年度 and 本年度 amounts, the 合计 of both columns and the checks'
error and warning counts, then grand totals. Amounts are ``Decimal`` and sums
are exact. A file that cannot be read is listed with its reason, never hidden,
and counts toward no total.

Rendering (text table, Markdown, CSV, bar chart) is in ``forms.render.summary``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from forms.model.dates import DateError, parse_year
from forms.model.declaration import Declaration
from forms.model.money import amount_or_none, amount_problem, money_sum
from forms.model.template import TemplateError
from forms.model.totals import budget_total
from forms.store.drafts import DraftError, draft_paths, load_draft

Pair = tuple[Decimal | None, Decimal | None]
"""(上年度, 本年度) in 万元; ``None`` when blank or unreadable."""


@dataclass(frozen=True)
class SummaryRow:
    """One project (or one unreadable file) of the summary."""

    file: str
    """The draft's file name."""
    name: str = ""
    """项目名称."""
    year: str = ""
    """年度, as typed."""
    attribute: str = ""
    """项目属性."""
    sources: dict[str, Pair] = field(default_factory=dict)
    """Each funding source's (上年度, 本年度)."""
    last_total: Decimal | None = None
    """上年度 合计: as declared, else the sum of the sources."""
    total: Decimal | None = None
    """本年度 合计: as declared, else the sum of the sources (``forms.model.totals.budget_total``)."""
    errors: int = 0
    """Error findings of the checks."""
    warnings: int = 0
    """Warning findings of the checks."""
    unreadable_amounts: int = 0
    """Funding amounts typed in a form no one can read; they count toward no total."""
    problem: str | None = None
    """Why the file could not be read as a draft; ``None`` when it could."""


@dataclass(frozen=True)
class Summary:
    """The rows and their totals."""

    rows: tuple[SummaryRow, ...]
    """Every draft (of the year asked for) and every unreadable file, in file-name order."""
    sources: tuple[str, ...]
    """Every funding source of the drafts, in the form's order."""
    year: int | None = None
    """The year the rows were chosen for; ``None`` for all years."""

    @property
    def projects(self) -> tuple[SummaryRow, ...]:
        """The rows of readable drafts."""
        return tuple(row for row in self.rows if row.problem is None)

    @property
    def unreadable(self) -> tuple[SummaryRow, ...]:
        """The rows of files that could not be read."""
        return tuple(row for row in self.rows if row.problem is not None)

    def used_sources(self) -> tuple[str, ...]:
        """The sources some project has an amount for (the others would be empty columns)."""
        return tuple(s for s in self.sources if any(v is not None for r in self.projects for v in r.sources.get(s, ())))

    def source_total(self, source: str) -> Pair:
        """One source's (上年度, 本年度) over all projects."""
        pairs = [row.sources.get(source, (None, None)) for row in self.projects]
        return _sum(p[0] for p in pairs), _sum(p[1] for p in pairs)

    @property
    def last_total(self) -> Decimal:
        """Grand total of 上年度 合计."""
        return _sum(row.last_total for row in self.projects) or Decimal(0)

    @property
    def total(self) -> Decimal:
        """Grand total of 本年度 合计."""
        return _sum(row.total for row in self.projects) or Decimal(0)

    @property
    def errors(self) -> int:
        """Error findings over all projects."""
        return sum(row.errors for row in self.projects)

    @property
    def warnings(self) -> int:
        """Warning findings over all projects."""
        return sum(row.warnings for row in self.projects)

    @property
    def unreadable_amounts(self) -> int:
        """Amounts left out of the totals because they could not be read."""
        return sum(row.unreadable_amounts for row in self.projects)

    def years(self) -> list[str]:
        """The distinct 年度 of the projects, as typed, sorted."""
        return sorted({row.year.strip() for row in self.projects})


def by_year(summary: Summary) -> list[tuple[str, Summary]]:
    """The projects of each 年度 (as typed, in order) as a summary of their own: one 合计 per year.

    Money of different years is never added up: a summary of several years
    shows each year's totals, never one across them.
    """
    years = sorted({row.year.strip() for row in summary.projects})
    return [
        (year, Summary(rows=tuple(r for r in summary.projects if r.year.strip() == year), sources=summary.sources))
        for year in years
    ]


def summarize(entries: Iterable[tuple[Path, Declaration | DraftError]], *, year: int | None = None) -> Summary:
    """The summary of drafts already read: each entry is a path and its draft, or why it was unreadable.

    With ``year``, only drafts whose 年度 reads as that year are kept;
    unreadable files are kept whatever the year, since theirs is unknown.
    """
    from forms.checks.runner import check, errors, warnings

    rows: list[SummaryRow] = []
    sources: list[str] = []
    for path, entry in entries:
        if isinstance(entry, DraftError):
            where = f"第 {entry.line} 行：" if entry.line else ""
            rows.append(SummaryRow(file=path.name, problem=f"{where}{entry.reason}"))
            continue
        if year is not None and _year_of(entry) != year:
            continue
        sources += [s for s in _source_order(entry) if s not in sources]
        findings = check(entry)
        rows.append(
            SummaryRow(
                file=path.name,
                name=entry.project.name.strip(),
                year=entry.year.strip(),
                attribute=entry.project.attribute.strip(),
                sources={r.source: _pair(r.last_year, r.this_year) for r in entry.funding.sources},
                last_total=budget_total(entry, "last_year"),
                total=budget_total(entry),
                errors=len(errors(findings)),
                warnings=len(warnings(findings)),
                unreadable_amounts=_unreadable_amounts(entry),
            )
        )
    return Summary(rows=tuple(rows), sources=tuple(sources), year=year)


def summarize_folder(folder: Path, *, year: int | None = None) -> Summary:
    """The summary of every draft file in ``folder`` (see ``summarize``)."""
    entries: list[tuple[Path, Declaration | DraftError]] = []
    for path in draft_paths(folder):
        try:
            entries.append((path, load_draft(path)))
        except DraftError as error:
            entries.append((path, error))
    return summarize(entries, year=year)


def _pair(last_year: str, this_year: str) -> Pair:
    return amount_or_none(last_year), amount_or_none(this_year)


def _year_of(draft: Declaration) -> int | None:
    try:
        return parse_year(draft.year)
    except DateError:
        return None


def _source_order(draft: Declaration) -> list[str]:
    # The template's order, so columns come out as the form prints them even
    # when the first draft read lacks a row; a draft's own extra rows follow.
    try:
        order = list(draft.form_template().funding_sources)
    except TemplateError:
        order = []
    return order + [r.source for r in draft.funding.sources if r.source not in order]


def _unreadable_amounts(draft: Declaration) -> int:
    funding = draft.funding
    texts = [funding.total_last_year, funding.total_this_year]
    texts += [text for row in funding.sources for text in (row.last_year, row.this_year)]
    return sum(1 for text in texts if amount_problem(text) is not None)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return money_sum(known) if known else None
