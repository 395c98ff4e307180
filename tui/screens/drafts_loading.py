"""How the drafts list takes its rows: the first frame's, then the worker's batches, in place.

A mixin of ``DraftsScreen`` (``tui.screens.drafts``), which shows the first
frame's rows (from the index, or glanced at) and runs the worker that reads
and checks every file; this part merges what arrives into the table, keeps the
cursor where the operator put it, and keeps the count line right meanwhile.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import Input, Static

from tui.folder.store import DraftSummary
from tui.widgets.drafts_table import heading_text, matches

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from tui.folder.store import DraftStore
    from tui.widgets.drafts_table import DraftsTable


class DraftsLoading:
    """The drafts list's rows as they arrive, for ``DraftsScreen``."""

    if TYPE_CHECKING:  # provided by DraftsScreen
        store: DraftStore
        table: DraftsTable
        summaries: list[DraftSummary]
        reading: bool
        _by_path: dict[Path, DraftSummary]
        _count: int | None
        _provisional: dict[Path, int]
        _arrived: list[Path]
        _wanted: Path | None
        _chosen: bool

        def highlighted_path(self) -> Path | None: ...
        def _show_detail(self) -> None: ...
        def refresh_bindings(self) -> None: ...
        def query_one(self, selector: str, expect_type: type[DOMNode]) -> DOMNode: ...

    def _receive(self, batch: list[DraftSummary], first: bool, done: bool) -> None:
        """Take one batch of rows from the worker (the first batch replaces the old listing).

        Rows the first frame showed before the worker ran (glanced at, or from
        the index) are not cleared: the worker's rows replace them in place, so
        nothing vanishes and comes back while a slow folder is read.
        """
        placed = not first and self._wanted is not None and str(self._wanted) in self.table.rows
        if (first and not self._chosen) or placed:
            # The cursor stays where the operator has moved it meanwhile (on the first frame's rows, or
            # the rows of earlier batches), unless it is still to go to a row that has not arrived yet.
            self._wanted = self.highlighted_path() or self._wanted
        if first and not self._provisional:
            self.summaries = []
            self._by_path = {}
            self._arrived = []
            self.table.show([])
        self._arrived.extend(summary.path for summary in batch)
        fresh = [summary for summary in batch if not self._replaced(summary)]
        self.summaries.extend(fresh)
        self._by_path.update((summary.path, summary) for summary in batch)
        self.table.extend(self._passing(fresh), keep=self._wanted)
        if done:
            self._settle_order()
            self.reading = False
            self._show_detail()
            self.refresh_bindings()
        self._show_heading()

    def _provisional_rows(self, rows: list[DraftSummary]) -> None:
        """The first frame's rows are to be replaced in place by the worker's."""
        self._provisional = {summary.path: number for number, summary in enumerate(rows)}
        self._arrived = []

    def _replaced(self, summary: DraftSummary) -> bool:
        number = self._provisional.pop(summary.path, None)
        if number is None:
            return False
        self.summaries[number] = summary
        self.table.replace(summary)
        return True

    def _settle_order(self) -> None:
        # Rows of files gone since the first frame, or new ones that sort among its rows: show the worker's order.
        order = {path: number for number, path in enumerate(self._arrived)}
        stale = bool(self._provisional)
        self._provisional = {}
        if stale or [summary.path for summary in self.summaries] != self._arrived:
            self.summaries = sorted((s for s in self.summaries if s.path in order), key=lambda s: order[s.path])
            self._by_path = {summary.path: summary for summary in self.summaries}
            self.table.show(self._passing(self.summaries), keep=self._wanted or self.highlighted_path())

    def _fill(self) -> None:
        """Show every draft that passes the filter (after the filter changed)."""
        self.table.show(self._passing(self.summaries), keep=self._wanted)
        self._show_heading()
        self._show_detail()
        self.refresh_bindings()

    def _passing(self, summaries: list[DraftSummary]) -> list[DraftSummary]:
        needle = self.query_one("#drafts-filter", Input).value
        return [summary for summary in summaries if matches(summary, needle)]

    def _show_heading(self) -> None:
        total, shown = len(self.summaries), self.table.row_count
        if self.reading and self._count is not None and total < self._count:
            # The first rows of a large folder: the count is the folder's, not the rows read so far.
            filtered = bool(self.query_one("#drafts-filter", Input).value)
            total, shown = self._count, shown if filtered else self._count
        heading = heading_text(total, shown, self.store.folder)
        self.query_one("#drafts-heading", Static).update(heading)
