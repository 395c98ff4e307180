"""What a table's cells mean beyond their headings: which side a heading names, which funding row an item
is, an indicator's name without the form's numbering, which table unlabelled headings belong to."""

from __future__ import annotations

import re

from forms.importing.labels import Labels, fold
from forms.importing.rows import Cell

SIDE_WORDS = (("本年度", 1), ("年度", 1), ("当年", 1), ("中长期", 0), ("长期", 0), ("实施期", 0), ("总体", 0))
_NUMBERING = re.compile(r"^(?:其中:)?(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、|\d+[.、])?(?:其中:)?")
_INDICATOR_NUMBER = re.compile(r"^\s*指标\s*\d+\s*[:：.、]\s*")


def side_column(text: str, labels: Labels) -> tuple[str, int] | None:
    """A heading naming a side and a column (长期指标值, 年度目标值, 指标值（年度）): the column key and side."""
    folded = fold(text)
    for word, side in SIDE_WORDS:
        for rest in (folded.removeprefix(word), folded.removesuffix(f"({word})")):
            if rest != folded and labels.key(rest) in ("value", "level3"):
                return str(labels.key(rest)), side
    return None


def sides_of(columns: list[str | None]) -> list[int | None]:
    # A heading row that prints 三级指标/指标值 twice is two-sided: the first pair 长期, the second 年度.
    sides: list[int | None] = [None] * len(columns)
    for key in ("level3", "value"):
        where = [n for n, column in enumerate(columns) if column == key]
        if len(where) == 2:
            sides[where[0]], sides[where[1]] = 0, 1
    return sides


def source_position(item: str, labels: Labels) -> int | None:
    """The funding row ``item`` names (its name, a synonym, or with numbering and 其中 dropped), or ``None``."""
    folded = _NUMBERING.sub("", fold(item))
    for text in (fold(item), folded):
        if text in labels.sources:
            return labels.sources[text]
    return _source_index(folded, list(labels.template.funding_sources))


def unnumbered(name: str) -> str:
    # “指标1：新建保鲜库数量”: the numbering is the form's, not the indicator's name.
    return _INDICATOR_NUMBER.sub("", name, count=1)


def cell_text(cells: dict[str, Cell], key: str) -> str:
    cell = cells.get(key)
    return cell.text if cell else ""


def _source_index(item: str, sources: list[str]) -> int | None:
    folded = fold(item)
    for position, source in enumerate(sources):
        plain = _NUMBERING.sub("", fold(source))
        if folded and folded in (fold(source), fold(source).removesuffix("资金"), plain, plain.removesuffix("小计")):
            return position
    return None


def guess_kind(present: set[str]) -> str:
    if present & {"level1", "level2", "level3", "value"}:
        return "indicators"
    if present & {"task", "start", "end"}:
        return "schedule"
    return "expenses" if "explanation" in present else "funding"
