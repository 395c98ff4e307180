"""The declaration as a Word document laid out like the printed form, to print, sign and stamp.

Title and 年度, 填报单位（盖章）, then one table: the regions of ``forms.render.form_layout``
on the template's grid (group labels such as 项目基本情况 merged down their rows,
一级/二级指标 merged over their indicators), then the 单位负责人/填表人/填表时间
line. A4 portrait with the template's margins and column widths; every run names
its East Asian font (``w:eastAsia``: python-docx has no API for it), so Word and
WPS print Chinese in 仿宋_GB2312/宋体 rather than a fallback.

Layout for readers (the importer maps a document back by it): the form is the
document's only table; every label is a cell holding exactly the template's
label; a merged cell is one cell (python-docx repeats it in each row it spans);
a cell's lines are paragraphs; boxes print as 新增项目□    延续项目☑; the
审核意见's （盖章） and 年 月 日 are a cell of their own under the opinion, with
no rule between.

python-docx is imported here only, when a document is written: the app's
start-up does not pay for it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from forms.model.declaration import Declaration
from forms.model.template import Layout
from forms.render.form_layout import Placed, Region, office_text, place
from forms.render.form_table import form_table
from forms.render.parts import UNICODE_MARKS, label, template_of

if TYPE_CHECKING:
    from docx.document import Document as DocumentType

A4_CM = (21.0, 29.7)
TITLE_MAX = 255
"""Characters the document's title property holds (python-docx refuses more)."""
OPINION_HEIGHT_CM = 2.4
"""Room under 财政部门审核意见 for the finance bureau to write in."""


