"""单位信息: the unit profile, typed once and filled into every new draft.

One box per profile field (``forms.workflows.profile.LABELS``, in its order). Ctrl+S
saves (refused while 年度 is not a year; phone numbers that look wrong only
warn) and goes back; Escape goes back without saving, asking first when
something was changed. A profile file that cannot be read is shown with its
reason and never overwritten: the boxes are then read-only.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from forms.render.width import clean
from forms.workflows.profile import LABELS, ProfileError, UnitProfile, profile_findings, profile_path
from tui.folder.store import DraftStore
from tui.widgets.confirm import ConfirmScreen
from tui.widgets.footer import QuietFooter
from tui.widgets.keys import settle

SEVERITY = {"error": ("错误", "red"), "warning": ("警告", "yellow")}
"""How a finding about the profile reads, and its colour."""


class ProfileScreen(Screen[bool]):
    """Edit the unit profile; dismisses with ``True`` when it was saved, else ``False``."""

    # Textual repaints the whole screen on every focus change; the focused and blurred
    # widgets restyle themselves, so a Tab costs only them.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    CSS_PATH = "profile.tcss"
    BINDING_GROUP_TITLE = "单位信息"
    AUTO_FOCUS = "Input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "保存", priority=True, id="profile.save"),
        Binding("escape", "cancel", "返回", id="profile.cancel"),
        # Priority, so keys typed in one burst after Tab or Enter land in the next box, not this one.
        Binding("tab,enter", "next_box", "下一项", show=False, priority=True, id="profile.next"),
        Binding("shift+tab", "previous_box", "上一项", show=False, priority=True, id="profile.previous"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | ctrl+s | Save the profile and go back (refused while 年度 is not a year). |
    | escape | Go back without saving (asks first when something was changed). |
    | tab, enter | Next box (Shift+Tab: previous). |
    """

    def __init__(self, store: DraftStore) -> None:
        """Edit the profile of ``store``'s folder."""
        super().__init__()
        self.store = store
        """The drafts folder whose profile this is."""
        self.problem: ProfileError | None = None
        """Why the profile file cannot be read; it is then shown, never written."""
        try:
            self.saved = store.profile()
            """The profile as it is on disk (empty when there is no file yet)."""
        except ProfileError as error:
            self.saved = UnitProfile()
            self.problem = error

    def compose(self) -> ComposeResult:
        """Heading, file line, one labelled box per field, the problems found, footer."""
        yield Static(Text("单位信息 · 新建草稿时自动填入尚未填写的栏目", style="bold"), id="profile-heading")
        yield Static(self._file_line(), id="profile-file")
        with VerticalScroll(id="profile-fields"):
            for key, label in LABELS.items():
                with Horizontal(classes="profile-row"):
                    yield Label(Text(label), classes="profile-label")
                    box = Input(
                        getattr(self.saved, key),
                        id=f"profile-{key}",
                        compact=True,
                        select_on_focus=False,
                        disabled=self.problem is not None,
                    )
                    box.cursor_blink = False  # a blink is bytes on the wire twice a second
                    yield box
        yield Static(id="profile-problems")
        yield QuietFooter()

    def on_mount(self) -> None:
        """Show what is wrong with the profile as it stands."""
        self._show_problems()

    def _file_line(self) -> Text:
        path = profile_path(self.store.folder)
        if self.problem is not None:
            text = Text(f"无法读取单位信息文件：{clean(str(self.problem))}\n", style="bold red")
            text.append("请修正或删除该文件后再打开此页；它不会被覆盖。", style="red")
            return text
        exists = "" if path.exists() else "（尚未保存过，按 Ctrl+S 保存后创建）"
        return Text(clean(f"文件：{path}{exists}"), style="dim")

    # -- editing -----------------------------------------------------------

    def edited(self) -> UnitProfile:
        """The profile as the boxes now hold it."""
        return UnitProfile(**{key: self.query_one(f"#profile-{key}", Input).value for key in LABELS})

    @property
    def dirty(self) -> bool:
        """Whether a box differs from the profile on disk."""
        return self.problem is None and self.edited() != self.saved

    @on(Input.Changed)
    def _changed(self) -> None:
        self._show_problems()

    def _show_problems(self) -> None:
        problems = self.query_one("#profile-problems", Static)
        if self.problem is not None:
            problems.update("")
            return
        text = Text()
        for finding in profile_findings(self.edited()):
            name, style = SEVERITY[finding.severity]
            text.append(f"{name}  ", style=f"bold {style}")
            text.append(clean(finding.message) + "\n", style=style)
        if not text.plain:
            text.append("Ctrl+S 保存并返回；Esc 返回（有修改时先询问）。", style="dim")
        text.rstrip()
        problems.update(text)

    # -- keys ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Saving is impossible while the profile file cannot be read."""
        if action == "save" and self.problem is not None:
            return None
        return True

    def action_next_box(self) -> None:
        """Move to the next box (Enter too, as in the editor; saving is always Ctrl+S)."""
        self.focus_next()

    def action_previous_box(self) -> None:
        """Move to the previous box."""
        self.focus_previous()

    async def action_save(self) -> None:
        """Save the profile and go back; refused while it has errors (the boxes keep what was typed)."""
        await settle(self.focused)  # Ctrl+S is a priority key: let what was typed just before it land
        if self.problem is not None:
            self.notify("单位信息文件无法读取，不会覆盖它。", severity="error", markup=False)
            return
        profile = self.edited()
        found = [f for f in profile_findings(profile) if f.severity == "error"]
        if found:
            self.notify(clean(found[0].message) + "。未保存。", severity="error", markup=False)
            self.query_one(f"#profile-{found[0].path}", Input).focus()
            return
        try:
            path = self.store.save_profile(profile)
        except ProfileError as error:
            self.notify(clean(f"未保存：{error}（此文件不会被覆盖）"), severity="error", markup=False)
            return
        except OSError as error:
            self.notify(clean(f"无法保存单位信息：{error.strerror or error}"), severity="error", markup=False)
            return
        self.saved = profile
        self.notify(clean(f"已保存单位信息：{path.name}，新建草稿时自动填入。"), markup=False)
        from tui.folder.history import record_event

        warning = record_event(self.store.folder, [path], "修改单位信息")
        if warning:
            self.notify(warning, severity="warning", markup=False, timeout=8)
        self.dismiss(True)

    async def action_cancel(self) -> None:
        """Go back without saving; with unsaved changes, only after a yes."""
        await settle(self.focused)
        if not self.dirty:
            self.dismiss(False)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        question = "单位信息有未保存的修改。放弃这些修改并返回吗？\n（按 n 或 Esc 继续编辑，再按 Ctrl+S 保存。）"
        self.app.push_screen(ConfirmScreen(question, title="放弃修改？", yes="放弃修改", no="继续编辑"), answered)
