"""The form's content in print order, shared by the text and Markdown exports.

Each function walks one part of a declaration against its template and returns
plain rows of strings (raw user text, not yet cleaned or escaped), so both
exports print the same things in the same order: every template row even when
the draft lacks it (a printout can be filled in by hand), and every row of the
draft even when the template lacks it (an export never drops data).
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.model.declaration import Declaration, Indicator
from forms.model.money import display_amount
from forms.model.template import Template

BLANK_ROWS = 2
"""Empty rows printed for an empty list (expense lines, schedule), to be filled in by hand."""

SUBTYPES_INTRO = "其中："
"""Printed before a project class's sub-types; a template may override it with label ``subtypes``."""


@dataclass(frozen=True)
class Marks:
    """How a check box prints."""

    ticked: str
    empty: str

    def box(self, label: str, ticked: bool) -> str:
        """A label followed by its box."""
        return label + (self.ticked if ticked else self.empty)


UNICODE_MARKS = Marks("☑", "□")
ASCII_MARKS = Marks("[x]", "[ ]")


def template_of(draft: Declaration) -> Template:
    """The draft's template; an export uses the default one if the draft names an unknown template."""
    from forms.model.template import TemplateError, load_template

    try:
        return draft.form_template()
    except TemplateError:
        return load_template()


def label(template: Template, key: str, default: str | None = None) -> str:
    """A template label, or ``default`` when the template has none (``key`` itself without one)."""
    return template.labels.get(key, key if default is None else default)


def attribute_boxes(draft: Declaration, template: Template, marks: Marks) -> list[str]:
    """项目属性 as boxes, e.g. ``新增项目□``, ``延续项目☑``; an attribute outside the template is shown ticked."""
    chosen = draft.project.attribute.strip()
    boxes = [marks.box(a, a == chosen) for a in template.attributes]
    if chosen and chosen not in template.attributes:
        boxes.append(marks.box(chosen, True))
    return boxes


def type_boxes(draft: Declaration, template: Template, marks: Marks) -> list[list[str]]:
    """项目类型: per class its boxes (``1.基本建设类□``, ``其中：新建□``, ``扩建□`` …), ticked from ``project.types``.

    Ticked types the template does not know make one more line, so nothing is lost.
    """
    ticked = set(draft.project.types)
    intro = label(template, "subtypes", SUBTYPES_INTRO)
    lines = []
    for n, cls in enumerate(template.project_classes, start=1):
        subtypes = [marks.box(s, s in ticked) for s in cls.subtypes]
        if subtypes:
            subtypes[0] = intro + subtypes[0]
        lines.append([f"{n}.{marks.box(cls.name, cls.name in ticked)}", *subtypes])
    known = {cls.name for cls in template.project_classes} | {s for c in template.project_classes for s in c.subtypes}
    extra = [marks.box(t, True) for t in draft.project.types if t not in known]
    if extra:
        lines.append(extra)
    return lines


def period(draft: Declaration) -> str:
    """项目起止时间 as ``start-end``; blank when both are blank."""
    start, end = draft.project.start.strip(), draft.project.end.strip()
    return f"{start}-{end}" if start or end else ""


_CHINESE_ORDINALS = "一二三四五六七八九十"


def funding_label(template: Template, source: str, top: int, child: int) -> str:
    """A funding row as printed; under subtotals （一）财政拨款小计 for a top-level row, 1.一般公共预算 below it."""
    if not template.funding_subtotals:
        return source
    if template.parent_of(source) is not None:
        return f"{child}.{source}"
    return f"（{_CHINESE_ORDINALS[top - 1]}）{source}" if top <= len(_CHINESE_ORDINALS) else source


def funding_rows(draft: Declaration, template: Template) -> list[tuple[str, ...]]:
    """项目资金: (项目, one amount per ``template.funding_columns``), 合计 first, then every source as it prints."""
    funding = draft.funding
    columns = template.funding_columns
    rows: list[tuple[str, ...]] = [
        (label(template, "total"), *(display_amount(getattr(funding, f"total_{c}")) for c in columns))
    ]
    by_source = {row.source: row for row in funding.sources}
    top = child = 0
    for source in template.funding_sources:
        if template.parent_of(source) is None:
            top, child = top + 1, 0
        else:
            child += 1
        row = by_source.get(source)
        amounts = (display_amount(getattr(row, c)) if row else "" for c in columns)
        rows.append((funding_label(template, source, top, child), *amounts))
    for row in funding.sources:
        if row.source not in template.funding_sources:
            rows.append((row.source, *(display_amount(getattr(row, c)) for c in columns)))
    return rows


