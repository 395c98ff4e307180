"""The declaration as plain text laid out like the printed form, for a terminal, a file or a printer.

The form is one bordered grid under the title, in the order and with the labels
of the paper form; empty fields stay as blank cells so a printout can be filled
in and stamped. Two styles:

- box (default): box-drawing lines and ☑/□. These are "ambiguous width"
  characters, counted as one cell like most terminals draw them, and so is any
  other ambiguous character in user text (≥, “”). Terminals that draw them two
  cells wide (common with Chinese locales) misalign this style.
- ASCII (``ascii=True``): ``+ - |`` and ``[x]``/``[ ]``, and every ambiguous
  character of user text spelled out (``fold_ambiguous``: ≥ as ``>=``), so every
  character has the same width in every terminal and the columns always line up.

All user text passes through ``clean``: no escape sequence, bidi override or
control character reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Callable

from forms.model.declaration import Declaration
from forms.model.template import Template
from forms.render.form_table import FormGroup, Part, form_table
from forms.render.grid import ASCII, BOX, Cell, fit
from forms.render.grid import draw as draw_grid
from forms.render.parts import ASCII_MARKS, UNICODE_MARKS, label, template_of
from forms.render.width import cell_width, clean, fold_ambiguous, pad, wrap

DEFAULT_WIDTH = 78
"""Fits an 80-column terminal or a printed page."""
MIN_WIDTH = 40
"""Narrower requests are widened to this: below it the form's columns cannot all show."""
_LEVEL_MAX = 18
"""一级/二级 columns grow with names typed outside the template up to this many cells."""
_DATE_MAX = 16
"""Date columns grow with what was typed (2021年1月1日) up to this many cells."""
_NARROW_COLUMNS = ("unit", "weight")
"""Indicator columns that hold a word or a number: sized to their text, not given spare room."""


class _Layout:
    """Column widths of the whole form for one total width, and the text filter of the style."""

    def __init__(self, draft: Declaration, template: Template, width: int, text: Callable[[str], str]) -> None:
        self.width = width
        self.text = text
        self.label = lambda key: text(label(template, key))
        side = ["name", "attribute", "department", "leader", "liaison", "project_type", "overview", "basis"]
        side += ["long_term_goal", "annual_goal", "other_notes", "finance_opinion"]
        label_width = max(cell_width(self.label(k)) for k in side)
        inner = max(cell_width(self.label(k)) for k in ("period", "phone"))
        # The four-column rows are the tightest: they decide the label column for all.
        self.quad = fit(width, [label_width, 8, inner, 8], [0, 1, 0, 1])
        self.pair = fit(width, [self.quad[0], 8], [0, 1])
        columns = template.funding_columns
        money = max(max(cell_width(self.label(k)) for k in columns), 8)
        # The item column holds the longest source printed (（一）财政拨款小计) when it can.
        sources = [self.label("total"), self.label("item"), *(row.source for row in draft.funding.sources)]
        item = min(max(self.widest(s) for s in sources) + 4, 24)
        self.funding = fit(width, [8, *(money for _ in columns)], [item, *(0 for _ in columns)])
        # Free-text columns share the room in proportion to what they hold.
        lines = draft.expenses.lines
        item = self.share([self.label("total"), *(line.item for line in lines)])
        basis = self.share([draft.expenses.total_basis, *(line.basis for line in lines)])
        why = max(8, cell_width(self.label("explanation")))
        self.expenses = fit(width, [8, *(money for _ in columns), why], [item, *(0 for _ in columns), basis])
        typed = [self.widest(d) for r in draft.implementation.schedule for d in (r.start, r.end)]
        dates = min(max([cell_width(self.label(k)) + 2 for k in ("start", "end")] + typed), _DATE_MAX)
        self.schedule = fit(width, [8, dates, dates], [1, 0, 0])
        # The level columns fit the template's names, and names typed outside it up to a limit.
        rows = draft.performance.indicators
        level1 = [self.label("level1"), *(g.name for g in template.indicator_groups), *(i.level1 for i in rows)]
        level2 = [self.label("level2"), *(c for g in template.indicator_groups for c in g.categories)]
        level2 += [i.level2 for i in rows]
        level1, level2 = (min(max(self.widest(s) for s in names), _LEVEL_MAX) for names in (level1, level2))
        names = self.share([i.name for i in rows])
        natural, flex = [level1, level2, 8], [0, 0, names]
        for column in template.indicator_columns:
            heading = cell_width(text(template.column_label(column)))
            typed = [getattr(i, column) or "" for i in rows]
            if column in _NARROW_COLUMNS:  # 计量单位, 分值: as wide as their heading or what is typed, no wider
                natural.append(min(max([heading, *(self.widest(t) for t in typed)]), 10))
                flex.append(0)
            else:
                natural.append(8)
                flex.append(self.share(typed, 12 if column == "value" else max(8, heading)))
        self.indicators = fit(width, natural, flex)
        self.whole = fit(width, [8], [1])

    def line(self, text: str) -> str:
        """Text for a place outside the grid that holds one line (year, signatures)."""
        return " ".join(self.text(text).split("\n")).strip()

    def widest(self, text: str) -> int:
        """Width of the longest line of ``text`` as it will print."""
        return max(cell_width(line) for line in self.text(text.strip()).split("\n"))

    def share(self, texts: list[str], least: int = 8) -> int:
        """A free-text column's claim on spare room: its widest text, within bounds."""
        return min(max([least, *(self.widest(t) for t in texts)]), 60)

    def cells(self, widths: list[int], texts: list[str], aligns: str = "", merged: str = "") -> list[Cell]:
        """A row; ``aligns``/``merged`` give per-cell ``l``/``r``/``c`` and ``m`` flags."""
        names = {"l": "left", "r": "right", "c": "center"}
        return [
            Cell(
                self.text(text).strip(),
                width,
                names[aligns[i]] if i < len(aligns) else "left",  # type: ignore[arg-type]
                i < len(merged) and merged[i] == "m",
            )
            for i, (width, text) in enumerate(zip(widths, texts, strict=True))
        ]

    def heading(self, title: str, align: str = "c") -> list[Cell]:
        """A row spanning the form: a section or table title, as the template prints it."""
        return [Cell(self.text(title), self.whole[0], "center" if align == "c" else "left")]


