"""The editor: one draft, one section at a time, in the form's order, saved as it is typed.

Data flows one way: a key changes a field, the section writes the field's text
into the draft and posts ``Section.Changed``; the screen then marks the draft
unsaved, saves it 2 s after the last change (and at once when a field, a
section or the screen is left), and re-runs the checks 0.3 s after the last
change. Neither the save nor the checks run on a keystroke's path.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Static, TextArea

from forms.model import Declaration
from forms.storage import DraftError
from forms.template import DEFAULT_TEMPLATE, Template, TemplateError, load_template
from tui.screens.editor_commands import EditorCommands
from tui.sections.base import Section
from tui.sections.basic import BasicSection
from tui.sections.expenses import ExpensesSection
from tui.sections.funding import FundingSection
from tui.sections.goals import GoalsSection
from tui.sections.implementation import ImplementationSection
from tui.sections.indicators import IndicatorsSection
from tui.sections.pending import review_section
from tui.sections.sign_off import SignOffSection
from tui.store import DraftStore
from tui.widgets.field import visible
from tui.widgets.stepper import STATE_NAMES, Stepper

FORM_SECTIONS: tuple[type[Section], ...] = (
    BasicSection,
    FundingSection,
    ExpensesSection,
    ImplementationSection,
    GoalsSection,
    IndicatorsSection,
    SignOffSection,
)
"""The seven sections that edit the form, in its order; 检查与导出 comes last."""


class EditorScreen(Screen[Path]):
    """Edit one draft; dismisses with its path after saving."""

    CSS_PATH = "editor.tcss"
    AUTO_FOCUS = None
    COMMANDS: ClassVar[set[Any]] = {EditorCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6,ctrl+pagedown", "next_section", "下一节", id="editor.next", priority=True, key_display="F6"),
        Binding("f5,ctrl+pageup", "previous_section", "上一节", id="editor.previous", priority=True, key_display="F5"),
        Binding("ctrl+g", "goto", "转到", id="editor.goto", priority=True),
        Binding("ctrl+s", "save", "保存", id="editor.save", priority=True),
        Binding("f4", "reopen", "重新编辑", id="editor.reopen", priority=True),
        Binding("escape", "back", "返回", id="editor.back"),
        Binding("tab", "next_field", "下一项", show=False, priority=True),
        Binding("shift+tab", "previous_field", "上一项", show=False, priority=True),
        Binding("enter", "enter", "下一项", show=False, priority=True),
        Binding("left", "stepper_step(-1)", "上一节", show=False, priority=True),
        Binding("right", "stepper_step(1)", "下一节", show=False, priority=True),
        *(Binding(str(n), f"stepper_pick({n - 1})", f"第{n}节", show=False, priority=True) for n in range(1, 9)),
    ]
    """
    | Key | Action |
    | :- | :- |
    | f6, ctrl+pagedown | Next section. |
    | f5, ctrl+pageup | Previous section. |
    | ctrl+g, then 1 … 8 (or ← / → and enter) | Go straight to a section (through the stepper). |
    | tab / shift+tab | Next / previous field. |
    | enter | Next field (inside a multi-line field: a new line). |
    | ctrl+s | Save now (saving is automatic: 2 s after typing stops, and on leaving a field). |
    | f4 | Reopen a 定稿 draft for editing (only while read-only). |
    | escape | Save and go back to the drafts list. |
    | ctrl+o, insert / ctrl+r / alt+up, alt+down | In a growing table: add a row / delete the row / move it. |
    | up / down | In a table: the same column one row up / down. |
    | ctrl+t | In 资金来源 and 支出明细: take the computed sums as the declared 合计. |
    | left / right, 1 … 9, backspace | In a choice (项目属性, 一级/二级指标): previous / next option, pick, clear. |
    | space | Tick or untick a 项目类型 box. |

    Keys that move focus are priority bindings, so a burst of keys (a fast
    typist over SSH) lands in the fields in the order typed; see
    ``tui.widgets.keys``. The stepper's keys act only while it has focus.
    """

    SAVE_DELAY: ClassVar[float] = 2.0
    """Seconds after the last change before the draft is written."""
    CHECK_DELAY: ClassVar[float] = 0.3
    """Seconds after the last change before the checks run again."""

    def __init__(self, store: DraftStore, path: Path, draft: Declaration, *, read_only: bool = False) -> None:
        """Open ``draft`` (read from ``path`` through ``store``); a 定稿 draft always opens read-only."""
        super().__init__()
        self.store = store
        """The drafts folder service that saves the draft."""
        self.path = path
        """The draft's file."""
        self.draft = draft
        """The draft being edited (sections write into it)."""
        self.read_only = read_only or draft.state == "final"
        """Nothing may be edited (定稿)."""
        self.dirty = False
        """The draft has changes not yet written to the file."""
        self.findings: list[Any] = []
        """The latest findings of the checks."""
        template = self._template()
        self.sections: list[Section] = [cls(template, id=f"section-{n}") for n, cls in enumerate(FORM_SECTIONS)]
        """Every section, in order (mounted the first time it is shown)."""
        self.sections.append(review_section(template, id=f"section-{len(FORM_SECTIONS)}"))
        self.index = 0
        """Index of the section shown."""
        self._mounted: set[int] = set()
        self._last_change = 0.0
        self._save_timer: Timer | None = None
        self._check_timer: Timer | None = None
        self._leave_anyway = False
        self.last_field: Widget | None = None
        """The field that last had focus (palette commands act on it)."""
        self.stepper = Stepper([(s.short or s.title[:2], s.title) for s in self.sections], id="editor-stepper")
        """Every section with its state."""
        self._where = Static("", id="editor-where")
        self._saved = Static("已保存", id="editor-saved")
        self._banner = Static(Content("定稿（只读） · 按 F4 重新编辑"), id="editor-banner")

    def _template(self) -> Template:
        try:
            return self.draft.form_template()
        except TemplateError:
            # The checks report the unknown template; the fields still need a layout.
            return load_template(DEFAULT_TEMPLATE)

    def compose(self) -> Any:
        """Stepper, where-am-I and saved line, read-only banner, the sections, the keys."""
        yield self.stepper
        with Horizontal(id="editor-status"):
            yield self._where
            yield self._saved
        yield self._banner
        with ContentSwitcher(initial=self.sections[0].id, id="editor-sections"):
            yield self.sections[0]
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        """Show the first section and judge the draft once."""
        self._mounted.add(0)
        self._prepare(self.sections[0])
        self._banner.display = self.read_only
        self._show_where()
        self.run_checks()
        self.call_after_refresh(self._focus_first, self.sections[0])

    def _prepare(self, section: Section) -> None:
        section.load(self.draft)
        section.set_read_only(self.read_only)
        show = getattr(section, "show_findings", None)
        if show is not None:
            show(self.draft, self.findings)

    # Sections -------------------------------------------------------------------------------

    async def show_section(self, index: int, *, focus: bool = True) -> Section:
        """Switch to section ``index`` (saving first), mounting it the first time."""
        section = self.sections[index]
        if index != self.index:
            self.flush()
            if index not in self._mounted:
                self._mounted.add(index)
                await self.query_one(ContentSwitcher).mount(section)
                self._prepare(section)
                await section.ready()
            self.query_one(ContentSwitcher).current = section.id
            self.index = index
            self.stepper.current = index
            self._show_where()
        if focus:
            self._focus_first(section)
        return section

    def _focus_first(self, section: Section) -> None:
        # The focus chain skips hidden widgets (an empty table's placeholder once rows exist).
        target = next((w for w in self.focus_chain if section in w.ancestors), None)
        if target is not None:
            self.set_focus(target, scroll_visible=False)
        section.scroll_home(animate=False)
        for scroller in section.query(".section-body"):
            scroller.scroll_home(animate=False)

    async def action_next_section(self) -> None:
        """Next section (the last wraps to the first)."""
        await self.show_section((self.index + 1) % len(self.sections))

    async def action_previous_section(self) -> None:
        """Previous section (the first wraps to the last)."""
        await self.show_section((self.index - 1) % len(self.sections))

    def action_goto(self) -> None:
        """Focus the stepper: a digit, or ← / → and Enter, then opens a section."""
        self.set_focus(self.stepper)  # at once (focus() waits a turn): the next key goes to the stepper

    def action_stepper_step(self, delta: int) -> None:
        """Move the stepper's highlight (while it has focus)."""
        self.stepper.move_highlight(delta)

    async def action_stepper_pick(self, index: int) -> None:
        """Open a section by its number (while the stepper has focus)."""
        await self.show_section(index)

    def action_next_field(self) -> None:
        """Next field (Tab)."""
        self._skip_if_focus_keeps()
        self.focus_next()

    def action_previous_field(self) -> None:
        """Previous field (Shift+Tab)."""
        self._skip_if_focus_keeps()
        self.focus_previous()

    async def action_enter(self) -> None:
        """Enter: open the highlighted section in the stepper; in a form field, go to the next one."""
        focused = self.focused
        if focused is self.stepper:
            await self.show_section(self.stepper.highlighted)
            return
        in_form = focused is not None and any(s in focused.ancestors for s in self.sections[: len(FORM_SECTIONS)])
        if not in_form or isinstance(focused, TextArea):
            raise SkipAction()  # a new line in a multi-line field; the review section's own Enter
        self.focus_next()

    def _skip_if_focus_keeps(self) -> None:
        # A widget that uses Tab itself (an indenting TextArea) keeps it.
        focused = self.focused
        if isinstance(focused, TextArea) and focused.tab_behavior == "indent":
            raise SkipAction()

    async def on_stepper_selected(self, event: Stepper.Selected) -> None:
        """A section was chosen in the stepper."""
        await self.show_section(event.index)

    async def jump_to(self, path: str) -> bool:
        """Show the section that owns a field path and focus the field; False when none has it."""
        index = next((n for n, s in enumerate(self.sections) if s.owns(path)), None)
        if index is None:
            return False
        section = await self.show_section(index, focus=False)
        if not section.focus_path(path):
            self._focus_first(section)
        return True

    async def on_review_section_jump_to(self, event: Any) -> None:
        """Enter on a finding in 检查与导出: go to its field."""
        await self.jump_to(event.path)

    def on_review_section_state_changed(self, event: Any) -> None:
        """定稿 or reopened in 检查与导出: save, and lock or unlock the fields."""
        if self.draft.state != event.state:
            self.draft.state = event.state
        self.dirty = True
        self.flush()
        self.set_read_only(event.state == "final")

    # Read-only ------------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """Lock (定稿) or unlock every field of every section."""
        self.read_only = read_only
        for index in self._mounted:
            self.sections[index].set_read_only(read_only)
        self._banner.display = read_only
        self.refresh_bindings()
        self.call_after_refresh(self._refocus)

    def _refocus(self) -> None:
        # A field just locked (or a read-only body just unlocked) cannot keep focus: start the section over.
        if self.focused is None or not self.focused.focusable:
            self._focus_first(self.sections[self.index])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F4 exists only while read-only; the stepper's keys only while it has focus."""
        if action == "reopen":
            return self.read_only
        if action in ("stepper_step", "stepper_pick"):
            return self.focused is self.stepper
        return True

    def action_reopen(self) -> None:
        """Reopen a 定稿 draft as 草稿 and save it."""
        if not self.read_only:
            return
        self.draft.state = "draft"
        self.dirty = True
        self.flush()
        self.set_read_only(False)
        self.notify("已重新打开为草稿，可以编辑", markup=False)

    # Changes, saving and checks --------------------------------------------------------------

    def on_section_changed(self, event: Section.Changed) -> None:
        """A field changed: unsaved now; save and check after a pause in typing."""
        self.dirty = True
        self._leave_anyway = False
        self._last_change = time.monotonic()
        self._show_saved("未保存")
        if self._save_timer is None:
            self._save_timer = self.set_timer(self.SAVE_DELAY, self._save_when_quiet)
        if self._check_timer is None:
            self._check_timer = self.set_timer(self.CHECK_DELAY, self._check_when_quiet)
        if event.path == "project.name":
            self._show_where()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Remember the last field, so palette commands for tables know where to act."""
        if event.widget.name:
            self.last_field = event.widget

    def on_section_left(self, event: Section.Left) -> None:
        """Focus left a field: write now."""
        self.flush()

    def _save_when_quiet(self) -> None:
        # One timer per quiet period, not one per keystroke: re-arm for what is left of the delay.
        remaining = self._last_change + self.SAVE_DELAY - time.monotonic()
        self._save_timer = self.set_timer(remaining, self._save_when_quiet) if remaining > 0.01 else None
        if self._save_timer is None:
            self.flush()

    def _check_when_quiet(self) -> None:
        remaining = self._last_change + self.CHECK_DELAY - time.monotonic()
        self._check_timer = self.set_timer(remaining, self._check_when_quiet) if remaining > 0.01 else None
        if self._check_timer is None:
            self.run_checks()

    def flush(self) -> bool:
        """Write the draft now if it has unsaved changes; False when writing failed."""
        if not self.dirty:
            return True
        try:
            self.store.save(self.path, self.draft)
        except (DraftError, OSError) as error:
            reason = str(error) if isinstance(error, DraftError) else (error.strerror or str(error))
            self._show_saved("保存失败")
            self.notify(f"无法保存 {self.path.name}：{reason}", severity="error", markup=False, timeout=8)
            return False
        self.dirty = False
        self._show_saved("已保存")
        return True

    def action_save(self) -> None:
        """Save now."""
        self.dirty = self.dirty or not self.path.exists()
        if self.flush():
            self.notify("已保存", markup=False, timeout=2)

    def run_checks(self) -> None:
        """Judge the draft; update the stepper, the status line and 检查与导出."""
        try:
            from forms.checks import check
        except ImportError:  # pragma: no cover - the checks module ships with the model
            findings: list[Any] = []
        else:
            findings = check(self.draft)
        self.findings = findings
        states = [self._state(section, findings) for section in self.sections]
        self.stepper.set_states(states)
        self._show_where()
        review = self.sections[-1]
        if len(self.sections) - 1 in self._mounted and hasattr(review, "show_findings"):
            review.show_findings(self.draft, findings)

    def _state(self, section: Section, findings: list[Any]) -> str:
        if section is self.sections[-1]:
            mine = findings
        else:
            mine = [f for f in findings if section.owns(f.path)]
            if section.is_blank(self.draft):
                return "empty"
        if any(f.severity == "error" for f in mine):
            return "error"
        if mine:
            return "warning"
        return "complete"

    def _show_saved(self, text: str) -> None:
        if self._saved.has_class("-shown") and str(self._saved.content) == text:
            return  # once per keystroke: repaint only when the words change
        self._saved.add_class("-shown")
        self._saved.update(text)
        self._saved.set_class(text != "已保存", "-unsaved")

    def _show_where(self) -> None:
        section = self.sections[self.index]
        state = STATE_NAMES.get(self.stepper.states[self.index], "")
        name = self.draft.project.name.strip() or "（未命名项目）"
        where = f"{self.index + 1}/{len(self.sections)} {section.title} · {state} · "
        self._where.update(Content.assemble(where, Content(visible(name))))

    # Leaving --------------------------------------------------------------------------------

    def action_back(self) -> None:
        """Save and go back to the drafts list (a failed save asks for a second Escape)."""
        if self.flush() or self._leave_anyway:
            self.dismiss(self.path)
            return
        self._leave_anyway = True
        self.notify("草稿未能保存。再按 Esc 放弃未保存的修改并返回。", severity="warning", markup=False)

    def on_unmount(self) -> None:
        """Leaving the screen (or the app): write what is pending."""
        self.flush()
