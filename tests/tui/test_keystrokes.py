"""How many keys the reference form 优化营商环境经费 takes, from an empty drafts folder with a unit profile.

The test drives the whole app (drafts list, n, the editor, Esc, Ctrl+Q) and
counts every key pressed: each character typed is one key (an operator's IME
commits a Chinese character with at least one), and so is every Tab, Enter,
F6, Ctrl+O, arrow and so on. The saved draft must equal the example draft
imported from the reference forms (``drafts/优化营商环境经费.toml``).

Two operators are counted. The *plain* one uses Tab from field to field and
types every character (no completions): that is the baseline (324 keys), and it
must keep working. The *quick* one uses what the editor offers: Enter that
passes the picked 一级/二级 and goes on to the next row, inline completions
taken with → (one key), Ctrl+O for rows and Ctrl+T for the 合计; it is counted
from an empty folder and again beside the other six reference forms. The
ratios keys / characters of content are printed (run with ``-s``), recorded as
test properties, and kept under a ceiling.

``test_keystrokes_enter`` checks, key by key, the Enter behaviour the quick operator uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import settle
from repo_paths import DRAFTS
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from forms.model.declaration import Declaration, new_declaration
from forms.store.drafts import draft_paths, load_draft
from forms.workflows.profile import UnitProfile, apply_profile, save_profile
from tui.app import ShenbaoApp
from tui.screens.drafts import DraftsScreen
from tui.screens.editor import EditorScreen
from tui.widgets.keys import settle as settle_field

REFERENCE = DRAFTS / "优化营商环境经费.toml"
PROFILE = UnitProfile(year="2021", leader="胡敏", leader_phone="5720008", liaison="崔喆夫", liaison_phone="5720006")
"""What is the same on every form of the unit (the reference has no 填报单位)."""

EXPENSES = (
    ("办公费", "1", "1", ""),
    ("印刷费", "2", "2", ""),
    ("差旅费", "1", "1", ""),
    ("公务接待费", "1", "1", ""),
    ("营商环境测评（第三方）", "0", "8", "增加测评"),
)
INDICATORS = (
    ("印刷优化营商环境办事指南", "300册"),
    ("企业办事服务满意率", "90%"),
    ("压缩新开企业办理时间", "1天"),
    ("控制在预算内", "13万元"),
    ("企业办事满意度", "90%"),
    ("减少新开办企业跑单位次数", "1次"),
    ("压缩新开企业办理时间", "1天"),
    ("减少新开办企业跑单位次数", "1年"),
    ("企业办事服务满意度", "90%"),
)


QUICK_CEILING = 244
"""Keys the quick operator needs from an empty folder (the plain one: 324); a change that costs keys fails."""
QUICK_WITH_OTHERS_CEILING = 238
"""The same beside the other six reference forms, whose indicators complete this one's."""


class Operator:
    """Presses keys in the app and counts them."""

    def __init__(self, pilot: Pilot[Any], *, completions: bool) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.completions = completions
        """Accept an inline completion with → as soon as it shows the whole text wanted."""
        self.keys = 0
        """Keys pressed so far."""

    async def press(self, *keys: str) -> None:
        """Named keys (tab, f6, ctrl+o …), in order."""
        # Posted like keys from the terminal, without Pilot.press's wait after each (a minute per form).
        for key in keys:
            self.keys += 1
            self.app.post_message(events.Key(key, None))

    async def type(self, text: str) -> None:
        """Type ``text`` into the focused field, taking a completion when it offers exactly ``text``."""
        completing = self.completions and await self._completing()
        for number, char in enumerate(text):
            if completing and await self._offered(text, wait=number > 0):
                await self.press("right")
                break
            self.keys += 1
            key = char if char.isalnum() else {" ": "space"}.get(char, char)
            self.app.post_message(events.Key(key, char))
        if self.completions:
            await self.pilot.pause()
            field = self.app.screen.focused
            value = field.value if isinstance(field, Input) else getattr(field, "text", None)
            assert value == text, f"typed {text!r}, the field holds {value!r}"

    async def _handled(self) -> None:
        # The keys sent so far handled, and the completions they asked for shown. Pilot.pause would
        # also repaint the whole screen each time: too slow for a wait per key.
        await self.pilot._wait_for_screen()
        await self.app.workers.wait_for_complete()
        await settle_field(self.app.screen.focused)

    async def _completing(self) -> bool:
        # Only fields with completions are watched key by key.
        await self._handled()
        return getattr(self.app.screen.focused, "suggester", None) is not None

    async def _offered(self, text: str, *, wait: bool) -> bool:
        if wait:
            await self._handled()
        field = self.app.screen.focused
        return isinstance(field, Input) and field.value != text and getattr(field, "suggestion", "") == text