def expense_rows(draft: Declaration, template: Template) -> list[tuple[str, ...]]:
    """支出明细预算: (项目, one amount per funding column, 测算依据及说明), 合计 first, then every line."""
    expenses = draft.expenses
    columns = template.funding_columns
    total = label(template, "total")
    rows: list[tuple[str, ...]] = [
        (total, *(display_amount(getattr(expenses, f"total_{c}")) for c in columns), expenses.total_basis)
    ]
    for line in expenses.lines:
        rows.append((line.item, *(display_amount(getattr(line, c)) for c in columns), line.basis))
    if not expenses.lines:
        rows.extend([("",) * (len(columns) + 2)] * BLANK_ROWS)
    return rows


def has_expenses(draft: Declaration, template: Template) -> bool:
    """Whether the 支出明细 table prints: the template has it, or the draft holds lines an export must not drop."""
    e = draft.expenses
    typed = any(t.strip() for t in (e.total_last_year, e.total_this_year, e.total_basis))
    return template.has("expenses") or bool(e.lines) or typed


def schedule_rows(draft: Declaration) -> list[tuple[str, str, str]]:
    """项目年度实施进度计划: (项目实施内容, 开始时间, 结束时间) per row, blank rows when there is none."""
    rows = [(row.task, row.start, row.end) for row in draft.implementation.schedule]
    return rows or [("", "", "")] * BLANK_ROWS


@dataclass(frozen=True)
class IndicatorRow:
    """One printed row of 项目年度绩效指标."""

    level1: str
    level2: str
    name: str
    value: str
    new_group: bool
    """First row of its 一级指标: the only row that prints it."""
    new_category: bool
    """First row of its 二级指标: the only row that prints it."""
    columns: tuple[str, ...] = ()
    """The texts of the template's indicator columns (``value`` first, then 计量单位 …), as typed."""


def level1_text(draft: Declaration, template: Template, level1: str) -> str:
    """An 一级 as printed: with its declared 分值 when the draft has one (产出指标（分值 45）)."""
    declared = (draft.performance.weights or {}).get(level1, "").strip()
    return f"{level1}（{template.column_label('weight')} {declared}）" if declared else level1


def indicator_columns(item: Indicator, template: Template) -> tuple[str, ...]:
    """A row's texts in the template's indicator columns (a column the row lacks is blank)."""
    return tuple(getattr(item, column) or "" for column in template.indicator_columns)


def side_of(item: Indicator, template: Template) -> str | None:
    """The side a row prints on: its own when the template has it, else the year's (last) side."""
    if not template.sides:
        return None
    return item.side if item.side in template.sides else template.sides[-1]


def indicator_rows(draft: Declaration, template: Template, side: str | None = None) -> list[IndicatorRow]:
    """The indicator table in the template's order: every skeleton category, then any others.

    A category with no indicator prints one blank row; an empty row is left out
    when its category has filled ones. Rows whose category the template does not
    know follow, in draft order, grouped by their 一级/二级 as typed. For a
    two-sided template, ``side`` picks one table; without it every side's table
    follows the other.
    """
    if template.sides and side is None:
        return [row for each in template.sides for row in indicator_rows(draft, template, each)]
    blank = ("",) * len(template.indicator_columns)
    known = {(g.name, c) for g in template.indicator_groups for c in g.categories}
    categories = {c for _, c in known}
    placed: dict[tuple[str, str], list[Indicator]] = {}
    others: list[Indicator] = []
    for item in draft.performance.indicators:
        if side_of(item, template) != side:
            continue
        group = template.group_of(item.level2) if item.level2 in categories else None
        key = (group.name, item.level2) if group is not None else None
        if key is not None and (not item.level1.strip() or item.level1 == group.name):  # type: ignore[union-attr]
            placed.setdefault(key, []).append(item)
        else:
            others.append(item)
    groups: list[tuple[str, str, list[tuple[str, str, tuple[str, ...]]]]] = []
    for group in template.indicator_groups:
        for category in group.categories:
            items = [i for i in placed.get((group.name, category), []) if i.name.strip() or i.value.strip()]
            texts = [(i.name, i.value, indicator_columns(i, template)) for i in items]
            groups.append((group.name, category, texts or [("", "", blank)]))
    for item in others:
        groups.append((item.level1, item.level2, [(item.name, item.value, indicator_columns(item, template))]))
    rows: list[IndicatorRow] = []
    last1 = last2 = None
    for level1, level2, items in groups:
        for n, (name, value, columns) in enumerate(items):
            new_group = level1 != last1
            new_category = new_group or (n == 0 and level2 != last2)
            rows.append(IndicatorRow(level1, level2, name, value, new_group, new_category, columns))
            last1, last2 = level1, level2
    return rows
