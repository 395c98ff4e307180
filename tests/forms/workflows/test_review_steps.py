"""Review and return in the model: 退回/通过/重新打开, the record of every step, and format 1 kept byte for byte."""

from pathlib import Path

import pytest
from repo_paths import DRAFTS

from forms.store.drafts import draft_paths, dumps, load_draft, loads
from forms.workflows.review import ReviewError, approve, is_approved, reopen, return_draft, review_line
from forms.workflows.rollover import duplicate, rollover


@pytest.mark.parametrize("path", draft_paths(DRAFTS), ids=lambda p: p.stem)
def test_drafts_without_a_review_save_byte_for_byte(path: Path) -> None:
    draft = load_draft(path)
    assert draft.review is None
    assert dumps(draft).encode("utf-8") == path.read_bytes()


def test_review_steps_round_trip_and_keep_every_step() -> None:
    draft = load_draft(draft_paths(DRAFTS)[0])
    returned = return_draft(draft, "租金测算依据不足，请补充[red]x[/]", by="李审核", when="2026-12-06 09:00")
    assert returned.state == "draft" and draft.review is None  # a copy: the original is unchanged
    approved = approve(returned, by="李审核", when="2026-12-07 10:00")
    assert is_approved(approved) and approved.state == "final"
    reopened = reopen(approved, "补报附件", by="王填报", when="2026-12-08 11:00")
    assert reopened.state == "draft" and not is_approved(reopened)
    text = dumps(reopened)
    assert "schema = 2" in text and "[review]" in text
    again = loads(text)
    assert dumps(again) == text and again.review == reopened.review
    assert [(e.action, e.by, e.date, e.opinion) for e in again.review.history] == [
        ("returned", "李审核", "2026-12-06 09:00", "租金测算依据不足，请补充[red]x[/]"),
        ("approved", "李审核", "2026-12-07 10:00", ""),
        ("reopened", "王填报", "2026-12-08 11:00", "补报附件"),
    ]
    assert review_line(returned.review) == "退回：租金测算依据不足，请补充[red]x[/]（李审核 2026-12-06 09:00）"


def test_refused_steps_say_why() -> None:
    draft = load_draft(draft_paths(DRAFTS)[0])
    with pytest.raises(ReviewError, match="审核意见"):
        return_draft(draft, "  ")
    with pytest.raises(ReviewError, match="未审核通过"):
        reopen(draft)
    with pytest.raises(ReviewError, match="已审核通过"):
        approve(approve(draft, force=True), force=True)
    blank = draft.model_copy(update={"year": ""}, deep=True)
    blank.project.name = ""
    with pytest.raises(ReviewError, match="错误"):
        approve(blank)


def test_a_carried_over_or_duplicated_draft_starts_unreviewed() -> None:
    approved = approve(load_draft(draft_paths(DRAFTS)[0]), force=True)
    assert rollover(approved).review is None
    assert duplicate(approved).review is None
