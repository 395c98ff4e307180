"""The store's part for new drafts made from old ones, the summary and the unit profile (issue 7).

A mixin of ``tui.folder.store.DraftStore``, which provides ``load``, ``create``,
``paths`` and ``summaries``; kept apart so the store's module stays about
reading and writing single files. The unit profile (``_profile.toml``) lives
in the drafts folder and is read and written here, through ``forms.workflows.profile``,
which refuses to replace a profile file it cannot read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from forms.store.files import DraftError

if TYPE_CHECKING:
    from forms.model.declaration import Declaration
    from forms.workflows.profile import UnitProfile
    from tui.folder.summaries import DraftSummary


class SuccessorExists(Exception):
    """The folder already has next year's draft of the project being carried over."""

    def __init__(self, path: Path, year: int) -> None:
        self.path = path
        """The existing draft of the project for ``year``."""
        self.year = year
        """The year the carry-over was for."""
        super().__init__(f"已有 {year} 年度的草稿 {path.name}")


class ProjectActions:
    """Carry over, summary entries and the unit profile, for ``DraftStore``."""

    folder: Path

    if TYPE_CHECKING:  # provided by DraftStore

        def paths(self) -> list[Path]: ...
        def summaries(self) -> list[DraftSummary]: ...
        def load(self, path: Path) -> Declaration: ...
        def create(self, draft: Declaration, *, stem: str | None = None) -> Path: ...

    def successor(self, draft: Declaration) -> Path | None:
        """The draft of the same 项目名称 for the year after ``draft``'s, if the folder has one.

        Raises:
            RolloverError: ``draft``'s 年度 is blank or not a year.
        """
        from forms.workflows.rollover import next_year

        year = next_year(draft)
        name = draft.project.name.strip()
        for summary in self.summaries():
            if summary.problem is None and summary.name.strip() == name and _year(summary.year) == year:
                return summary.path
        return None

    def rollover(self, path: Path, *, force: bool = False) -> Path:
        """Write next year's 延续项目 draft of ``path`` beside it, as ``shenbao rollover`` does.

        The new file is named “<项目名称>-<year>”; the original is only read.

        Args:
            path: The draft to carry over.
            force: Carry over even when next year's draft of the project exists.

        Raises:
            DraftError: the draft cannot be read.
            RolloverError: its 年度 is blank or not a year.
            SuccessorExists: next year's draft exists (and not ``force``).
            OSError: the new file could not be written.
        """
        from forms.workflows.rollover import next_year, rollover

        draft = self.load(path)
        year = next_year(draft)
        new = rollover(draft)
        existing = None if force else self.successor(draft)
        if existing is not None:
            raise SuccessorExists(existing, year)
        name = new.project.name.strip() or "未命名项目"
        return self.create(new, stem=f"{name}-{year}")

    def entries(self) -> list[tuple[Path, Declaration | DraftError]]:
        """Every draft file read afresh: the draft, or why it cannot be read (for ``forms.workflows.summary``)."""
        found: list[tuple[Path, Declaration | DraftError]] = []
        for path in self.paths():
            try:
                found.append((path, self.load(path)))
            except DraftError as error:
                found.append((path, error))
        return found

    def profile(self) -> UnitProfile:
        """The unit profile of the folder (empty when there is none).

        Raises:
            ProfileError: the profile file cannot be read; it is then never written.
        """
        from forms.workflows.profile import load_profile

        return load_profile(self.folder)

    def save_profile(self, profile: UnitProfile) -> Path:
        """Write the unit profile atomically; returns its path.

        Raises:
            ProfileError: the existing profile file cannot be read; it is left as it is.
            OSError: the file could not be written (the old one is then intact).
        """
        from forms.workflows.profile import save_profile

        return save_profile(profile, self.folder)


def _year(text: str) -> int | None:
    from forms.model.dates import DateError, parse_year  # not before the list's first frame

    try:
        return parse_year(text)
    except DateError:
        return None
