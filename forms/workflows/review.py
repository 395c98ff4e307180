"""Review and return: the finance bureau's 退回 (with 审核意见) and 通过, and the unit's reopening.

A reviewer returns a draft to its unit with an opinion (the unit sees it in
the drafts list and when it opens the draft, and may edit again: the draft
goes back to 草稿), or approves it (通过: the draft becomes 定稿 and the unit
cannot change it). An approved draft is changed only after reopening it,
which is recorded in the draft's review record (``Declaration.review``) with
who and when, as every return and approval is: nothing in the record is ever
dropped. Each function returns a changed copy; the caller saves it.
"""

from __future__ import annotations

import getpass
import os
import shlex
from datetime import datetime
from pathlib import Path

from forms.model.declaration import Declaration, Review, ReviewEvent, ReviewState
from forms.model.review_text import REVIEW_NAMES, review_text


class ReviewError(Exception):
    """A review step that cannot be taken (no opinion for a 退回, errors before a 通过 …); the message is Chinese."""


class HasErrors(ReviewError):
    """通过 refused because the checks find errors (``force`` approves all the same)."""

    def __init__(self, count: int) -> None:
        self.count = count
        """How many errors."""
        super().__init__(f"有 {count} 个错误，不能审核通过（确需通过请加 --force）")


def operator_name() -> str:
    """Who is acting, for the review record: ``$SHENBAO_USER``, else the login name."""
    name = os.environ.get("SHENBAO_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def now_text() -> str:
    """The time for the record, to the minute."""
    return datetime.now().strftime("%Y-%m-%d %H:%M")


def is_approved(draft: Declaration) -> bool:
    """Whether the draft is 通过 (the unit may not change it until it is reopened)."""
    return draft.review is not None and draft.review.state == "approved"


def approved_on_disk(path: Path) -> Declaration | None:
    """The draft at ``path`` when it is 通过, else ``None`` (not approved, missing, or unreadable).

    For writers that replace, delete or restore into a file without opening it
    for editing: an unreadable file is no approved draft (those writers keep it aside).
    """
    from forms.store.drafts import DraftError, load_draft

    try:
        draft = load_draft(path)
    except DraftError:
        return None
    return draft if is_approved(draft) else None


def approval_text(draft: Declaration) -> str:
    """“已由 张三 于 2026-12-06 09:30 审核通过”: who approved the draft and when, as far as recorded."""
    review = draft.review
    who = review.reviewer.strip() if review is not None else ""
    when = review.date.strip() if review is not None else ""
    if who and when:
        return f"已由 {who} 于 {when} 审核通过"
    return f"已由 {who} 审核通过" if who else "已审核通过"


def reopen_command(path: Path) -> str:
    """The command that reopens the draft at ``path`` from here: ``shenbao review drafts/a.toml --reopen``."""
    try:
        shown = os.path.relpath(path)
    except ValueError:
        shown = str(path)
    if shown.startswith(".."):
        shown = str(path.absolute())
    # Quote only what the shell would split or expand: Chinese names stay readable.
    plain = all(char.isalnum() or char in "@%+=:,./-_（）" for char in shown)
    return f"shenbao review {shown if plain else shlex.quote(shown)} --reopen"


def locked_message(draft: Declaration, path: Path, refused: str, how: str | None = None) -> str:
    """Why a writer leaves an approved draft alone, and how to reopen it, in one Chinese sentence.

    Args:
        draft: the approved draft.
        path: its file.
        refused: what was not done (“不能替换”, “不能删除”).
        how: how to reopen it where the operator is; the ``shenbao review`` command by default.
    """
    name = " ".join(draft.project.name.split())
    what = f"“{name}”（{path.name}）" if name else path.name
    hint = how or f"请先重新打开：{reopen_command(path)}（重新打开记入审核记录）"
    return f"{what}{approval_text(draft)}，{refused}；{hint}"


def is_returned(draft: Declaration) -> bool:
    """Whether the draft was 退回 and not approved since."""
    return draft.review is not None and draft.review.state == "returned"


def return_draft(draft: Declaration, opinion: str, by: str | None = None, when: str | None = None) -> Declaration:
    """退回: the draft goes back to its unit as 草稿 with ``opinion``.

    Raises:
        ReviewError: the opinion is blank (a return says what to fix).
    """
    if not opinion.strip():
        raise ReviewError("退回必须填写审核意见（说明需要修改什么）")
    return _step(draft, "returned", opinion, by, when, state="draft")


def approve(draft: Declaration, by: str | None = None, when: str | None = None, *, force: bool = False) -> Declaration:
    """通过: the draft becomes 定稿 and stays so until reopened.

    Raises:
        ReviewError: it is already approved, or the checks find errors (unless ``force``).
    """
    if is_approved(draft):
        raise ReviewError("此草稿已审核通过")
    if not force:
        from forms.checks.runner import check, errors

        found = errors(check(draft))
        if found:
            raise HasErrors(len(found))
    return _step(draft, "approved", "", by, when, state="final")


def reopen(draft: Declaration, reason: str = "", by: str | None = None, when: str | None = None) -> Declaration:
    """重新打开 an approved draft: it becomes 草稿 again and the reopening is recorded.

    Raises:
        ReviewError: the draft is not approved (there is nothing to reopen).
    """
    if not is_approved(draft):
        raise ReviewError("此草稿未审核通过，无需重新打开")
    return _step(draft, "reopened", reason, by, when, state="draft")


def _step(
    draft: Declaration, action: ReviewState, opinion: str, by: str | None, when: str | None, *, state: str
) -> Declaration:
    event = ReviewEvent(action=action, by=by or operator_name(), date=when or now_text(), opinion=opinion)
    history = [*(draft.review.history if draft.review is not None else []), event]
    new = draft.model_copy(deep=True)
    new.state = state  # type: ignore[assignment]
    new.review = Review(state=action, opinion=opinion, reviewer=event.by, date=event.date, history=history)
    return new


def review_line(review: Review | None) -> str:
    """One line for the list's detail and the editor's notice: “退回：审核意见…（张三 2026-12-06 09:30）”."""
    if review is None:
        return ""
    return review_text(review.state, review.opinion, review.reviewer, review.date)


def history_message(action: ReviewState, name: str) -> str:
    """The Chinese message of a history commit for a review step: “退回：政务大厅租金”."""
    verb = {"returned": "退回", "approved": "审核通过", "reopened": "重新打开"}[action]
    return f"{verb}：{name.strip() or '（未命名项目）'}"


__all__ = [
    "REVIEW_NAMES",
    "HasErrors",
    "ReviewError",
    "approval_text",
    "approve",
    "approved_on_disk",
    "history_message",
    "is_approved",
    "is_returned",
    "locked_message",
    "now_text",
    "operator_name",
    "reopen",
    "reopen_command",
    "return_draft",
    "review_line",
]
