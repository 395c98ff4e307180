"""Labels wrapped onto the next line (“项目完成 / 指标”, “总体 / 目标”, “经济效益 / (empty) / 指标”) joined back.

A label too wide for its column wraps; the tail (at most ``WRAP_MAX`` characters,
not a label by itself) completes a cell of the row above into a label the
template knows. Shared by the text layouts (``layouts``, ``cell_lines``).
"""

from __future__ import annotations

from forms.importing.labels import Labels, fold
from forms.importing.rows import Row

WRAP_MAX = 4
"""The most characters a wrapped label's second line holds (指标, 目标, 联络员)."""


def known(text: str, labels: Labels) -> bool:
    folded = fold(text)
    return labels.key(text) is not None or folded in labels.category_names or folded in labels.sources


def wraps(previous: Row, head: str, labels: Labels) -> bool:
    # “项目完成 / 指标”: the first cell of this line completes the first cell of the row above into a label.
    first = previous.texts[0] if previous.texts else ""
    head = head.strip()
    if not first or not head or len(fold(head)) > WRAP_MAX or known(head, labels) or "\n" in first:
        return False
    return known(first + head, labels)


def join_label(row: Row, number: int, tail: str, position: int = 0) -> None:
    row.cells[position].pieces.append((number, tail.strip()))
    row.refresh()


def join_wrapped(row: Row, number: int, cells: list[str], labels: Labels) -> bool:
    # A line of nothing but label tails (“指标  指标” under “项目效益  社会效益”): each completes, in order,
    # a cell of the row above into a label.
    tails = [cell.strip() for cell in cells if cell.strip()]
    if not tails or any(len(fold(tail)) > WRAP_MAX or known(tail, labels) for tail in tails):
        return False
    places: list[int] = []
    start = 0
    for tail in tails:
        place = next((n for n in range(start, len(row.cells)) if known(row.texts[n] + tail, labels)), None)
        if place is None or "\n" in row.texts[place]:
            return False
        places.append(place)
        start = place + 1
    for place, tail in zip(places, tails, strict=True):
        join_label(row, number, tail, place)
    return True


def mend_wrapped(rows: list[Row], labels: Labels) -> list[Row]:
    """Rows with labels wrapped into the next row (“总体”, then “目标”) joined back."""
    mended: list[Row] = []
    for row in rows:
        previous = mended[-1] if mended and not mended[-1].loose else None
        if previous is not None and row.texts and wraps(previous, row.texts[0], labels):
            join_label(previous, row.line, row.texts[0])
            row.cells = row.cells[1:]
            row.refresh()
            if not any(row.texts):
                continue
        mended.append(row)
    return mended
