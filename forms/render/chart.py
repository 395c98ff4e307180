"""A bar chart of this year's budget by project against last year's, drawn with text for a terminal.

Two bars per project, 本年 (本年度申请 合计) above 上年 (上年度安排 合计), scaled so
the largest amount of either year fills the bar area. Bars are drawn in half
cells: ``█`` and ``▌`` by default, ``#`` and ``=`` in the ASCII style (block
elements are "ambiguous width" and drawn two cells wide by terminals set for
Chinese, which would double every bar). Names are measured by display width
and shortened with an ellipsis when the width asks for it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING

from forms.model.money import MONEY, format_amount
from forms.render.width import cell_width, clean, fold_ambiguous, pad

if TYPE_CHECKING:  # only a type here: the chart's callers have the summary, and the bureau's need no form model
    from forms.workflows.summary import Summary

BLOCKS = ("█", "▌")
"""A full cell and a half cell of a bar, default style."""
ASCII_BLOCKS = ("#", "=")
"""A full cell and a half cell of a bar, ASCII style."""
MIN_BAR = 10
"""Narrower terminals still get bars this long: the lines then wrap, but stay readable."""
_MARKS = ("本年", "上年")
_MISSING = "未填"


def bar_chart(summary: Summary, *, width: int = 80, ascii: bool = False) -> list[str]:
    """The chart as lines at most ``width`` cells wide (when ``width`` leaves room for ``MIN_BAR``).

    Returns ``[]`` when there is no project to draw.
    """
    rows = summary.projects
    if not rows:
        return []
    text: Callable[[str], str] = (lambda s: fold_ambiguous(clean(s))) if ascii else clean
    full, half = ASCII_BLOCKS if ascii else BLOCKS
    known = [v for row in rows for v in (row.total, row.last_total) if v is not None]
    largest = max(known, default=Decimal(0))
    heading = f"本年度申请与上年度安排对比（万元；{full} 为一格，{half} 为半格）"
    if largest == 0:
        return [heading, "（没有可绘制的金额）"]
    several_years = len(summary.years()) > 1
    names = [" ".join(text(row.name or row.file).split()) for row in rows]
    # The same project of two years would otherwise show twice under one name.
    years = [f"（{text(row.year)}）" if several_years else "" for row in rows]
    amounts = [[_shown(row.total), _shown(row.last_total)] for row in rows]
    amount_width = max(cell_width(a) for pair in amounts for a in pair)
    mark_width = max(cell_width(m) for m in _MARKS)
    natural = max(cell_width(name) + cell_width(year) for name, year in zip(names, years, strict=True))
    label_width = min(natural, max(8, width * 2 // 5))
    bar_width = max(MIN_BAR, width - label_width - mark_width - amount_width - 3)
    lines = [heading, f"（最长一条 = {format_amount(largest)} 万元）"]
    for row, name, year, shown in zip(rows, names, years, amounts, strict=True):
        cut = "..." if ascii else "…"
        # A 年度 is typed text too: one wider than the label column is cut with the name.
        label = truncate(truncate(name, label_width - cell_width(year), cut) + year, label_width, cut)
        for index, value in enumerate((row.total, row.last_total)):
            first = label if index == 0 else ""
            bar = _bar(value, largest, bar_width, full, half)
            amount = pad(shown[index], amount_width, "right")
            lines.append(" ".join([pad(first, label_width), _MARKS[index], pad(bar, bar_width), amount]))
    return lines


def bar_cells(value: Decimal, largest: Decimal, width: int) -> int:
    """Half cells of a bar for ``value`` when ``largest`` fills ``width`` cells; never 0 for a positive value."""
    if value <= 0 or largest <= 0:
        return 0
    with localcontext(MONEY):
        halves = int((value / largest * width * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return max(halves, 1)


def truncate(text: str, width: int, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``width`` cells, ending with ``ellipsis`` when cut."""
    if cell_width(text) <= width:
        return text
    room = width - cell_width(ellipsis)
    out, used = "", 0
    for char in text:
        size = cell_width(char)
        if used + size > room:
            break
        out, used = out + char, used + size
    return out + ellipsis


def _bar(value: Decimal | None, largest: Decimal, width: int, full: str, half: str) -> str:
    if value is None:
        return ""
    halves = bar_cells(value, largest, width)
    return full * (halves // 2) + half * (halves % 2)


def _shown(value: Decimal | None) -> str:
    return _MISSING if value is None else format_amount(value)
