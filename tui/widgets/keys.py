"""Keys in the order they were typed, even when a burst arrives at once (SSH, paste, tmux send-keys).

Textual resolves a widget's own key bindings late: the key goes to the focused
widget's queue, bubbles back up to the app, and only then is its binding run,
against whatever has focus by that time. When several keys arrive in one read
(a fast typist on a laggy SSH link), a key typed before Tab can therefore act on
the field after it. The editor avoids this in two ways: keys that move focus are
priority bindings (run by the app at once, in order), and its fields run their
own bindings while they handle the key (``InOrderKeys``), in their own queue,
in order.
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.screen import Screen
from textual.widget import Widget


class InOrderKeys:
    """Mixin for a focusable widget (list it before the widget class): its own bindings run as it handles each key.

    A plain mixin, not a Widget subclass, so the widget's component classes and
    CSS are inherited unchanged.
    """

    async def _on_key(self: Widget, event: events.Key) -> None:  # type: ignore[misc]
        # ``_bindings`` holds the widget's bindings after any keymap the app set.
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:
                continue
            if await self.app.run_action(binding.action, self):
                # Handled here, in typing order: the key must not bubble to the app for a second run.
                event.stop()
                event.prevent_default()
                return


async def settle(widget: Widget | None, *, rounds: int = 200) -> None:
    """Let keys already sent to ``widget`` take effect before an action reads or moves its content.

    A priority binding (Ctrl+T, Alt+↑) runs as soon as the app reads its key,
    possibly while characters typed just before it still wait in the focused
    field's queue, and the Changed messages they cause in its containers'
    queues. This yields until those queues are empty, so the action sees (and
    moves) what was typed. Bounded, so it can never hang.
    """
    if widget is None:
        return
    landed = getattr(widget, "landed", None)  # an empty table's line (``tui.widgets.grid_empty``), asked by name
    if landed is not None:  # it types the keys sent to it into the row it starts: wait for them there
        await landed()
        widget = widget.screen.focused if widget.is_attached else widget
        if widget is None:
            return
    nodes = [widget, *(node for node in widget.ancestors if isinstance(node, Widget) and not isinstance(node, Screen))]
    # Textual's per-widget message queue has no public accessor.
    queues = [queue for node in nodes if (queue := getattr(node, "_message_queue", None)) is not None]
    for _ in range(rounds):
        if all(queue.empty() for queue in queues):
            return
        await asyncio.sleep(0)


def unbound(widget: Widget, key: str) -> bool:
    """Whether no binding of ``widget`` or of anything above it takes ``key``.

    Such a key should end where it was sent: bubbling on, Textual looks its binding up
    on whatever has focus by the time it reaches the app, which may be the field after.
    """
    return not any(key in node._bindings.key_to_bindings for node in widget.ancestors_with_self)
