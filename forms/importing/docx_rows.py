"""A Word document (.docx) to rows of real cells, as ``rows.to_rows`` makes them from Word's text.

python-docx opens the package; the body is then walked in order: each table
row becomes a ``Row`` with one ``Cell`` per cell as Word draws it (a cell
merged across columns once, a cell merged down the rows below as an empty cell
there, as Word's “save as text” and the HTML reader leave them), each of a
cell's paragraphs one piece of it. Paragraphs outside tables become loose rows
(title, 年度, 填报单位, a 文号 or a notice). Tables that follow each other (one
table cut by a page break) simply continue the rows. Content controls and
nested tables are looked into, so no text is silently dropped.

“Lines” are counted as Word has none: every paragraph outside a table and
every table row is one, from the top of the document.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from forms.importing.office import Deadline
from forms.importing.reading import SourceError
from forms.importing.rows import Cell, Row, line_kind
from forms.model.template import Template

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"}
_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def docx_rows(raw: bytes, template: Template, deadline: Deadline) -> list[Row]:
    """The rows of the Word document ``raw`` (checked by ``office.check_package`` first).

    Raises:
        SourceError: not a Word document python-docx can open.
    """
    import docx  # imported here: the app's start-up does not pay for python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError) as problem:
        raise SourceError(
            f"Word 文档结构有误，无法打开（{type(problem).__name__}）。请用 Word/WPS 打开它，另存为 .docx 后再导入"
        ) from None
    walker = _Walker(template, deadline)
    walker.block(document.element.body)
    return walker.rows


def cells_row(cells: list[Cell], line: int, template: Template) -> Row:
    """A table row; a row whose only text is a title, 年度, 填报单位 or signature line is a loose row of that kind.

    Only when that text fills the row or starts it: a “2021年” alone in a 开始时间 cell is a value.
    """
    filled = [cell for cell in cells if cell.text]
    if len(filled) == 1 and (len(cells) == 1 or cells[0] is filled[0]):
        kind = line_kind(filled[0].text, template)
        if kind is not None:
            return Row(cells=[Cell([(line, filled[0].text)])], line=line, loose=kind)
    return Row(cells=cells, line=line)


class _Walker:
    def __init__(self, template: Template, deadline: Deadline) -> None:
        self.template = template
        self.deadline = deadline
        self.rows: list[Row] = []
        self.line = 0

    def block(self, parent: Any) -> None:
        """Paragraphs and tables directly in ``parent`` (the body, or a content control in it)."""
        for child in parent.iterchildren():
            if child.tag == f"{_W}p":
                self.line += 1
                for text in paragraph_text(child).split("\n"):
                    if text.strip():
                        self.deadline.count_row()
                        kind = line_kind(text, self.template) or "text"
                        self.rows.append(Row(cells=[Cell([(self.line, text)])], line=self.line, loose=kind))
            elif child.tag == f"{_W}tbl":
                self.table(child)
            elif child.tag in _WRAPPERS:
                self.block(child)

    def table(self, tbl: Any) -> None:
        for tr in _children(tbl, "tr"):
            self.deadline.count_row()
            self.line += 1
            cells = [Cell(self.pieces(tc)) if keep else Cell([(self.line, "")]) for tc, keep in _physical_cells(tr)]
            if cells:
                self.rows.append(cells_row(cells, self.line, self.template))

    def pieces(self, tc: Any) -> list[tuple[int, str]]:
        # Each paragraph (and each line of it) is a piece; a nested table's cells are pieces too.
        pieces: list[tuple[int, str]] = []
        for p in tc.iter(f"{_W}p"):
            if _inside_fallback(p) or _nested_paragraph(p):
                continue
            pieces.extend((self.line, text) for text in paragraph_text(p).split("\n"))
        return pieces or [(self.line, "")]


def paragraph_text(p: Any) -> str:
    """The text of a paragraph as Word shows it: tabs and line breaks kept, deleted text and field codes not."""
    parts: list[str] = []
    for element in p.iter():
        tag = element.tag
        if tag in _TEXT and not _inside_fallback(element):
            parts.append((element.text or "") if _TEXT[tag] is None else _TEXT[tag])
        elif tag == f"{_W}br" and element.get(f"{_W}type") in (None, "textWrapping"):
            parts.append("\n")
        elif tag == f"{_W}p" and element is not p:
            parts.append("\n")  # a paragraph of a text box inside this one
    return "".join(parts)


def _physical_cells(tr: Any) -> Iterator[tuple[Any, bool]]:
    """Each cell of a row once: ``(tc, True)``, or ``(tc, False)`` where a cell merged from above continues."""
    for tc in _children(tr, "tc"):
        props = tc.find(f"{_W}tcPr")
        v_merge = props.find(f"{_W}vMerge") if props is not None else None
        h_merge = props.find(f"{_W}hMerge") if props is not None else None
        if h_merge is not None and h_merge.get(f"{_W}val") != "restart":
            continue  # old-style horizontal merge: the cell to the left holds the text
        yield tc, not (v_merge is not None and v_merge.get(f"{_W}val") != "restart")


def _children(parent: Any, name: str) -> Iterator[Any]:
    # Rows and cells may sit inside content controls or custom XML; look through those.
    for child in parent.iterchildren():
        if child.tag == f"{_W}{name}":
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, name)


def _inside_fallback(element: Any) -> bool:
    # mc:AlternateContent holds the same drawing twice (Choice and Fallback): read the Choice only.
    return any(ancestor.tag == _FALLBACK for ancestor in element.iterancestors())


def _nested_paragraph(p: Any) -> bool:
    # A text box's paragraphs are read with the paragraph holding the box.
    return any(ancestor.tag == f"{_W}p" for ancestor in p.iterancestors())
