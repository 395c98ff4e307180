"""Text run together without separators, cut into cells at the template's words.

“一级指标二级指标三级指标指标值” is its column headings; “产出指标数量指标覆盖率100%”
an indicator row (一级, 二级, 三级 and the value at its end); “合计 0 250” cells a
single space apart with figures among them.
"""

from __future__ import annotations

import re

from forms.importing.labels import Labels, fold

_VALUE_AT_END = re.compile(
    r"(?:[≥≤><=＞＜≧≦]|大于等于|小于等于|大于|小于|不低于|不高于|不少于|不超过|达到|约)?\s*"
    r"\d[\d.,，年月日]*\s*(?:%|％|‰|[^\d\s≥≤><=]{0,6})$"
)
_FIGURE = re.compile(r"[≥≤><=]?\d[\d.,，:：/-]*(?:万元|万|%|％)?")
_LONGEST_LABEL = 40
"""No label is longer than this (folded): run-together text is only tried that far."""


def run_together(text: str, labels: Labels) -> list[str] | None:
    """Cells of a line run together: column headings (“一级指标二级指标…”) or an indicator row
    (“产出指标数量指标覆盖率100%”); ``None`` when the line is neither."""
    folded = fold(text)
    headings = _cut_known(folded, lambda t: labels.kind(labels.key(t)) in ("column", "table", "section"))
    if headings is not None and len(headings) >= 2:
        return headings
    words = text.split()
    if len(words) >= 3 and sum(1 for word in words if _FIGURE.fullmatch(word)) >= 2:
        # “合计 0 250”, “校舍维修施工 2021.03 2021.08”: cells a single space apart, figures among them.
        return words
    names = sorted(labels.category_names, key=len, reverse=True)
    cut: list[str] = []
    rest = text.strip()
    for _ in range(2):
        head = next((n for n in names if fold(rest).startswith(n) and len(fold(rest)) > len(n)), None)
        if head is None:
            break
        taken = _take_folded(rest, len(head))
        cut.append(taken)
        rest = rest[len(taken) :].strip(" \t\u3000:：")
    if not cut or not rest:
        return None
    value = _VALUE_AT_END.search(rest)
    qualitative = next((q for q in sorted(labels.template.rules.qualitative_values, key=len, reverse=True)
                        if rest.endswith(q) and len(rest) > len(q)), None)  # fmt: skip
    if value is not None and value.start() > 0:
        return [*cut, rest[: value.start()].strip(), value.group(0).strip()]
    if qualitative is not None:
        return [*cut, rest[: -len(qualitative)].strip(), qualitative]
    return [*cut, rest]


def _cut_known(folded: str, known: object) -> list[str] | None:
    # Greedy, longest first: the whole text must be known pieces.
    pieces: list[str] = []
    rest = folded
    while rest:
        for end in range(min(len(rest), _LONGEST_LABEL), 0, -1):
            if known(rest[:end]):  # type: ignore[operator]
                pieces.append(rest[:end])
                rest = rest[end:]
                break
        else:
            return None
    return pieces


def _take_folded(text: str, length: int) -> str:
    # The prefix of ``text`` that folds to ``length`` characters (spaces inside it kept).
    for end in range(len(text) + 1):
        if len(fold(text[:end])) == length:
            return text[:end]
    return text