def render_docx(draft: Declaration, *, banner: str | None = None) -> bytes:
    """The declaration as a ``.docx`` file's bytes.

    Args:
        draft: the declaration (any state: empty fields print as blank cells).
        banner: a line printed first, in red (a forced export's warning).
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    template = template_of(draft)
    layout = template.layout
    doc = Document()
    _page(doc, layout, Cm)
    _default_font(doc, layout, Pt)
    props = doc.core_properties
    props.title = _line(draft.project.name or template.title)[:TITLE_MAX]
    props.author = props.last_modified_by = "shenbao"
    props.comments = ""
    if banner:
        run = _run(_paragraph(doc, WD_ALIGN_PARAGRAPH.LEFT), office_text(banner), layout)
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    title = _run(_paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER), office_text(template.title), layout, layout.title_font)
    title.bold = True
    title.font.size = Pt(layout.title_pt)
    year = _line(draft.year) or "    "
    _run(_paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER), f"（{year} {label(template, 'year')}）", layout)
    _run(_paragraph(doc, WD_ALIGN_PARAGRAPH.LEFT), f"{label(template, 'unit')}：{_line(draft.unit)}", layout)
    placed = place(form_table(draft, template, UNICODE_MARKS), layout)
    _table(doc, placed, layout)
    s = draft.sign_off
    parts = [(label(template, k), getattr(s, k)) for k in ("unit_head", "filled_by", "fill_date")]
    footer = "\u3000\u3000\u3000\u3000".join(f"{name}：{_line(value)}" for name, value in parts)
    _run(_paragraph(doc, WD_ALIGN_PARAGRAPH.LEFT), footer, layout)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page(doc: DocumentType, layout: Layout, cm: Any) -> None:
    from docx.enum.section import WD_ORIENT

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = cm(A4_CM[0]), cm(A4_CM[1])
    top, right, bottom, left = layout.margins_cm
    section.top_margin, section.right_margin = cm(top), cm(right)
    section.bottom_margin, section.left_margin = cm(bottom), cm(left)


def _default_font(doc: DocumentType, layout: Layout, pt: Any) -> None:
    """The Normal style in the body font, East Asian slot and Chinese language included."""
    from docx.oxml.ns import qn

    style = doc.styles["Normal"]
    style.font.name = layout.latin_font
    style.font.size = pt(layout.body_pt)
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), layout.body_font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = pt(0)
    fmt.line_spacing = 1.0
    # The document defaults name theme fonts, and a theme font outranks a named one in Word:
    # name ours there too, with Chinese as the East Asian language.
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is not None:
        for element in defaults.findall(qn("w:rFonts")):
            for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                element.attrib.pop(qn(f"w:{theme}"), None)
            element.set(qn("w:ascii"), layout.latin_font)
            element.set(qn("w:hAnsi"), layout.latin_font)
            element.set(qn("w:eastAsia"), layout.body_font)
        for element in defaults.findall(qn("w:lang")):
            element.set(qn("w:eastAsia"), "zh-CN")


def _line(text: str) -> str:
    """User text for a place that holds one line (年度, 填报单位, signatures)."""
    return " ".join(office_text(text).split())


def _run(paragraph: Any, text: str, layout: Layout, east_asian: str | None = None) -> Any:
    """A run of ``text`` naming its Latin and East Asian fonts (WPS reads the run's, not the style's)."""
    from docx.oxml.ns import qn

    run = paragraph.add_run(text)
    run.font.name = layout.latin_font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asian or layout.body_font)
    return run


def _paragraph(container: Any, align: Any) -> Any:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    return paragraph


def _table(doc: DocumentType, placed: Placed, layout: Layout) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm
    from docx.table import _Cell

    aligns = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
    table = doc.add_table(rows=placed.rows, cols=placed.columns)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Cm(w) for w in layout.columns_cm]
    # The cells as elements, taken once: python-docx's table.cell() rebuilds the whole grid on each call.
    grid = [list(row._tr.tc_lst) for row in table.rows]
    for row, tcs in zip(table.rows, grid, strict=True):
        _keep_row_on_one_page(row)
        for tc, width in zip(tcs, widths, strict=True):
            tc.width = width
    for n, width in enumerate(widths):
        table.columns[n].width = width
    for region in placed.regions:
        tc = _merge(grid, region, widths)
        cell = _Cell(tc, table)
        # Borders before the vertical alignment: tcBorders precedes vAlign in a cell's properties.
        vertical = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        if region.stamp:
            _no_rule(cell, "top")
            vertical = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        if region.opinion:
            _no_rule(cell, "bottom")
            vertical = WD_CELL_VERTICAL_ALIGNMENT.TOP
            _min_height(table.rows[region.top], Cm(OPINION_HEIGHT_CM))
        cell.vertical_alignment = vertical
        _fill(cell, region, aligns[region.cell.align], layout)


def _merge(grid: list[list[Any]], region: Region, widths: list[Any]) -> Any:
    """Merge a region's cells the way Word stores it (gridSpan across, vMerge down); its top-left cell.

    Done on the elements directly: python-docx's own merge re-measures the whole table on each call.
    """
    span = region.right - region.left + 1
    for row in range(region.top, region.bottom + 1):
        tc = grid[row][region.left]
        if span > 1:
            tc.grid_span = span
            tc.width = sum(widths[region.left : region.right + 1])
            for other in grid[row][region.left + 1 : region.right + 1]:
                other.getparent().remove(other)
        if region.bottom > region.top:
            tc.vMerge = "restart" if row == region.top else "continue"
    return grid[region.top][region.left]


def _fill(cell: Any, region: Region, align: Any, layout: Layout) -> None:
    first = cell.paragraphs[0]
    for n, text in enumerate(region.paragraphs):
        paragraph = first if n == 0 else cell.add_paragraph()
        paragraph.alignment = align
        if text:
            _run(paragraph, text, layout)


def _keep_row_on_one_page(row: Any) -> None:
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))


def _min_height(row: Any, height: Any) -> None:
    from docx.enum.table import WD_ROW_HEIGHT_RULE

    row.height = height
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _no_rule(cell: Any, side: str) -> None:
    """Hide one border of a cell (the stamp continues the opinion's box)."""
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = tc_pr.makeelement(qn("w:tcBorders"), {})
        tc_pr.append(borders)
    borders.append(borders.makeelement(qn(f"w:{side}"), {qn("w:val"): "nil"}))
