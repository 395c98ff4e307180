"""Two copies of a drafts folder on real git: clean merges, a conflicted one, and hand-in by bundle."""

from __future__ import annotations

from pathlib import Path

import pytest
from git_support import EXAMPLE, edit, git, git_alone, unit_folder  # noqa: F401 (git_alone: autouse fixture)

from forms.history import record
from forms.store.drafts import load_draft
from tui.cli import main


def clone(source: Path, target: Path) -> Path:
    git(source.parent, "clone", "--quiet", str(source), str(target))
    return target


def pull(folder: Path, other: Path) -> int:
    """Merge ``other``'s history into ``folder`` as ``git pull`` would; git's exit status."""
    import subprocess

    env_args = ["-c", "user.name=合并人", "-c", "user.email=", "-c", "core.quotepath=off"]
    return subprocess.run(
        ["git", *env_args, "pull", "--quiet", "--no-rebase", "--no-edit", str(other), "HEAD"],
        cwd=folder,
        capture_output=True,
    ).returncode


def test_two_clones_editing_different_fields_of_one_draft_merge_cleanly(tmp_path: Path) -> None:
    office = unit_folder(tmp_path)
    laptop = clone(office, tmp_path / "laptop")
    edit(office / f"{EXAMPLE}.toml", total="50")
    record(office, [office / f"{EXAMPLE}.toml"], "定稿", author="张三")
    edit(laptop / f"{EXAMPLE}.toml", value="95%")
    record(laptop, [laptop / f"{EXAMPLE}.toml"], "定稿", author="李四")
    assert pull(office, laptop) == 0
    merged = load_draft(office / f"{EXAMPLE}.toml")
    assert merged.funding.total_this_year == "50" and merged.performance.indicators[0].value == "95%"


