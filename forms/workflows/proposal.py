"""Indicators from the library into a draft: one picked row, a whole proposed set, last year's values beside them.

``propose`` reads what a project is about from its name, 项目概况 and 支出明细
items, finds the kinds of project whose keywords appear there (信息化运维 for
“软硬件运维费”, 房屋租赁与物业 for “政务大厅租金” …), and proposes for each
二级指标 of the template the library's indicators that fit best — by keyword
matching only, no network. ``merge_rows`` puts rows into the draft's list
without touching any the operator typed. ``compare_last_year`` words a kept
indicator's value against last year's, so “指标值与上年相同” or “目标下降” is seen
while typing.
"""

from __future__ import annotations

from decimal import Decimal

from forms.model.declaration import Declaration, Indicator
from forms.model.indicator_value import parse_indicator_value
from forms.model.money import format_amount
from forms.model.template import Template
from forms.model.totals import budget_total
from forms.workflows.library import Entry, Library

GENERAL_KIND = "通用"
"""The library's kind whose indicators fill a 二级 no matched kind covers."""
QUOTA: dict[str, int] = {"数量指标": 3, "质量指标": 2, "时效指标": 2}
"""How many indicators a proposal gives a 二级 (one unless named here): the output side carries most rows."""


def project_text(draft: Declaration) -> tuple[str, str, str]:
    """What a project is about, case-folded: its name, its 支出明细 items, its 概况."""
    items = " ".join(line.item for line in draft.expenses.lines)
    return draft.project.name.casefold(), items.casefold(), draft.project.overview.casefold()


def _hits(words: tuple[str, ...], text: tuple[str, str, str]) -> int:
    # A word in the project's name says most, one in an expense item less, one in the overview least.
    name, items, overview = text
    return sum(3 * (w in name) + 2 * (w in items) + (w in overview) for w in (w.casefold() for w in words) if w)


def propose(draft: Declaration, library: Library, template: Template) -> list[Entry]:
    """The indicators proposed for ``draft``, in the template's 二级 order; none already in the draft.

    Each entry scores its kind's hits in the project's text plus twice its
    own keywords' hits (the budget-total cost row more); each 二级 takes its best-scoring entries up to
    ``QUOTA``, or the general kind's when nothing scores.
    """
    text = project_text(draft)
    kind_score = {kind.name: _hits(kind.keywords, text) for kind in library.kinds}
    have = {row.name.strip() for row in draft.performance.indicators if row.name.strip()}
    chosen: list[Entry] = []
    for group in template.indicator_groups:
        for level2 in group.categories:
            pool = [e for e in library.search("", level2) if e.name not in have]
            scored = [(_score(e, kind_score, text, template), n, e) for n, e in enumerate(pool)]
            best = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1]))
            picked = [e for _, _, e in best[: QUOTA.get(level2, 1)]]
            if not picked:
                picked = [e for e in pool if e.kind == GENERAL_KIND][:1]
            chosen += picked
    return chosen


def _score(entry: Entry, kind_score: dict[str, int], text: tuple[str, str, str], template: Template) -> int:
    score = kind_score.get(entry.kind, 0) + 2 * _hits(entry.keywords, text)
    # The cost row a reviewer compares with the budget (value = the budget total) beats a unit price.
    if score and not entry.value and entry.level2 == template.rules.cost_category:
        score += 10
    return score


def entry_row(entry: Entry, template: Template, draft: Declaration | None = None) -> Indicator:
    """A row of ``template`` filled from ``entry``: 三级 name and value, unit, 绩效标准, 指标解释 where it has them.

    A cost entry without a usual value takes the draft's budget total (≤ 25万元).
    """
    level1 = next((g.name for g in template.indicator_groups if entry.level2 in g.categories), entry.level1)
    sign, value, unit = entry.sign, entry.value, entry.unit
    if not value and entry.level2 == template.rules.cost_category and draft is not None:
        total = budget_total(draft)
        if total is not None:
            value = format_amount(total)
    row = Indicator(level1=level1, level2=entry.level2, name=entry.name)
    if template.has("unit"):
        row.value = value if sign in ("＝", "定性") or not value else f"{sign}{value}"
        row.unit = unit
    else:
        row.value = Entry(entry.kind, level1, entry.level2, entry.name, sign, value, unit).typed_value
    if template.has("standard"):
        row.standard = entry.standard
    if template.has("note"):
        row.note = entry.explanation
    elif template.has("explanation"):
        row.explanation = entry.explanation
    return row


def is_untyped(row: Indicator) -> bool:
    """A row with no 三级 name and no value: the skeleton's, free for a proposal."""
    return not (row.name.strip() or row.value.strip())


def fill_row(target: Indicator, source: Indicator) -> str | None:
    """Copy a picked row into ``target``: its 一级, 二级 and name, and the other columns it has that ``target`` lacks.

    A 指标值 the operator already typed is kept with its 计量单位 (nothing typed
    is lost); it is returned when the library's usual value differs, so the
    app can say so.
    """
    for key in ("level1", "level2", "name"):
        if getattr(source, key):
            setattr(target, key, getattr(source, key))
    typed = target.value.strip()
    if not typed:
        target.value = source.value
        if source.unit:
            target.unit = source.unit
    for key in ("unit", "explanation", "standard", "note"):
        if getattr(source, key) and not getattr(target, key):
            setattr(target, key, getattr(source, key))
    return target.value if typed and source.value and typed != source.value.strip() else None


def merge_rows(rows: list[Indicator], proposed: list[Indicator]) -> tuple[int, int]:
    """Put ``proposed`` into ``rows`` (in place): (filled, added).

    Each goes into the first untyped row of its 二级, else a new row after the
    last of its 二级 (or its 一级, or at the end). Typed rows are never changed.
    """
    filled = added = 0
    for new in proposed:
        free = next((r for r in rows if r.level2 == new.level2 and is_untyped(r)), None)
        if free is not None:
            fill_row(free, new)
            filled += 1
            continue
        same = [n for n, r in enumerate(rows) if r.level2 == new.level2] or [
            n for n, r in enumerate(rows) if r.level1 == new.level1
        ]
        at = same[-1] + 1 if same else len(rows)
        if same and rows[same[-1]].side is not None and new.side is None:
            new.side = rows[same[-1]].side
        rows.insert(at, new)
        added += 1
    return filled, added


SAME = "="
"""Marks last year's value when this year's is the same."""
LOWER = "↓"
"""Marks last year's value when this year's target is lower."""


def compare_last_year(now: str, before: str) -> str:
    """Last year's value as the grid shows it beside this year's: ``90%``, ``90%=``, ``95%↓``.

    ``=``: the same value typed again; ``↓``: a lower target for ≥/＞/＝ (a
    higher one for ≤/＜) in the same unit — what a reviewer asks about
    (指标值与上年相同, 目标下降). One character each: the column is narrow at 80×24.
    """
    before = before.strip()
    if not before:
        return ""
    if now.strip() and now.strip() == before:
        return f"{before}{SAME}"
    old, new = parse_indicator_value(before), parse_indicator_value(now)
    if old is None or new is None or old.number is None or new.number is None or old.unit != new.unit:
        return before
    if old.sign == new.sign and _lowered(new.sign, new.number, old.number):
        return f"{before}{LOWER}"
    return before


def _lowered(sign: str, now: Decimal, before: Decimal) -> bool:
    return now < before if sign in ("≥", "＞", "＝") else now > before
