"""The editor's text fields: one-line and multi-line, never blinking, never sending user bytes raw.

Textual draws an Input's or a TextArea's text as it is, so an escape sequence in
a draft (pasted, or in a hand-edited file) would reach the terminal and clear
the screen or retitle the window. These fields draw every control character as
a visible stand-in of the same length (ESC as ␛), so the cursor still lines up
with the text, while the value itself, and the draft, keep exactly what was
typed.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.suggester import SuggestionReady
from textual.widgets import Input, TextArea

from tui.widgets.keys import InOrderKeys
from tui.widgets.suggest import CompletionSource, FieldSuggester

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_PICTURES[0x7F] = "\u2421"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with each control or invisible format character replaced by one visible character.

    C0 controls and DEL become their Unicode control pictures (␛, ␇, ␡, …), other
    controls and format characters (bidi overrides, zero-width spaces) become
    ``?``. The result has as many characters as ``text``.

    Args:
        text: User text.
        keep_newlines: Leave ``\\n`` alone (multi-line text).
    """
    if text.isascii() and text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        if keep_newlines and char == "\n":
            out.append(char)
        elif code in _PICTURES:
            out.append(_PICTURES[code])
        elif unicodedata.category(char) in ("Cc", "Cf"):
            out.append("?")
        else:
            out.append(char)
    return "".join(out)


_BORN = "-textual-compact -valid"
"""Classes Input sets on itself as it is built: a compact field, valid (no validators)."""


class TextField(InOrderKeys, Input):
    """A borderless one-line field named by its draft path; shows control characters as pictures.

    A field given a completion source (``complete_from``) shows Textual's inline
    suggestion, taken with → or End. While the field is empty and focused, the
    first candidate stands in its placeholder (Textual asks a suggester only once
    something is typed), so a value the form needs anyway, such as the budget
    total for the 成本指标, takes one key.
    """

    # Input sets its virtual size (the text's width) on every key, and Widget's reactive then asks for a
    # layout of the whole screen: 2–3 ms per key with a section's widgets, before the key's frame. A field
    # whose width is set (every field here) keeps its place whatever it holds, so a repaint is enough;
    # Input itself still asks for the layout when its width is ``auto``.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=True)
    # Always compact: Input's own reactive toggles its class twice as it is built (see ``_BORN``).
    compact: Reactive[bool] = Reactive(True)

    def __init__(
        self,
        value: str = "",
        *,
        name: str | None = None,
        placeholder: str = "",
        classes: str = "",
        suggest: CompletionSource | None = None,
    ) -> None:
        # Born with the classes Input would add one by one: each class added to a widget not yet
        # mounted restyles it on its own (~1-5 ms a field), which a table of many cells pays per cell.
        super().__init__(
            value, placeholder=placeholder, name=name, compact=True, select_on_focus=False, classes=f"{classes} {_BORN}"
        )
        self.cursor_blink = False
        self._own_placeholder = placeholder
        if suggest is not None:
            self.complete_from(suggest)

    def watch_virtual_size(self, size: Size) -> None:
        """Shorter text may leave the view scrolled past its end: clamp, as the skipped layout would have."""
        self.scroll_x = self.validate_scroll_x(self.scroll_x)

    def complete_from(self, source: CompletionSource) -> None:
        """Offer completions from ``source`` (asked with this field's draft path and text)."""
        self.suggester = FieldSuggester(source, self)

    @property
    def suggestion(self) -> str:
        """The whole value → would give now ("" when nothing is offered)."""
        # Input keeps its current suggestion in a private reactive; there is no public accessor.
        offered = self._suggestion
        return offered if len(offered) > len(self.value) else ""

    def offer(self) -> None:
        """Ask for a completion of the text as it is now (after the candidates changed)."""
        if self.has_focus:
            self._offer()

    def _offer(self) -> None:
        if not isinstance(self.suggester, FieldSuggester):
            return
        offered = self.suggester.suggest(self.value)
        if offered is not None:
            self.post_message(SuggestionReady(self.value, offered))
        elif not self.value:
            self.placeholder = self._own_placeholder

    def action_end(self, select: bool = False) -> None:
        """End: take the completion shown, else go to the end of the text."""
        if not select and self.cursor_at_end and self.suggestion:
            self.action_cursor_right()
        else:
            super().action_end(select)

    def _on_focus(self, event: events.Focus) -> None:
        # Runs before the focus is recorded (has_focus) and before Input's own handler clears the
        # suggestion; the offer is a message, so it arrives after both.
        self._offer()

    def _on_blur(self, event: events.Blur) -> None:
        self.placeholder = self._own_placeholder
        # A long text typed to its end stays scrolled there, its head hidden and perhaps a wide
        # character cut in half at the left edge: a field left shows its beginning again.
        self.scroll_to(x=0, animate=False, immediate=True)

    def _on_suggestion_ready(self, event: SuggestionReady) -> None:
        # An empty Input draws its placeholder, never a suggestion: the completion stands in for it.
        if not event.value and not self.value and self.has_focus:
            self.placeholder = event.suggestion

    def _on_input_changed(self, event: Input.Changed) -> None:
        # Textual asks for completions only of non-empty text; emptied again, offer the first one anew.
        if not event.value and self.suggester is not None:
            self.offer()

    async def _on_key(self, event: events.Key) -> None:
        # Python counts the ideographic space (U+3000) as unprintable, so Input would drop it;
        # operators type it (full-width mode) and amounts accept it: keep it as typed.
        char = event.character
        if char and len(char) == 1 and unicodedata.category(char) == "Zs" and not event.is_printable:
            self.insert_text_at_cursor(char)
            event.stop()
            event.prevent_default()

    @property
    def _value(self) -> Text:
        # Input draws this Text; one visible character per character keeps the cursor in place.
        return Text(visible(self.value), no_wrap=True, overflow="ignore", end="")


class TextBlock(InOrderKeys, TextArea):
    """A multi-line field (Enter is a new line, Tab leaves it); shows control characters as pictures."""

    def __init__(self, *, name: str | None = None, classes: str = "") -> None:
        super().__init__(name=name, soft_wrap=True, tab_behavior="focus", compact=True, classes=classes)
        self.cursor_blink = False

    def get_line(self, line_index: int) -> Text:
        """The line as drawn: control characters as pictures (TextArea's documented styling hook)."""
        return Text(visible(self.document.get_line(line_index)), end="", no_wrap=True)


def field_input(
    value: str = "",
    *,
    name: str | None = None,
    placeholder: str = "",
    classes: str = "",
    suggest: CompletionSource | None = None,
) -> TextField:
    """A one-line field for the draft path ``name`` (with completions from ``suggest``, if given)."""
    return TextField(value, name=name, placeholder=placeholder, classes=classes, suggest=suggest)
