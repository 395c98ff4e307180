"""The line that stands in for the rows of an empty table: typing there starts the first row, in typing order.

Focus lands on this line in an empty growing table (支出明细 of a new draft).
The first character typed here adds the table's first row and goes into its
first cell. Adding a row means mounting it, which takes a few turns of the
event loop, and a fast typist's burst (a terminal delivers it in one read) is
already on its way by then: the characters after the first one were sent here,
and a Tab or Enter among them is run by the app at once (priority bindings,
see ``tui.widgets.keys``), while focus is still here. Left alone, that Tab
found no row to move in, went on round the focus chain to the 合计 line, and
the rest of the burst was typed there; the new row then took focus back.

So this line keeps focus until every key sent to it has been handled, typing
each one into the new row's cell itself, and only then hands focus to that
cell. Keys that move focus wait for that first (``keys_landed``, which
``tui.widgets.keys.settle``, the editor's Tab and the 合计 line's ↑ call), so
they act in the row.
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from tui.widgets.keys import unbound

LANDING_LIMIT = 2.0
"""Seconds a key that moves focus waits at most for the keys sent here (a bound, never reached in practice)."""


class EmptyRows(Static, can_focus=True):
    """Stands in for the rows of an empty table, so the add key has somewhere to work.

    What is typed or pasted here is not lost: the first character adds the
    table's first row and goes into its first cell, as do the keys sent here
    after it; focus moves to that cell once they are all in.
    """

    def __init__(self, content: Content, *, classes: str = "") -> None:
        super().__init__(content, classes=classes)
        self._cell: Widget | None = None  # the cell of the row typing here started, until focus is handed to it
        self._waiting = 0  # keys and pastes sent here and not handled yet
        self._landed = asyncio.Event()
        self._landed.set()

    def post_message(self, message: Message) -> bool:
        """Count the keys sent here (by the app, in typing order) before they are handled."""
        posted = super().post_message(message)
        if posted and isinstance(message, events.Key | events.Paste):
            self._waiting += 1
            self._landed.clear()
        return posted

    async def landed(self) -> None:
        """Wait until the keys sent here are typed and focus is where they went (at once if none are waiting)."""
        if self._landed.is_set() or asyncio.current_task() is getattr(self, "_task", None):
            return
        try:
            await asyncio.wait_for(self._landed.wait(), LANDING_LIMIT)
        except TimeoutError:
            pass

    async def on_key(self, event: events.Key) -> None:
        """A character typed here starts the table's first row with it; later keys go on into that row."""
        try:
            char = event.character
            if event.is_printable and char:
                event.stop()
                event.prevent_default()
                cell = await self._row_cell()
                if isinstance(cell, Input):
                    cell.insert_text_at_cursor(char)
                elif cell is not None:
                    await self._run_bindings(cell, event)
            elif self._cell is not None and self._cell.is_attached and await self._run_bindings(self._cell, event):
                event.stop()  # a key for the new row (Backspace, say) sent here before focus got there
                event.prevent_default()
            elif unbound(self, event.key):
                # Nothing here or above uses the key (Backspace with no row): it ends here. Bubbling on, Textual
                # would look its binding up on whatever has focus by then: after a Shift+Tab typed next, the
                # field before the table, deleting what was typed there.
                event.stop()
                event.prevent_default()
        finally:
            self._handled()

    async def on_paste(self, event: events.Paste) -> None:
        """Text pasted here starts the table's first row with its first line, as a field would take it."""
        try:
            line = event.text.splitlines()[0] if event.text.strip() else ""
            if line:
                event.stop()
                cell = await self._row_cell()
                if isinstance(cell, Input):
                    cell.insert_text_at_cursor(line)
        finally:
            self._handled()

    async def _row_cell(self) -> Widget | None:
        # The cell typing here goes into: the first row's, added by the first key.
        if self._cell is None or not self._cell.is_attached:
            # The grid (``Grid.start_rows``), asked by name: importing it here would import this module back.
            starter = getattr(self.parent, "start_rows", None)
            self._cell = await starter() if starter is not None else None
        return self._cell

    async def _run_bindings(self, cell: Widget, event: events.Key) -> bool:
        # The cell's own (non-priority) bindings for the key, here, in typing order (as ``InOrderKeys`` does).
        for binding in cell._bindings.key_to_bindings.get(event.key, ()):  # after any keymap the app set
            if not binding.priority and await self.app.run_action(binding.action, cell):
                return True
        return False

    def _handled(self) -> None:
        # One key or paste done; after the last one sent here, focus goes to the row they went into.
        self._waiting = max(0, self._waiting - 1)
        if self._waiting:
            return
        cell, self._cell = self._cell, None
        if cell is not None and cell.is_attached and self.screen.focused is self and cell.focusable:
            self.screen.set_focus(cell, scroll_visible=False)  # at once: the next key typed goes there
            cell.scroll_visible(animate=False)
        self._landed.set()


async def keys_landed(widget: Widget | None) -> None:
    """When ``widget`` is an empty table's line: wait until the keys sent to it are in its new row (see above)."""
    if isinstance(widget, EmptyRows):
        await widget.landed()
