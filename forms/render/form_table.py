"""The form's table as data: groups of rows of cells, in print order, shared by every export.

The printed 申报表 is one table. Its rows come in labelled groups (项目基本情况,
项目资金情况 with its 项目资金申请 and 支出明细预算, …); each row has a *shape*
(``pair``: label and value; ``quad``: two pairs; ``funding``; ``indicators`` …)
that an export turns into columns: the text export into widths in cells, the
Word and Excel exports into spans of the template's layout grid
(``forms.render.form_layout``). A group prints as a heading row in text and as a label
cell spanning its rows on paper.

Texts are raw user text: each export cleans or escapes them its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from forms.model.declaration import Declaration
from forms.model.template import Template
from forms.render.parts import (
    Marks,
    attribute_boxes,
    expense_rows,
    funding_rows,
    has_expenses,
    indicator_rows,
    label,
    level1_text,
    period,
    schedule_rows,
    type_boxes,
)

Align = Literal["left", "center", "right"]
Role = Literal["label", "head", "value"]
"""A form label (项目名称), a column heading (上年度安排资金), or the draft's text."""


@dataclass(frozen=True)
class FormCell:
    """One cell: its text, or check boxes an export lays out to its width."""

    text: str
    role: Role = "value"
    align: Align = "left"
    merged: bool = False
    """Continues the cell above it (same columns): 一级/二级指标 over their rows, the 审核意见 stamp."""
    boxes: tuple[tuple[str, ...], ...] = ()
    """Check boxes, a tuple per line (项目类型: one line per class); ``text`` is then blank."""
    gap: int = 4
    """Spaces between boxes on a line, in the text export."""
    path: str = ""
    """The draft field the value comes from (``project.name``), for readers mapping a cell back."""


@dataclass(frozen=True)
class FormRow:
    """One row of the table."""

    shape: str
    """Names the row's columns in each export: pair, quad, funding, expenses, schedule, indicators, whole, note."""
    cells: tuple[FormCell, ...]
    stamp: bool = False
    """The 审核意见's （盖章） and date row, under the opinion."""


@dataclass(frozen=True)
class FormGroup:
    """Rows under one label: a heading row in text, a label cell spanning the rows on paper."""

    key: str
    """The template label key (basic, money, funding …)."""
    label: str
    align: Align = "center"
    """How the text export aligns the heading."""
    children: tuple[FormRow | FormGroup, ...] = field(default_factory=tuple)

    def rows(self) -> list[FormRow]:
        """Every row under this group, nested groups included, in order."""
        out: list[FormRow] = []
        for child in self.children:
            out.extend(child.rows() if isinstance(child, FormGroup) else [child])
        return out


Part = FormRow | FormGroup


def form_table(draft: Declaration, template: Template, marks: Marks) -> list[Part]:
    """The whole table of a draft: every template row and every row of the draft."""
    lab = _Labels(template)
    parts: list[Part] = [_basic(draft, template, marks, lab), _money(draft, template, lab)]
    implementation = draft.implementation
    if template.has("implementation") or implementation.measures.strip() or implementation.schedule:
        measures = FormCell(implementation.measures, path="implementation.measures")
        parts += [lab.group("measures", [FormRow("whole", (measures,))]), _schedule(draft, lab)]
    return [*parts, _goals(draft, template, lab), *_sign_off(draft, lab)]


class _Labels:
    def __init__(self, template: Template) -> None:
        self.template = template

    def text(self, key: str) -> str:
        return label(self.template, key)

    def cell(self, key: str, role: Role = "label", align: Align = "left") -> FormCell:
        return FormCell(self.text(key), role, align)

    def heads(self, keys: list[str]) -> tuple[FormCell, ...]:
        return tuple(self.cell(k, "head", "center") for k in keys)

    def group(self, key: str, children: list[Part], align: Align = "center") -> FormGroup:
        return FormGroup(key, self.text(key), align, tuple(children))


def _value(text: str, path: str, align: Align = "left") -> FormCell:
    return FormCell(text, "value", align, path=path)


