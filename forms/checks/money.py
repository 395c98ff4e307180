"""Checks of the two money tables: amounts, declared 合计 against their rows, and the tables against each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from forms.checks.findings import Finding, error, label, quote, warning
from forms.model.declaration import Declaration
from forms.model.money import MONEY, AmountError, format_amount, parse_amount
from forms.model.template import Template
from forms.model.totals import COLUMNS, Column


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


class _Table:
    """Reads one money table, recording a finding for every amount that is not one."""

    def __init__(self, template: Template, found: list[Finding]) -> None:
        self.template = template
        self.found = found
        self.columns: dict[Column, _Column] = {c: _Column() for c in COLUMNS}

    def total(self, text: str, path: str, field_name: str, column: Column) -> None:
        value, ok = self._read(text, path, field_name, column)
        self.columns[column].declared = value
        self.columns[column].malformed |= not ok

    def row(self, text: str, path: str, field_name: str, column: Column) -> bool:
        """Add a row's amount to its column; True when the cell is not blank."""
        value, ok = self._read(text, path, field_name, column)
        col = self.columns[column]
        col.malformed |= not ok
        if value is not None:
            col.row_sum = MONEY.add(col.row_sum, value)
            col.rows_filled = True
        return bool(text.strip())

    def _read(self, text: str, path: str, field_name: str, column: Column) -> tuple[Decimal | None, bool]:
        try:
            return parse_amount(text), True
        except AmountError as problem:
            self.found.append(error(path, f"{field_name}（{label(self.template, column)}）：{problem}"))
            return None, False

    def compare(self, table: str, rows_word: str) -> None:
        """A declared 合计 must equal its rows; a blank one is wrong once the rows add up to anything."""
        name = label(self.template, table) + label(self.template, "total")
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
    """Findings for 项目资金申请 and 支出明细预算, in form order."""
    found: list[Finding] = []
    funding = _funding(draft, template, found, known_template)
    expenses = _expenses(draft, template, found)
    total = label(template, "total")
    for column in COLUMNS:
        f, e = funding.columns[column], expenses.columns[column]
        if f.malformed or e.malformed or (f.effective() is None and e.effective() is None):
            continue
        f_value, e_value = f.effective() or Decimal(0), e.effective() or Decimal(0)
        if f_value != e_value:
            message = (
                f"{label(template, 'funding')}{total}（{label(template, column)}）{format_amount(f_value)}"
                f" ≠ {label(template, 'expenses')}{total} {format_amount(e_value)}"
            )
            found.append(error(f"expenses.total_{column}", message))
    this_year = (funding.columns["this_year"], expenses.columns["this_year"])
    if not any(c.malformed or c.effective() is not None for c in this_year):
        # Nothing requested at all: no sum is wrong, but a declaration without money is not one to approve.
        heading = f"{label(template, 'funding')}（{label(template, 'this_year')}）"
        found.append(warning("funding.total_this_year", f"{heading}未填写"))
    return found


def _funding(draft: Declaration, template: Template, found: list[Finding], known_template: bool) -> _Table:
    table = _Table(template, found)
    name = label(template, "funding")
    for column in COLUMNS:
        table.total(getattr(draft.funding, f"total_{column}"), f"funding.total_{column}", name + "合计", column)
    for index, row in enumerate(draft.funding.sources):
        if known_template and row.source.strip() not in template.funding_sources:
            known = "、".join(template.funding_sources)
            message = f"资金来源{quote(row.source)}不是本表样的来源（应为：{known}）"
            found.append(error(f"funding.sources.{index}.source", message))
        for column in COLUMNS:
            table.row(getattr(row, column), f"funding.sources.{index}.{column}", f"{name}·{row.source}", column)
    table.compare("funding", "各资金来源")
    return table


def _expenses(draft: Declaration, template: Template, found: list[Finding]) -> _Table:
    table = _Table(template, found)
    name = label(template, "expenses")
    for column in COLUMNS:
        table.total(getattr(draft.expenses, f"total_{column}"), f"expenses.total_{column}", name + "合计", column)
    for index, line in enumerate(draft.expenses.lines):
        line_name = f"{name}{quote(line.item)}" if line.item.strip() else f"{name}第 {index + 1} 行"
        filled = False
        for column in COLUMNS:
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
    heading = f"{label(template, 'attribute')}为{attribute}"
    column = label(template, "last_year")
    if attribute == template.attributes[0] and largest > 0:
        return [warning("project.attribute", f"{heading}，但{column}为 {format_amount(largest)} 万元")]
    if attribute == template.attributes[1] and largest == 0:
        return [warning("project.attribute", f"{heading}，但未填写{column}（或为 0）")]
    return []
