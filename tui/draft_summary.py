"""What the drafts list says about one file: ``DraftSummary`` and how it is made.

Kept apart from ``tui.store`` (which re-exports ``DraftSummary``) so the store
is about reading and writing files, and this module about what a row holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from forms.model import Declaration
from forms.money import format_amount
from forms.storage import DraftError
from forms.totals import budget_total


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


def summarize(path: Path, draft: Declaration, modified: float) -> DraftSummary:
    """The row of a readable draft: its name, year, total, state and the checks' verdict."""
    # Imported here: the checks are only needed once the first file is read,
    # which happens in a worker after the list has painted.
    from forms.checks import check, errors, status_text, warnings

    findings = check(draft)
    return DraftSummary(
        path=path,
        name=draft.project.name,
        year=draft.year,
        total=format_amount(budget_total(draft)),
        state=draft.state,
        status=status_text(findings),
        errors=len(errors(findings)),
        warnings=len(warnings(findings)),
        modified=modified,
        problem=None,
    )


def unreadable_summary(path: Path, error: DraftError, modified: float) -> DraftSummary:
    """The row of a file that cannot be read as a draft: its reason, with the line when known."""
    where = f"第 {error.line} 行：" if error.line else ""
    reason = f"{where}{error.reason}"
    return DraftSummary(path, "", "", "", "", f"无法读取：{reason}", 0, 0, modified, reason)
