"""Checks of the two money tables: amounts, declared 合计 against their rows, and the tables against each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from forms.checks.findings import Finding, error, label, quote, warning
from forms.model.declaration import Declaration, FundingRow
from forms.model.money import MONEY, AmountError, format_amount, money_sum, parse_amount
from forms.model.template import Template
from forms.model.totals import Column


@dataclass(slots=True)
class _Column:
    """What one column of one table adds up to, as far as its text can be read."""

    declared: Decimal | None = None
    row_sum: Decimal = field(default_factory=Decimal)
    rows_filled: bool = False
    malformed: bool = False
    """Some amount in the column did not parse: its sums would mislead, so they are not compared."""

    def effective(self) -> Decimal | None:
        """The column's total: as declared, else as summed when any row is filled."""
        if self.declared is not None:
            return self.declared
        return self.row_sum if self.rows_filled else None


def total_name(template: Template, table: str) -> str:
    """A table's 合计 in a sentence: 项目资金合计, or the form's own name for it (年度资金总额)."""
    total = label(template, "total")
    return label(template, table) + total if total == "合计" else total


class _Table:
    """Reads one money table, recording a finding for every amount that is not one."""

    def __init__(self, template: Template, found: list[Finding]) -> None:
        self.template = template
        self.found = found
        self.columns: dict[Column, _Column] = {c: _Column() for c in template.funding_columns}  # type: ignore[misc]

    def total(self, text: str, path: str, field_name: str, column: Column) -> None:
        value, ok = self.read(text, path, field_name, column)
        self.columns[column].declared = value
        self.columns[column].malformed |= not ok

    def row(self, text: str, path: str, field_name: str, column: Column) -> bool:
        """Add a row's amount to its column; True when the cell is not blank."""
        value, ok = self.read(text, path, field_name, column)
        col = self.columns[column]
        col.malformed |= not ok
        if value is not None:
            col.row_sum = MONEY.add(col.row_sum, value)
            col.rows_filled = True
        return bool(text.strip())

    def read(self, text: str, path: str, field_name: str, column: Column) -> tuple[Decimal | None, bool]:
        try:
            return parse_amount(text), True
        except AmountError as problem:
            self.found.append(error(path, f"{field_name}（{label(self.template, column)}）：{problem}"))
            return None, False

    def compare(self, table: str, rows_word: str) -> None:
        """A declared 合计 must equal its rows; a blank one is wrong once the rows add up to anything."""
        name = total_name(self.template, table)
        for column, col in self.columns.items():
            if col.malformed:
                continue
            heading = f"{name}（{label(self.template, column)}）"
            path = f"{table}.total_{column}"
            if col.declared is None:
                if col.row_sum != 0:
                    message = f"{heading}未填写，{rows_word}之和为 {format_amount(col.row_sum)}"
                    self.found.append(error(path, message))
            elif col.declared != col.row_sum:
                message = f"{heading}{format_amount(col.declared)} ≠ {rows_word}之和 {format_amount(col.row_sum)}"
                self.found.append(error(path, message))


def money_findings(draft: Declaration, template: Template, *, known_template: bool = True) -> list[Finding]:
    """Findings for 项目资金 and, where the template has one, 支出明细预算, in form order."""
    found: list[Finding] = []
    funding = _funding(draft, template, found, known_template)
    columns: tuple[Column, ...] = template.funding_columns  # type: ignore[assignment]
    if template.has("expenses"):
        expenses = _expenses(draft, template, found)
        found += _tables_agree(template, funding, expenses, columns)
    elif _expenses_typed(draft):
        # A hand-edited or imported draft may hold lines this form does not print: say so, judge nothing.
        message = f"本表样没有{label(template, 'expenses')}，草稿中的支出明细不参与检查"
        found.append(warning("expenses", message))
    this_year = [funding.columns[c] for c in columns if c == "this_year"]
    if template.has("expenses"):
        this_year.append(expenses.columns["this_year"])
    if this_year and not any(c.malformed or c.effective() is not None for c in this_year):
        # Nothing requested at all: no sum is wrong, but a declaration without money is not one to approve.
        heading = f"{label(template, 'funding')}（{label(template, 'this_year')}）"
        found.append(warning("funding.total_this_year", f"{heading}未填写"))
    return found


def _tables_agree(template: Template, funding: _Table, expenses: _Table, columns: tuple[Column, ...]) -> list[Finding]:
    """资金来源合计 against 支出明细合计, column by column."""
    found: list[Finding] = []
    total = label(template, "total")
    for column in columns:
        f, e = funding.columns[column], expenses.columns[column]
        if f.malformed or e.malformed or (f.effective() is None and e.effective() is None):
            continue
        f_value, e_value = f.effective() or Decimal(0), e.effective() or Decimal(0)
        if f_value != e_value:
            message = (
                f"{total_name(template, 'funding')}（{label(template, column)}）{format_amount(f_value)}"
                f" ≠ {label(template, 'expenses')}{total} {format_amount(e_value)}"
            )
            found.append(error(f"expenses.total_{column}", message))
    return found