def render_text(
    draft: Declaration, *, ascii: bool = False, banner: str | None = None, width: int = DEFAULT_WIDTH
) -> str:
    """The declaration as text laid out like the printed form.

    Args:
        draft: the declaration.
        ascii: draw with ASCII only (``+-|``, ``[x]``), aligned in any terminal.
        banner: a line printed first, above the title (e.g. a forced export's warning).
        width: total width in cells (at least ``MIN_WIDTH``).

    Returns:
        The text, lines joined by ``\\n``, ending with a newline.
    """
    width = max(width, MIN_WIDTH)
    template = template_of(draft)
    text = (lambda s: fold_ambiguous(clean(s))) if ascii else clean
    lay = _Layout(draft, template, width, text)
    marks = ASCII_MARKS if ascii else UNICODE_MARKS
    lines: list[str] = []
    if banner:
        lines += [*wrap(text(banner).strip(), width), "=" * width, ""]
    lines.append(pad(lay.line(template.title), width, "center").rstrip())
    lines.append(pad(f"（{lay.line(draft.year) or '    '} {lay.label('year')}）", width, "center").rstrip())
    lines += wrap(f"{lay.label('unit')}：{text(draft.unit.strip())}", width)
    rows = _rows(form_table(draft, template, marks), lay)
    lines += draw_grid(rows, ASCII if ascii else BOX)
    lines.append(_footer(draft, lay))
    return "\n".join(line.rstrip() for line in lines) + "\n"


_SHAPES = {"note": "pair"}
"""Shapes the text export draws with another's widths."""


def _rows(parts: list[Part], lay: _Layout) -> list[list[Cell]]:
    """The form table as grid rows: a group is a heading row above its rows."""
    rows: list[list[Cell]] = []
    for part in parts:
        if isinstance(part, FormGroup):
            rows.append(lay.heading(part.label, "c" if part.align == "center" else "l"))
            rows += _rows(list(part.children), lay)
            continue
        widths = getattr(lay, _SHAPES.get(part.shape, part.shape))
        cells = []
        for cell, width in zip(part.cells, widths, strict=True):
            text = _pack([list(line) for line in cell.boxes], width, cell.gap) if cell.boxes else cell.text
            # The stamp keeps its leading blank line: it sits at the bottom of the opinion's box.
            text = "\n" + lay.text(text) if part.stamp and text else lay.text(text).strip()
            cells.append(Cell(text, width, cell.align, cell.merged))
        rows.append(cells)
    return rows


def _pack(lines: list[list[str]], width: int, gap: int) -> str:
    """Boxes laid out ``gap`` spaces apart, a line broken only between boxes (never inside 扩建□)."""
    out = []
    for items in lines:
        line = ""
        for item in items:
            joined = f"{line}{' ' * gap}{item}" if line else item
            if line and cell_width(joined) > width:
                out.append(line)
                joined = item
            line = joined
        out.append(line)
    return "\n".join(out)


def _footer(draft: Declaration, lay: _Layout) -> str:
    s = draft.sign_off
    parts = [
        (lay.label("unit_head"), s.unit_head),
        (lay.label("filled_by"), s.filled_by),
        (lay.label("fill_date"), s.fill_date),
    ]
    column = lay.width // len(parts)
    texts = [pad(f"{name}：{lay.line(value)}", column) for name, value in parts]
    if sum(cell_width(t) for t in texts) <= lay.width:
        return "".join(texts).rstrip()
    return "\n".join(t.rstrip() for t in texts)
