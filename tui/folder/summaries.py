"""What the drafts list says about one file: ``DraftSummary`` and how it is made.

Kept apart from ``tui.folder.store`` (which re-exports ``DraftSummary``) so the store
is about reading and writing files, and this module about what a row holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from forms.model.money import format_amount

if TYPE_CHECKING:
    from forms.checks.findings import Finding
    from forms.model.declaration import Declaration
    from forms.store.drafts import DraftError
    from forms.store.index import IndexEntry


@dataclass(frozen=True)
class DraftSummary:
    """One row of the drafts list."""

    path: Path
    """The draft file."""
    name: str
    """项目名称 (blank when the file is unreadable or the name is not filled in yet)."""
    year: str
    """年度, as typed."""
    total: str
    """本年度申请合计 in 万元, formatted; blank when none is known."""
    state: str
    """``"draft"`` (草稿), ``"final"`` (定稿), or ``""`` when unreadable."""
    status: str
    """The checks' verdict in Chinese (✓ / N 个警告 / N 个错误), or 无法读取：reason."""
    errors: int
    """Number of error findings."""
    warnings: int
    """Number of warning findings."""
    modified: float
    """Modification time of the file (seconds since the epoch; 0 when unknown)."""
    problem: str | None
    """Why the file could not be read as a draft; ``None`` when it could."""
    held: str | None = None
    """Who else is editing the draft (“张三@srv1 正在编辑（自 … 起）”), from its lock; ``None`` when nobody."""
    review: str = ""
    """The bureau's review state (``returned`` 退回 / ``approved`` 通过 / ``reopened``), blank when none."""
    review_note: str = ""
    """The review in one line, 审核意见 included (``forms.model.review_text``); blank when none."""


def summarize(path: Path, draft: Declaration, modified: float) -> DraftSummary:
    """The row of a readable draft: its name, year, total, state and the checks' verdict."""
    return summarize_checked(path, draft, modified)[0]


def summarize_checked(path: Path, draft: Declaration, modified: float) -> tuple[DraftSummary, list[Finding]]:
    """The row of a readable draft, and the checks' findings it was made from (for the on-disk index)."""
    # Imported here: the checks and the model are only needed once the first file
    # is read, which happens in a worker after the list has painted.
    from forms.checks.runner import check
    from forms.model.totals import budget_total
    from forms.store.index import review_of

    findings = check(draft)
    total = format_amount(budget_total(draft))
    row = findings_summary(path, findings, draft.project.name, draft.year, total, draft.state, modified)
    review, note = review_of(draft)
    return (replace(row, review=review, review_note=note) if review else row), findings


def indexed_summary(entry: IndexEntry) -> DraftSummary:
    """The row of a readable draft as the folder's on-disk index remembers it."""
    figures = (entry.name, entry.year, entry.total, entry.state, entry.modified)
    row = findings_summary(entry.path, entry.findings, *figures)
    return replace(row, review=entry.review, review_note=entry.review_note) if entry.review else row


CHECKING = "检查中…"
"""The status of a row glanced at for the first frame, until the worker has checked its draft."""


def glanced_summary(entry: IndexEntry) -> DraftSummary:
    """The row of a draft glanced at (``forms.store.glance``): its figures, its checks still to come."""
    return DraftSummary(
        entry.path,
        entry.name,
        entry.year,
        entry.total,
        entry.state,
        CHECKING,
        0,
        0,
        entry.modified,
        None,
        review=entry.review,
        review_note=entry.review_note,
    )


def findings_summary(
    path: Path, findings: Iterable[Finding], name: str, year: str, total: str, state: str, modified: float
) -> DraftSummary:
    """The row of a readable draft from its headline figures and findings (read now or from the index)."""
    from forms.checks.findings import errors, status_text, warnings

    found = list(findings)
    return DraftSummary(
        path=path,
        name=name,
        year=year,
        total=total,
        state=state,
        status=status_text(found),
        errors=len(errors(found)),
        warnings=len(warnings(found)),
        modified=modified,
        problem=None,
    )


def unreadable_summary(path: Path, error: DraftError, modified: float) -> DraftSummary:
    """The row of a file that cannot be read as a draft: its reason, with the line when known."""
    where = f"第 {error.line} 行：" if error.line else ""
    reason = f"{where}{error.reason}"
    return DraftSummary(path, "", "", "", "", f"无法读取：{reason}", 0, 0, modified, reason)
