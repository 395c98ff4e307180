"""The row limit of a draft's tables: what is past it, why, and a copy cut to it for showing.

A real form has four 资金来源, a dozen 支出明细 and fewer than forty 绩效指标;
``MAX_TABLE_ROWS`` (500 per table) is far past any of them. A draft past it
(a generated file, a paste gone wrong) is still read, listed, validated and
exported by ``--force``, but the checks report only the limit (judging 20,000
rows row by row would take seconds for nothing a reviewer could use), and the
app shows it read-only, cut to the limit, instead of building an editor with a
widget per row.
"""

from __future__ import annotations

from forms.checks.findings import Finding, error
from forms.model.declaration import Declaration

MAX_TABLE_ROWS = 500
"""Rows per table (资金来源, 支出明细, 进度计划, 绩效指标, 导入遗留内容) a draft may have to be edited."""

TABLES: tuple[tuple[str, str], ...] = (
    ("funding.sources", "资金来源"),
    ("expenses.lines", "支出明细"),
    ("implementation.schedule", "进度计划"),
    ("performance.indicators", "绩效指标"),
    ("imported.leftovers", "导入时未归入栏目的内容"),
)
"""Each table's field path and its name on the form."""


def _rows(draft: Declaration, path: str) -> list:
    part, field = path.split(".")
    owner = getattr(draft, part)
    return [] if owner is None else getattr(owner, field)


def oversized(draft: Declaration) -> list[tuple[str, str, int]]:
    """The tables past the limit: (field path, name, row count); empty for any real draft."""
    found = []
    for path, name in TABLES:
        count = len(_rows(draft, path))
        if count > MAX_TABLE_ROWS:
            found.append((path, name, count))
    return found


def limit_findings(draft: Declaration) -> list[Finding]:
    """An error per table past the limit."""
    return [
        error(path, f"{name}有 {count:,} 行，超过每表 {MAX_TABLE_ROWS} 行的上限；请删去多余的行")
        for path, name, count in oversized(draft)
    ]


def limit_reason(draft: Declaration) -> str:
    """Why the draft is shown read-only, in one sentence; ``""`` when it is within the limit."""
    over = oversized(draft)
    if not over:
        return ""
    tables = "、".join(f"{name} {count:,} 行" for _path, name, count in over)
    return (
        f"表格行数超过上限（{tables}；每表最多 {MAX_TABLE_ROWS} 行）：只读显示，每表只显示前 {MAX_TABLE_ROWS} 行。"
        "请用文本编辑器删去多余的行后再编辑。"
    )


def cut(draft: Declaration) -> Declaration:
    """A copy of ``draft`` with each table cut to ``MAX_TABLE_ROWS`` rows, for showing only (never saved)."""
    copy = draft.model_copy()
    for path, _name in TABLES:
        part, field = path.split(".")
        owner = getattr(copy, part)
        if owner is None or len(getattr(owner, field)) <= MAX_TABLE_ROWS:
            continue
        owner = owner.model_copy(update={field: getattr(owner, field)[:MAX_TABLE_ROWS]})
        setattr(copy, part, owner)
    return copy
