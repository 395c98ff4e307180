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

from forms.model import Declaration
from forms.render_grid import ASCII, BOX, Cell, fit
from forms.render_grid import draw as draw_grid
from forms.render_parts import (
    ASCII_MARKS,
    UNICODE_MARKS,
    Marks,
    attribute_boxes,
    expense_rows,
    funding_rows,
    indicator_rows,
    label,
    period,
    schedule_rows,
    template_of,
    type_boxes,
)
from forms.template import Template
from forms.textwidth import cell_width, clean, fold_ambiguous, pad, wrap

DEFAULT_WIDTH = 78
"""Fits an 80-column terminal or a printed page."""
MIN_WIDTH = 40
"""Narrower requests are widened to this: below it the form's columns cannot all show."""
_LEVEL_MAX = 16
"""一级/二级 columns grow with names typed outside the template up to this many cells."""
_DATE_MAX = 16
"""Date columns grow with what was typed (2021年1月1日) up to this many cells."""


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
        money = max(cell_width(self.label(k)) for k in ("last_year", "this_year"))
        self.funding = fit(width, [8, money, money], [1, 0, 0])
        # Free-text columns share the room in proportion to what they hold.
        lines = draft.expenses.lines
        item = self.share([self.label("total"), *(line.item for line in lines)])
        basis = self.share([draft.expenses.total_basis, *(line.basis for line in lines)])
        why = max(8, cell_width(self.label("explanation")))
        self.expenses = fit(width, [8, money, money, why], [item, 0, 0, basis])
        typed = [self.widest(d) for r in draft.implementation.schedule for d in (r.start, r.end)]
        dates = min(max([cell_width(self.label(k)) + 2 for k in ("start", "end")] + typed), _DATE_MAX)
        self.schedule = fit(width, [8, dates, dates], [1, 0, 0])
        # The level columns fit the template's names, and names typed outside it up to a limit.
        rows = draft.performance.indicators
        level1 = [self.label("level1"), *(g.name for g in template.indicator_groups), *(i.level1 for i in rows)]
        level2 = [self.label("level2"), *(c for g in template.indicator_groups for c in g.categories)]
        level2 += [i.level2 for i in rows]
        level1, level2 = (min(max(self.widest(s) for s in names), _LEVEL_MAX) for names in (level1, level2))
        names, values = self.share([i.name for i in rows]), self.share([i.value for i in rows], 12)
        self.indicators = fit(width, [level1, level2, 8, 8], [0, 0, names, values])
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

    def heading(self, key: str, align: str = "c") -> list[Cell]:
        """A row spanning the form: a section or table title."""
        return [Cell(self.label(key), self.whole[0], "center" if align == "c" else "left")]


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
    rows = _basic(draft, template, lay, marks) + _money(draft, template, lay)
    rows += _plans(draft, template, lay) + _sign_off(draft, lay)
    lines += draw_grid(rows, ASCII if ascii else BOX)
    lines.append(_footer(draft, lay))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _basic(draft: Declaration, template: Template, lay: _Layout, marks: Marks) -> list[list[Cell]]:
    p = draft.project
    pair, quad = lay.pair, lay.quad
    return [
        lay.heading("basic"),
        lay.cells(pair, [lay.label("name"), p.name]),
        lay.cells(pair, [lay.label("attribute"), _pack([attribute_boxes(draft, template, marks)], pair[1], 4)]),
        lay.cells(quad, [lay.label("department"), p.department, lay.label("period"), period(draft)]),
        lay.cells(quad, [lay.label("leader"), p.leader, lay.label("phone"), p.leader_phone]),
        lay.cells(quad, [lay.label("liaison"), p.liaison, lay.label("phone"), p.liaison_phone]),
        lay.cells(pair, [lay.label("project_type"), _pack(type_boxes(draft, template, marks), pair[1], 3)]),
        lay.cells(pair, [lay.label("overview"), p.overview]),
        lay.cells(pair, [lay.label("basis"), p.basis]),
    ]


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


def _money(draft: Declaration, template: Template, lay: _Layout) -> list[list[Cell]]:
    item, last, this, why = (lay.label(k) for k in ("item", "last_year", "this_year", "explanation"))
    rows = [lay.heading("money"), lay.heading("funding", "l"), lay.cells(lay.funding, [item, last, this], "ccc")]
    rows += [lay.cells(lay.funding, list(row), "lrr") for row in funding_rows(draft, template)]
    rows += [lay.heading("expenses", "l"), lay.cells(lay.expenses, [item, last, this, why], "cccc")]
    rows += [lay.cells(lay.expenses, list(row), "lrrl") for row in expense_rows(draft, template)]
    return rows


def _plans(draft: Declaration, template: Template, lay: _Layout) -> list[list[Cell]]:
    perf = draft.performance
    rows = [lay.heading("measures"), lay.cells(lay.whole, [draft.implementation.measures])]
    rows += [lay.heading("schedule"), lay.cells(lay.schedule, [lay.label(k) for k in ("task", "start", "end")], "ccc")]
    rows += [lay.cells(lay.schedule, list(row), "lcc") for row in schedule_rows(draft)]
    rows += [
        lay.heading("goals"),
        lay.cells(lay.pair, [lay.label("long_term_goal"), perf.long_term_goal]),
        lay.cells(lay.pair, [lay.label("annual_goal"), perf.annual_goal]),
        lay.heading("indicators"),
        lay.cells(lay.indicators, [lay.label(k) for k in ("level1", "level2", "level3", "value")], "cccc"),
    ]
    for row in indicator_rows(draft, template):
        merged = ("" if row.new_group else "m") + ("" if row.new_category else "m")
        level1 = row.level1 if row.new_group else ""
        level2 = row.level2 if row.new_category else ""
        rows.append(lay.cells(lay.indicators, [level1, level2, row.name, row.value], "ccll", merged.ljust(2)))
    return rows


def _sign_off(draft: Declaration, lay: _Layout) -> list[list[Cell]]:
    s = draft.sign_off
    name, value = lay.pair
    stamp = lay.label("seal") + "\n" + lay.label("date_blank")
    return [
        lay.cells(lay.pair, [lay.label("other_notes"), s.other_notes]),
        lay.cells(lay.pair, [lay.label("finance_opinion"), s.finance_opinion]),
        # The stamp and date go bottom right, as on paper, under the opinion with no rule between.
        [Cell("", name, merged=True), Cell("\n" + stamp, value, "right", merged=True)],
    ]


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
