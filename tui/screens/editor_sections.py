"""Switching the editor's sections in one frame: each section in a slot, a new one laid out off screen first.

A section switch (F6) should send the terminal one repaint of the section
area, once. Textual, left to itself, sends up to four: mounting a section
repaints the whole container it is mounted into (the section still shown), and
widgets shown for the first time are laid out twice (their first size changes
their virtual size, which asks for another layout and repaint of each), in
frames 20–50 ms apart.

So every section lives in its own slot. A section shown for the first time is
mounted into its slot while the slot is *staged*: laid out at full size but
drawn off screen, where neither the mount nor the second layout sends a byte.
Only then, in one synchronous step, is the draft saved, the checks shown, the
slots swapped and the first field focused: one frame with everything.

``SectionSwitcher`` is the widget holding the slots; ``SectionSwitching`` the
editor screen's part that switches (``show_section``, ``jump_to``).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual.containers import Container
from textual.screen import Screen
from textual.widget import Widget

from forms.checks.runner import Finding, check
from forms.model.declaration import Declaration
from tui.screens.debounce import Debounce
from tui.screens.editor_keys import EditorKeys
from tui.sections.base import Section, widget_text
from tui.sections.notes import Reveal
from tui.widgets.choice import Choice
from tui.widgets.grid import Grid
from tui.widgets.grid_row import GridRow
from tui.widgets.keys import settle
from tui.widgets.stepper import Stepper

if TYPE_CHECKING:
    from textual.app import ComposeResult

MAX_LAYOUT_ROUNDS = 6
"""At most this many refreshes are waited for a staged section's sizes to settle (usually two or three)."""


OFF_SCREEN = 1000
"""Rows below its place at which a staged slot is laid out: beyond any terminal."""


class SectionSlot(Container):
    """Where one section lives: hidden, staged (laid out off screen) or current.

    The states are inline styles, not classes: Textual applies a class change at
    its next idle moment, possibly a frame later, but an inline style at once.
    """

    DEFAULT_CSS = """
    SectionSlot {
        height: 1fr;
    }
    """

    def hide(self) -> None:
        """Not shown (and not laid out)."""
        self.styles.display = "none"

    def stage(self) -> None:
        """Laid out at its full size, but over the screen and far below it, so nothing of it is drawn."""
        self.styles.overlay = "screen"
        self.styles.offset = (0, OFF_SCREEN)
        self.styles.height = "100%"  # an overlay's 1fr would be one row
        self.styles.display = "block"

    def show(self) -> None:
        """In its place, shown."""
        for rule in ("overlay", "offset", "height"):
            self.styles.clear_rule(rule)
        self.styles.display = "block"


class SectionSwitcher(Widget):
    """The editor's section area: one slot per section, the current one shown (``tui.screens.editor``)."""

    DEFAULT_CSS = """
    SectionSwitcher {
        height: 1fr;
    }
    """

    def __init__(self, sections: list[Section], *, id: str | None = None) -> None:
        """Slots for ``sections``; the first is current and composed with the screen."""
        super().__init__(id=id)
        self.sections = sections
        """Every section, in order."""
        self.slots = [SectionSlot() for _ in sections]
        """One slot per section, in the same order."""
        for slot in self.slots[1:]:
            slot.stage()
        self.mounted: set[int] = {0}
        """Indexes of the sections mounted (the first comes with the screen)."""

    def compose(self) -> ComposeResult:
        """Every slot, the current one last (see ``swap``); only the first section's holds it yet."""
        yield from reversed(self.slots[1:])
        with self.slots[0]:
            yield self.sections[0]

    async def stage(self, index: int) -> Section:
        """Mount section ``index`` into its slot, off screen (it is not shown until ``swap``)."""
        section = self.sections[index]
        await self.slots[index].mount(section)
        self.mounted.add(index)
        return section

    async def settle_layout(self, index: int) -> None:
        """Let the layout passes of staged section ``index`` run until its sizes stop changing (off screen: silent).

        What is left pending after that (a repaint) goes out with the swap's own
        frame. The screen lays out only between its own messages, so this must
        not be awaited from one of the screen's handlers (it returns at once
        there, and the section is laid out after it is shown, in two frames).
        """
        if asyncio.current_task() is getattr(self.screen, "_task", None):
            return
        slot = self.slots[index]
        sizes = None
        for _ in range(MAX_LAYOUT_ROUNDS):
            done = asyncio.Event()
            self.call_after_refresh(done.set)
            await done.wait()
            now = [(widget.size, widget.virtual_size) for widget in slot.walk_children()]
            if now == sizes:
                return
            sizes = now

    def swap(self, old: int, new: int) -> None:
        """Show section ``new`` in place of ``old`` (call in the same step as the focus change: one frame)."""
        self.slots[old].hide()
        slot = self.slots[new]
        slot.show()
        # Textual orders what it paints by the position among the children laid out, counted from the
        # last: a slot staged *after* the current one would renumber every widget of the current
        # section, and the changed order alone repaints them all. So the current slot is kept last.
        if self.children[-1] is not slot:
            self.move_child(slot, after=self.children[-1])


