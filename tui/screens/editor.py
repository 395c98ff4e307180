"""The editor: one draft, one section at a time, in the form's order, saved as it is typed.

Data flows one way: a key changes a field, the section writes the field's text
into the draft and posts ``Section.Changed``; the screen then marks the draft
unsaved, saves it 2 s after the last change (and at once when a field, a
section or the screen is left), and re-runs the checks 0.3 s after the last
change. Neither the save nor the checks run on a keystroke's path.

The indicator completions need the names and values of the folder's other
drafts: a worker thread reads them once when the editor opens
(``IndicatorHelpLoader``); until it is done, the cells complete from this draft alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Static

from forms.checks.runner import Finding, check
from forms.history.repo import in_repo
from forms.model.declaration import Declaration
from forms.model.template import DEFAULT_TEMPLATE, Template, TemplateError, load_template
from forms.render.width import clean
from forms.store.drafts import DraftError
from forms.workflows.review import is_approved
from tui.folder.store import DraftStore
from tui.screens.debounce import Debounce
from tui.screens.editor_commands import EditorCommands
from tui.screens.editor_help import IndicatorHelpLoader
from tui.screens.editor_review import EditorReview
from tui.screens.editor_sections import SectionSwitcher, SectionSwitching, focus_first
from tui.sections.base import Section
from tui.sections.basic import BasicSection
from tui.sections.expenses import ExpensesSection
from tui.sections.funding import FundingSection
from tui.sections.goals import GoalsSection
from tui.sections.implementation import ImplementationSection
from tui.sections.indicators import IndicatorsSection
from tui.sections.notes import Reveal
from tui.sections.pending import review_section
from tui.sections.sign_off import SignOffSection
from tui.widgets.field import visible
from tui.widgets.key_line import KeyLine
from tui.widgets.keys import settle
from tui.widgets.stepper import STATE_NAMES, Stepper, step_state
from tui.widgets.tight_compositor import tighten

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

SECTION_PARTS: dict[type[Section], str] = {
    BasicSection: "basic",
    FundingSection: "funding",
    ExpensesSection: "expenses",
    ImplementationSection: "implementation",
    GoalsSection: "goals",
    IndicatorsSection: "indicators",
    SignOffSection: "sign_off",
}
"""The part of the form (``Template.sections``) each section edits."""


def form_sections(template: Template) -> list[type[Section]]:
    """The sections of a template's form, in order: a part the form lacks (支出明细) has no section."""
    return [cls for cls in FORM_SECTIONS if SECTION_PARTS[cls] in template.sections]


