"""Computed sums of the two money tables, derived from the rows every time, never stored."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from forms.model.declaration import Declaration
from forms.model.money import amount_or_none, money_sum, tidy

Column = Literal["last_year", "this_year"]
COLUMNS: tuple[Column, ...] = ("last_year", "this_year")


def column_sum(texts: Iterable[str]) -> Decimal:
    """Sum of the amounts that parse; blanks and malformed text count as nothing.

    Trailing zeros are dropped (``2.0 + 1.80`` is ``3.8``): a computed sum shown
    as 56.80 beside a declared 56.8 reads like a mismatch to an operator.
    """
    return tidy(money_sum(amount_or_none(text) for text in texts))


def top_level_texts(draft: Declaration, column: Column) -> list[str]:
    """The amounts that add up to 合计: rows of a subtotal (their ``parent``) count through it.

    A subtotal left blank counts as the sum of its rows (as 合计 left blank counts
    as the sum of the sources): its rows then count themselves.
    """
    rows = draft.funding.sources
    filled = {row.source for row in rows if amount_or_none(getattr(row, column)) is not None}
    return [getattr(row, column) for row in rows if row.parent is None or row.parent not in filled]


def funding_sum(draft: Declaration, column: Column) -> Decimal:
    """Sum of the funding sources in one column (rows of a subtotal through the subtotal)."""
    return column_sum(top_level_texts(draft, column))


def expense_sum(draft: Declaration, column: Column) -> Decimal:
    """Sum of the expense lines in one column."""
    return column_sum(getattr(line, column) for line in draft.expenses.lines)


def declared(draft: Declaration, table: Literal["funding", "expenses"], column: Column) -> Decimal | None:
    """A declared 合计 as a number (``None`` when blank or malformed)."""
    return amount_or_none(getattr(getattr(draft, table), f"total_{column}"))


def budget_total(draft: Declaration, column: Column = "this_year") -> Decimal | None:
    """资金来源合计 as declared, else as computed from the sources; 本年度 is the draft's headline figure."""
    value = declared(draft, "funding", column)
    if value is not None:
        return value
    if any(amount_or_none(getattr(row, column)) is not None for row in draft.funding.sources):
        return funding_sum(draft, column)
    return None