def _expenses_typed(draft: Declaration) -> bool:
    e = draft.expenses
    return bool(e.lines) or any(t.strip() for t in (e.total_last_year, e.total_this_year, e.total_basis))


def _funding(draft: Declaration, template: Template, found: list[Finding], known_template: bool) -> _Table:
    table = _Table(template, found)
    name = label(template, "funding")
    for column in table.columns:
        table.total(getattr(draft.funding, f"total_{column}"), f"funding.total_{column}", name + "合计", column)
    sources = draft.funding.sources
    read: dict[tuple[int, Column], tuple[Decimal | None, bool]] = {}
    for index, row in enumerate(sources):
        if known_template and row.source.strip() not in template.funding_sources:
            known = "、".join(template.funding_sources)
            message = f"资金来源{quote(row.source)}不是本表样的来源（应为：{known}）"
            found.append(error(f"funding.sources.{index}.source", message))
        for column in table.columns:
            text = getattr(row, column)
            read[index, column] = table.read(text, f"funding.sources.{index}.{column}", f"{name}·{row.source}", column)
    for column, col in table.columns.items():
        # Rows of a subtotal count through it, and themselves only while it is blank (as forms.model.totals).
        filled = {row.source for i, row in enumerate(sources) if read[i, column][0] is not None}
        for index, row in enumerate(sources):
            value, ok = read[index, column]
            if row.parent is not None and row.parent in filled:
                continue
            col.malformed |= not ok
            if value is not None:
                col.row_sum = MONEY.add(col.row_sum, value)
                col.rows_filled = True
        for index in range(len(sources)):
            found += _subtotal(template, read, index, column, sources)
    table.compare("funding", "各资金来源")
    return table


def _subtotal(
    template: Template,
    read: dict[tuple[int, Column], tuple[Decimal | None, bool]],
    index: int,
    column: Column,
    sources: list[FundingRow],
) -> list[Finding]:
    """A subtotal row that is filled must equal the rows under it, as 合计 must equal the sources."""
    declared, _ = read[index, column]
    source = sources[index].source
    under = [i for i, row in enumerate(sources) if row.parent == source]
    if declared is None or not under or not all(read[i, column][1] for i in under):
        return []  # blank (it counts as its rows), no rows, or a row unreadable (already an error)
    values = [read[i, column][0] for i in under]
    if all(v is None for v in values):
        return []
    total = money_sum(v for v in values if v is not None)
    if total == declared:
        return []
    rows = "、".join(sources[i].source for i in under)
    heading = f"{source}（{label(template, column)}）"
    message = f"{heading}{format_amount(declared)} ≠ {rows}之和 {format_amount(total)}"
    return [error(f"funding.sources.{index}.{column}", message)]


def _expenses(draft: Declaration, template: Template, found: list[Finding]) -> _Table:
    table = _Table(template, found)
    name = label(template, "expenses")
    for column in table.columns:
        table.total(getattr(draft.expenses, f"total_{column}"), f"expenses.total_{column}", name + "合计", column)
    for index, line in enumerate(draft.expenses.lines):
        line_name = f"{name}{quote(line.item)}" if line.item.strip() else f"{name}第 {index + 1} 行"
        filled = False
        for column in table.columns:
            filled |= table.row(getattr(line, column), f"expenses.lines.{index}.{column}", line_name, column)
        if filled and not line.item.strip():
            found.append(warning(f"expenses.lines.{index}.item", f"{line_name}有金额，但未填写项目名称"))
    table.compare("expenses", "各行")
    return table


def prior_year_findings(draft: Declaration, template: Template) -> list[Finding]:
    """项目属性 against 上年度安排资金: a new project has none, a continuing one has some.

    The template lists the new-project box first and the continuing one second
    (新增项目, 延续项目); a template with another set of boxes is not judged here.
    """
    attribute = draft.project.attribute.strip()
    if len(template.attributes) != 2 or attribute not in template.attributes:
        return []
    texts = [draft.funding.total_last_year, draft.expenses.total_last_year]
    texts += [row.last_year for row in draft.funding.sources]
    texts += [line.last_year for line in draft.expenses.lines]
    largest = Decimal(0)
    for text in texts:
        try:
            value = parse_amount(text)
        except AmountError:
            continue
        if value is not None and value > largest:
            largest = value
    if "last_year" not in template.funding_columns:
        return []  # no 上年度 column to judge by
    heading = f"{label(template, 'attribute')}为{attribute}"
    column = label(template, "last_year")
    if attribute == template.attributes[0] and largest > 0:
        return [warning("project.attribute", f"{heading}，但{column}为 {format_amount(largest)} 万元")]
    if attribute == template.attributes[1] and largest == 0:
        return [warning("project.attribute", f"{heading}，但未填写{column}（或为 0）")]
    return []
