"""The reviewer's cross-unit checks over a bureau folder's drafts of one year.

Two things a finance bureau looks for that no single draft's checks can see:

- the same indicator set copied between projects (of one unit or of several):
  two drafts whose 三级 indicators, name and value, are the same list once
  order is ignored (blank rows left out; spaces inside a name or value do not
  count). Sets of fewer than ``MIN_COPIED`` indicators are too generic to say
  anything and are not compared;
- a project whose 本年度 合计 rose by more than a threshold (20 % unless asked)
  over last year without any 测算依据 (neither the whole's nor any line's):
  last year is the same project's draft of the year before (``forms.workflows.bureau``),
  else, for a project with no such draft, its declared 上年度 合计.

They work from what ``forms.model.facts`` keeps of each of the year's drafts
(``Draft.facts``, filled in by ``summarize_bureau``: from the folders' index,
or by reading the draft whole when the index does not know it); last year's
drafts are known from the index too.

Both are hints for a reviewer, not errors: they never change a draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from forms.model.money import stored_amount
from forms.workflows.bureau import Draft
from forms.workflows.bureau_summary import BureauSummary, project_index

if TYPE_CHECKING:
    from forms.model.declaration import Declaration

MIN_COPIED = 3
"""Indicator sets smaller than this are not compared (one 满意度 ≥90% row says nothing)."""
DEFAULT_RISE = Decimal("0.2")
"""The default threshold of ``rises_without_basis``: 20 %."""


@dataclass(frozen=True)
class CopiedSet:
    """Drafts of different projects with the same indicator set."""

    fingerprint: str
    """The shared set's digest (``forms.model.facts.fingerprint``)."""
    size: int
    """How many indicators the set holds."""
    drafts: tuple[Draft, ...]
    """The drafts that have it (two or more projects), in folder order."""

    @property
    def units(self) -> tuple[str, ...]:
        """The units involved, in order."""
        return tuple(dict.fromkeys(d.unit for d in self.drafts))


@dataclass(frozen=True)
class RiseWithoutBasis:
    """A project whose 本年度 rose by more than the threshold with no 测算依据."""

    draft: Draft
    """The project's draft."""
    before: Decimal
    """Last year's amount compared with."""
    total: Decimal
    """本年度 合计."""
    from_draft: bool
    """Whether ``before`` is last year's draft's 本年度 (else this draft's declared 上年度 合计)."""

    @property
    def rise(self) -> Decimal:
        """The rise as a fraction of ``before`` (0.25 for 25 %)."""
        return (self.total - self.before) / self.before


def copied_sets(summary: BureauSummary) -> list[CopiedSet]:
    """Indicator sets shared by two or more different projects of the summary's year."""
    groups: dict[tuple[str, int], list[Draft]] = {}
    for entry in summary.drafts:
        facts = entry.facts
        if facts is None or entry.year != summary.year or summary.year is None:
            continue
        if facts.count >= MIN_COPIED:
            groups.setdefault((facts.indicators, facts.count), []).append(entry)
    found = []
    for (key, size), drafts in groups.items():
        projects = {(d.place, d.name or d.file) for d in drafts}
        if len(projects) > 1:
            found.append(CopiedSet(key, size, tuple(drafts)))
    return found


def rises_without_basis(summary: BureauSummary, threshold: Decimal = DEFAULT_RISE) -> list[RiseWithoutBasis]:
    """Projects of the summary's year that rose by more than ``threshold`` (a fraction) with no 测算依据."""
    if summary.year is None:
        return []
    index = project_index(summary.drafts)
    found = []
    for entry in summary.drafts:
        facts = entry.facts
        if facts is None or entry.year != summary.year or facts.basis or entry.problem is not None:
            continue
        total = entry.total
        before_draft = index.get((entry.place, summary.year - 1, entry.name)) if entry.name else None
        if before_draft is not None:
            before, from_draft = before_draft.total, True
        else:
            before, from_draft = stored_amount(facts.last_year), False
        if total is None or before is None or before <= 0:
            continue  # a new project (or one with nothing last year) has no rise to judge
        if (total - before) / before > threshold:
            found.append(RiseWithoutBasis(entry, before, total, from_draft))
    return found


def indicator_set(draft: Declaration) -> tuple[tuple[str, str], ...]:
    """A draft's 三级 indicators as the copied-set check compares them (``forms.model.facts.indicator_set``)."""
    from forms.model.facts import indicator_set

    return indicator_set(draft)


def has_basis(draft: Declaration) -> bool:
    """Whether the draft gives any 测算依据 (``forms.model.facts.has_basis``)."""
    from forms.model.facts import has_basis

    return has_basis(draft)
