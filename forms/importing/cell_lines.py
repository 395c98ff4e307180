"""Texts with every cell on its own line: a blank cell a line with a space, or cells ending in ``|``
(a run ``||||`` standing for as many empty cells); rows end at empty lines, or, with none, are found
by their labels (``stream_rows``).
"""

from __future__ import annotations

from forms.importing.labels import Labels
from forms.importing.rows import Cell, Row, line_kind
from forms.importing.run_together import run_together
from forms.importing.wrapped import known, mend_wrapped

_STREAM = 12
"""A “row” of more cells than this is a run of cells without row ends."""


def is_cell_lines(lines: list[str]) -> bool:
    """Whether the text puts each cell on its own line (blank cells as a space, or ``|``-terminated cells)."""
    filled = [line for line in lines if line.strip()]
    spaces = sum(1 for line in lines if line and not line.strip() and "\t" not in line)
    ended = sum(1 for line in filled if line.rstrip().endswith("|") and line.rstrip().rstrip("|").count("|") == 0)
    return bool(filled) and (spaces >= 3 or ended * 3 >= len(filled))


def cell_line_rows(lines: list[str], labels: Labels) -> list[Row]:
    """Rows of a one-cell-per-line text: each run of lines between empty lines is one row."""
    rows: list[Row] = []
    block: list[Cell] = []
    start = 0
    for number, raw in enumerate([*lines, ""], start=1):
        line = raw.replace("\f", "")
        if line == "" or (line.strip() == "" and not block and line != " "):
            if block:
                rows.append(_block_row(block, start, labels))
            block = []
            continue
        if not block:
            start = number
        text = line.rstrip()
        if text.endswith("|"):
            body = text.rstrip("|")
            bars = len(text) - len(body)
            if body.strip():
                block.append(Cell([(number, body.strip())]))
                bars -= 1
            block.extend(Cell([(number, "")]) for _ in range(bars))
        else:
            block.append(Cell([(number, line.strip())]))
    if len(rows) <= 3 and any(len(row.cells) > _STREAM for row in rows):
        # No empty lines between rows: one long run of cells, cut into rows by their labels.
        rows = [cut for row in rows for cut in (stream_rows(row.cells, labels) if len(row.cells) > _STREAM else [row])]
    return mend_wrapped(rows, labels)


def stream_rows(cells: list[Cell], labels: Labels) -> list[Row]:
    """Rows of a run of cells with no row ends: a new row at each label; in a table, a new row when the
    row has as many cells as the table has headings, or at a row's name (一级, 二级, a funding source)
    after other text. Leading empty cells of a table row (merged ones) are dropped."""
    rows: list[Row] = []
    current: list[Cell] = []
    width = 0
    heading = False

    def close() -> None:
        nonlocal current
        if current and current[0].text and known(current[0].text, labels):
            while current and not current[-1].text:
                current.pop()  # placed by its name: its empty trailing cells say nothing
        if any(cell.text for cell in current):
            rows.append(Row(cells=current, line=current[0].line))
        current = []

    for cell in cells:
        text = cell.text
        kind = labels.kind(labels.key(text)) if text else None
        loose = line_kind(text, labels.template) if text and kind is None else None
        if loose is not None:
            close()
            rows.append(Row(cells=[cell], line=cell.line, loose=loose))
            width, heading = 0, False
        elif kind in ("field", "section") or (kind == "table" and any(c.text for c in current if not heading)):
            close()
            current, width, heading = [cell], 0, kind == "section"
        elif kind in ("table", "column"):
            if not heading and current:
                close()
            current.append(cell)
            heading = True
        elif heading:
            width = sum(1 for c in current if labels.kind(labels.key(c.text)) == "column")
            close()
            heading = False
            if text:
                current = [cell]
        elif width:
            if not current and not text:
                continue
            named = bool(text) and known(text, labels)
            if len(current) >= width or (named and any(c.text and not known(c.text, labels) for c in current)):
                close()
                if text:
                    current = [cell]
            else:
                current.append(cell)
        elif text:
            current.append(cell)
    close()
    return rows


def _block_row(cells: list[Cell], line: int, labels: Labels) -> Row:
    filled = [cell for cell in cells if cell.text]
    if len(filled) == 1 and len(cells) == 1:
        kind = line_kind(filled[0].text, labels.template)
        if kind is not None:
            return Row(cells=filled, line=line, loose=kind)
        pieces = run_together(filled[0].text, labels)
        if pieces is not None:
            return Row(cells=[Cell([(line, piece)]) for piece in pieces], line=line)
    return Row(cells=cells, line=line)
