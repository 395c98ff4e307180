"""A saved web page to rows: each ``<tr>`` a row, each ``<td>``/``<th>`` a cell, other text as loose lines.

Bureaus publish the form as a web page. Merged cells are spread out again
(a ``rowspan`` leaves an empty cell in the rows below, a ``colspan`` empty cells
beside), so rows line up with their headings as in Word's text. Line numbers
are those of the HTML file.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from forms.importing.rows import Cell, Row, line_kind
from forms.model.template import Template

_SKIP = {"head", "script", "style", "title", "noscript", "template"}
_BREAKS = {"br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "caption"}
_SPACES = re.compile(r"[ \t\r\n\f]+")


def html_rows(text: str, template: Template) -> list[Row]:
    """The rows of the tables in ``text``, with the text around them as loose rows, in page order."""
    parser = _Parser(template)
    parser.feed(text)
    parser.close()
    parser.flush_loose()
    return parser.rows


class _Parser(HTMLParser):
    def __init__(self, template: Template) -> None:
        super().__init__(convert_charrefs=True)
        self.template = template
        self.rows: list[Row] = []
        self.skipping = 0
        self.loose: list[str] = []
        self.loose_line = 0
        # One entry per open table: pending rowspans {column: rows left}, and the row being built.
        self.spans: list[dict[int, int]] = []
        self.row: list[Cell] | None = None
        self.row_line = 0
        self.cell: list[str] | None = None
        self.cell_line = 0
        self.cell_colspan = 1
        self.cell_rowspan = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
            return
        if tag == "table":
            self.flush_loose()
            self.spans.append({})
        elif tag == "tr" and self.spans:
            self.flush_loose()
            self.row, self.row_line = [], self.getpos()[0]
        elif tag in ("td", "th") and self.row is not None:
            found = dict(attrs)
            self.cell, self.cell_line = [], self.getpos()[0]
            self.cell_colspan = _span(found.get("colspan"))
            self.cell_rowspan = _span(found.get("rowspan"))
        elif tag in _BREAKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table" and self.spans:
            self._end_row()
            self.flush_loose()
            self.spans.pop()
        elif tag in _BREAKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        text = _SPACES.sub(" ", data.replace("\xa0", " "))  # &nbsp; is layout, not text
        if self.cell is not None:
            self.cell.append(text)
        elif text.strip():  # outside cells, a table's <caption> included
            if not self.loose:
                self.loose_line = self.getpos()[0]
            self.loose.append(text)

    def _break(self) -> None:
        if self.cell is not None:
            self.cell.append("\n")
        else:
            self.flush_loose()

    def flush_loose(self) -> None:
        """Emit the text gathered outside tables as a loose row."""
        line = "".join(self.loose).strip()
        self.loose = []
        if line:
            kind = line_kind(line, self.template) or "text"
            self.rows.append(Row(cells=[Cell([(self.loose_line, line)])], line=self.loose_line, loose=kind))

    def _end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        text = "\n".join(part.strip() for part in "".join(self.cell).split("\n"))
        self._fill_spans()
        column = len(self.row)
        self.row.append(Cell([(self.cell_line, text)]))
        for extra in range(1, self.cell_colspan):
            self.row.append(Cell([(self.cell_line, "")]))
            if self.cell_rowspan > 1:
                self.spans[-1][column + extra] = self.cell_rowspan - 1
        if self.cell_rowspan > 1:
            self.spans[-1][column] = self.cell_rowspan - 1
        self.cell = None

    def _fill_spans(self) -> None:
        # Cells merged from the rows above take their place as empty cells.
        assert self.row is not None
        spans = self.spans[-1]
        while spans.get(len(self.row), 0) > 0:
            spans[len(self.row)] -= 1
            self.row.append(Cell([(self.row_line, "")]))

    def _end_row(self) -> None:
        if self.row is None:
            return
        self._end_cell()
        self._fill_spans()
        if self.row:
            self.rows.append(Row(cells=self.row, line=self.row_line))
        self.row = None


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1
