"""The editor's part in review and return: the bureau's 审核意见 shown, and an approved draft reopened on record.

A draft the bureau returned (退回) opens with its 审核意见 on a red line under
the status line, and in a notice long enough to read it whole. A draft the
bureau approved (通过) opens read-only; F4 (or u in 检查与导出) asks before
reopening it, since it must then be reviewed again, and the reopening is
written into the draft's review record (and its git history, when kept).
A mixin of ``EditorScreen``, which provides the draft, saving and read-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from forms.render.width import clean
from forms.workflows.review import ReviewError, approval_text, is_approved, operator_name, reopen, review_line

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import App

    from forms.model.declaration import Declaration

APPROVED_BANNER = "审核通过（只读） · 按 F4 重新打开（记入审核记录，须重新送审）"
FINAL_BANNER = "定稿（只读） · 按 F4 重新编辑"


class EditorReview:
    """The 审核意见 line and the recorded reopening of an approved draft."""

    if TYPE_CHECKING:  # provided by EditorScreen
        app: App
        draft: Declaration
        path: Path
        dirty: bool
        _banner: Static

        def flush(self) -> bool: ...
        def set_read_only(self, read_only: bool) -> None: ...
        def notify(self, message: str, **kwargs: object) -> None: ...

    def review_line_widget(self) -> Static:
        """The line under the status line that carries the review (hidden when the draft has none to show)."""
        notice = Static(id="editor-review")
        self._review_notice = notice
        return notice

    def banner_text(self) -> str:
        """The read-only banner for this draft: approved, or 定稿."""
        return APPROVED_BANNER if is_approved(self.draft) else FINAL_BANNER

    def show_review(self, *, announce: bool = False) -> None:
        """Show the review line (退回 or reopened; 通过 is said by the banner); with ``announce``, a notice too."""
        review = self.draft.review
        shown = review is not None and review.state != "approved"
        notice = self._review_notice
        notice.display = shown
        notice.set_class(review is not None and review.state == "returned", "-returned")
        if shown:
            notice.update(Content(clean(review_line(review)).replace("\n", " ")))
        if announce and review is not None and review.state == "returned":
            self.notify(clean(review_line(review)), title="本表已被退回", severity="warning", timeout=20, markup=False)

    def reopen_approved(self) -> None:
        """Ask, then reopen the approved draft as 草稿, recording who reopened it and when."""
        from tui.widgets.confirm import ConfirmScreen

        question = (
            f"此草稿{approval_text(self.draft)}。\n"
            "重新打开后可以修改，但须重新送审；重新打开将记入审核记录（谁、何时）。\n确定重新打开？"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._reopen_on_record()

        self.app.push_screen(ConfirmScreen(question, title="重新打开已通过的草稿", yes="重新打开", no="取消"), answered)

    def _reopen_on_record(self) -> None:
        from forms.workflows.review_file import record_step

        by = operator_name()
        try:
            new = reopen(self.draft, by=by)
        except ReviewError as error:
            self.notify(clean(str(error)), severity="error", markup=False)
            return
        # In place: the sections write into this very draft object.
        before = self.draft.state, self.draft.review
        self.draft.state, self.draft.review = new.state, new.review
        self.dirty = True
        if not self.flush():
            self.draft.state, self.draft.review = before  # not saved (the notice says why): still approved
            self.dirty = False
            return
        warning = record_step(self.path, "reopened", self.draft, by)
        if warning:
            self.notify(clean(warning), severity="warning", markup=False, timeout=8)
        self._banner.update(Content(FINAL_BANNER))
        self.set_read_only(False)
        self.show_review()
        self.notify("已重新打开，可以修改；改好后请重新送审。", markup=False)