def landing(screen: Screen, section: Section) -> Widget | None:
    """Where focus lands in ``section``: the first place the operator must type.

    That is the first field in the focus chain, passing over the 合计 lines (a
    sum of the rows below, typed last or taken with Ctrl+T) and choices that are
    already picked (the skeleton's 一级/二级), as Enter does in a table, and
    labelled fields filled in before (a new draft's 年度, the profile's 填报单位):
    typing there would run on into what is already written. An empty table's
    stand-in line is such a place: typing or Ctrl+O there starts the row. A
    table is entered at its first row even when it is filled in.
    """
    chain = [w for w in screen.focus_chain if section in w.ancestors]
    places = [
        widget
        for widget in chain
        if not any(node.has_class("total-row") for node in widget.ancestors if isinstance(node, Widget))
        and not (isinstance(widget, Choice) and widget.value)
    ]
    for widget in places:
        if any(isinstance(node, GridRow) for node in widget.ancestors):
            return widget
        text = widget_text(widget)  # None for a tick box: ticking one is never what must come first
        if text is not None and not text.strip():
            return widget
    return places[0] if places else chain[0] if chain else None


def focus_first(screen: Screen, section: Section) -> None:
    """Focus where ``section`` is entered (``landing``) and show its top (the focus chain skips hidden widgets)."""
    target = landing(screen, section)
    if target is not None:
        screen.set_focus(target, scroll_visible=False)
    section.scroll_home(animate=False)
    for scroller in section.query(".section-body"):
        scroller.scroll_home(animate=False)


class SectionSwitching(EditorKeys):
    """The editor's section switching (``EditorScreen`` provides the draft, saving and checks)."""

    sections: list[Section]
    index: int
    switcher: SectionSwitcher
    stepper: Stepper
    draft: Declaration
    findings: list[Finding]
    read_only: bool
    reveal: Reveal
    _checks: Debounce

    def __init__(self) -> None:
        super().__init__()
        self._switching = asyncio.Lock()

    def flush(self) -> bool:
        """Write the draft now if it has unsaved changes (``EditorScreen`` implements it)."""
        raise NotImplementedError

    def _show_checks(self) -> None:
        """Show ``findings`` in the stepper, the status line and 检查与导出 (``EditorScreen``)."""
        raise NotImplementedError

    def _prepare(self, section: Section) -> None:
        section.load(self.draft)
        section.set_read_only(self.read_only)
        self._reveal_filled(section)
        show = getattr(section, "show_findings", None)
        if show is not None:
            show(self.draft, self.findings)

    def _reveal_filled(self, section: Section) -> None:
        # What was filled in before (an earlier session, the new draft's year) is judged from the start.
        self.reveal.paths.update(w.name for w in section.fields() if w.name and (widget_text(w) or "").strip())
        for grid in section.query(Grid):
            self.reveal.paths.update(grid.filled_paths())  # its rows not built yet too

    @property
    def _mounted(self) -> set[int]:
        """Indexes of the sections mounted so far."""
        return self.switcher.mounted

    async def show_section(self, index: int, *, focus: bool = True) -> Section:
        """Switch to section ``index`` (saving first), mounting it the first time; one frame on screen."""
        async with self._switching:
            section = self.sections[index]
            # Keys typed just before F6 (or Ctrl+G and a digit) may still wait in a field's queue: let them
            # land, so the save and the checks below include them, and the landing field is judged on what
            # was typed (re-picking the section shown too: else a burst lands where slow typing would not).
            for field in [self.focused, *self.sections[self.index].fields()]:
                await settle(field)
            if index != self.index:
                # What was just typed is judged now, not 0.3 s later (the checks take well under a
                # millisecond): 检查与导出 and the stepper never show findings from before the last keys.
                self._checks.cancel()
                # The field being left is judged now too (its Left message arrives after the switch):
                # its finding reaches the stepper in this frame, not in a second update.
                if self.focused is not None and self.focused.name:
                    self.reveal.paths.add(self.focused.name)
                self.findings = check(self.draft)
                if index == len(self.sections) - 1:
                    self.reveal.all = True  # 检查与导出 judges the whole draft: every field says its findings now
                if index not in self._mounted:
                    await self.switcher.stage(index)
                    self._prepare(section)
                    await section.ready()
                    self._reveal_filled(section)  # a table's rows exist only now
                    await self.switcher.settle_layout(index)
                # From here on nothing waits: saved, checked, switched and focused in one frame.
                self.flush()
                self.switcher.swap(self.index, index)
                self.index = index
                self.stepper.current = index
                self._show_checks()
            if focus:
                focus_first(self, section)
            return section

    def on_stepper_selected(self, event: Stepper.Selected) -> None:
        """A section was chosen in the stepper (switched from the app's queue: see ``settle_layout``)."""
        self.app.call_later(self.show_section, event.index)

    async def jump_to(self, path: str) -> bool:
        """Show the section that owns a field path and focus the field; False when none has it."""
        index = next((n for n, s in enumerate(self.sections) if s.owns(path)), None)
        if index is None:
            return False
        section = await self.show_section(index, focus=False)
        if not section.focus_path(path):
            focus_first(self, section)
        return True

    def on_review_section_jump_to(self, event: Any) -> None:
        """Enter on a finding in 检查与导出: go to its field (from the app's queue: see ``settle_layout``)."""
        self.app.call_later(self.jump_to, event.path)