def test_a_conflicted_merge_is_listed_as_unreadable_with_the_reason_and_keeps_both_sides(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    office = unit_folder(tmp_path)
    laptop = clone(office, tmp_path / "laptop")
    edit(office / f"{EXAMPLE}.toml", total="50")
    record(office, [office / f"{EXAMPLE}.toml"], "定稿", author="张三")
    edit(laptop / f"{EXAMPLE}.toml", total="52.5")
    record(laptop, [laptop / f"{EXAMPLE}.toml"], "定稿", author="李四")
    assert pull(office, laptop) != 0
    text = (office / f"{EXAMPLE}.toml").read_text("utf-8")
    assert 'total_this_year = "50"' in text and 'total_this_year = "52.5"' in text
    capsys.readouterr()
    assert main(["--drafts", str(office), "list"]) == 2
    out = capsys.readouterr()
    row = next(line for line in (out.out + out.err).splitlines() if EXAMPLE in line)
    assert "含合并冲突标记（第 26 行起" in row
    assert (office / f"{EXAMPLE}.toml").read_text("utf-8") == text, "listing never rewrites it"


def test_bundle_then_receive_then_receive_again_merges_the_units_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    unit = unit_folder(tmp_path)
    bureau = tmp_path / "bureau"
    hand_in = tmp_path / "stick" / "第一次.bundle"
    hand_in.parent.mkdir()
    assert main(["--drafts", str(unit), "bundle", str(hand_in)]) == 0
    assert main(["--drafts", str(unit), "bundle", str(hand_in)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert main(["--drafts", str(bureau), "receive", str(hand_in)]) == 0
    received = bureau / "某区行政审批服务局"
    assert sorted(p.name for p in received.glob("*.toml")) == sorted(p.name for p in unit.glob("*.toml"))
    assert "第一份上交" in capsys.readouterr().out
    edit(unit / f"{EXAMPLE}.toml", total="50")  # typed, never committed: the bundle records it first
    assert main(["--drafts", str(unit), "bundle", str(hand_in), "--overwrite"]) == 0
    assert main(["--drafts", str(bureau), "receive", str(hand_in)]) == 0
    assert load_draft(received / f"{EXAMPLE}.toml").funding.total_this_year == "50"
    assert main(["--drafts", str(bureau), "receive", str(hand_in)]) == 0
    assert "无需收入" in capsys.readouterr().out
    assert main(["--drafts", str(bureau), "log", f"某区行政审批服务局/{EXAMPLE}"]) == 0  # from the bureau folder
    out = capsys.readouterr().out
    assert "48.588 → 50" in out and "张三" in out, "the unit's change, by the unit's operator"


def test_receive_never_overwrites_what_the_bureau_changed_and_keeps_both(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    unit = unit_folder(tmp_path)
    bureau = tmp_path / "bureau"
    hand_in = tmp_path / "u.bundle"
    main(["--drafts", str(unit), "bundle", str(hand_in)])
    main(["--drafts", str(bureau), "receive", str(hand_in)])
    received = bureau / "某区行政审批服务局"
    edit(received / f"{EXAMPLE}.toml", opinion="同意，按 48.588 万元安排")  # the bureau's review
    record(received, [received / f"{EXAMPLE}.toml"], f"审核：{EXAMPLE}", author="审核员")
    edit(unit / f"{EXAMPLE}.toml", total="60")  # a different line: git alone would merge it silently
    edit(unit / "政务大厅租金.toml", total="20")
    main(["--drafts", str(unit), "bundle", str(hand_in), "--overwrite"])
    capsys.readouterr()
    assert main(["--drafts", str(bureau), "receive", str(hand_in)]) == 1
    out = capsys.readouterr().out
    kept = load_draft(received / f"{EXAMPLE}.toml")
    assert kept.sign_off.finance_opinion == "同意，按 48.588 万元安排" and kept.funding.total_this_year == "48.588"
    copies = list(received.glob(f"{EXAMPLE}（单位提交 *）.toml"))
    assert len(copies) == 1 and load_draft(copies[0]).funding.total_this_year == "60"
    assert load_draft(received / "政务大厅租金.toml").funding.total_this_year == "20", "the rest is merged"
    assert copies[0].name in out and "两份都保留" in out
    assert git(received, "status", "--porcelain") == ""


def test_receive_refuses_what_is_not_this_units_bundle(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    unit = unit_folder(tmp_path)
    stranger = unit_folder(tmp_path, "stranger", unit="另一个单位")
    bureau = tmp_path / "bureau"
    ours, theirs, junk = tmp_path / "a.bundle", tmp_path / "b.bundle", tmp_path / "c.bundle"
    main(["--drafts", str(unit), "bundle", str(ours)])
    main(["--drafts", str(stranger), "bundle", str(theirs)])
    junk.write_text("not a bundle", "utf-8")
    main(["--drafts", str(bureau), "receive", str(ours)])
    capsys.readouterr()
    assert main(["--drafts", str(bureau), "receive", str(theirs), "--unit", "某区行政审批服务局"]) == 2
    assert "没有共同的起点" in capsys.readouterr().err
    assert main(["--drafts", str(bureau), "receive", str(junk)]) == 2
    assert "不是 shenbao 打包的交换文件" in capsys.readouterr().err


def test_after_the_bureaus_return_the_units_next_change_merges_without_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    unit = unit_folder(tmp_path)
    bureau = tmp_path / "bureau"
    hand_in, hand_back = tmp_path / "in.bundle", tmp_path / "back.bundle"
    main(["--drafts", str(unit), "bundle", str(hand_in)])
    main(["--drafts", str(bureau), "receive", str(hand_in)])
    received = bureau / "某区行政审批服务局"
    edit(received / f"{EXAMPLE}.toml", opinion="请补充测算依据")
    record(received, [received / f"{EXAMPLE}.toml"], f"退回：{EXAMPLE}", author="审核员")
    assert main(["--drafts", str(received), "bundle", str(hand_back)]) == 0
    assert main(["--drafts", str(unit), "receive", str(hand_back)]) == 0  # the unit takes the return in
    assert load_draft(unit / f"{EXAMPLE}.toml").sign_off.finance_opinion == "请补充测算依据"
    edit(unit / f"{EXAMPLE}.toml", total="47")  # answered: the unit has seen the opinion
    main(["--drafts", str(unit), "bundle", str(hand_in), "--overwrite"])
    capsys.readouterr()
    assert main(["--drafts", str(bureau), "receive", str(hand_in)]) == 0
    merged = load_draft(received / f"{EXAMPLE}.toml")
    assert merged.funding.total_this_year == "47" and merged.sign_off.finance_opinion == "请补充测算依据"
    assert not list(received.glob("*（单位提交*")), "no copy: nothing was in conflict"


def test_a_bureau_folder_kept_in_git_as_a_whole_still_gets_the_unit_in_its_own_subfolder(tmp_path: Path) -> None:
    unit = unit_folder(tmp_path)
    bureau = tmp_path / "bureau"
    bureau.mkdir()
    (bureau / "说明.txt").write_text("局里的文件夹", "utf-8")
    git(bureau, "init", "--quiet")
    git(bureau, "-c", "user.name=局", "-c", "user.email=", "add", "-A")
    git(bureau, "-c", "user.name=局", "-c", "user.email=", "commit", "--quiet", "-m", "局")
    hand_in = tmp_path / "u.bundle"
    main(["--drafts", str(unit), "bundle", str(hand_in)])
    assert main(["--drafts", str(bureau), "receive", str(hand_in)]) == 0
    assert (bureau / "某区行政审批服务局" / f"{EXAMPLE}.toml").is_file()
    assert not (bureau / f"{EXAMPLE}.toml").exists()


def _approve_at_the_unit(unit: Path, name: str) -> None:
    # What a unit must not do: its own 通过 (shenbao review --approve run in the unit's folder), handed in.
    assert main(["--drafts", str(unit), "review", name, "--approve", "--force", "--by", "单位自己"]) == 0


def _reviewed_and_taken_back(tmp_path: Path, *step: str) -> tuple[Path, Path, Path]:
    """A unit's first hand-in, the bureau's review ``step`` of EXAMPLE, and the unit taking that back.

    The unit's folder, its folder at the bureau, and the hand-in file to write again.
    """
    unit = unit_folder(tmp_path)
    bureau = tmp_path / "bureau"
    hand_in, back = tmp_path / "u.bundle", tmp_path / "back.bundle"
    main(["--drafts", str(unit), "bundle", str(hand_in)])
    main(["--drafts", str(bureau), "receive", str(hand_in)])
    received = bureau / "某区行政审批服务局"
    assert main(["--drafts", str(received), "review", EXAMPLE, *step, "--by", "审核员"]) == 0
    assert main(["--drafts", str(received), "bundle", str(back)]) == 0
    assert main(["--drafts", str(unit), "receive", str(back)]) == 0  # the bureau's step, taken in
    return unit, received, hand_in


def _hand_in_again(unit: Path, received: Path, hand_in: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    main(["--drafts", str(unit), "bundle", str(hand_in), "--overwrite"])
    capsys.readouterr()
    status = main(["--drafts", str(received.parent), "receive", str(hand_in)])
    return status, capsys.readouterr().out


def test_a_units_own_approval_is_not_merged_over_the_bureaus_review(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    unit, received, hand_in = _reviewed_and_taken_back(tmp_path, "--return", "请补充测算依据")
    _approve_at_the_unit(unit, EXAMPLE)  # instead of answering the opinion, the unit approves itself
    edit(unit / "政务大厅租金.toml", total="20")  # and changes another draft, as units do
    status, out = _hand_in_again(unit, received, hand_in, capsys)
    assert status == 1
    kept = load_draft(received / f"{EXAMPLE}.toml")
    assert kept.review is not None and kept.review.state == "returned" and kept.review.reviewer == "审核员"
    copies = list(received.glob(f"{EXAMPLE}（单位提交 *）.toml"))
    assert len(copies) == 1 and load_draft(copies[0]).review.state == "approved"
    assert "改动了审核记录" in out and copies[0].name in out
    assert load_draft(received / "政务大厅租金.toml").funding.total_this_year == "20", "the rest is merged"
    assert git(received, "status", "--porcelain") == ""


def test_a_units_reopening_of_an_approved_draft_is_merged(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    unit, received, hand_in = _reviewed_and_taken_back(tmp_path, "--approve", "--force")
    assert main(["--drafts", str(unit), "review", EXAMPLE, "--reopen", "--reason", "金额调整", "--by", "张三"]) == 0
    edit(unit / f"{EXAMPLE}.toml", total="50")
    status, out = _hand_in_again(unit, received, hand_in, capsys)
    assert status == 0, out
    merged = load_draft(received / f"{EXAMPLE}.toml")
    assert merged.review.state == "reopened" and [e.action for e in merged.review.history] == ["approved", "reopened"]
    assert merged.funding.total_this_year == "50"


def test_a_first_hand_in_carrying_review_steps_the_bureau_never_took_is_set_aside(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    unit = unit_folder(tmp_path)
    _approve_at_the_unit(unit, EXAMPLE)
    hand_in = tmp_path / "u.bundle"
    main(["--drafts", str(unit), "bundle", str(hand_in)])
    bureau = tmp_path / "bureau"
    capsys.readouterr()
    assert main(["--drafts", str(bureau), "receive", str(hand_in)]) == 1
    out = capsys.readouterr().out
    received = bureau / "某区行政审批服务局"
    assert not (received / f"{EXAMPLE}.toml").exists()
    copies = list(received.glob(f"{EXAMPLE}（单位提交 *）.toml"))
    assert len(copies) == 1 and "局里没有这份草稿" in out
    assert (received / "政务大厅租金.toml").exists()
    assert git(received, "status", "--porcelain") == ""


def test_a_unit_deleting_a_reviewed_draft_is_not_merged(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    unit, received, hand_in = _reviewed_and_taken_back(tmp_path, "--return", "重填")
    (unit / f"{EXAMPLE}.toml").unlink()
    record(unit, [unit / f"{EXAMPLE}.toml"], f"删除：{EXAMPLE}")
    status, out = _hand_in_again(unit, received, hand_in, capsys)
    assert status == 1 and "删除了这份已审核的草稿" in out
    assert load_draft(received / f"{EXAMPLE}.toml").review.state == "returned"
