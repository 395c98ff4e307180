"""The drafts list's reviewer keys: 通过, 退回 with a 审核意见, 重新打开, in a dialog (``ReviewDialog``).

A mixin of ``DraftsScreen`` (which binds ``a``). The step itself is
``forms.workflows.review_file``'s: under the draft's lock, saved only over the
file as read, committed when the folder keeps history. ``a`` is on the key line
where reviewing is what happens (a unit folder of a bureau, or a folder with
reviewed drafts); elsewhere it works the same and is listed in F1.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.folder.store import DraftStore, DraftSummary

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel


class ReviewActions:
    """The reviewer's actions of the drafts list."""

    _unit_of_bureau: bool | None = None

    if TYPE_CHECKING:  # provided by DraftsScreen
        store: DraftStore
        app: App
        summaries: list[DraftSummary]

        def highlighted(self) -> DraftSummary | None: ...
        def call_after_refresh(self, callback: Callable[[], object]) -> bool: ...
        def refresh_bindings(self) -> None: ...
        def reload(self, *, forget: bool = False, select: Path | None = None) -> None: ...
        def say(
            self, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None
        ) -> None: ...

    def reviewing(self) -> bool:
        """Whether the reviewer's key belongs on the line: a unit folder of a bureau, or a folder with reviews.

        Judged for the folder, not the row: keys that came and went with the cursor would move the others.
        """
        if self._unit_of_bureau is None:
            # Judged after the first frame: a look at every entry of a large folder is not the frame's to pay.
            self._unit_of_bureau = False
            self.call_after_refresh(self._judge_bureau)
        # A scan of the rows (10,000 take under a millisecond) on each check: the list changes in place.
        return self._unit_of_bureau or any(summary.review for summary in self.summaries)

    def _judge_bureau(self) -> None:
        from tui.folder.bureau_marks import unit_of_bureau

        self._unit_of_bureau = unit_of_bureau(self.store.folder)
        if self._unit_of_bureau:
            self.refresh_bindings()

    def action_review_here(self) -> None:
        """The reviewer's key, as shown on the line (``action_review``)."""
        self.action_review()

    def action_review(self) -> None:
        """The reviewer's steps on the highlighted draft: 通过, 退回 with a 审核意见, or 重新打开 (in a dialog)."""
        from tui.screens.review_dialog import ReviewChoice, ReviewDialog

        summary = self.highlighted()
        if summary is None or summary.problem is not None:
            return
        name = summary.name.strip() or summary.path.name

        def chosen(choice: ReviewChoice | None) -> None:
            if choice is not None:
                self._review(summary.path, choice.action, choice.opinion, force=False)

        dialog = ReviewDialog(name, summary.review_note, approved=summary.review == "approved")
        self.app.push_screen(dialog, chosen)

    def _review(self, path: Path, action: str, opinion: str, *, force: bool) -> None:
        from forms.workflows.review import HasErrors, ReviewError, review_line
        from forms.workflows.review_file import review_file

        try:
            draft, warning = review_file(path, action, opinion=opinion, force=force)  # type: ignore[arg-type]
        except HasErrors as error:
            self._ask_force(path, f"有 {error.count} 个错误")
            return
        except ReviewError as error:
            self.say(f"未能完成：{error}", severity="error", timeout=8)
            return
        self.say(f"{path.name}：{review_line(draft.review)}", timeout=8)
        if warning:
            self.say(warning, severity="warning", timeout=8)
        self.reload(select=path)

    def _ask_force(self, path: Path, problem: str) -> None:
        from tui.widgets.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._review(path, "approved", "", force=True)

        question = f"此草稿检查{problem}。\n仍要审核通过吗？"
        self.app.push_screen(ConfirmScreen(question, title="检查有错误", yes="仍然通过", no="取消"), answered)
