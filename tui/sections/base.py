"""The base of every editor section: a widget that owns one slice of the draft.

Data flows one way: a key changes a widget, the widget's Changed event writes
the new text into the section's slice of the draft, and the section posts
``Section.Changed`` so the screen can autosave and re-check. Loading is the
reverse and sets widget values only; because a widget's own Changed event for
a loaded value finds the draft already equal, loading never marks a draft as
changed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, TextArea

from forms.model import Declaration


class Section(Widget):
    """One section of the editor (基本情况, 资金来源, …).

    Subclasses set ``title`` and implement ``load`` and ``focus_path``; they
    keep the draft given to ``load`` in ``self.draft`` and write each change
    into it at once, then call ``self.changed(path)``.
    """

    DEFAULT_CSS = """
    Section {
        height: 1fr;
    }
    """

    title: ClassVar[str] = ""
    """The section's name as the stepper shows it."""

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

    def load(self, draft: Declaration) -> None:
        """Show ``draft``'s slice in the widgets (sets widget values only)."""
        self.draft = draft

    def store(self, draft: Declaration) -> None:
        """Write this section's slice into ``draft``.

        Sections keep ``self.draft`` current on every Changed event, so the
        default copies nothing; a section that edits a copy overrides it.
        """

    def focus_path(self, path: str) -> bool:
        """Focus the widget for a dotted field path; False when this section has none."""
        return False

    def set_read_only(self, read_only: bool) -> None:
        """Lock or unlock every editing widget of the section (定稿 drafts are read-only)."""
        self.read_only = read_only
        for widget in self.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.read_only = read_only
        for widget in self.query("Select, Checkbox, RadioSet, Button"):
            widget.disabled = read_only

    def changed(self, path: str) -> None:
        """Tell the screen that the field at ``path`` changed in ``self.draft``."""
        self.post_message(self.Changed(self, path))

    def left(self, path: str) -> None:
        """Tell the screen that focus left the field at ``path``."""
        self.post_message(self.Left(self, path))
