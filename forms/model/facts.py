"""What a bureau's cross-unit checks need of a draft, small enough to keep in a folder's index.

The reviewer's checks (``forms.workflows.bureau_checks``) compare indicator sets
between drafts and look for 测算依据; ``facts_of`` reduces a draft to what they
compare (a digest of the set, its size, whether any basis is given, 上年度 合计),
so the index can keep it and a bureau summary need not parse every draft again.
"""

from __future__ import annotations

import hashlib
import json

from forms.model.declaration import Declaration
from forms.model.money import format_amount
from forms.model.totals import budget_total
from forms.store.glance import Facts

IndicatorSet = tuple[tuple[str, str], ...]
"""(三级指标 name, 指标值) pairs, sorted."""


def indicator_set(draft: Declaration) -> IndicatorSet:
    """A draft's 三级 indicators as a sorted list of (name, value); rows without a name are left out."""
    pairs = [(_words(row.name), _words(row.value)) for row in draft.performance.indicators]
    return tuple(sorted(pair for pair in pairs if pair[0]))


def fingerprint(indicators: IndicatorSet) -> str:
    """A digest of a sorted indicator set: equal sets, equal digests (128 bits: a collision is not a worry)."""
    text = json.dumps(indicators, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def has_basis(draft: Declaration) -> bool:
    """Whether the draft gives any 测算依据: for the whole of 支出明细, or for a line."""
    expenses = draft.expenses
    return bool(expenses.total_basis.strip() or any(line.basis.strip() for line in expenses.lines))


def facts_of(draft: Declaration) -> Facts:
    """The draft's facts for the bureau's checks."""
    indicators = indicator_set(draft)
    last_year = format_amount(budget_total(draft, "last_year"))
    return Facts(fingerprint(indicators), len(indicators), has_basis(draft), last_year)


def _words(text: str) -> str:
    return " ".join(text.split())
