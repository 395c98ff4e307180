"""c on the drafts list: carry a draft over to next year; the store's rollover and duplicate; lazy imports."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MakeDraft, build_draft, names, settle
from repo_paths import DRAFTS

from forms.store.drafts import DraftError, load_draft, save_draft
from forms.workflows.rollover import RolloverError
from tui.app import ShenbaoApp
from tui.folder.store import DraftStore, SuccessorExists
from tui.screens.drafts import DraftsScreen
from tui.widgets.confirm import ConfirmScreen

EXAMPLE = "行政审批服务局软硬件运维费"


@pytest.fixture
def example(drafts: Path) -> Path:
    """The example draft 行政审批服务局软硬件运维费 (2021) alone in the drafts folder."""
    return Path(shutil.copy(DRAFTS / f"{EXAMPLE}.toml", drafts))


def messages(app: ShenbaoApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_c_then_y_writes_next_years_draft_and_leaves_the_original(drafts: Path, example: Path) -> None:
    before = example.read_bytes()
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert "2022 年度" in question.question and EXAMPLE in question.question and "原草稿" in question.question
        await pilot.press("y")
        await settle(pilot)
        new = drafts / f"{EXAMPLE}-2022.toml"
        assert isinstance(app.screen, DraftsScreen)
        assert app.screen.highlighted_path() == new
        assert names(app) == [EXAMPLE, EXAMPLE]
        assert any(new.name in message and "2022" in message for message in messages(app))
    assert example.read_bytes() == before, "the original is untouched"
    carried = load_draft(new)
    assert carried.year == "2022" and carried.state == "draft"
    assert carried.project.attribute == "延续项目"
    district = next(row for row in carried.funding.sources if row.source == "区级资金")
    assert (district.last_year, district.this_year) == ("48.588", "48.588")
    assert (carried.funding.total_last_year, carried.funding.total_this_year) == ("48.588", "48.588")
    assert carried.sign_off.fill_date == "" and carried.sign_off.finance_opinion == ""


async def test_n_or_escape_at_the_question_writes_nothing(drafts: Path, example: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for answer in ("n", "escape", "enter"):
            await pilot.press("c")
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press(answer)
            if answer == "enter":  # Enter answers nothing
                assert isinstance(app.screen, ConfirmScreen)
                await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, DraftsScreen)
    assert [p.name for p in drafts.glob("*.toml")] == [example.name]


async def test_a_second_carry_over_is_refused_unless_confirmed(drafts: Path, example: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "y")
        await settle(pilot)
        await pilot.press("down")  # the original again ("-" sorts before ".")
        assert app.screen.highlighted_path() == example
        await pilot.press("c")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert "已有 2022 年度的草稿" in question.question and f"{EXAMPLE}-2022.toml" in question.question
        await pilot.press("n")
        await settle(pilot)
        assert len(list(drafts.glob("*.toml"))) == 2
        await pilot.press("c", "y")
        await settle(pilot)
    assert sorted(p.name for p in drafts.glob("*.toml")) == [
        f"{EXAMPLE}-2022-2.toml",
        f"{EXAMPLE}-2022.toml",
        f"{EXAMPLE}.toml",
    ]


async def test_a_draft_without_a_year_is_not_carried_over(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("无年度", year="")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen), "no question: there is nothing to carry over to"
        assert any("无法结转" in message and "年度" in message for message in messages(app))
    assert len(list(drafts.glob("*.toml"))) == 1


async def test_c_on_an_unreadable_file_does_nothing(drafts: Path) -> None:
    (drafts / "bad.toml").write_bytes(b"[[[")
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.active_bindings["c"].enabled
        await pilot.press("c")
        assert isinstance(app.screen, DraftsScreen)
    assert [p.name for p in drafts.iterdir()] == ["bad.toml"]


async def test_the_new_keys_are_in_the_footer_f1_and_the_palette(drafts: Path, example: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bindings = app.screen.active_bindings
        wanted = {"v": "drafts.view", "c": "drafts.rollover", "s": "drafts.summary", "u": "drafts.profile"}
        assert {key: bindings[key].binding.id for key in wanted} == wanted
        shown = {key for key, active in bindings.items() if active.binding.show}
        assert {"v", "c", "s"} <= shown and "u" not in shown
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["结转"] == "按键：c" and commands["汇总"] == "按键：s"
        assert commands["查看"] == "按键：v" and commands["单位信息"] == "按键：u"
        await pilot.press("f1")
        listed = {text: keys for _heading, rows in app.screen.groups for keys, text in rows}
        assert {"结转", "汇总", "查看", "单位信息"} <= set(listed)


async def test_rollover_follows_a_remapped_key(drafts: Path, example: Path) -> None:
    app = ShenbaoApp(drafts)
    app.set_keymap({"drafts.rollover": "j"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        assert isinstance(app.screen, ConfirmScreen)


# -- the store ---------------------------------------------------------------


def test_store_rollover_names_the_file_after_project_and_year(drafts: Path, example: Path) -> None:
    store = DraftStore(drafts)
    assert store.successor(load_draft(example)) is None
    new = store.rollover(example)
    assert new == drafts / f"{EXAMPLE}-2022.toml"
    assert store.successor(load_draft(example)) == new
    with pytest.raises(SuccessorExists) as raised:
        store.rollover(example)
    assert raised.value.path == new and raised.value.year == 2022
    assert store.rollover(example, force=True).name == f"{EXAMPLE}-2022-2.toml"


def test_store_rollover_refuses_bad_years_and_unreadable_files(drafts: Path) -> None:
    store = DraftStore(drafts)
    blank = drafts / "blank.toml"
    save_draft(build_draft("甲", year=""), blank)
    with pytest.raises(RolloverError, match="年度"):
        store.rollover(blank)
    bad = drafts / "bad.toml"
    bad.write_bytes(b"[[[")
    with pytest.raises(DraftError):
        store.rollover(bad)
    assert sorted(p.name for p in drafts.iterdir()) == ["bad.toml", "blank.toml"]


def test_duplicate_leaves_out_the_finance_opinion(drafts: Path) -> None:
    draft = build_draft("甲")
    draft.sign_off.finance_opinion = "同意"
    draft.state = "final"
    store = DraftStore(drafts)
    copy = load_draft(store.duplicate(store.create(draft)))
    assert copy.project.name == "甲（副本）" and copy.state == "draft" and copy.sign_off.finance_opinion == ""


STARTUP_PROBE = """
import asyncio, sys
from pathlib import Path
from tui.app import ShenbaoApp

async def main():
    app = ShenbaoApp(Path(sys.argv[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(" ".join(sorted(m for m in sys.modules if m.startswith(("tui.", "forms.")))))

asyncio.run(main())
"""


def test_the_list_paints_without_the_issue_7_screens(drafts: Path, make_draft: MakeDraft) -> None:
    make_draft("甲")
    result = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE, str(drafts)], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(result.stdout.split())
    assert "tui.screens.drafts" in loaded
    lazy = {
        "tui.screens.viewer",
        "tui.screens.summary",
        "tui.screens.summary_table",
        "tui.screens.summary_export",
        "tui.screens.profile",
        "forms.workflows.summary",
        "forms.render.chart",
        "forms.workflows.rollover",
        "forms.workflows.profile",
    }
    assert not lazy & loaded
