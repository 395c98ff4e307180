"""Text layouts other than Word's “save as text”, cut into rows of cells like it.

- one cell per line, rows separated by empty lines, an empty cell a line with a
  single space (or, from some converters, each cell ending in ``|`` and a run
  ``||||`` standing for as many empty cells);
- a row per line, cells joined by ``|``, tabs (Word's “convert table to text”)
  or runs of spaces (text copied from a PDF), where a cell of several
  paragraphs spreads the row over several lines and a label too wide for its
  column wraps onto the next line (“项目完成\\n指标”, “经济效益\\n\\n指标”);
- text run together without separators (“产出指标数量指标覆盖率100%”), cut at the
  template's 一级/二级 names and column headings.

``text_rows`` chooses by what most lines look like; the one-cell-per-line
layouts are ``cell_lines``, run-together text ``run_together`` and wrapped
labels ``wrapped``.
"""

from __future__ import annotations

import re

from forms.importing.cell_lines import cell_line_rows, is_cell_lines
from forms.importing.fields import strip_printed
from forms.importing.labels import Labels
from forms.importing.rows import Cell, Row, is_word_text, line_kind, word_rows
from forms.importing.run_together import run_together
from forms.importing.wrapped import join_label, join_wrapped, known, wraps

_SPACES = re.compile(r"(?:[ \t]{2,}|\u3000+)")
_BOX = re.compile("[☑☒✓✔√■▣□☐]")
_MARKDOWN_RULE = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?")


def text_rows(text: str, labels: Labels) -> list[Row]:
    """Cut ``text`` into rows, by the layout most of its lines have."""
    lines = text.split("\n")
    if is_word_text(lines):
        return word_rows(lines, labels.template)
    if is_cell_lines(lines):
        return cell_line_rows(lines, labels)
    return line_rows(lines, labels)


def split_line(line: str) -> list[str]:
    """The cells of one line: ``|``-joined, tab-joined or space-separated; tick boxes stay in one cell."""
    if "|" in line:
        parts = line.split("|")
        if parts and not parts[0].strip():
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        return parts or [""]
    if "\t" in line.strip("\t") or (line.startswith("\t") and line.strip()):
        return line.split("\t")  # a leading tab is an empty first cell (a merged one)
    parts = [part for part in _SPACES.split(line.strip()) if part]
    if len(parts) <= 1 or not strip_printed(line):
        return [line]  # “年    月    日” is one printed blank, spaced out for the date to be written in
    # “新增项目□    延续项目☑” is one cell of boxes, spaced out on paper.
    joined = [parts[0]]
    for part in parts[1:]:
        if _BOX.search(part) and _BOX.search(joined[-1]):
            joined[-1] += "  " + part
        else:
            joined.append(part)
    return joined


def line_rows(lines: list[str], labels: Labels) -> list[Row]:
    """Rows of a row-per-line text; lines that continue a cell (a cell of several paragraphs) join it."""
    rows: list[Row] = []
    gap = True
    width = 0
    pending: Row | None = None
    """The row whose last cell the last line was taken to continue."""
    blanks = 0
    """Empty lines just before this one."""
    for number, raw in enumerate(lines, start=1):
        line = raw.replace("\f", "")
        if not line.strip() or _MARKDOWN_RULE.fullmatch(line.strip()):
            gap = gap or not line.strip()
            blanks += 1
            continue
        # A cell's empty paragraph is one empty line: a row short of its table's width goes on past it.
        before, blanks = blanks, 0
        kind = line_kind(line, labels.template)
        cells = split_line(line) if kind is None else [line]
        previous = rows[-1] if rows and not rows[-1].loose else None
        if kind is None and previous is not None and join_wrapped(previous, number, cells, labels):
            continue
        if kind is None and previous is not None and wraps(previous, cells[0], labels):
            join_label(previous, number, cells[0])
            cells = cells[1:]
            if not cells or not any(cell.strip() for cell in cells):
                continue
        if len(cells) == 1 and kind is None:
            pieces = run_together(cells[0], labels)
            if pieces is not None:
                cells = pieces
        if len(cells) == 1:
            if kind is None and previous is not None and not gap and _continues(cells[0], labels):
                previous.cells[-1].pieces.append((number, cells[0].strip()))
                previous.refresh()
                pending = previous
                continue
            # A known name alone (a funding source with no amount) is a row of the table it is in.
            loose = kind or (None if known(cells[0], labels) else "text")
            rows.append(Row(cells=[Cell([(number, cells[0].strip())])], line=number, loose=loose))
            gap = False
            continue
        row = Row(cells=[Cell([(number, text.strip())]) for text in cells], line=number)
        if "\t" in line and previous is not None and before <= 1 and _label_goes_on(previous, row, labels):
            # “⇥绩效管理” then “联络员⇥田静⇥…”: the row's label cell holds two paragraphs.
            previous.cells[-1].pieces.extend(row.cells[0].pieces)
            previous.cells.extend(row.cells[1:])
            previous.refresh()
            continue
        if "\t" in line and not gap and rows:
            # A label of several paragraphs starts its row (“项目立项 / 依据⇥…”): its first lines, taken
            # for a cell above or a line of their own, go back to it.
            _take_back_label(rows, pending, row, labels)
        pending = None
        if sum(1 for text in row.texts if labels.kind(labels.key(text)) in ("column", "table")) >= 2:
            width = len(row.cells)
        elif (
            "\t" in line
            and previous is not None
            and before <= 1
            and width
            and _short_row_continues(previous, row, width, labels)
        ):
            previous.cells[-1].pieces.extend(row.cells[0].pieces)
            previous.cells.extend(row.cells[1:])
            previous.refresh()
            continue
        rows.append(row)
        gap = False
    return rows


def _label_goes_on(previous: Row, row: Row, labels: Labels) -> bool:
    last, first = previous.texts[-1], row.texts[0]
    return bool(last) and bool(first) and not known(last, labels) and known(last + first, labels)


def _take_back_label(rows: list[Row], pending: Row | None, row: Row, labels: Labels) -> None:
    last = rows[-1]
    if last.loose == "text" and len(last.cells) == 1 and known(last.texts[0] + row.texts[0], labels):
        rows.pop()
        row.cells[0].pieces[:0] = last.cells[0].pieces
        row.refresh()
        return
    if pending is None or pending is not last:
        return
    cell = last.cells[-1]
    for count in range(1, len(cell.pieces)):
        head = "".join(text for _, text in cell.pieces[-count:])
        if known(head + row.texts[0], labels):
            row.cells[0].pieces[:0] = cell.pieces[-count:]
            del cell.pieces[-count:]
            last.refresh()
            row.refresh()
            return


def _continues(text: str, labels: Labels) -> bool:
    # A line of its own continues the cell above unless it is a label or starts a labelled field.
    stripped = text.strip()
    return not known(stripped, labels) and labels.split(stripped)[0][0] is None


def _short_row_continues(previous: Row, row: Row, width: int, labels: Labels) -> bool:
    # Word's “convert table to text” keeps a cell's paragraph marks: a row short of the table's width
    # goes on in the next line, the cell that was cut joining that line's first cell.
    if len(previous.cells) >= width or len(previous.cells) + len(row.cells) - 1 > width:
        return False
    first = row.texts[0]
    return not known(first, labels) and labels.split(first)[0][0] is None
