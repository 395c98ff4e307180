"""The review lock's one decision and one message: which file is 通过, and how to reopen it, said plainly."""

from __future__ import annotations

from pathlib import Path

import pytest
from repo_paths import DRAFTS

from forms.store.drafts import load_draft, save_draft
from forms.workflows.review import (
    approval_text,
    approve,
    approved_on_disk,
    locked_message,
    reopen,
    reopen_command,
)

RENT = DRAFTS / "政务大厅租金.toml"


def test_only_an_approved_readable_draft_is_locked_on_disk(tmp_path: Path) -> None:
    approved = approve(load_draft(RENT), by="李审核", when="2026-12-07 10:00", force=True)
    save_draft(approved, tmp_path / "a.toml")
    save_draft(reopen(approved, by="王填报"), tmp_path / "b.toml")
    (tmp_path / "c.toml").write_text("state = [", "utf-8")  # unreadable: replaced or deleted as before, kept aside
    found = approved_on_disk(tmp_path / "a.toml")
    assert found is not None and found.review == approved.review
    assert [approved_on_disk(tmp_path / n) for n in ("b.toml", "c.toml", "missing.toml")] == [None, None, None]
    assert approved_on_disk(RENT) is None


def test_the_message_names_who_when_what_and_how_to_reopen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    draft = approve(load_draft(RENT), by="李审核", when="2026-12-07 10:00", force=True)
    draft.project.name = " [bold]政务大厅\n租金[/] "
    message = locked_message(draft, Path("drafts/政务 大厅.toml"), "不能删除")
    assert message == (
        "“[bold]政务大厅 租金[/]”（政务 大厅.toml）已由 李审核 于 2026-12-07 10:00 审核通过，不能删除；"
        "请先重新打开：shenbao review 'drafts/政务 大厅.toml' --reopen（重新打开记入审核记录）"
    )
    assert locked_message(draft, Path("a.toml"), "不能删除", "按 F4").endswith("不能删除；按 F4")


@pytest.mark.parametrize(
    ("reviewer", "date", "text"),
    [
        ("李审核", "2026-12-07 10:00", "已由 李审核 于 2026-12-07 10:00 审核通过"),
        ("李审核", "", "已由 李审核 审核通过"),
        ("", "", "已审核通过"),
    ],
)
def test_approval_text_says_what_the_record_holds(reviewer: str, date: str, text: str) -> None:
    draft = approve(load_draft(RENT), by="x", when="y", force=True)
    draft.review.reviewer, draft.review.date = reviewer, date
    assert approval_text(draft) == text


def test_reopen_command_is_relative_here_and_absolute_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert (
        reopen_command(tmp_path / "here" / "drafts" / "租金（2022）.toml")
        == "shenbao review drafts/租金（2022）.toml --reopen"
    )
    assert reopen_command(tmp_path / "a$b.toml") == f"shenbao review '{tmp_path / 'a$b.toml'}' --reopen"
