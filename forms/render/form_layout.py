"""The form table placed on the template's grid: rectangles of merged cells, for Word and Excel.

``place`` walks ``forms.render.form_table`` with the template's ``Layout``: a group's
label becomes a cell spanning the rows of the group (项目基本情况 down the left
edge; 产出指标 and each 二级指标 down their rows, from the table's ``merged``
flags), and each row's cells take the columns its shape lists. Both office
exports draw the same regions, so their tables have the same cells in the same
places, and a reader can map a document back by its labels.

``office_text`` is the one filter of user text for these files.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.model.template import Layout
from forms.render.form_table import FormCell, FormGroup, FormRow, Part
from forms.render.width import clean

_XML_ILLEGAL = {0xFFFE, 0xFFFF}
"""Code points ``clean`` keeps that XML 1.0 cannot hold."""


class LayoutError(ValueError):
    """A template's layout does not fit its own grid (a template bug, not user data)."""


@dataclass
class Region:
    """A rectangle of grid cells drawn as one cell."""

    top: int
    left: int
    bottom: int
    """Last row, inclusive."""
    right: int
    """Last column, inclusive."""
    cell: FormCell
    paragraphs: list[str]
    """The text, one entry per line (Word paragraph, Excel line), cleaned."""
    group: bool = False
    """A group's label (项目基本情况 …)."""
    stamp: bool = False
    """The 审核意见's stamp cell: no rule above it."""
    opinion: bool = False
    """The 审核意见 value above the stamp: no rule below it."""


@dataclass
class Placed:
    """The whole table on the grid."""

    rows: int
    columns: int
    regions: list[Region]
    row_shapes: list[str]
    """Each grid row's shape (for heights)."""


def office_text(text: str) -> str:
    """User text for a Word or Excel file: as ``clean`` makes it (controls shown as ␛ ␀ …, no
    bidi or zero-width characters), without the code points XML cannot hold."""
    cleaned = clean(text)
    if any(ord(c) in _XML_ILLEGAL for c in cleaned):
        cleaned = "".join("\ufffd" if ord(c) in _XML_ILLEGAL else c for c in cleaned)
    return cleaned


def paragraphs_of(cell: FormCell) -> list[str]:
    """A cell's lines: each line of boxes joined by spaces, or the text's lines."""
    if cell.boxes:
        gap = " " * cell.gap
        return [office_text(gap.join(line)) for line in cell.boxes]
    return office_text(cell.text.strip()).split("\n")


def place(parts: list[Part], layout: Layout) -> Placed:
    """Every cell of the table as a region of the grid.

    Raises:
        LayoutError: a shape's spans do not fit the columns left of its row, or a shape is unknown.
    """
    columns = len(layout.columns_cm)
    regions: list[Region] = []
    shapes: list[str] = []
    # The region each grid column's last cell belongs to, to extend for a cell that continues it.
    above: dict[tuple[int, int], Region] = {}

    def walk(items: list[Part], col: int) -> None:
        for item in items:
            if isinstance(item, FormGroup):
                span = layout.group_spans.get(item.key, 1)
                top = len(shapes)
                walk(list(item.children), col + span)
                label = FormCell(item.label, "label", "center")
                regions.append(Region(top, col, len(shapes) - 1, col + span - 1, label, paragraphs_of(label), True))
            else:
                _row(item, col)

    def _row(row: FormRow, col: int) -> None:
        r = len(shapes)
        shapes.append(row.shape)
        for cell, (left, right) in zip(row.cells, _spans(row.shape, layout, col, columns), strict=True):
            previous = above.get((left, right))
            joined = previous is not None and previous.bottom == r - 1 and cell.merged
            if joined and not cell.text.strip() and not cell.boxes:
                previous.bottom = r  # type: ignore[union-attr]
                continue
            # A continuing cell with text of its own (the stamp under the opinion) is its own
            # cell, drawn with no rule between the two, so a reader finds the opinion alone.
            region = Region(r, left, r, right, cell, paragraphs_of(cell), stamp=joined)
            if joined:
                previous.opinion = True  # type: ignore[union-attr]
            regions.append(region)
            above[(left, right)] = region

    walk(parts, 0)
    regions.sort(key=lambda g: (g.top, g.left))
    return Placed(len(shapes), columns, regions, shapes)


def _spans(shape: str, layout: Layout, col: int, columns: int) -> list[tuple[int, int]]:
    """(first, last) grid column of each cell of a row of ``shape`` starting at column ``col``."""
    if shape not in layout.shapes:
        raise LayoutError(f"表样版式没有“{shape}”行的列宽（layout.shapes）")
    spans = list(layout.shapes[shape])
    rest = columns - col - sum(spans)
    if spans.count(0) > 1 or rest < 0 or (rest > 0 and 0 not in spans) or (rest == 0 and 0 in spans):
        raise LayoutError(f"表样版式中“{shape}”行的列数 {spans} 与表格的 {columns - col} 列不符")
    out = []
    for span in spans:
        width = span or rest
        out.append((col, col + width - 1))
        col += width
    return out
