"""The declaration as Markdown (CommonMark with GFM pipe tables), for mail, wikis and review.

One heading per section of the form, pipe tables for its tables, ☑/□ for the
boxes. User text is data: it is cleaned of control characters (``clean``) and
escaped, so ``**x**``, ``[a](b)``, ``<b>`` or a ``|`` in a cell show literally
and a line starting ``-`` or ``1.`` does not become a list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from forms.model.declaration import Declaration
from forms.model.template import Template
from forms.render.parts import (
    UNICODE_MARKS,
    attribute_boxes,
    expense_rows,
    funding_rows,
    has_expenses,
    indicator_rows,
    label,
    level1_text,
    period,
    schedule_rows,
    template_of,
    type_boxes,
)
from forms.render.width import clean

# Backslash first: every escape below adds one. `!`, `(`, `)` need nothing once `[` is escaped.
_SPECIAL = re.compile(r"([\\`*_\[\]#<>|~&])")
# What makes a block at the start of a line: a list (- + 1. 1)), a setext underline (=, -).
_LINE_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)](?: |$)))")


def escape_line(line: str) -> str:
    """One line of user text as Markdown that shows exactly that text."""
    line = _SPECIAL.sub(r"\\\1", line.lstrip(" "))  # four leading spaces would make a code block
    match = _LINE_START.match(line)
    if match is None:
        return line
    end = match.end()
    if match.group(1)[0].isdigit():  # 1. → 1\.
        return line[:end] + "\\" + line[end:]
    return "\\" + line


def cell(text: str) -> str:
    """User text as one table cell: escaped, newlines as ``<br>``."""
    lines = clean(text).strip().split("\n")
    return "<br>".join(escape_line(line.rstrip()) for line in lines)


def paragraphs(text: str) -> str:
    """User text as paragraphs: blank lines separate them, other newlines become ``<br>``."""
    blocks: list[list[str]] = [[]]
    for line in clean(text).strip().split("\n"):
        if line.strip():
            blocks[-1].append(escape_line(line.rstrip()))
        elif blocks[-1]:
            blocks.append([])
    return "\n\n".join("<br>\n".join(block) for block in blocks if block)


def table(header: Sequence[str], rows: Iterable[Sequence[str]], aligns: str = "") -> list[str]:
    """A pipe table; cells are given already escaped, ``aligns`` has ``l``/``r`` per column."""
    rules = ["---:" if i < len(aligns) and aligns[i] == "r" else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rules) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render_markdown(draft: Declaration, *, banner: str | None = None) -> str:
    """The declaration as Markdown.

    Args:
        draft: the declaration.
        banner: a line put first, as a bold quote (e.g. a forced export's warning).

    Returns:
        The Markdown text, ending with a newline.
    """
    template = template_of(draft)

    def lab(key: str) -> str:  # labels are template data: escaped like user text
        return cell(label(template, key))

    out: list[str] = []
    if banner and banner.strip():
        out += [f"> **{cell(banner)}**", ""]
    out += [f"# {cell(template.title)}", "", f"（{cell(draft.year) or '    '} {lab('year')}）", ""]
    out += [f"{lab('unit')}：{cell(draft.unit)}", ""]
    out += _basic(draft, template, lab)
    out += [f"## {lab('money')}", "", f"### {lab('funding')}", ""]
    money = [lab(k) for k in ("item", *template.funding_columns)]
    amounts = "l" + "r" * len(template.funding_columns)
    out += [*table(money, ([cell(c) for c in row] for row in funding_rows(draft, template)), amounts), ""]
    if has_expenses(draft, template):
        out += [f"### {lab('expenses')}", ""]
        rows = ([cell(c) for c in row] for row in expense_rows(draft, template))
        out += [*table([*money, lab("explanation")], rows, amounts + "l"), ""]
    implementation = draft.implementation
    if template.has("implementation") or implementation.measures.strip() or implementation.schedule:
        out += _section(lab("measures"), implementation.measures)
        out += [f"## {lab('schedule')}", ""]
        rows = ([cell(c) for c in row] for row in schedule_rows(draft))
        out += [*table([lab(k) for k in ("task", "start", "end")], rows), ""]
    perf = draft.performance
    out += [f"## {lab('goals')}", ""]
    for key in template.goals:
        out += _section(lab(key), getattr(perf, key), "###")
    for key in ("long_term_goal", "annual_goal"):  # a goal the form does not print is still not dropped
        if key not in template.goals and getattr(perf, key).strip():
            out += _section(lab(key), getattr(perf, key), "###")
    heads = [lab(k) for k in ("level1", "level2", "level3")]
    heads += [cell(template.column_label(c)) for c in template.indicator_columns]
    for side in template.sides or (None,):
        out += [f"## {cell(side or '')}{lab('indicators')}", ""]
        indicators = [
            [cell(level1_text(draft, template, r.level1)) if r.new_group else ""]
            + [cell(r.level2) if r.new_category else "", cell(r.name)]
            + [cell(text) for text in r.columns]
            for r in indicator_rows(draft, template, side)
        ]
        out += [*table(heads, indicators), ""]
    s = draft.sign_off
    out += _section(lab("other_notes"), s.other_notes)
    out += _section(lab("finance_opinion"), s.finance_opinion)
    out += [lab("seal"), "", lab("date_blank"), "", "---", ""]
    signatures = [(lab("unit_head"), s.unit_head), (lab("filled_by"), s.filled_by), (lab("fill_date"), s.fill_date)]
    out.append("\u3000\u3000".join(f"{name}：{cell(value)}" for name, value in signatures))
    return "\n".join(out) + "\n"


def _basic(draft: Declaration, template: Template, lab: Callable[[str], str]) -> list[str]:
    p = draft.project
    types = "<br>".join(" ".join(cell(box) for box in line) for line in type_boxes(draft, template, UNICODE_MARKS))
    rows = [
        (lab("name"), cell(p.name)),
        (lab("attribute"), " ".join(cell(b) for b in attribute_boxes(draft, template, UNICODE_MARKS))),
        (lab("department"), cell(p.department)),
        (lab("period"), cell(period(draft))),
        (lab("leader"), cell(p.leader)),
        (lab("phone"), cell(p.leader_phone)),
        (lab("liaison"), cell(p.liaison)),
        (lab("phone"), cell(p.liaison_phone)),
        (lab("project_type"), types),
        (lab("overview"), cell(p.overview)),
        (lab("basis"), cell(p.basis)),
    ]
    return [f"## {lab('basic')}", "", *table(["字段", "内容"], rows), ""]


def _section(heading: str, text: str, level: str = "##") -> list[str]:
    body = paragraphs(text)
    return [f"{level} {heading}", "", body, ""] if body else [f"{level} {heading}", ""]
