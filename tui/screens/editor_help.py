"""The editor's completions for 三级指标 and 指标值 from the folder's other drafts, read off the keys' path.

``read_indicator_help`` runs in a worker thread when the editor opens
(``IndicatorHelpLoader.start_indicator_help``); the screen hands the result to
the indicators section. Reading stops as soon as the worker is cancelled (the
app quitting), so it never holds up an exit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState, get_current_worker

from forms.model.declaration import Declaration
from forms.store.drafts import DraftError, draft_paths, load_draft
from forms.workflows.suggestions import IndicatorHelp
from tui.sections.indicators import IndicatorsSection

if TYPE_CHECKING:
    from tui.folder.store import DraftStore
    from tui.sections.base import Section


def read_indicator_help(folder: Path, editing: Path, cancelled: Callable[[], bool]) -> IndicatorHelp | None:
    """The indicators of every readable draft in ``folder`` but ``editing``; ``None`` when cancelled.

    Unreadable files are skipped: the drafts list reports them, and help just
    does without them.
    """
    this = editing.resolve()

    def others() -> Iterator[Declaration]:
        for path in draft_paths(folder):
            if cancelled():
                return
            try:
                if path.resolve() != this:
                    yield load_draft(path)
            except (DraftError, OSError):
                continue

    help = IndicatorHelp(others())
    return None if cancelled() else help


class IndicatorHelpLoader:
    """Mixin for the editor screen (list it before the Screen class): reads the other drafts once, in a thread."""

    store: DraftStore
    path: Path
    sections: list[Section]

    indicator_help: IndicatorHelp | None = None
    """Indicator names and values of the folder's other drafts, once the worker has read them."""

    def start_indicator_help(self) -> None:
        """Read the other drafts in a worker thread (call after the first paint: it must not delay it)."""
        self.run_worker(  # type: ignore[attr-defined]
            self._read_indicator_help, name="indicator-help", thread=True, exit_on_error=False
        )

    def _read_indicator_help(self) -> IndicatorHelp | None:
        worker = get_current_worker()
        return read_indicator_help(self.store.folder, self.path, lambda: worker.is_cancelled)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The other drafts are read: the indicator cells complete from them too."""
        if event.worker.name != "indicator-help" or event.state != WorkerState.SUCCESS:
            return
        help = event.worker.result
        if isinstance(help, IndicatorHelp):
            self.indicator_help = help
            for section in self.sections:
                if isinstance(section, IndicatorsSection):
                    section.use_help(help)