def _basic(draft: Declaration, template: Template, marks: Marks, lab: _Labels) -> FormGroup:
    p = draft.project

    def pair(key: str, value: FormCell) -> FormRow:
        return FormRow("pair", (lab.cell(key), value))

    def quad(left: str, value: FormCell, right: str, other: FormCell) -> FormRow:
        return FormRow("quad", (lab.cell(left), value, lab.cell(right), other))

    attributes = FormCell("", boxes=(tuple(attribute_boxes(draft, template, marks)),), path="project.attribute")
    types = FormCell(
        "", boxes=tuple(tuple(line) for line in type_boxes(draft, template, marks)), gap=3, path="project.types"
    )
    return lab.group(
        "basic",
        [
            pair("name", _value(p.name, "project.name")),
            pair("attribute", attributes),
            quad("department", _value(p.department, "project.department"), "period", _value(period(draft), "")),
            quad("leader", _value(p.leader, "project.leader"), "phone", _value(p.leader_phone, "project.leader_phone")),
            quad(
                "liaison",
                _value(p.liaison, "project.liaison"),
                "phone",
                _value(p.liaison_phone, "project.liaison_phone"),
            ),
            pair("project_type", types),
            pair("overview", _value(p.overview, "project.overview")),
            pair("basis", _value(p.basis, "project.basis")),
        ],
    )


def _money(draft: Declaration, template: Template, lab: _Labels) -> FormGroup:
    amounts = list(template.funding_columns)
    funding = [FormRow("funding", lab.heads(["item", *amounts]))]
    for item, *values in funding_rows(draft, template):
        funding.append(FormRow("funding", (_value(item, ""), *(_value(v, "", "right") for v in values))))
    groups = [lab.group("funding", list(funding), "left")]
    if has_expenses(draft, template):
        expenses = [FormRow("expenses", lab.heads(["item", *amounts, "explanation"]))]
        for item, *values, basis in expense_rows(draft, template):
            cells = (_value(item, ""), *(_value(v, "", "right") for v in values), _value(basis, ""))
            expenses.append(FormRow("expenses", cells))
        groups.append(lab.group("expenses", list(expenses), "left"))
    return lab.group("money", list(groups))


def _schedule(draft: Declaration, lab: _Labels) -> FormGroup:
    rows = [FormRow("schedule", lab.heads(["task", "start", "end"]))]
    for task, start, end in schedule_rows(draft):
        rows.append(FormRow("schedule", (_value(task, ""), _value(start, "", "center"), _value(end, "", "center"))))
    return lab.group("schedule", list(rows))


def _goals(draft: Declaration, template: Template, lab: _Labels) -> FormGroup:
    perf = draft.performance
    heads = lab.heads(["level1", "level2", "level3"])
    heads += tuple(FormCell(template.column_label(c), "head", "center") for c in template.indicator_columns)
    tables: list[Part] = []
    for side in template.sides or (None,):
        indicators = [FormRow("indicators", heads)]
        for row in indicator_rows(draft, template, side):
            cells = (
                FormCell(
                    level1_text(draft, template, row.level1) if row.new_group else "",
                    "value",
                    "center",
                    not row.new_group,
                ),
                FormCell(row.level2 if row.new_category else "", "value", "center", not row.new_category),
                _value(row.name, ""),
                *(_value(text, "") for text in row.columns),
            )
            indicators.append(FormRow("indicators", cells))
        title = f"{side}{lab.text('indicators')}" if side else lab.text("indicators")
        tables.append(FormGroup("indicators", title, "center", tuple(indicators)))
    goals = [
        FormRow("pair", (lab.cell(key), _value(getattr(perf, key), f"performance.{key}")))
        for key in _goal_fields(draft, template)
    ]
    return lab.group("goals", [*goals, *tables])


def _goal_fields(draft: Declaration, template: Template) -> list[str]:
    """The goals the template prints, and any other goal the draft holds (an export drops nothing)."""
    keys = list(template.goals)
    for key in ("long_term_goal", "annual_goal"):
        if key not in keys and getattr(draft.performance, key).strip():
            keys.append(key)
    return keys


def _sign_off(draft: Declaration, lab: _Labels) -> list[FormRow]:
    s = draft.sign_off
    stamp = lab.text("seal") + "\n" + lab.text("date_blank")
    return [
        FormRow("note", (lab.cell("other_notes"), _value(s.other_notes, "sign_off.other_notes"))),
        FormRow("note", (lab.cell("finance_opinion"), _value(s.finance_opinion, "sign_off.finance_opinion"))),
        # The stamp and date go bottom right, as on paper, under the opinion.
        FormRow("note", (FormCell("", merged=True), FormCell(stamp, "label", "right", merged=True)), stamp=True),
    ]
