"""各单位项目汇总: a bureau folder's units in one table, each with its projects and subtotal, and the checks.

The same summary as ``shenbao summary --all-units`` (``forms.workflows.bureau``):
one bold line per unit with its subtotal, its projects under it (本年度 beside
the previous year's draft of the same project, the change and rise, the
review state, the checks' counts), then the grand total. Under the table, the
reviewer's cross-unit checks in one line; k shows them whole in place of the
table. g shows one unit at a time (then all again), y the year before (then
the others present). The folder is read once, in a worker; switching the unit
never reads it again. Every cell is literal text.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import DataTable, Static

from forms.render.bureau import check_lines, title
from forms.render.width import clean
from forms.workflows.bureau import Draft, read_bureau
from forms.workflows.bureau_checks import DEFAULT_RISE, copied_sets, rises_without_basis
from forms.workflows.bureau_summary import BureauSummary, summarize_drafts
from tui.screens.summary_units_table import UnitsTable, checks_line
from tui.widgets.footer import QuietFooter


class BureauSummaryScreen(Screen[None]):
    """Every unit's projects of one year; Escape goes back."""

    CSS_PATH = "summary.tcss"
    BINDING_GROUP_TITLE = "各单位汇总"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "返回", id="units.back"),
        Binding("g", "next_unit", "单位", tooltip="逐个单位查看，或看全部单位", id="units.unit"),
        Binding("y", "next_year", "年度", tooltip="切换汇总的年度（与上一年度比较）", id="units.year"),
        Binding("k", "toggle_checks", "复核提示", tooltip="相同指标组、增幅过大且无测算依据", id="units.checks"),
        Binding("r", "reload", "重新汇总", show=False, id="units.reload"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | escape | Back. |
    | g | Show one unit (then the next, then all units again). |
    | y | Sum up another year present (each compared with the year before it). |
    | k | Show the reviewer's checks in full in place of the table, or the table again. |
    | r | Read every unit's drafts again. |
    """

    def __init__(self, folder: Path, *, unit: str | None = None, rise: Decimal = DEFAULT_RISE) -> None:
        """Sum up the bureau folder ``folder``; ``unit`` (a unit's name) to show that one first."""
        super().__init__()
        self.folder = folder
        """The bureau folder."""
        self.drafts: tuple[Draft, ...] | None = None
        """Every draft read; ``None`` while loading."""
        self.summary: BureauSummary | None = None
        """The summary of the chosen year."""
        self.year: int | None = None
        """The year chosen; ``None`` for the latest present."""
        self.unit = unit
        """The unit shown; ``None`` for all."""
        self.rise = rise
        """The rise above which a project without 测算依据 is named."""
        self.checks: list[str] = []
        """The checks' sentences for the summary shown."""
        self.full_checks = False
        """Whether the checks are shown in place of the table."""

    def compose(self) -> ComposeResult:
        """Heading, table (or the checks), detail and checks lines, footer."""
        yield Static(Text("各单位项目汇总"), id="summary-heading")
        yield UnitsTable(id="summary-table")
        with ScrollableContainer(id="summary-chart", can_focus=True):
            yield Static(id="summary-chart-text")
        yield Static(Text("正在读取各单位的草稿…"), id="summary-detail")
        yield Static(id="summary-totals")
        yield QuietFooter(compact=True)

    def on_mount(self) -> None:
        """Start reading the folder."""
        self.query_one("#summary-chart").display = False
        self.action_reload()

    @work(thread=True, exclusive=True, group="units-load")
    def _load(self, year: int | None) -> None:
        drafts = self.drafts if self.drafts is not None else tuple(read_bureau(self.folder))
        summary = summarize_drafts(drafts, year=year, folder=self.folder)
        checks = check_lines(copied_sets(summary), rises_without_basis(summary, self.rise), self.rise)
        self.app.call_from_thread(self._loaded, drafts, summary, checks)

    def _loaded(self, drafts: tuple[Draft, ...], summary: BureauSummary, checks: list[str]) -> None:
        self.drafts, self.summary, self.checks = drafts, summary, checks
        if self.unit is not None and self.unit not in self.units():
            self.unit = None
        self._show()

    def units(self) -> list[str]:
        """The units with a project of the year, in order."""
        return [part.unit for part in self.summary.units] if self.summary is not None else []

    def years(self) -> list[int]:
        """The years some draft is for, in order."""
        return sorted({d.year for d in self.drafts or () if d.year is not None})

    # -- what is shown -----------------------------------------------------

    def _show(self) -> None:
        summary = self.summary
        if summary is None:
            return
        which = "全部单位" if self.unit is None else self.unit
        heading = Text(clean(title(summary)), style="bold")
        heading.append(clean(f"  显示：{which}（g 切换）"))
        self.query_one("#summary-heading", Static).update(heading)
        self.query_one(UnitsTable).show(summary, self.unit)
        self.query_one("#summary-totals", Static).update(checks_line(self.checks))
        self.query_one("#summary-chart-text", Static).update(Text("\n".join(clean(c) for c in self.checks)))
        self._show_detail()
        self.refresh_bindings()

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        detail = self.query_one("#summary-detail", Static)
        if self.summary is None:
            return
        if not self.summary.rows:
            detail.update(Text("各单位都还没有草稿。"))
            return
        detail.update(self.query_one(UnitsTable).detail())

    def on_resize(self) -> None:
        """Fit the name column to the new width."""
        self._show()

    # -- keys ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim what needs a loaded summary; y only with another year to go to."""
        if action in ("next_unit", "toggle_checks", "next_year") and self.summary is None:
            return None
        if action == "next_year":
            return True if len(self.years()) > 1 else None
        return True

    def action_back(self) -> None:
        """Back to where the summary was opened."""
        self.dismiss(None)

    def action_reload(self) -> None:
        """Read every unit's drafts again."""
        self.drafts = None
        self._load(self.year)

    def action_next_unit(self) -> None:
        """Show the next unit; after the last, all of them again."""
        cycle: list[str | None] = [None, *self.units()]
        self.unit = cycle[(cycle.index(self.unit) + 1) % len(cycle)] if self.unit in cycle else None
        self._show()

    def action_next_year(self) -> None:
        """Sum up the year before the one shown (from the earliest, the latest again)."""
        years = self.years()
        shown = self.summary.year if self.summary is not None else None
        if not years or shown is None:
            return
        earlier = [year for year in years if year < shown]
        self.year = earlier[-1] if earlier else years[-1]
        self._load(self.year)

    def action_toggle_checks(self) -> None:
        """Show the checks in full in place of the table, or the table again."""
        self.full_checks = not self.full_checks
        table, checks = self.query_one(UnitsTable), self.query_one("#summary-chart")
        table.display, checks.display = not self.full_checks, self.full_checks
        self.query_one("#summary-detail").display = not self.full_checks
        (checks if self.full_checks else table).focus()

    def action_view(self) -> None:
        """View the highlighted project's rendered form, read-only."""
        from forms.store.drafts import DraftError, load_draft
        from tui.screens.viewer import ViewerScreen

        row = self.query_one(UnitsTable).highlighted_row()
        if row is None:
            return
        path = self.folder / row.file
        try:
            draft = load_draft(path)
        except DraftError as error:
            self.notify(clean(f"无法查看：{error}"), severity="error", markup=False)
            return
        self.app.push_screen(ViewerScreen(path, draft))