async def open_new_draft(pilot: Pilot[Any], operator: Operator) -> None:
    """From the drafts list: n."""
    await settle(pilot)
    await operator.press("n")
    for _ in range(50):  # the editor opens and focuses its first field
        await pilot.pause()
        focused = pilot.app.screen.focused
        if isinstance(pilot.app.screen, EditorScreen) and focused is not None and focused.name == "unit":
            break
    assert isinstance(pilot.app.screen, EditorScreen)
    # The first empty field: 年度 came from the profile, so typing starts at 填报单位.
    assert pilot.app.screen.focused is not None and pilot.app.screen.focused.name == "unit"


async def plain_operator(operator: Operator) -> None:
    """Tab from field to field, every character typed, Ctrl+O for rows, Ctrl+T for 合计."""
    o = operator
    # 基本情况: 年度 (from the profile), 填报单位 (none, where focus lands), 项目名称, 项目属性 2 = 延续项目,
    # 主管部门 (none), 项目期限.
    await o.press("tab")
    await o.type("优化营商环境经费")
    await o.press("tab", "2", "tab", "tab")
    await o.type("2021.01")
    await o.press("tab")
    await o.type("2021.12")
    # 负责人, 联络员 and their phones come from the profile; then 项目类型: the fifth box, 行政事业类.
    await o.press("tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "space")
    await o.press("tab", "tab", "tab", "tab", "tab")
    await o.type("优化营商环境经费")
    await o.press("tab")
    await o.type("优化营商环境")

    # 资金来源: focus lands on the first source; 区级资金 is the fourth; Ctrl+T takes the sums as 合计.
    await o.press("f6", "down", "down", "down")
    await o.type("5")
    await o.press("tab")
    await o.type("13")
    await o.press("ctrl+t")

    # 支出明细: focus lands on the empty table; ↑ to the 合计 line for the overall basis, then one line per Ctrl+O.
    await o.press("f6", "up", "tab", "tab")
    await o.type("报告")
    await o.press("tab")  # onto the empty table, where Ctrl+O adds a line
    for item, last, this, basis in EXPENSES:
        await o.press("ctrl+o")
        await o.type(item)
        for text in (last, this, basis):
            if text:  # Ctrl+O works from any cell: an empty 测算依据 is not visited
                await o.press("tab")
                await o.type(text)
    await o.press("ctrl+t")

    # 保障措施与进度计划: no measures; one schedule row.
    await o.press("f6", "tab", "ctrl+o")
    await o.type("优化营商环境")
    await o.press("tab")
    await o.type("2021.01")
    await o.press("tab")
    await o.type("2021.12")

    # 绩效目标.
    await o.press("f6")
    await o.type("减少新开办企业跑单位次数")
    await o.press("tab")
    await o.type("一个单位")

    # 绩效指标: the skeleton holds 一级/二级; Tab past them to type 三级 and 指标值.
    await o.press("f6")  # focus lands on the first 三级指标, the picked 一级/二级 passed over
    for number, (name, value) in enumerate(INDICATORS):
        if number:
            await o.press("tab", "tab", "tab")
        await o.type(name)
        await o.press("tab")
        await o.type(value)

    # 其他说明.
    await o.press("f6")
    await o.type("无")


async def quick_operator(operator: Operator) -> None:
    """Enter to the next thing to type, completions taken with →, Ctrl+O for rows, Ctrl+T for 合计."""
    o = operator
    # 基本情况: focus lands on 填报单位 (年度 is the profile's); 项目期限 completes from the profile's 年度;
    # Enter passes the 项目类型 boxes.
    await o.press("tab")
    await o.type("优化营商环境经费")
    await o.press("enter", "2", "enter", "enter")
    await o.type("2021.01")
    await o.press("enter")
    await o.type("2021.12")
    await o.press("enter", "enter", "enter", "enter", "enter", "tab", "tab", "tab", "tab", "space", "enter")
    await o.type("优化营商环境经费")
    await o.press("tab")
    await o.type("优化营商环境")

    await o.press("f6", "down", "down", "down")
    await o.type("5")
    await o.press("enter")
    await o.type("13")
    await o.press("ctrl+t")

    await o.press("f6", "up", "tab", "tab")
    await o.type("报告")
    await o.press("tab")
    for item, last, this, basis in EXPENSES:
        await o.press("ctrl+o")
        await o.type(item)
        await o.press("enter")
        await o.type(last)
        await o.press("enter")
        await o.type(this)
        if basis:
            await o.press("enter")
            await o.type(basis)
    await o.press("ctrl+t")

    # 保障措施与进度计划: start and end complete from the 项目期限.
    await o.press("f6", "tab", "ctrl+o")
    await o.type("优化营商环境")
    await o.press("enter")
    await o.type("2021.01")
    await o.press("enter")
    await o.type("2021.12")

    await o.press("f6")
    await o.type("减少新开办企业跑单位次数")
    await o.press("tab")
    await o.type("一个单位")

    # 绩效指标: Enter passes the picked 一级/二级; names and values complete from the goals, the
    # other rows, the budget total (成本指标) and the common values.
    await o.press("f6")
    for number, (name, value) in enumerate(INDICATORS):
        if number:
            await o.press("enter")
        await o.type(name)
        await o.press("enter")
        await o.type(value)

    await o.press("f6")
    await o.type("无")


async def fill_reference(
    tmp_path: Path, script: Any, *, completions: bool, others: bool = False
) -> tuple[int, Declaration]:
    """Run ``script`` from the drafts list to Ctrl+Q; the key count and the draft saved.

    With ``others``, the folder already holds the other six reference forms (an
    operator entering project after project), else it holds only the profile.
    """
    folder = tmp_path / "drafts"
    folder.mkdir()
    save_profile(PROFILE, folder)
    if others:
        for path in REFERENCE.parent.glob("*.toml"):
            if path != REFERENCE:
                (folder / path.name).write_bytes(path.read_bytes())
    app = ShenbaoApp(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        operator = Operator(pilot, completions=completions)
        await open_new_draft(pilot, operator)
        await script(operator)
        await operator.press("escape")  # saves, back to the list
        for _ in range(50):
            await pilot.pause()
            if isinstance(app.screen, DraftsScreen):
                break
        assert isinstance(app.screen, DraftsScreen)
        operator.keys += 1
        await pilot.press("ctrl+q")  # waits until the app has handled it (and ended)
    (path,) = [path for path in draft_paths(folder) if load_draft(path).project.name == "优化营商环境经费"]
    return operator.keys, load_draft(path)


def texts(value: Any, path: str = "") -> dict[str, str]:
    """Every non-empty text of a dumped draft, by dotted path."""
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in texts(item, f"{path}{key}.").items()}
    if isinstance(value, list):
        return {k: v for n, item in enumerate(value) for k, v in texts(item, f"{path}{n}.").items()}
    return {path.rstrip("."): value} if isinstance(value, str) and value else {}


def content_characters(draft: Declaration) -> tuple[int, int]:
    """(all content, content the operator supplies): characters of the draft's non-empty texts.

    All content leaves out only the file's bookkeeping (schema, template, state,
    import provenance). What the operator supplies leaves out, besides, every
    text a new draft with the profile applied already holds in the same place:
    the profile's fields, the funding sources' names and the indicator skeleton.
    """
    meta = {"schema", "template", "state", "imported"}
    every = texts(draft.model_dump(exclude=meta))
    given = texts(apply_profile(new_declaration(year=""), PROFILE).model_dump(exclude=meta))
    supplied = {path: text for path, text in every.items() if given.get(path) != text}
    return sum(map(len, every.values())), sum(map(len, supplied.values()))


def report(record_property: Any, who: str, keys: int) -> float:
    """Print and record the ratios; the ratio against supplied content is returned."""
    every, supplied = content_characters(load_draft(REFERENCE))
    ratio_all, ratio_supplied = keys / every, keys / supplied
    record_property(f"{who}_keys", keys)
    record_property(f"{who}_keys_per_char_all", round(ratio_all, 3))
    record_property(f"{who}_keys_per_char_supplied", round(ratio_supplied, 3))
    print(
        f"\n{who}: {keys} keys; content {every} characters (ratio {ratio_all:.2f}), "
        f"supplied by the operator {supplied} (ratio {ratio_supplied:.2f})"
    )
    return ratio_supplied


def assert_same_as_reference(saved: Declaration) -> None:
    """The saved draft equals the example draft, import provenance aside."""
    example = load_draft(REFERENCE)
    assert saved.model_dump(exclude={"imported"}) == example.model_dump(exclude={"imported"})


def test_content_characters_count_what_the_profile_and_skeleton_leave() -> None:
    every, supplied = content_characters(load_draft(REFERENCE))
    profile = sum(len(getattr(PROFILE, key)) for key in ("year", "leader", "leader_phone", "liaison", "liaison_phone"))
    skeleton = sum(len(s.source) for s in new_declaration().funding.sources)
    skeleton += sum(len(i.level1) + len(i.level2) for i in new_declaration().performance.indicators)
    assert every - supplied == profile + skeleton


async def test_plain_operator_keys(tmp_path: Path, record_property: Any) -> None:
    keys, saved = await fill_reference(tmp_path, plain_operator, completions=False)
    assert_same_as_reference(saved)
    report(record_property, "plain", keys)


async def test_quick_operator_keys(tmp_path: Path, record_property: Any) -> None:
    keys, saved = await fill_reference(tmp_path, quick_operator, completions=True)
    assert_same_as_reference(saved)
    report(record_property, "quick", keys)
    assert keys <= QUICK_CEILING


async def test_quick_operator_keys_beside_other_forms(tmp_path: Path, record_property: Any) -> None:
    # The other six reference forms in the folder: their indicators complete this one's.
    keys, saved = await fill_reference(tmp_path, quick_operator, completions=True, others=True)
    assert_same_as_reference(saved)
    report(record_property, "quick_with_others", keys)
    assert keys <= QUICK_WITH_OTHERS_CEILING
