"""The four tables of the form: 项目资金申请, 支出明细预算, 进度计划 and 绩效指标.

Columns are found by their headings, so a version with extra columns (绩效标准)
or without the merged left-hand cells still maps; a cell under a heading the
template does not have is kept as a leftover. Rows with nothing in them are
dropped; everything else lands in the draft or in the leftovers.
"""

from __future__ import annotations

from typing import Protocol

from forms.importing.fields import read_amount, split_items
from forms.importing.labels import INDICATOR_COLUMNS, Labels, fold
from forms.importing.rows import Cell, Row
from forms.importing.table_cells import (
    SIDE_WORDS,
    cell_text,
    guess_kind,
    side_column,
    sides_of,
    source_position,
    unnumbered,
)
from forms.model.declaration import Declaration, ExpenseLine, Indicator, ScheduleRow
from forms.model.template import Template

DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "funding": ("item", "last_year", "this_year"),
    "expenses": ("item", "last_year", "this_year", "explanation"),
    "schedule": ("task", "start", "end"),
    "indicators": ("level1", "level2", "level3", "value"),
}
"""Columns assumed when a table's heading row is missing, counted from the right."""


class Mapper(Protocol):
    """What a table reader uses of the form being mapped (``forms.importing.mapping.FormMapper``)."""

    template: Template
    labels: Labels
    draft: Declaration

    def leave(self, line: int, text: str) -> None: ...
    def note(self, text: str) -> None: ...
    def category(self, level1: str, level2: str, line: int) -> str | None: ...


