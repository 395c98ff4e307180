"""单位信息: u on the drafts list, editing and saving the profile, and new drafts filled from it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import HOSTILE_TEXTS, settle
from textual import events
from textual.widgets import Input, Static

from forms.store.drafts import draft_paths, load_draft
from forms.workflows.profile import PROFILE_FILE, UnitProfile, load_profile, save_profile
from tui.app import ShenbaoApp
from tui.screens.drafts import DraftsScreen
from tui.screens.profile import ProfileScreen
from tui.widgets.confirm import ConfirmScreen

PROFILE = {
    "unit": "区行政审批服务局",
    "year": "2022",
    "leader": "胡敏",
    "leader_phone": "5720008",
    "liaison": "田静",
    "liaison_phone": "5720007",
    "unit_head": "王强",
    "filled_by": "李娜",
}


def box(app: ShenbaoApp, key: str) -> Input:
    return app.screen.query_one(f"#profile-{key}", Input)


def text_of(app: ShenbaoApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def burst(app: ShenbaoApp, *keys: tuple[str, str | None]) -> None:
    """Queue keys at once, as one read from an SSH connection delivers them."""
    for key, char in keys:
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]


async def open_profile(app: ShenbaoApp, pilot) -> ProfileScreen:
    await settle(pilot)
    await pilot.press("u")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ProfileScreen)
    return screen


async def test_the_profile_typed_in_the_app_is_saved_and_filled_into_the_next_new_draft(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_profile(app, pilot)
        assert box(app, "unit").has_focus and box(app, "unit").cursor_blink is False
        for value in PROFILE.values():
            await pilot.press(*value, "tab")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen)
        assert load_profile(drafts) == UnitProfile(**PROFILE)
        assert any("已保存单位信息" in n.message for n in app._notifications)
        await pilot.press("n")
        await pilot.pause()
    (path,) = draft_paths(drafts)
    draft = load_draft(path)
    assert (draft.unit, draft.year) == ("区行政审批服务局", "2022")
    project = draft.project
    assert (project.leader, project.leader_phone, project.liaison, project.liaison_phone) == (
        "胡敏",
        "5720008",
        "田静",
        "5720007",
    )
    assert (draft.sign_off.unit_head, draft.sign_off.filled_by) == ("王强", "李娜")


async def test_the_boxes_start_with_the_saved_profile_and_enter_moves_on(drafts: Path) -> None:
    save_profile(UnitProfile(**PROFILE), drafts)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_profile(app, pilot)
        assert {key: box(app, key).value for key in PROFILE} == PROFILE
        await pilot.press("enter")
        assert box(app, "year").has_focus
        await pilot.press("shift+tab")
        assert box(app, "unit").has_focus
        labels = [str(label.render()) for label in app.screen.query(".profile-label")]
        assert labels[:3] == ["填报单位", "年度", "项目负责人"]


async def test_keys_typed_in_one_burst_land_in_their_boxes(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_profile(app, pilot)
        # Over SSH a fast typist's keys arrive together: Tab must not let "2022"
        # land in 填报单位, nor Ctrl+S save before the "1" typed just before it.
        burst(app, ("甲", "甲"), ("tab", "\t"), *((c, c) for c in "2022"), ("enter", "\r"), ("乙", "乙"))
        await pilot.pause()
        burst(app, ("1", "1"), ("ctrl+s", None))
        await pilot.pause()
    assert load_profile(drafts) == UnitProfile(unit="甲", year="2022", leader="乙1")


async def test_a_year_that_is_not_a_year_is_refused_and_the_text_kept(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_profile(app, pilot)
        await pilot.press("tab", *"二〇x")
        assert "年度" in text_of(app, "#profile-problems") and "错误" in text_of(app, "#profile-problems")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert box(app, "year").value == "二〇x" and box(app, "year").has_focus
        assert any("未保存" in n.message for n in app._notifications)
        assert not (drafts / PROFILE_FILE).exists()


async def test_a_doubtful_phone_number_warns_but_saves(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_profile(app, pilot)
        await pilot.press("tab", "tab", "tab", *"12")
        assert "警告" in text_of(app, "#profile-problems")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen)
    assert load_profile(drafts).leader_phone == "12"


async def test_escape_without_changes_goes_back_and_writes_nothing(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_profile(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen)
    assert not (drafts / PROFILE_FILE).exists()


async def test_escape_with_changes_asks_and_never_discards_without_a_yes(drafts: Path) -> None:
    save_profile(UnitProfile(unit="原单位"), drafts)
    before = (drafts / PROFILE_FILE).read_bytes()
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_profile(app, pilot)
        await pilot.press("end", *"新")
        for answer in ("escape", "n", "enter"):
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen), "unsaved edits: Escape asks"
            await pilot.press(answer)
            if answer == "enter":  # Enter answers nothing
                assert isinstance(app.screen, ConfirmScreen)
                await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, ProfileScreen)
            assert box(app, "unit").value == "原单位新"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen)
    assert (drafts / PROFILE_FILE).read_bytes() == before


async def test_a_broken_profile_is_shown_with_its_reason_and_never_overwritten(drafts: Path) -> None:
    broken = b'unit = "\xe5\x8c\xba\n'  # an unfinished string: not TOML
    (drafts / PROFILE_FILE).write_bytes(broken)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_profile(app, pilot)
        assert screen.problem is not None
        shown = text_of(app, "#profile-file")
        assert "无法读取" in shown and "不是有效的 TOML" in shown and "不会被覆盖" in shown
        assert all(box(app, key).disabled for key in PROFILE)
        assert not screen.active_bindings["ctrl+s"].enabled
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen)
        # A new draft is still made, without the profile, and the operator is told why.
        await pilot.press("n")
        await pilot.pause()
        assert any("单位信息未填入" in n.message for n in app._notifications)
    (path,) = draft_paths(drafts)
    assert load_draft(path).year == str(date.today().year) and load_draft(path).unit == ""
    assert (drafts / PROFILE_FILE).read_bytes() == broken


async def test_a_profile_that_fills_nothing_leaves_this_year(drafts: Path) -> None:
    save_profile(UnitProfile(unit="区行政审批服务局"), drafts)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
    (path,) = draft_paths(drafts)
    assert load_draft(path).year == str(date.today().year) and load_draft(path).unit == "区行政审批服务局"


async def test_hostile_text_is_kept_literally(drafts: Path) -> None:
    save_profile(UnitProfile(unit=HOSTILE_TEXTS[1], leader=HOSTILE_TEXTS[0]), drafts)
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_profile(app, pilot)
        assert box(app, "unit").value == "[@click=app.quit]x[/]"
        await pilot.press("end", *"[b]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
    assert load_profile(drafts).unit == "[@click=app.quit]x[/][b]"


async def test_profile_keys_are_in_f1_and_the_palette(drafts: Path) -> None:
    app = ShenbaoApp(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_profile(app, pilot)
        commands = {c.title: c.help for c in app.get_system_commands(screen)}
        assert commands["保存"] == "按键：^s" and commands["返回"] == "按键：esc"
        ids = {active.binding.id for active in screen.active_bindings.values()}
        assert {"profile.save", "profile.cancel", "profile.next"} <= ids
        await pilot.press("f1")
        listed = {text: keys for _heading, rows in app.screen.groups for keys, text in rows}
        assert listed["保存"] == "^s" and "下一项" in listed
