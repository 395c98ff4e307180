"""The Footer of every screen: Textual's, rebuilt only when the keys it shows change.

Textual's Footer recomposes on every change of the screen's bindings, and a
focus change is one: every Tab from one field to the next rebuilt the whole
key bar, one to three more frames (0.6–0.9 KB each over SSH) after the Tab's
own. Fields of the same kind bring the same keys, so most Tabs change nothing
the Footer shows; this one compares what it would show and keeps still then.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

__all__ = ["QuietFooter"]

ShownKeys = tuple[tuple[object, ...], ...]


class QuietFooter(Footer):
    """A Footer that recomposes only when the keys, descriptions or enabled states it shows change."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._shown: ShownKeys | None = None

    def shown_keys(self, screen: Screen) -> ShownKeys:
        """Everything of ``screen``'s active bindings that the Footer's rendering depends on."""
        app = screen.app
        shown = []
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show or binding.key == app.COMMAND_PALETTE_BINDING:
                group = (binding.group.description, binding.group.compact) if binding.group else None
                key = app.get_key_display(binding)
                shown.append((binding.key, key, binding.description, binding.action, enabled, tooltip, group))
        return tuple(shown)

    def bindings_changed(self, screen: Screen) -> None:
        """Recompose as Textual's Footer does, unless the keys shown are the same as last time."""
        will_recompose = screen.app.app_focus and self.is_attached and screen is self.screen
        if will_recompose:
            shown = self.shown_keys(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
