"""A bordered grid drawn with text: rows of cells, each row with its own columns, like a paper form.

Rows need not share columns: the rule between two rows is worked out from the
column edges above and below it (┬ where a column starts, ┴ where one ends, ┼
where both), so a whole form is one grid. A cell may continue the cell above it
(``merged``), as 一级指标 does on the paper form: no rule is drawn between them.

Widths are display widths (``forms.render.width``); every line of a grid has the
same width, and in the ASCII style every character of the frame is ASCII, so the
columns line up in any terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from forms.render.width import Align, cell_width, pad, wrap

PADDING = 1
"""Spaces between a cell's border and its text, on each side."""


@dataclass(frozen=True)
class Cell:
    """One cell of a row: its text (wrapped to fit) and its content width in cells."""

    text: str
    width: int
    align: Align = "left"
    merged: bool = False
    """Continues the cell above it (same columns): no rule between them."""


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: BOX and ASCII are constants
class Style:
    """The characters a grid is drawn with."""

    horizontal: str
    vertical: str
    junctions: dict[tuple[bool, bool, bool, bool], str]
    """Junction by the arms it has: (up, down, left, right)."""

    def junction(self, up: bool, down: bool, left: bool, right: bool) -> str:
        """The character where rules meet; a plain rule where only one direction is present."""
        found = self.junctions.get((up, down, left, right))
        if found is not None:
            return found
        return self.vertical if up or down else self.horizontal


def _box_junctions() -> dict[tuple[bool, bool, bool, bool], str]:
    arms = {
        "─": "lr", "│": "ud", "┌": "dr", "┐": "dl", "└": "ur", "┘": "ul",
        "├": "udr", "┤": "udl", "┬": "dlr", "┴": "ulr", "┼": "udlr",
    }  # fmt: skip
    return {tuple(a in spec for a in "udlr"): char for char, spec in arms.items()}  # type: ignore[misc]


BOX = Style("─", "│", _box_junctions())
"""Box-drawing lines. They are ambiguous-width characters, counted as one cell."""

ASCII = Style(
    "-",
    "|",
    {(u, d, lt, rt): "+" for u in (True, False) for d in (True, False) for lt in (True, False) for rt in (True, False)
     if (u or d) and (lt or rt)},
)  # fmt: skip
"""``+ - |`` only: one cell wide in every terminal."""


def row_width(widths: Sequence[int]) -> int:
    """Total display width of a row whose cells have these content widths."""
    return sum(w + 2 * PADDING + 1 for w in widths) + 1


def fit(total: int, natural: Sequence[int], flex: Sequence[int], minimum: int = 4) -> list[int]:
    """Content widths of the columns of a row ``total`` cells wide.

    Args:
        total: the row's width including borders.
        natural: each column's wanted width (for flexible columns, their minimum).
        flex: what each flexible column would like to be (0 for a fixed column). Spare
            room first brings flexible columns up to that, in proportion to what they
            lack; what is left is shared in proportion to it.
        minimum: no column is made narrower than this when space runs short.

    Returns:
        Widths with ``row_width(widths) == total`` whenever ``total`` allows ``minimum`` per column.
    """
    widths = list(natural)
    room = total - row_width([0] * len(widths)) - sum(widths)
    while room < 0:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= minimum:
            break
        widths[widest] -= 1
        room += 1
    lacking = [max(0, want - have) if want else 0 for want, have in zip(flex, widths, strict=True)]
    for weights in (lacking, flex):
        if room <= 0 or not any(weights):
            continue
        budget = min(room, sum(weights)) if weights is lacking else room
        given = [budget * w // sum(weights) for w in weights]
        given[max(range(len(weights)), key=lambda i: weights[i])] += budget - sum(given)
        widths = [w + g for w, g in zip(widths, given, strict=True)]
        room -= budget
    return widths


def draw(rows: Sequence[Sequence[Cell]], style: Style) -> list[str]:
    """The lines of a grid: a rule above, between and below the rows, cells wrapped and padded.

    Raises:
        ValueError: the rows are not all the same total width (a layout bug, not user data).
    """
    if not rows:
        return []
    total = row_width([c.width for c in rows[0]])
    for row in rows:
        if row_width([c.width for c in row]) != total:
            raise ValueError(f"grid rows differ in width: {[c.width for c in row]} vs {total}")
    lines = [_rule(None, rows[0], total, style)]
    for i, row in enumerate(rows):
        lines.extend(_row_lines(row, style))
        lines.append(_rule(row, rows[i + 1] if i + 1 < len(rows) else None, total, style))
    return lines


def _edges(row: Shape) -> list[int]:
    edges, x = [0], 0
    for width, _merged in row:
        x += width + 2 * PADDING + 1
        edges.append(x)
    return edges


def _rule(above: Sequence[Cell] | None, below: Sequence[Cell] | None, total: int, style: Style) -> str:
    return _rule_between(_shape(above), _shape(below), total, style)


Shape = tuple[tuple[int, bool], ...]
"""A row's cells as (width, merged): all a rule depends on."""


def _shape(row: Sequence[Cell] | None) -> Shape:
    return tuple((cell.width, cell.merged) for cell in row) if row else ()


@lru_cache(maxsize=1024)
def _rule_between(above: Shape, below: Shape, total: int, style: Style) -> str:
    # Cached: the forms of a folder share their rows' shapes, and an export of thousands draws each once.
    up = set(_edges(above)) if above else set()
    down = set(_edges(below)) if below else set()
    # Whether the rule runs through each column: not through a merged cell below.
    drawn = [True] * total
    if below:
        x = 0
        for width, merged in below:
            span = width + 2 * PADDING + 1
            if merged:
                drawn[x + 1 : x + span] = [False] * (span - 1)
            x += span
    chars = []
    for x in range(total):
        if x in up or x in down:
            left = x > 0 and drawn[x - 1]
            right = x < total - 1 and drawn[x + 1]
            chars.append(style.junction(x in up, x in down, left, right))
        else:
            chars.append(style.horizontal if drawn[x] else " ")
    return "".join(chars)


def _row_lines(row: Sequence[Cell], style: Style) -> list[str]:
    texts = [wrap(cell.text, cell.width) for cell in row]
    height = max(len(t) for t in texts)
    lines = []
    gap = " " * PADDING
    for n in range(height):
        parts = [style.vertical]
        for cell, text in zip(row, texts, strict=True):
            line = text[n] if n < len(text) else ""
            if cell_width(line) > cell.width:  # one wide character in a one-cell column
                line = "?" * cell.width
            parts.append(gap + pad(line, cell.width, cell.align) + gap + style.vertical)
        lines.append("".join(parts))
    return lines
