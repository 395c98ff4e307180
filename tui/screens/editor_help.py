"""The editor's completions for 三级指标 and 指标值 from the folder's other drafts, read off the keys' path.

``read_indicator_help`` runs in a worker thread when the editor opens; the
screen hands the result to the indicators section. Reading stops as soon as
the worker is cancelled (the app quitting), so it never holds up an exit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from forms.model import Declaration
from forms.storage import DraftError, draft_paths, load_draft
from forms.suggest import IndicatorHelp


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
