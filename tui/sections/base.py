"""The base of every editor section: a widget that owns one slice of the draft.

Data flows one way: a key changes a widget, the widget's Changed event writes
the new text into the section's slice of the draft, and the section posts
``Section.Changed`` so the screen can autosave and re-check. Loading is the
reverse and sets widget values only; because a widget's own Changed event for
a loaded value finds the draft already equal, loading never marks a draft as
changed.

A field widget carries its dotted draft path as its ``name`` (``Input(name=
"project.name")``); the generic handlers here read and write through that path,
so most sections only compose widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, TextArea

from forms.checks.runner import Finding
from forms.model.declaration import Declaration
from tui.sections.fields import Body
from tui.sections.notes import FieldNotes, Reveal
from tui.widgets.choice import Choice
from tui.widgets.grid import Grid


def get_path(draft: Declaration, path: str) -> Any:
    """The value at a dotted path (``funding.sources.3.this_year``).

    Raises:
        LookupError: the path names nothing in the draft (e.g. a deleted row).
    """
    node: Any = draft
    for part in path.split("."):
        try:
            node = node[int(part)] if part.isdigit() else getattr(node, part)
        except (AttributeError, IndexError) as error:
            raise LookupError(path) from error
    return node


def set_path(draft: Declaration, path: str, value: str) -> None:
    """Set the text field at a dotted path (through pydantic's validated assignment).

    Raises:
        LookupError: the path names nothing in the draft.
    """
    parent_path, _, leaf = path.rpartition(".")
    parent = get_path(draft, parent_path) if parent_path else draft
    if not hasattr(parent, leaf):
        raise LookupError(path)
    setattr(parent, leaf, value)


def widget_text(widget: Widget) -> str | None:
    """The text a field widget holds, or ``None`` when it is not a text field."""
    if isinstance(widget, Input | Choice):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    return None


def show_text(widget: Widget, value: str) -> None:
    """Put ``value`` into a field widget, leaving it alone when it already shows it."""
    if widget_text(widget) == value:
        return
    if isinstance(widget, Input | Choice):
        widget.value = value
    elif isinstance(widget, TextArea):
        widget.text = value


class Section(Widget):
    """One section of the editor (基本情况, 资金来源, …).

    Subclasses set the class variables and compose field widgets named by
    their draft paths; ``load``, ``focus_path`` and the Changed handling then
    work without more code. A section keeps the draft given to ``load`` in
    ``self.draft`` and writes each change into it at once.
    """

    DEFAULT_CSS = """
    Section {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o,insert", "add_row", "加行", id="grid.add_row", priority=True),
    ]
    """
    | Key | Action |
    | :- | :- |
    | ctrl+o, insert | With a growing table, anywhere in the section: add a row (below the current one, else last). |
    """

    title: ClassVar[str] = ""
    """The section's name as the form prints it."""
    short: ClassVar[str] = ""
    """A two-character name for the stepper at 80 columns."""
    prefixes: ClassVar[tuple[str, ...]] = ()
    """Draft paths this section owns: a finding's path starting with one belongs here."""

    class Changed(Message):
        """The operator changed a field: the draft in hand is already updated."""

        def __init__(self, section: Section, path: str) -> None:
            self.section = section
            """The section that changed."""
            self.path = path
            """Dotted path of the field that changed (``project.name``, …)."""
            super().__init__()

        @property
        def control(self) -> Section:
            """The section that changed (for ``@on`` selectors)."""
            return self.section

    class Left(Message):
        """Focus left a field of this section: the screen saves at once."""

        def __init__(self, section: Section, path: str) -> None:
            self.section = section
            """The section whose field lost focus."""
            self.path = path
            """Dotted path of that field."""
            super().__init__()

        @property
        def control(self) -> Section:
            """The section (for ``@on`` selectors)."""
            return self.section

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None, disabled: bool = False
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.draft: Declaration | None = None
        """The draft this section edits, as given to ``load``."""
        self.read_only = False
        """True while the draft is 定稿: nothing may be edited."""
        self.notes = FieldNotes(self)
        """What is said under each field's line (``tui.sections.notes``)."""

    @classmethod
    def owns(cls, path: str) -> bool:
        """Whether a field path (of a finding, say) belongs to this section."""
        return any(path == prefix or path.startswith(prefix + ".") for prefix in cls.prefixes)

    @classmethod
    def is_blank(cls, draft: Declaration) -> bool:
        """Whether nothing of this section has been filled in (the stepper's 空)."""
        return False

    def load(self, draft: Declaration) -> None:
        """Show ``draft``'s slice in the widgets (sets widget values only)."""
        self.draft = draft
        for widget in self.fields():
            try:
                value = get_path(draft, widget.name or "")
            except LookupError:
                continue
            if isinstance(value, str):
                show_text(widget, value)

    async def ready(self) -> None:
        """Wait until everything ``load`` mounted (table rows) can take focus."""
        for grid in self.query(Grid):
            await grid.settled()

    def store(self, draft: Declaration) -> None:
        """Write this section's slice into ``draft`` from the widgets."""
        for widget in self.fields():
            text = widget_text(widget)
            if text is None:
                continue
            try:
                if get_path(draft, widget.name or "") != text:
                    set_path(draft, widget.name or "", text)
            except LookupError:
                continue

    def fields(self) -> list[Widget]:
        """Every field widget of the section (named by a draft path), in screen order."""
        return [w for w in self.query("*") if w.name and ("." in w.name or w.name in _TOP)]

    def focus_path(self, path: str) -> bool:
        """Focus the widget for a dotted field path; False when this section has none.

        A path deeper or shallower than any field focuses the nearest field
        (``expenses.lines.2`` focuses the row's first cell).
        """
        for grid in self.query(Grid):
            grid.bring(path)  # a table builds only the rows near its cursor
        fields = [widget for widget in self.fields() if widget.focusable]
        target = next((w for w in fields if w.name == path), None)
        if target is None:
            target = next((w for w in fields if (w.name or "").startswith(path + ".")), None)
        if target is None:
            target = next((w for w in fields if path.startswith((w.name or "") + ".")), None)
        if target is None:
            return False
        self.screen.set_focus(target, scroll_visible=False)
        target.scroll_visible(animate=False)
        return True

    def set_read_only(self, read_only: bool) -> None:
        """Lock or unlock every editing widget of the section (定稿 drafts are read-only).

        One-line fields are disabled (Textual's Input has no read-only mode);
        multi-line fields stay focusable but read-only, and the section's body
        takes focus instead, so the arrow keys still scroll a locked section.
        """
        self.read_only = read_only
        for widget in self.query("Input, Choice, Tick, Button"):
            widget.disabled = read_only
        for area in self.query(TextArea):
            area.read_only = read_only
        for grid in self.query(Grid):
            grid.set_read_only(read_only)
        for body in self.query(Body):
            body.can_focus = read_only

    def show_notes(self, findings: Sequence[Finding], reveal: Reveal) -> None:
        """Say the revealed findings under their fields' lines."""
        self.notes.show(findings, reveal, self.fields())

    def growing_grid(self) -> Grid | None:
        """The section's table that rows can be added to, if any."""
        return next((grid for grid in self.query(Grid) if grid.new_row is not None), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """加行 exists only with a growing table, and does nothing while read-only."""
        if action == "add_row":
            grid = self.growing_grid()
            return False if grid is None else None if self.read_only else True
        return True

    async def action_add_row(self) -> None:
        """Add a row to the section's table, wherever in the section focus is (the table's own rule places it)."""
        grid = self.growing_grid()
        if grid is None:
            raise SkipAction()
        await grid.action_add_row()

    def changed(self, path: str) -> None:
        """Tell the screen that the field at ``path`` changed in ``self.draft``."""
        self.after_change(path)
        self.post_message(self.Changed(self, path))

    def after_change(self, path: str) -> None:
        """Hook for derived displays (computed totals) after ``path`` changed."""

    def left(self, path: str) -> None:
        """Tell the screen that focus left the field at ``path``."""
        self.post_message(self.Left(self, path))

    def take(self, widget: Widget) -> None:
        """Write a field widget's text into the draft, if it differs, and announce it."""
        path = widget.name or ""
        text = widget_text(widget)
        if self.draft is None or text is None or self.read_only or not path:
            return
        try:
            if get_path(self.draft, path) == text:
                return
            set_path(self.draft, path, text)
        except LookupError:
            return
        self.changed(path)

    def on_input_changed(self, event: Input.Changed) -> None:
        """An Input's text changed: write it into the slice (an amount's line may say something new)."""
        self.take(event.input)
        self.notes.refresh_line(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """A TextArea's text changed: write it into the slice."""
        self.take(event.text_area)

    def on_choice_changed(self, event: Choice.Changed) -> None:
        """A choice was picked: write it into the slice."""
        self.take(event.choice)

    def on_grid_rows_changed(self, event: Grid.RowsChanged) -> None:
        """Rows were added, deleted or moved in the draft's list."""
        event.stop()
        if self.draft is not None and not self.read_only:
            self.changed(event.grid.path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field moves to the next field."""
        event.stop()
        self.app.action_focus_next()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Focus left a field: the screen saves now rather than after the delay."""
        if event.widget.name:
            self.left(event.widget.name)


_TOP = ("year", "unit")
"""Top-level draft fields: paths without a dot."""