class TableReader:
    """The table a form is in at the moment, and its columns."""

    def __init__(self, mapper: Mapper) -> None:
        self.m = mapper
        self.kind: str | None = None
        self.columns: list[str | None] = []
        self.sided: dict[tuple[str, int], Cell] = {}
        self.table_side: str | None = None
        """The side a whole indicator table is on (“本年度绩效指标”), where the form prints one table per side."""
        self.sides: list[int | None] = []
        """For a two-sided indicator table, the side of each column (0 长期/总体, 1 年度)."""
        self.headings: list[str] = []
        self.level1 = ""
        self.level2 = ""
        self.seen_sources: set[int] = set()

    def close(self) -> None:
        """Leave the current table (a labelled row came)."""
        self.kind = None

    def header(self, row: Row, keys: list[str | None]) -> None:
        """A heading row: opens a table, or sets the columns of the open one."""
        labels = self.m.labels
        opened = [key for key in keys if labels.kind(key) == "table"]
        columns = [key if labels.kind(key) == "column" else None for key in keys]
        present = {key for key in columns if key}
        if opened:
            self.kind = opened[0]
        elif self.kind is None or not present <= {*DEFAULT_COLUMNS[self.kind], "item"}:
            self.kind = guess_kind(present)
        self.level1 = self.level2 = ""
        self.table_side = None
        if not present and not any(side_column(text, labels) for text in row.texts if text):
            self.columns, self.headings = list(DEFAULT_COLUMNS[self.kind]), [""] * len(DEFAULT_COLUMNS[self.kind])
            self.sides = [None] * len(self.columns)
            return
        self.columns, self.headings = columns, list(row.texts)
        self.sides = [None] * len(columns)
        for position, (key, text) in enumerate(zip(keys, row.texts, strict=True)):
            if text and key is None and self.kind == "indicators" and self._side_table(text):
                continue
            side = side_column(text, labels) if text and key is None else None
            if side is not None:
                self.columns[position], self.sides[position] = side
                continue
            extra = INDICATOR_COLUMNS.get(key or "")
            if text and (key is None or (extra and not self.m.template.has(extra))):
                self.m.note(f"第 {row.line} 行：模板没有“{text}”这一栏，该栏的内容作为未导入内容保留")
                self.columns[position] = None
        for position, side in enumerate(sides_of(self.columns)):
            # 长期指标值 beside 年度指标值: the unmarked one is the other side.
            if side is not None and self.sides[position] is None:
                self.sides[position] = 1 - side if side in self.sides else side

    def _side_table(self, text: str) -> bool:
        # “实施期绩效指标”, “本年度绩效指标”: the heading of one side's table.
        folded = fold(text)
        words = [(side, n) for n, side in enumerate(self.m.template.sides)]
        words += [(word, side) for word, side in SIDE_WORDS]
        for word, side in words:
            rest = folded.removeprefix(fold(word))
            if rest != folded and (self.m.labels.key(rest) == "indicators" or rest in ("绩效指标", "指标")):
                sides = self.m.template.sides
                self.table_side = sides[min(side, len(sides) - 1)] if sides else None
                if not sides and side == 0:
                    self.m.note(f"模板没有“{text}”，该表的指标作为未导入内容保留")
                    self.table_side = text
                return True
        return False

    def data(self, rows: list[Row], index: int) -> int:
        """Read the data row at ``rows[index]``; returns how many rows it used (a cut row takes two)."""
        row, used = self._mend(rows, index)
        if row.is_empty():
            return used
        cells: dict[str, Cell] = {}
        self.sided: dict[tuple[str, int], Cell] = {}
        for cell, key, heading, side in self._align(row):
            if key and side is not None:
                self.sided[(key, side)] = cell
            elif key:
                cells[key] = cell
            elif cell.text:
                self.m.leave(cell.line, f"{heading}：{cell.text}" if heading else cell.text)
        getattr(self, f"_{self.kind}")(row, cells)
        return used

    def _mend(self, rows: list[Row], index: int) -> tuple[Row, int]:
        # Word leaves a cell's trailing empty paragraphs as empty lines, which look like a row's end:
        # a short row whose next row has exactly the missing cells is one row.
        # A page break (page number between the halves) can cut a row the same way.
        row = rows[index]
        ahead = index + 1
        while ahead < len(rows) and rows[ahead].loose == "furniture":
            ahead += 1
        if not row.word or len(row.cells) >= len(self.columns) or ahead >= len(rows):
            return row, 1
        following = rows[ahead]
        if following.loose or len(row.cells) + len(following.cells) != len(self.columns):
            return row, 1
        if any(self.m.labels.key(text) for text in following.texts):
            return row, 1
        for furniture in rows[index + 1 : ahead]:
            self.m.leave(furniture.line, furniture.texts[0])
        return Row(cells=row.cells + following.cells, line=row.line, word=True), ahead - index + 1

    def _align(self, row: Row) -> list[tuple[Cell, str | None, str, int | None]]:
        width = len(self.columns)
        cells = row.cells
        # Merged cells on the left go missing in some versions: a short row is counted from the right,
        # unless its first cell says which column it is (a 一级, a 二级, a funding source): then
        # the row's trailing empty cells were dropped.
        first = next((n for n, text in enumerate(row.texts) if text), 0)
        anchor = self._anchor(row.texts[first]) if len(cells) < width else None
        if anchor is None and len(cells) < width and first + 1 < len(cells) and "level2" in self.columns:
            # “满意度指标 | 服务对象满意度 | …”: an 一级 the template does not print, before a 二级 it does.
            second = self.m.labels.category_names.get(fold(row.texts[first + 1]))
            if second is not None and not any(g.name == second for g in self.m.template.indicator_groups):
                anchor, first = self.columns.index("level2"), first + 1
        offset = None if anchor is None else anchor - first
        if offset is None or offset < 0 or offset + len(cells) > width:
            offset = max(0, width - len(cells))
        sides = self.sides if len(self.sides) == width else [None] * width
        placed: list[tuple[Cell, str | None, str, int | None]] = []
        for position, cell in enumerate(cells):
            column = position + offset
            if column < width:
                placed.append((cell, self.columns[column], self.headings[column], sides[column]))
            else:
                placed.append((cell, None, "", None))
        return placed

    def _anchor(self, first: str) -> int | None:
        labels = self.m.labels
        named = labels.category_names.get(fold(first))
        if named is not None:
            group = any(g.name == named for g in self.m.template.indicator_groups)
            wanted = "level1" if group or fold(first) == fold(self.level1 or "\0") else "level2"
        elif labels.key(first) == "total" or source_position(first, labels) is not None:
            wanted = "item"
        else:
            return None
        return self.columns.index(wanted) if wanted in self.columns else None

    def _amount(self, cells: dict[str, Cell], key: str, row: Row) -> str:
        # The number of an amount cell; words beside it kept as a leftover, an unclear cell kept whole and said.
        cell = cells.get(key)
        if cell is None:
            return ""
        amount, rest, unclear = read_amount(cell.text)
        heading = self.m.template.label(key)
        if unclear:
            self.m.note(f"第 {cell.line} 行：{heading}“{cell.text}”不是一个明确的金额（万元），已原样保留，请核对")
        elif rest:
            self.m.leave(cell.line, f"{heading}“{cell.text}”中的说明：{rest}")
        return amount

    def _funding(self, row: Row, cells: dict[str, Cell]) -> None:
        item = cell_text(cells, "item")
        last, this = (self._amount(cells, key, row) for key in ("last_year", "this_year"))
        if not (item or last or this):
            return
        funding = self.m.draft.funding
        if self.m.labels.key(item) == "total" and not (funding.total_last_year or funding.total_this_year):
            funding.total_last_year, funding.total_this_year = last, this
            return
        position = source_position(item, self.m.labels)
        if position is None or position in self.seen_sources:
            self.m.leave(row.line, row.joined())
            return
        self.seen_sources.add(position)
        funding.sources[position].last_year, funding.sources[position].this_year = last, this

    def _expenses(self, row: Row, cells: dict[str, Cell]) -> None:
        item, basis = cell_text(cells, "item"), cell_text(cells, "explanation")
        last, this = (self._amount(cells, key, row) for key in ("last_year", "this_year"))
        if not (item or last or this or basis):
            return
        expenses = self.m.draft.expenses
        if self.m.labels.key(item) == "total" and not (expenses.total_last_year or expenses.total_this_year):
            expenses.total_last_year, expenses.total_this_year, expenses.total_basis = last, this, basis
            return
        expenses.lines.append(ExpenseLine(item=item, last_year=last, this_year=this, basis=basis))

    def _schedule(self, row: Row, cells: dict[str, Cell]) -> None:
        task, start, end = (cell_text(cells, key) for key in ("task", "start", "end"))
        if task or start or end:
            self.m.draft.implementation.schedule.append(ScheduleRow(task=task, start=start, end=end))

    def _indicators(self, row: Row, cells: dict[str, Cell]) -> None:
        if cell_text(cells, "level1"):
            self.level1, self.level2 = cell_text(cells, "level1"), ""
        if cell_text(cells, "level2"):
            self.level2 = cell_text(cells, "level2")
        sides = self._side_cells(cells, row)
        if not (cell_text(cells, "level2") or any(c and c.text for pair in sides for c in pair[1:])):
            return
        category = self.m.category(self.level1, self.level2, row.line)
        if category is None:
            self.m.leave(row.line, row.joined())
            return
        template = self.m.template
        group = template.group_of(category)
        level1 = group.name if group else ""
        # The template's extra columns start blank, as in a draft typed in (``new_declaration``).
        extras = {
            field: cell_text(cells, key)
            for key, field in INDICATOR_COLUMNS.items()
            if field in template.indicator_columns
        }
        for side, name, value in sides:
            if side is not None and side not in template.sides:
                self.m.leave(row.line, f"{side}：{row.joined()}")  # a 长期 table on a form that has none
                continue
            for name_text, value_text in self._items(name, value, row):
                indicator = Indicator(level1=level1, level2=category, name=unnumbered(name_text), value=value_text)
                for field, text in extras.items():
                    setattr(indicator, field, text)
                indicator.side = side
                self.m.draft.performance.indicators.append(indicator)

    def _side_cells(self, cells: dict[str, Cell], row: Row) -> list[tuple[str | None, Cell | None, Cell | None]]:
        # One side, or the 长期/年度 sides of a two-sided table: (side name, 三级 cell, 指标值 cell) each.
        if not self.sided:
            return [(self.table_side, cells.get("level3"), cells.get("value"))]
        shown = self.m.template.sides
        found = []
        for side in (0, 1):
            name = self.sided.get(("level3", side), cells.get("level3"))
            value = self.sided.get(("value", side), cells.get("value") if side == 1 else None)
            if name is None and value is None:
                continue
            if shown:
                found.append((shown[min(side, len(shown) - 1)], name, value))
            elif side == 1 or not any(s == 1 for _, s in self.sided):
                found.append((None, name, value))
            else:
                for cell in (value, name if ("level3", 0) in self.sided else None):
                    if cell is not None and cell.text:
                        heading = self.headings[self.sides.index(0)] if 0 in self.sides else ""
                        self.m.leave(cell.line, f"{heading}：{cell.text}" if heading else cell.text)
        return found

    def _items(self, name: Cell | None, value: Cell | None, row: Row) -> list[tuple[str, str]]:
        # One cell may hold several numbered indicators, the other cell their values line by line.
        names = [text for _, text in name.items()] if name else []
        values = [text for _, text in value.items()] if value else []
        whole = [(name.text if name else "", value.text if value else "")]
        if len(names) <= 1 and len(values) <= 1:
            return whole
        if len(names) == len(values):
            return list(zip(split_items(names), split_items(values), strict=True))
        self.m.leave(
            name.line if name else row.line,
            f"多行指标未拆分（{len(names)} 行三级指标、{len(values)} 行指标值，条数不同），已整格保留在一行："
            + " / ".join(" ".join(part.split()) for part in whole[0]),
        )
        return whole
