"""The table of the units summary: a bold line per unit with its subtotal, its projects under it, the total.

Cells are ``forms.render.bureau``'s, so the screen and ``shenbao summary
--all-units`` read the same; user text (unit and project names) is literal,
cut by display width with an ellipsis when the terminal is narrow.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from forms.model.money import format_amount
from forms.render.bureau import HEADS, project_cells, unit_cells
from forms.render.width import clean
from forms.workflows.bureau_summary import BureauSummary, ProjectRow, UnitPart

UNIT_KEY = "\x00unit:"
"""Row key prefix of a unit's subtotal line (no file name contains NUL)."""
TOTAL_KEY = "\x00total"
"""Row key of the grand total line."""
MIN_NAME = 12
"""The name column is never narrower than this; the table scrolls sideways instead."""
STYLES = {"退回": "bold red", "通过": "green", "重开": "yellow", "复审": "bold yellow"}


def one_line(text: str) -> str:
    """User text for a one-line cell."""
    return clean(text).replace("\n", " ")


def checks_line(checks: list[str]) -> Text:
    """The reviewer's checks in one line under the table: how many, the first, and k for all."""
    if len(checks) <= 1:
        return Text(one_line("".join(checks)), style="green", no_wrap=True, overflow="ellipsis")
    first = one_line(checks[1].strip())
    text = f"复核提示 {len(checks) - 1} 条（k 查看全部）：{first}"
    return Text(text, style="yellow", no_wrap=True, overflow="ellipsis")


class UnitsTable(DataTable):
    """Units, their projects and the total; Enter views the highlighted project."""

    BINDING_GROUP_TITLE = "汇总表格"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.view", "查看", id="units.view"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | enter | View the highlighted project's rendered form, read-only. |
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, fixed_columns=1)
        self.summary: BureauSummary | None = None
        """The summary shown."""
        self.parts: tuple[UnitPart, ...] = ()
        """The units shown."""

    def show(self, summary: BureauSummary, unit: str | None) -> None:
        """Show every unit of ``summary`` (or only ``unit``); the cursor stays on the same row when it can."""
        keep = self.highlighted_key()
        self.summary = summary
        self.parts = tuple(part for part in summary.units if unit is None or part.unit == unit)
        self.clear(columns=True)
        body: list[tuple[str, list[Text]]] = []
        for number, part in enumerate(self.parts):
            name = Text(one_line(f"{part.unit}（{len(part.rows)} 个项目）"), style="bold")
            cells = [name, *(Text(c, justify="right", style="bold") for c in unit_cells(part)), Text(""), Text("")]
            body.append((f"{UNIT_KEY}{number}", cells))
            for row in part.rows:
                body.append((row.file, self._project(row)))
        if unit is None and len(self.parts) > 1:
            label = f"合计（{len(self.parts)} 个单位，{len(summary.rows)} 个项目）"
            cells = [Text(label, style="bold"), *(Text(c, justify="right", style="bold") for c in unit_cells(summary))]
            body.append((TOTAL_KEY, [*cells, Text(""), Text("")]))
        widths = [cell_len(head) for head in HEADS[1:]]
        for _key, cells in body:
            widths = [max(width, cell.cell_len) for width, cell in zip(widths, cells[1:], strict=True)]
        natural = max([cells[0].cell_len for _key, cells in body] + [cell_len(HEADS[0])])
        room = self.app.size.width - sum(widths) - 2 * (len(widths) + 1) - 2
        self.add_column(Text(HEADS[0]), width=max(MIN_NAME, min(natural, room)), key="name")
        for index, (head, width) in enumerate(zip(HEADS[1:], widths, strict=True)):
            self.add_column(Text(head, justify="right"), width=width, key=str(index))
        for key, cells in body:
            cells[0].no_wrap, cells[0].overflow = True, "ellipsis"
            self.add_row(*cells, key=key)
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), animate=False)

    @staticmethod
    def _project(row: ProjectRow) -> list[Text]:
        name = Text("  " + one_line(row.name or f"（未命名：{row.file}）"), style="" if row.name else "dim")
        cells = project_cells(row)
        texts = [Text(c, justify="right") for c in cells[:4]]
        texts.append(Text(cells[4], justify="right", style=STYLES.get(cells[4], "")))
        texts.append(Text(cells[5], justify="right", style="red" if row.errors else "yellow" if row.warnings else ""))
        return [name, *texts]

    def highlighted_key(self) -> str | None:
        """The key of the row under the cursor, if any."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def highlighted_row(self) -> ProjectRow | None:
        """The project under the cursor; ``None`` on a unit's or the total line."""
        key = self.highlighted_key()
        return next((row for part in self.parts for row in part.rows if row.file == key), None)

    def detail(self) -> Text:
        """The line under the table about the highlighted row."""
        key = self.highlighted_key()
        row = self.highlighted_row()
        if row is not None:
            before = f"上年草稿 {row.previous_file}" if row.previous_file else "无上年同名草稿（新项目）"
            parts = [row.file, before]
            if row.review_note:
                parts.append(row.review_note)
            return Text(one_line(" · ".join(parts) + " · Enter 查看"))
        part: UnitPart | BureauSummary | None = self.summary if key == TOTAL_KEY else None
        if key is not None and key.startswith(UNIT_KEY):
            part = self.parts[int(key.removeprefix(UNIT_KEY))]
        if part is None:
            return Text("")
        compared = sum(1 for r in part.rows if r.previous is not None)
        text = (
            f"本年度 {format_amount(part.total)} 万元；其中 {compared} 个项目有上年草稿："
            f"上年 {format_amount(part.previous)} → 本年 {format_amount(part.compared)}"
        )
        return Text(one_line(text))
