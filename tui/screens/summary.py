"""项目汇总: every project of the drafts folder in one table, with totals and a bar chart.

The same summary as ``shenbao summary`` (``forms.workflows.summary``): a row per project
with its funding by source, 上年度 and 本年度 合计 and the checks' error and
warning counts, a grand totals row, and (c) the chart of this year's budget by
project against last year's. The folder is read and checked once, in a
worker; y cycles through the years present without reading it again. Files
that cannot be read are listed with their reason and count toward no total.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import DataTable, Static

from forms.render.chart import bar_chart
from forms.render.summary import title
from forms.render.width import clean
from forms.store.drafts import DraftError
from forms.workflows.summary import Summary, summarize
from tui.folder.store import DraftStore
from tui.screens.summary_table import TOTAL_KEY, SummaryTable, for_year, one_line, totals_text, years_of
from tui.widgets.footer import QuietFooter


class SummaryScreen(Screen[None]):
    """The summary of all projects (or one year's); Escape goes back to the list."""

    CSS_PATH = "summary.tcss"
    BINDING_GROUP_TITLE = "项目汇总"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "返回", id="summary.back"),
        Binding("y", "next_year", "年度", tooltip="在各年度与全部之间切换", id="summary.year"),
        Binding("c", "toggle_chart", "图表", tooltip="本年度与上年度对比条形图", id="summary.chart"),
        Binding("e", "export", "导出", tooltip="导出为文本、Markdown、CSV 或 Excel", id="summary.export"),
        Binding("g", "all_units", "全部单位", tooltip="所在局文件夹中各单位的汇总", id="summary.units"),
        Binding("a", "toggle_ascii", "ASCII 字符", show=False, id="summary.ascii"),
        Binding("r", "reload", "重新汇总", show=False, id="summary.reload"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | escape | Back to the drafts list. |
    | y | Next year: all years, then each year present in turn. |
    | c | Show the bar chart instead of the table, or the table again. |
    | e | Export the summary (text, Markdown, CSV or Excel workbook) into <drafts>/exports/. |
    | g | In a unit folder of a bureau folder: the summary of every unit (this one first). |
    | a | Draw the chart (and text export) with ASCII characters only. |
    | r | Read and check every draft again. |
    """

    def __init__(self, store: DraftStore) -> None:
        """Summarize the drafts of ``store``'s folder."""
        super().__init__()
        self.store = store
        """The drafts folder."""
        self.full: Summary | None = None
        """The summary of every draft, all years; ``None`` while loading."""
        self.year: int | None = None
        """The year shown; ``None`` for all years."""
        self.chart = False
        """Whether the chart is shown instead of the table."""
        self.ascii = False
        """Whether the chart is drawn with ASCII characters."""

    @property
    def shown(self) -> Summary | None:
        """The summary on screen (of the chosen year)."""
        return None if self.full is None else for_year(self.full, self.year)

    def compose(self) -> ComposeResult:
        """Heading, table (or chart), detail and totals lines, footer."""
        yield Static(Text("项目汇总"), id="summary-heading")
        yield SummaryTable(id="summary-table")
        with ScrollableContainer(id="summary-chart", can_focus=True):
            yield Static(id="summary-chart-text")
        yield Static(Text("正在读取并检查草稿…"), id="summary-detail")
        yield Static(id="summary-totals")
        yield QuietFooter(compact=True)

    def on_mount(self) -> None:
        """Start reading the folder."""
        self.query_one("#summary-chart").display = False
        self.action_reload()

    @work(thread=True, exclusive=True, group="summary-load")
    def _load(self) -> None:
        summary = summarize(self.store.entries())
        self.app.call_from_thread(self._loaded, summary)

    def _loaded(self, summary: Summary) -> None:
        self.full = summary
        if self.year is not None and self.year not in years_of(summary):
            self.year = None
        self._show()

    # -- what is shown -----------------------------------------------------

    def _show(self) -> None:
        summary = self.shown
        if summary is None:
            return
        which = "全部年度" if self.year is None else f"{self.year} 年度"
        heading = Text(clean(title(summary)), style="bold")
        heading.append(f"  显示：{which}（y 切换）")
        self.query_one("#summary-heading", Static).update(heading)
        self.query_one(SummaryTable).show(summary)
        self.query_one("#summary-totals", Static).update(totals_text(summary))
        self._show_chart()
        self._show_detail()
        self.refresh_bindings()

    def _show_chart(self) -> None:
        summary = self.shown
        if summary is None or not self.chart:
            return
        width = max(40, self.query_one("#summary-chart").size.width - 2)
        lines = bar_chart(summary, width=width, ascii=self.ascii) or ["（没有可绘制的项目）"]
        self.query_one("#summary-chart-text", Static).update(Text(clean("\n".join(lines)), no_wrap=True))

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        detail = self.query_one("#summary-detail", Static)
        summary, table = self.shown, self.query_one(SummaryTable)
        if summary is None:
            return
        if not summary.rows:
            which = "" if self.year is None else f" {self.year} 年度的"
            detail.update(Text(f"草稿文件夹中没有{which}草稿。"))
            return
        row = table.highlighted_row()
        if row is None:
            several = "；含多个年度，按 y 只看一年" if self.year is None and len(years_of(summary)) > 1 else ""
            detail.update(Text(f"合计行：所有可读取的项目{several}。"))
        elif row.problem is not None:
            detail.update(Text(one_line(f"{row.file} 无法读取：{row.problem}（未计入合计）"), style="red"))
        else:
            parts = [row.file, f"{row.year or '年度未填'}", row.attribute or "项目属性未选"]
            if row.unreadable_amounts:
                parts.append(f"{row.unreadable_amounts} 处金额无法识别")
            detail.update(Text(one_line(" · ".join(parts) + " · Enter 查看")))

    def on_resize(self) -> None:
        """Fit the name column and the chart to the new width."""
        self._show()

    # -- keys ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim what needs a loaded summary; Enter views only a readable project's row."""
        if action in ("next_year", "export", "toggle_chart") and self.full is None:
            return None
        if action == "all_units":
            return self._bureau() is not None  # shown only where there are units
        if action == "view":
            row = self.query_one(SummaryTable).highlighted_row()
            return True if row is not None and row.problem is None and not self.chart else None
        return True

    def action_back(self) -> None:
        """Back to the drafts list."""
        self.dismiss(None)

    def _bureau(self) -> Path | None:
        if not hasattr(self, "_bureau_folder"):
            from tui.folder.bureau_marks import bureau_of

            self._bureau_folder = bureau_of(self.store.folder)
        return self._bureau_folder

    def action_all_units(self) -> None:
        """The summary of every unit of the bureau folder this unit belongs to."""
        from forms.workflows.bureau_folder import unit_name
        from tui.screens.summary_units import BureauSummaryScreen

        bureau = self._bureau()
        if bureau is not None:
            unit = unit_name(self.store.folder) if bureau != self.store.folder else None
            self.app.push_screen(BureauSummaryScreen(bureau, unit=unit))

    def action_reload(self) -> None:
        """Read and check every draft again."""
        self._load()

    def action_next_year(self) -> None:
        """Show the next year present (all years, then each year in turn)."""
        if self.full is None:
            return
        cycle: list[int | None] = [None, *years_of(self.full)]
        self.year = cycle[(cycle.index(self.year) + 1) % len(cycle)] if self.year in cycle else None
        self._show()

    def action_toggle_chart(self) -> None:
        """Show the chart in place of the table, or the table again."""
        self.chart = not self.chart
        table, chart = self.query_one(SummaryTable), self.query_one("#summary-chart")
        table.display, chart.display = not self.chart, self.chart
        self.query_one("#summary-detail").display = not self.chart  # it is about the table's row
        (chart if self.chart else table).focus()
        self.call_after_refresh(self._show_chart)  # the chart is drawn for its width, known once shown
        self.refresh_bindings()

    def action_toggle_ascii(self) -> None:
        """Draw the chart with ASCII characters (for terminals that draw block characters two cells wide)."""
        self.ascii = not self.ascii
        self._show_chart()

    def action_view(self) -> None:
        """View the highlighted project's rendered form, read-only."""
        from tui.screens.viewer import ViewerScreen

        row = self.query_one(SummaryTable).highlighted_row()
        if row is None or row.problem is not None:
            return
        path = self.store.folder / row.file
        try:
            draft = self.store.load(path)
        except DraftError as error:
            self.notify(clean(f"无法查看：{error}"), severity="error", markup=False)
            return
        self.app.push_screen(ViewerScreen(path, draft))

    def action_export(self) -> None:
        """Ask for a format, then write the summary into ``<drafts>/exports/``."""
        from tui.screens.summary_export import export_summary

        summary = self.shown
        if summary is not None:
            export_summary(self, summary, ascii=self.ascii)


__all__ = ["TOTAL_KEY", "SummaryScreen"]
