"""Picking from a fixed vocabulary without a pop-up: a one-line choice and a tick box.

``Choice`` cycles through its options with ← / → (or a digit picks one), so Enter
stays free to move to the next field, as everywhere in the editor. ``Tick`` is
a check box drawn in ASCII (``[x]``), because the box glyphs (☑, □, ▐ ▌) are
ambiguous-width and break alignment in many Chinese terminals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.widgets.field import visible
from tui.widgets.keys import InOrderKeys


class Choice(InOrderKeys, Widget, can_focus=True):
    """One value picked from a list of options; blank until picked.

    A value that is not among the options (a hand-edited file) is shown as it
    is and kept until the operator picks another.
    """

    DEFAULT_CSS = """
    Choice {
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $surface;
        &:focus { background: $primary 30%; text-style: bold; }
        &.-blank { color: $text-muted; }
        &:disabled { color: $text-disabled; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "上一选项", show=False),
        Binding("right,space", "step(1)", "选择", key_display="←/→"),
        Binding("backspace,delete", "clear", "清除", show=False),
        *(Binding(str(n), f"pick({n})", f"选第{n}项", show=False) for n in range(1, 10)),
    ]
    """
    | Key | Action |
    | :- | :- |
    | left | Previous option. |
    | right, space | Next option. |
    | 1 … 9 | Pick that option. |
    | backspace, delete | Clear the choice. |
    """

    value: reactive[str] = reactive("", init=False)
    """The picked option ("" when none)."""

    class Changed(Message):
        """The picked value changed."""

        def __init__(self, choice: Choice, value: str) -> None:
            self.choice = choice
            """The widget."""
            self.value = value
            """The new value."""
            super().__init__()

        @property
        def control(self) -> Choice:
            """The widget (for ``@on`` selectors)."""
            return self.choice

    def __init__(
        self,
        options: Sequence[str],
        value: str = "",
        *,
        placeholder: str = "（请选择）",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        # Born with its -blank class: a class added to a widget not yet mounted restyles it on its own.
        blank = "" if value else " -blank"
        super().__init__(name=name, id=id, classes=f"{classes or ''}{blank}".strip() or None, disabled=disabled)
        self.options: tuple[str, ...] = tuple(options)
        """The choices, in order."""
        self.placeholder = placeholder
        """Shown while nothing is picked."""
        self.set_reactive(Choice.value, value)

    def render(self) -> Content:
        """The value between ‹ › marks (literal text, never markup)."""
        return Content.assemble("‹ ", Content(visible(self.value) or self.placeholder), " ›")

    def set_options(self, options: Sequence[str]) -> None:
        """Offer other options; the value is kept even when it is not among them."""
        self.options = tuple(options)
        self.refresh()

    def watch_value(self, value: str) -> None:
        """Show the new value and tell the section."""
        self.set_class(not value, "-blank")
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        """Move to the previous or next option (wrapping)."""
        if not self.options:
            return
        try:
            index = self.options.index(self.value) + delta
        except ValueError:
            index = 0 if delta > 0 else len(self.options) - 1
        self.value = self.options[index % len(self.options)]

    def action_pick(self, number: int) -> None:
        """Pick the option with this number (1-based); other numbers do nothing."""
        if 1 <= number <= len(self.options):
            self.value = self.options[number - 1]

    def action_clear(self) -> None:
        """Clear the choice."""
        self.value = ""

    def on_click(self, event: events.Click) -> None:
        """A click moves to the next option."""
        self.focus()
        self.action_step(1)


class Tick(InOrderKeys, Widget, can_focus=True):
    """A check box drawn as ``[x] label`` / ``[ ] label``; space toggles."""

    DEFAULT_CSS = """
    Tick {
        height: 1;
        width: auto;
        padding: 0 1 0 0;
        &:focus { background: $primary 30%; text-style: bold; }
        &:disabled { color: $text-disabled; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle", "勾选", key_display="空格"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | space | Tick or untick. |
    """

    value: reactive[bool] = reactive(False, init=False)
    """Whether the box is ticked."""

    class Changed(Message):
        """The box was ticked or unticked."""

        def __init__(self, tick: Tick, value: bool) -> None:
            self.tick = tick
            """The widget."""
            self.value = value
            """Ticked or not, now."""
            super().__init__()

        @property
        def control(self) -> Tick:
            """The widget (for ``@on`` selectors)."""
            return self.tick

    def __init__(
        self,
        label: str,
        value: bool = False,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.label = label
        """What the box stands for (a 项目类型 class or sub-type)."""
        self.set_reactive(Tick.value, value)

    def render(self) -> Content:
        """``[x] label`` or ``[ ] label``."""
        return Content.assemble("[x] " if self.value else "[ ] ", Content(visible(self.label)))

    def watch_value(self, value: bool) -> None:
        """Tell the section."""
        self.post_message(self.Changed(self, value))

    def action_toggle(self) -> None:
        """Tick or untick."""
        self.value = not self.value

    def on_click(self, event: events.Click) -> None:
        """A click toggles too."""
        self.focus()
        self.action_toggle()
