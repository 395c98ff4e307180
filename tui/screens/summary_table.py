"""The table of the summary screen: a row per project, funding by source, totals; every cell literal.

Also the pure helpers the screen needs: choosing one year's rows out of the
summary of the whole folder (so cycling years never reads or checks the
files again) and the line of grand totals.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from forms.model.dates import DateError, parse_year
from forms.model.money import format_amount
from forms.render.width import clean
from forms.workflows.summary import Summary, SummaryRow, by_year

TOTAL_KEY = "\x00total"
"""Row key of the grand totals row (no file name can contain NUL)."""
LAST, THIS = "上年度", "本年度"
MIN_NAME = 12
"""The name column is never narrower than this many cells; the table scrolls sideways instead."""


def year_of(text: str) -> int | None:
    """A 年度 as a year, ``None`` when it is blank or not one."""
    try:
        return parse_year(text)
    except DateError:
        return None


def years_of(summary: Summary) -> list[int]:
    """The years the projects are for, sorted (drafts with no readable 年度 are left out)."""
    return sorted({year for row in summary.projects if (year := year_of(row.year)) is not None})


def for_year(summary: Summary, year: int | None) -> Summary:
    """The rows of one year (all with ``None``); unreadable files stay, as ``forms.workflows.summary`` keeps them."""
    if year is None:
        return summary
    rows = tuple(row for row in summary.rows if row.problem is not None or year_of(row.year) == year)
    return Summary(rows=rows, sources=summary.sources, year=year)


def totals_text(summary: Summary) -> Text:
    """The totals under the table: 本年度 and 上年度 合计 (per year when there are several), projects, findings."""
    years = by_year(summary) if len(years_of(summary)) > 1 else []
    text = Text()
    for year, part in years or [("", summary)]:
        text.append(f"合计{f' {year}' if year else ''} 本年度 ", style="bold")
        text.append(format_amount(part.total), style="bold")
        text.append(f" 万元（上年度 {format_amount(part.last_total)}）· ")
    text.append(f"{len(summary.projects)} 个项目 · ")
    text.append(f"{summary.errors} 个错误", style="red" if summary.errors else "")
    text.append("、")
    text.append(f"{summary.warnings} 个警告", style="yellow" if summary.warnings else "")
    if summary.unreadable:
        text.append(f" · {len(summary.unreadable)} 个文件无法读取（未计入）", style="red")
    if summary.unreadable_amounts:
        text.append(f" · {summary.unreadable_amounts} 处金额无法识别（未计入）", style="yellow")
    return text


def one_line(text: str) -> str:
    """User text for a one-line cell: nothing in it can drive the terminal, line breaks become spaces."""
    return clean(text).replace("\n", " ")


def _amount(value: Decimal | None) -> Text:
    return Text(format_amount(value), justify="right")


class SummaryTable(DataTable):
    """Projects, one row each, then the grand totals; Enter views the highlighted draft."""

    BINDING_GROUP_TITLE = "汇总表格"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.view", "查看", id="summary.view"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | enter | View the highlighted draft's rendered form, read-only. |
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, header_height=2, fixed_columns=1)
        self.summary: Summary | None = None
        """The summary shown."""

    def show(self, summary: Summary) -> None:
        """Replace columns and rows with ``summary``'s; the cursor stays on the same file when it can."""
        keep = self.highlighted_key()
        self.summary = summary
        self.clear(columns=True)
        several_years = len(years_of(summary)) > 1
        sources = summary.used_sources()
        # The source names its pair of columns once, over 上年度, as the printed form groups them.
        # 合计 and the counts come right after the name (and 年度), the sources after them: at 80
        # columns what a reviewer compares (合计, 错误, 警告) is on screen; the sources scroll sideways.
        heads = [
            Text(f"{group}\n{column}", justify="right")
            for source in ["合计", *sources]
            for group, column in ((one_line(source), LAST), ("", THIS))
        ]
        heads[2:2] = [Text("\n错误", justify="right"), Text("\n警告", justify="right")]
        if several_years:
            heads.insert(0, Text("\n年度"))
        body = [(row.file, self._cells(row, sources, several_years)) for row in summary.rows]
        # One 合计 per year: money of different years is never added into one total.
        parts = by_year(summary) if several_years else [("", summary)]
        totals = [(f"{TOTAL_KEY}{year}", self._total_cells(part, sources, year)) for year, part in parts]
        widths = [max(cell_len(line) for line in head.plain.split("\n")) for head in heads]
        for _key, cells in [*body, *totals]:
            widths = [max(width, cell_len(cell.plain)) for width, cell in zip(widths, cells[1:], strict=True)]
        names = [cells[0] for _key, cells in body]
        natural = max([cell_len(name.plain) for name in names] + [cell_len("项目名称")])
        # The name takes what the columns up to 警告 leave (each has one cell of padding either side;
        # two cells are kept for the scrollbar); names are cut by display width, with an ellipsis.
        shown = widths[: 4 + several_years]
        room = self.app.size.width - sum(shown) - 2 * (len(shown) + 1) - 2
        self.add_column(Text("\n项目名称"), width=max(MIN_NAME, min(natural, room)), key="name")
        for index, (head, width) in enumerate(zip(heads, widths, strict=True)):
            self.add_column(head, width=width, key=str(index))
        for key, cells in body:
            self.add_row(*cells, key=key)
        for key, cells in totals:
            self.add_row(*cells, key=key)
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), animate=False)

    def highlighted_key(self) -> str | None:
        """The file name (or ``TOTAL_KEY`` and the year) of the row under the cursor, if any."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def highlighted_row(self) -> SummaryRow | None:
        """The project or unreadable file under the cursor; ``None`` on the totals row."""
        key = self.highlighted_key()
        if self.summary is None or key is None:
            return None
        return next((row for row in self.summary.rows if row.file == key), None)

    @staticmethod
    def _cells(row: SummaryRow, sources: tuple[str, ...], several_years: bool) -> list[Text]:
        if row.problem is not None:
            name = Text(f"{one_line(row.file)}（无法读取）", style="red")
            blanks = [Text("") for _ in range(2 * len(sources) + 4 + several_years)]
            name.no_wrap, name.overflow = True, "ellipsis"
            return [name, *blanks]
        if row.name:
            name = Text(one_line(row.name))
        else:
            name = Text(f"（未命名：{one_line(row.file)}）", style="dim")
        name.no_wrap, name.overflow = True, "ellipsis"
        cells = [name, *([Text(one_line(row.year))] if several_years else [])]
        cells += [_amount(row.last_total), _amount(row.total)]
        cells += [
            Text(str(row.errors), justify="right", style="red" if row.errors else ""),
            Text(str(row.warnings), justify="right", style="yellow" if row.warnings else ""),
        ]
        cells += [_amount(value) for source in sources for value in row.sources.get(source, (None, None))]
        return cells

    @staticmethod
    def _total_cells(summary: Summary, sources: tuple[str, ...], year: str) -> list[Text]:
        # ``year``: the 合计 of that year's projects, in a table of several years ("" when there is one).
        cells = [Text("合计"), *([Text(one_line(year) or "（无年度）")] if year else [])]
        cells += [_amount(summary.last_total), _amount(summary.total)]
        cells += [Text(str(summary.errors), justify="right"), Text(str(summary.warnings), justify="right")]
        cells += [_amount(value) for source in sources for value in summary.source_total(source)]
        for cell in cells:
            cell.stylize("bold")
        return cells
