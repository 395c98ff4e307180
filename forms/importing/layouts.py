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
"""

from __future__ import annotations

import re

from forms.importing.fields import strip_printed
from forms.importing.labels import Labels, fold
from forms.importing.rows import Cell, Row, is_word_text, line_kind, word_rows

_SPACES = re.compile(r"(?:[ \t]{2,}|\u3000+)")
_BOX = re.compile("[☑☒✓✔√■▣□☐]")
_MARKDOWN_RULE = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?")
_VALUE_AT_END = re.compile(
    r"(?:[≥≤><=＞＜≧≦]|大于等于|小于等于|大于|小于|不低于|不高于|不少于|不超过|达到|约)?\s*"
    r"\d[\d.,，年月日]*\s*(?:%|％|‰|[^\d\s≥≤><=]{0,6})$"
)
_FIGURE = re.compile(r"[≥≤><=]?\d[\d.,，:：/-]*(?:万元|万|%|％)?")
_STREAM = 12
"""A “row” of more cells than this is a run of cells without row ends."""
_LONGEST_LABEL = 40
"""No label is longer than this (folded): run-together text is only tried that far."""
_WRAP_MAX = 4
"""The most characters a wrapped label's second line holds (指标, 目标, 联络员)."""


def text_rows(text: str, labels: Labels) -> list[Row]:
    """Cut ``text`` into rows, by the layout most of its lines have."""
    lines = text.split("\n")
    if is_word_text(lines):
        return word_rows(lines, labels.template)
    if is_cell_lines(lines):
        return cell_line_rows(lines, labels)
    return line_rows(lines, labels)


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
        if current and current[0].text and _known(current[0].text, labels):
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
            named = bool(text) and _known(text, labels)
            if len(current) >= width or (named and any(c.text and not _known(c.text, labels) for c in current)):
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
        if kind is None and previous is not None and _join_wrapped(previous, number, cells, labels):
            continue
        if kind is None and previous is not None and _wraps(previous, cells[0], labels):
            _join_label(previous, number, cells[0])
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
            loose = kind or (None if _known(cells[0], labels) else "text")
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
    return bool(last) and bool(first) and not _known(last, labels) and _known(last + first, labels)


def _take_back_label(rows: list[Row], pending: Row | None, row: Row, labels: Labels) -> None:
    last = rows[-1]
    if last.loose == "text" and len(last.cells) == 1 and _known(last.texts[0] + row.texts[0], labels):
        rows.pop()
        row.cells[0].pieces[:0] = last.cells[0].pieces
        row.refresh()
        return
    if pending is None or pending is not last:
        return
    cell = last.cells[-1]
    for count in range(1, len(cell.pieces)):
        head = "".join(text for _, text in cell.pieces[-count:])
        if _known(head + row.texts[0], labels):
            row.cells[0].pieces[:0] = cell.pieces[-count:]
            del cell.pieces[-count:]
            last.refresh()
            row.refresh()
            return


def _known(text: str, labels: Labels) -> bool:
    folded = fold(text)
    return labels.key(text) is not None or folded in labels.category_names or folded in labels.sources


def _wraps(previous: Row, head: str, labels: Labels) -> bool:
    # “项目完成 / 指标”: the first cell of this line completes the first cell of the row above into a label.
    first = previous.texts[0] if previous.texts else ""
    head = head.strip()
    if not first or not head or len(fold(head)) > _WRAP_MAX or _known(head, labels) or "\n" in first:
        return False
    return _known(first + head, labels)


def _join_label(row: Row, number: int, tail: str, position: int = 0) -> None:
    row.cells[position].pieces.append((number, tail.strip()))
    row.refresh()


def _join_wrapped(row: Row, number: int, cells: list[str], labels: Labels) -> bool:
    # A line of nothing but label tails (“指标  指标” under “项目效益  社会效益”): each completes, in order,
    # a cell of the row above into a label.
    tails = [cell.strip() for cell in cells if cell.strip()]
    if not tails or any(len(fold(tail)) > _WRAP_MAX or _known(tail, labels) for tail in tails):
        return False
    places: list[int] = []
    start = 0
    for tail in tails:
        place = next((n for n in range(start, len(row.cells)) if _known(row.texts[n] + tail, labels)), None)
        if place is None or "\n" in row.texts[place]:
            return False
        places.append(place)
        start = place + 1
    for place, tail in zip(places, tails, strict=True):
        _join_label(row, number, tail, place)
    return True


def _continues(text: str, labels: Labels) -> bool:
    # A line of its own continues the cell above unless it is a label or starts a labelled field.
    stripped = text.strip()
    return not _known(stripped, labels) and labels.split(stripped)[0][0] is None


def _short_row_continues(previous: Row, row: Row, width: int, labels: Labels) -> bool:
    # Word's “convert table to text” keeps a cell's paragraph marks: a row short of the table's width
    # goes on in the next line, the cell that was cut joining that line's first cell.
    if len(previous.cells) >= width or len(previous.cells) + len(row.cells) - 1 > width:
        return False
    first = row.texts[0]
    return not _known(first, labels) and labels.split(first)[0][0] is None


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


def mend_wrapped(rows: list[Row], labels: Labels) -> list[Row]:
    """Rows with labels wrapped into the next row (“总体”, then “目标”) joined back."""
    mended: list[Row] = []
    for row in rows:
        previous = mended[-1] if mended and not mended[-1].loose else None
        if previous is not None and row.texts and _wraps(previous, row.texts[0], labels):
            _join_label(previous, row.line, row.texts[0])
            row.cells = row.cells[1:]
            row.refresh()
            if not any(row.texts):
                continue
        mended.append(row)
    return mended
