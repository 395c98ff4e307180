"""The editor's key line: what Textual's compact Footer shows, drawn by one widget in the same frame as the key.

Textual's Footer is a container of one widget per key, rebuilt (recomposed)
after the frame in which the keys changed: a Tab into a field with keys of its
own (项目属性's ←/→, a table's Ctrl+O) sent the field's repaint, then two more
frames for the rebuilt bar, 1.5 KB and up to 130 ms later, which a terminal over
SSH shows as flicker. This line draws the same keys in the same colours from a
single widget and updates them as the focus changes (the screen's bindings
signal, taken immediately), so a change of keys rides in the key's own frame;
when the keys do not change, nothing is drawn at all.

At 80 columns not every key fits: the line shows them by priority (``fit``),
never cutting one in half, and F1 and the palette list them all.
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

__all__ = ["ESSENTIAL", "KeyLine", "ShownKey", "fit"]

ESSENTIAL = frozenset({"escape", "f1", "ctrl+q"})
"""Keys the line always shows, whatever else must give way."""


class ShownKey(NamedTuple):
    """One key as the line shows it."""

    key: str
    """The key Textual would receive (pressed for the operator on a click)."""
    display: str
    """How the key is written (``F6``, ``^s``)."""
    description: str
    """What it does (下一节)."""
    enabled: bool
    """False: shown dimmed, a click only rings the bell."""
    rank: int = 1
    """Whose key it is: 0 the place focus is in (a field, a table, a section), 1 the screen's, 2 the app's."""

    @property
    def essential(self) -> bool:
        """Esc, F1 and Ctrl+Q: the way back, the help and the way out are always on the line."""
        return bool(ESSENTIAL.intersection(self.key.split(",")))


class KeyLine(Widget, can_focus=False):
    """One line of the screen's keys, the command palette's on the right, as Textual's compact Footer draws them."""

    DEFAULT_CSS = """
    KeyLine {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyLine > .key-line--item {
        background: $footer-item-background;
    }
    KeyLine > .key-line--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyLine > .key-line--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyLine > .key-line--palette-border {
        color: $foreground 20%;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-line--item",
        "key-line--key",
        "key-line--description",
        "key-line--palette-border",
    }

    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: tuple[ShownKey, ...] = ()
        """The keys shown, left to right."""
        self.palette: ShownKey | None = None
        """The command palette's key, drawn at the right end."""
        self._spans: list[tuple[int, int, ShownKey]] = []

    def on_mount(self) -> None:
        """Follow the screen's keys from now on, changing in the same frame as the focus."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed, immediate=True)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        """Stop following the screen's keys."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def shown_keys(self, screen: Screen) -> tuple[tuple[ShownKey, ...], ShownKey | None]:
        """The keys ``screen`` offers now (one per action) and the palette's key.

        The focused widget's own keys come first, then the screen's, then the
        app's, each in the order its class declares them. (Textual's Footer
        orders them by where each key was first bound, so a scrolling container
        that binds Ctrl+PageUp put the editor's F5 before F6 in a field and after
        it on the stepper: the line changed, and the keys moved, with the focus.)
        """
        app = screen.app
        found: dict[str, tuple[int, int, ShownKey]] = {}
        palette = None
        for key, (node, binding, enabled, _tooltip) in screen.active_bindings.items():
            rank = 2 if node is app else 1 if node is screen else 0
            shown = ShownKey(binding.key, app.get_key_display(binding), binding.description, enabled, rank)
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = shown
            if binding.show and binding.action not in found:
                place = _declared(type(node)).get(binding.action, len(found)) if rank else len(found)
                found[binding.action] = (rank, place, shown)
        return tuple(shown for _, _, shown in sorted(found.values(), key=lambda item: item[:2])), palette

    def bindings_changed(self, screen: Screen) -> None:
        """The screen's keys may have changed: redraw only if what the line shows did."""
        if not self.is_attached or screen is not self.screen or not screen.app.app_focus:
            return  # keep the keys while the terminal is in the background, as the Footer does
        keys, palette = self.shown_keys(screen)
        drawn = _drawn(keys, palette) != _drawn(self.keys, self.palette)
        self.keys, self.palette = keys, palette  # the same key may come from another binding (F5 or Ctrl+PageUp)
        if drawn:
            self.refresh()

    def render(self) -> Text:
        """Each key, then its description; the palette's key after a thin bar at the right end."""
        width = self.size.width
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        room = width - (cell_len(f"▏{_label(self.palette)}") + 1 if self.palette is not None else 0)
        for shown in fit(self.keys, room):
            start = line.cell_len
            line.append_text(self._key_text(shown))
            self._spans.append((start, line.cell_len, shown))
            line.append(" ")  # the Footer's margin between keys
        if self.palette is not None and width:
            palette = Text.assemble(("▏", self.get_component_rich_style("key-line--palette-border")))
            palette.append_text(self._key_text(self.palette))
            start = max(0, width - 1 - palette.cell_len)  # and one cell of margin at the right end
            line.truncate(start, overflow="crop", pad=True)
            self._spans = [span for span in self._spans if span[1] <= start]
            self._spans.append((start + 1, start + palette.cell_len, self.palette))
            line.append_text(palette)
        return line

    def _key_text(self, shown: ShownKey) -> Text:
        # As Textual's FooterKey draws itself in a compact Footer.
        text = Text.assemble((shown.display, self.get_component_rich_style("key-line--key")))
        if shown.description:
            text.append(f" {shown.description}", self.get_component_rich_style("key-line--description"))
        item = self.get_component_rich_style("key-line--item")
        text.stylize_before(item + Style(dim=True) if not shown.enabled else item)
        return text

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it (a disabled key rings the bell)."""
        for start, end, shown in self._spans:
            if start <= event.x < end:
                if shown.enabled:
                    self.app.simulate_key(shown.key)
                else:
                    self.app.bell()
                return


def _label(shown: ShownKey) -> str:
    return f"{shown.display} {shown.description}" if shown.description else shown.display


def fit(keys: tuple[ShownKey, ...], room: int) -> list[ShownKey]:
    """The keys that fit in ``room`` cells, by priority, in their order.

    First the keys of the place focus is in (the field's, the table's, the
    section's) and Esc, F1, Ctrl+Q; then the screen's other keys (F6, F5, …) as
    long as they fit. What does not fit is still in F1 and the palette. Should
    even the first ones not fit (a narrow terminal), the place's last keys give way
    before Esc, F1 and Ctrl+Q.
    """
    cost = {shown: cell_len(_label(shown)) + 1 for shown in keys}  # and the margin after each
    chosen = [shown for shown in keys if shown.rank == 0 or shown.essential]
    while sum(cost[shown] for shown in chosen) > room + 1:
        place = [shown for shown in chosen if not shown.essential]
        chosen.remove(place[-1] if place else chosen[-1])
        if not chosen:
            break
    used = sum(cost[shown] for shown in chosen)
    for shown in keys:
        if shown in chosen:
            continue
        if used + cost[shown] > room + 1:
            break  # in order: F5 never shows without F6 before it
        chosen.append(shown)
        used += cost[shown]
    return [shown for shown in keys if shown in chosen]


def _drawn(keys: tuple[ShownKey, ...], palette: ShownKey | None) -> list[tuple[str, str, bool]]:
    """What the line shows of its keys."""
    return [(key.display, key.description, key.enabled) for key in (*keys, *([palette] if palette else []))]


@lru_cache(maxsize=64)
def _declared(cls: type) -> dict[str, int]:
    """The actions of a class's key bindings in the order they are declared (base classes first)."""
    order: dict[str, int] = {}
    for klass in reversed(cls.__mro__):
        for binding in klass.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                order.setdefault(binding.action, len(order))
    return order
