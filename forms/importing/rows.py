"""Text to rows of cells, whatever tool produced the text.

Word's “save as text” writes a table one cell per line, each cell starting with
a tab, a cell's further paragraphs on lines without one, and an empty line after
each row; a cell's own empty paragraphs leave empty lines too. Other tools join
a row's cells with ``|`` or tabs on one line. Lines outside the table (title,
年度, 填报单位, the signature line, page numbers) are kept as loose rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from forms.importing.labels import fold
from forms.model.template import Template

_YEAR_LINE = re.compile(r"\(?\d{4}年度?\)?")
_TITLE = re.compile(r"(?:\d{4}年度?)?(?P<title>\S*?(?:申报表|绩效目标表))(?:\(\d{4}年度?\))?")
_FURNITURE = (
    re.compile(r"第\d+页(?:[,/]?共\d+页)?|共\d+页[,/]?第\d+页|[-—]+\d+[-—]+|\d+/\d+|page\d+(?:of\d+)?", re.I),
    re.compile(r"附件[\d一二三四五六七八九十]*"),
)
_WEB = re.compile(
    r"(?:索引号|发布机构|发文机构|发布日期|发布时间|成文日期|生成日期|主题分类|信息来源|来源|浏览量|浏览次数|阅读量|访问量"
    r"|点击数|当前位置|您当前的位置|字号|分享到)(?::.*)?"
    r"|扫一扫在手机打开当前页|扫一扫|智能问答|返回顶部|打印本页|关闭窗口|相关链接|上一篇.*|下一篇.*|首页>.*"
    r"|(?:[\[【]?(?:下载|打印|关闭|收藏|分享|保存|纠错|字号|大|中|小|打印本页|关闭窗口)[\]】]?)+"
)
"""A saved or copied web page's own parts (metadata, buttons, navigation), matched on folded text."""
_MIN_TITLE = 6
"""A title that lost more than this many characters is no longer recognisable as one."""


@dataclass(slots=True)
class Cell:
    """One table cell: its physical lines (number, text), empty paragraphs included."""

    pieces: list[tuple[int, str]]

    @property
    def text(self) -> str:
        """The cell's text, surrounding spaces (full-width too) and empty lines removed, the inside untouched."""
        return "\n".join(text for _, text in self.pieces).strip()

    @property
    def line(self) -> int:
        """The line its text starts on."""
        return next((n for n, text in self.pieces if text.strip()), self.pieces[0][0])

    def items(self) -> list[tuple[int, str]]:
        """Its non-empty lines, stripped, with their line numbers."""
        return [(n, text.strip()) for n, text in self.pieces if text.strip()]


@dataclass(slots=True)
class Row:
    """A table row, or a loose line outside the table."""

    cells: list[Cell]
    line: int
    loose: str | None = None
    """For a line outside the table: ``title``, ``year``, ``unit``, ``footer``, ``furniture``, ``web`` or ``text``."""
    word: bool = False
    """Read from Word's tab-per-cell text, where a cell's trailing empty paragraphs can cut a row in two."""
    texts: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.texts = [cell.text for cell in self.cells]

    def refresh(self) -> None:
        """Recompute ``texts`` after ``cells`` changed."""
        self.texts = [cell.text for cell in self.cells]

    def is_empty(self) -> bool:
        """Whether every cell is blank."""
        return not any(self.texts)

    def joined(self) -> str:
        """The row's non-blank cells as one line of text, ``|`` between cells."""
        return " | ".join(text for text in self.texts if text)


def line_kind(line: str, template: Template) -> str | None:
    """What a line outside the table is: ``title``, ``year``, ``unit``, ``footer``, ``furniture``, ``web``, or ``None``.

    ``furniture`` is the printed page's (page numbers, 附件), ``web`` a web page's own (索引号, [打印]).
    """
    folded = fold(line)
    if not folded:
        return None
    match = _TITLE.fullmatch(folded)
    if match is not None:
        title = match.group("title")
        if (fold(template.title).endswith(title) and len(title) >= _MIN_TITLE) or title.endswith(
            ("绩效目标申报表", "绩效目标表")
        ):
            return "title"
    if _YEAR_LINE.fullmatch(folded):
        return "year"
    if folded.startswith(("填报单位", "申报单位")):
        return "unit"
    if folded.startswith(("单位负责人", "填表人")):
        return "footer"
    if any(pattern.fullmatch(folded) for pattern in _FURNITURE):
        return "furniture"
    if is_web_furniture(folded):
        return "web"
    return None


def is_web_furniture(text: str) -> bool:
    """Whether ``text`` is a web page's own part (索引号, 发布机构, [下载] [打印] [关闭], 浏览量 …), not the form's."""
    folded = fold(text)
    # A long text only starts with 来源 or 字号 by chance: metadata lines are short.
    return bool(folded) and len(folded) <= 80 and _WEB.fullmatch(folded) is not None


def is_word_text(lines: list[str]) -> bool:
    """Whether most lines look like Word's “save as text” (a tab, then one cell) rather than joined cells."""
    word = sum(1 for line in lines if line.startswith("\t") and "\t" not in line[1:])
    joined = sum(1 for line in lines if line.count("|") >= 2 or "\t" in line.lstrip("\t").rstrip("\t"))
    return word > joined


def word_rows(lines: list[str], template: Template) -> list[Row]:
    """Rows of Word's “save as text”: each cell a line starting with a tab, an empty line after each row."""
    return _word_rows(lines, template)


def _word_rows(lines: list[str], template: Template) -> list[Row]:
    rows: list[Row] = []
    row: Row | None = None
    cell: Cell | None = None
    blanks: list[int] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.replace("\f", "")
        # An empty cell is a lone tab: test for the tab before testing for blankness.
        if not line.startswith("\t") and not line.strip():
            if cell is not None:
                blanks.append(number)
            continue
        if line.startswith("\t"):
            if row is None or blanks:
                row = Row(cells=[], line=number, word=True)
                rows.append(row)
            cell = Cell([(number, line[1:])])
            row.cells.append(cell)
            row.refresh()
            blanks = []
            continue
        kind = line_kind(line, template)
        # A line without a tab continues the cell above, unless it is plainly outside the table
        # or comes after two empty lines (Word leaves at most one inside a cell's paragraphs).
        if kind is None and cell is not None and row is not None and len(blanks) <= 1:
            cell.pieces.extend((n, "") for n in blanks)
            cell.pieces.append((number, line))
            row.refresh()
            blanks = []
            continue
        rows.append(_loose(number, line, kind))
        row, cell, blanks = None, None, []
    return rows


def _loose(number: int, line: str, kind: str | None) -> Row:
    return Row(cells=[Cell([(number, line)])], line=number, loose=kind or "text")