class EditorScreen(EditorReview, IndicatorHelpLoader, SectionSwitching):
    """Edit one draft; dismisses with its path after saving.

    The keys are ``EditorKeys.BINDINGS`` (``tui.screens.editor_keys``); the
    growing tables add their own (``Grid.BINDINGS``), as do 资金来源 and 支出明细
    (Ctrl+T) and the pick widgets (``Choice``, ``Tick``).
    """

    # Textual repaints the whole screen on every focus change; the focused and blurred
    # widgets restyle themselves, so a Tab costs only them.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    CSS_PATH = "editor.tcss"
    AUTO_FOCUS = None
    BINDING_GROUP_TITLE = "申报表（各节通用）"
    COMMANDS: ClassVar[set[Any]] = {EditorCommands}

    SAVE_DELAY: ClassVar[float] = 2.0
    """Seconds after the last change before the draft is written."""
    CHECK_DELAY: ClassVar[float] = 0.3
    """Seconds after the last change before the checks run again."""

    def __init__(self, store: DraftStore, path: Path, draft: Declaration, *, read_only: bool = False) -> None:
        """Open ``draft`` (read from ``path`` through ``store``); a 定稿 or 审核通过 draft always opens read-only."""
        super().__init__()
        tighten(self)  # a key repaints its own field, not every row around it
        self.store = store
        """The drafts folder service that saves the draft."""
        self.path = path
        """The draft's file."""
        self.draft = draft
        """The draft being edited (sections write into it)."""
        self.read_only = read_only or draft.state == "final" or is_approved(draft)
        """Nothing may be edited (定稿, 审核通过)."""
        self.has_history = in_repo(store.folder)
        """The drafts folder keeps history (F7 shows the draft's)."""
        self.dirty = False
        """The draft has changes not yet written to the file."""
        self.findings: list[Finding] = []
        """The latest findings of the checks."""
        self._judged = False  # ``findings`` are of the draft as it is now (no change since)
        self.reveal = Reveal()
        """Which findings the operator is shown (display only: ``tui.sections.notes``)."""
        template = self._template()
        parts = form_sections(template)
        self.sections: list[Section] = [cls(template, id=f"section-{n}") for n, cls in enumerate(parts)]
        """Every section of the template's form, in order (mounted the first time it is shown)."""
        self.sections.append(review_section(template, id=f"section-{len(parts)}"))
        self.index = 0
        """Index of the section shown."""
        self.switcher = SectionSwitcher(self.sections, id="editor-sections")
        """The section area: every section in its slot (mounted the first time it is shown)."""
        self._autosave = Debounce(self, self.SAVE_DELAY, self.flush)
        self._checks = Debounce(self, self.CHECK_DELAY, self.run_checks)
        self._leave_anyway = False
        self.last_field: Widget | None = None
        """The field that last had focus (palette commands act on it)."""
        self.stepper = Stepper([(s.short or s.title[:2], s.title) for s in self.sections], id="editor-stepper")
        """Every section with its state."""
        self._where = Static("", id="editor-where")
        self._where_shown = ""
        self._saved = Static("已保存", id="editor-saved")
        self._banner = Static(Content(self.banner_text()), id="editor-banner")

    @property
    def help_title(self) -> str:
        """F1's title: the section the operator is in."""
        return f"{self.index + 1}/{len(self.sections)} {self.sections[self.index].title}"

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
        yield self.review_line_widget()
        yield self._banner
        yield self.switcher
        yield KeyLine()

    async def on_mount(self) -> None:
        """Show the first section and judge the draft once."""
        self._prepare(self.sections[0])
        self._banner.display = self.read_only
        self.show_review(announce=True)
        self._show_where()
        self.run_checks()
        self.call_after_refresh(focus_first, self, self.sections[0])
        self.call_after_refresh(self.start_indicator_help)

    # 检查与导出 (switching sections: ``SectionSwitching``) -------------------------------------

    def on_review_section_state_changed(self, event: Any) -> None:
        """定稿 or reopened in 检查与导出: save, and lock or unlock the fields."""
        if self.draft.state != event.state:
            self.draft.state = event.state
        self._judged = False
        self.dirty = True
        if self.flush():
            self.record_state()  # a commit only if the file differs from the last one
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
            focus_first(self, self.sections[self.index])

    def action_reopen(self) -> None:
        """Reopen a 定稿 draft as 草稿 and save it; an approved one after a question, on record."""
        if not self.read_only:
            return
        if is_approved(self.draft):
            self.reopen_approved()
            return
        self.draft.state = "draft"
        self._judged = False
        self.dirty = True
        if self.flush():
            self.record_state()
        self.set_read_only(False)
        self.notify("已重新打开为草稿，可以编辑", markup=False)

    def action_history(self) -> None:
        """F7: the draft's history, field by field (what is typed now is saved first, not committed)."""
        from tui.screens.history import HistoryScreen

        self.flush()
        self.app.push_screen(HistoryScreen(self.store.folder, self.path, self.draft.project.name))

    def record_state(self) -> None:
        """After 定稿 or 改回草稿 was saved: a version in the folder's history (when it has one)."""
        from tui.folder.history import project_label, record_event

        verb = "定稿" if self.draft.state == "final" else "改回草稿"
        warning = record_event(
            self.store.folder, [self.path], f"{verb}：{project_label(self.draft.project.name, self.path)}"
        )
        if warning:
            self.notify(warning, severity="warning", markup=False, timeout=8)

    # Changes, saving and checks --------------------------------------------------------------

    def on_section_changed(self, event: Section.Changed) -> None:
        """A field changed: unsaved now; save and check after a pause in typing."""
        self.dirty = True
        self._judged = False
        self._leave_anyway = False
        self._show_saved("未保存")
        self._autosave.poke()
        # The status line's project name follows with the checks (0.3 s after typing stops):
        # updating it here would cost every keystroke a second frame.
        self._checks.poke()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Remember the last field, so palette commands for tables know where to act."""
        if event.widget.name:
            self.last_field = event.widget

    def on_section_left(self, event: Section.Left) -> None:
        """Focus left a field: write now, and say its findings from now on."""
        self.flush()
        # Judged now, not 0.3 s later: the field's line says what is wrong (or no longer) as focus leaves it.
        self.reveal.paths.add(event.path)
        self._checks.cancel()
        if self._judged:  # unchanged since the last checks: only what is shown changes (no 10 ms re-check per Tab)
            self._show_checks()
        else:
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
            self.notify(f"无法保存 {clean(self.path.name)}：{reason}", severity="error", markup=False, timeout=8)
            return False
        self.dirty = False
        self._autosave.cancel()
        self._show_saved("已保存")
        return True

    async def action_save(self) -> None:
        """Save now (with whatever was typed just before Ctrl+S)."""
        await settle(self.focused)
        self.dirty = self.dirty or not self.path.exists()
        if self.flush():
            self.notify("已保存", markup=False, timeout=2)

    def run_checks(self) -> None:
        """Judge the draft; update the stepper, the status line and 检查与导出."""
        self.findings = check(self.draft)
        self._judged = True
        self._show_checks()

    def _show_checks(self) -> None:
        findings = self.findings
        review = self.sections[-1]
        # The stepper and the fields say only what the operator has been shown (``tui.sections.notes``);
        # 检查与导出 lists everything.
        shown = self.reveal.shown(findings)
        states = []
        for section in self.sections:
            owned = findings if section is review else [f for f in findings if section.owns(f.path)]
            blank = section is not review and section.is_blank(self.draft)
            state = step_state([f for f in shown if f in owned], blank=blank)
            states.append("incomplete" if state == "complete" and len(owned) > 0 and not self.reveal.all else state)
        self.stepper.set_states(states)
        self._show_where()
        current = self.sections[self.index]
        if current is not review:
            current.show_notes(findings, self.reveal)
        if len(self.sections) - 1 in self._mounted and hasattr(review, "show_findings"):
            review.show_findings(self.draft, findings)

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
        head = f"{self.index + 1}/{len(self.sections)} {section.title} · {state} · "
        where = Content.assemble(head, Content(visible(name)))
        if where.plain != self._where_shown:  # the checks run often: repaint only when the words change
            self._where_shown = where.plain
            self._where.update(where)

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
