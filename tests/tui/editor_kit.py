"""Helpers for the editor's Pilot tests: a bare app hosting the editor, typing, finding fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from forms.model.declaration import Declaration, new_declaration
from forms.store.drafts import load_draft
from tui.folder.store import DraftStore
from tui.screens.editor import EditorScreen

SIZE = (80, 24)
"""Every editor test runs at the smallest supported terminal."""


class EditorApp(App[None]):
    """An empty home screen with the editor pushed on top, as the drafts list would."""

    def __init__(self, store: DraftStore, path: Path, draft: Declaration, *, read_only: bool = False) -> None:
        super().__init__()
        self.editor = EditorScreen(store, path, draft, read_only=read_only)
        self.closed_with: Any = None

    def on_mount(self) -> None:
        self.animation_level = "none"
        self.push_screen(Screen())
        self.push_screen(self.editor, callback=self._editor_closed)

    def _editor_closed(self, result: Any) -> None:
        self.closed_with = result


def make_editor(folder: Path, draft: Declaration | None = None, *, read_only: bool = False) -> EditorApp:
    """An app editing ``draft`` (a new empty one by default), saved first in ``folder`` through a store."""
    store = DraftStore(folder)
    draft = draft if draft is not None else new_declaration()
    path = store.create(draft)
    return EditorApp(store, path, draft, read_only=read_only)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` as key events, as a fast typist (or a terminal's paste-as-keys) would.

    The keys go through the app exactly like keys from the terminal driver, in
    order, without ``Pilot.press``'s wait for idle after each one (which makes
    a long form take a minute); one pause at the end lets the fields catch up.
    ``Pilot.press`` also cannot send full-width punctuation (（, “, 、 …).
    """
    for char in text:
        pilot.app.post_message(events.Key(char if char.isalnum() else _key_name(char), char))
    await pilot.pause()


async def burst(pilot: Pilot[Any], *keys: str) -> None:
    """Send keys all at once, as one read from a terminal over a laggy link would deliver them.

    Each item is a key name (``tab``, ``ctrl+g``) or a run of characters to type.
    """
    for key in keys:
        if key in _NAMED:
            pilot.app.post_message(events.Key(key, None))
        else:
            for char in key:
                pilot.app.post_message(events.Key(char if char.isalnum() else _key_name(char), char))
    await pilot.pause()


_NAMED = {
    *("tab", "shift+tab", "enter", "backspace", "space", "escape", "up", "down", "left", "right", "f5", "f6"),
    *("ctrl+g", "ctrl+o", "ctrl+r", "ctrl+t", "ctrl+s", "alt+up", "alt+down"),
}
"""Key names ``burst`` sends as keys; anything else is typed as text."""


def _key_name(char: str) -> str:
    return {" ": "space", "\n": "enter"}.get(char, char)


def field(app: App[Any], path: str) -> Widget:
    """The field widget named by a draft path, on the current screen."""
    matches = [w for w in app.screen.query("*") if w.name == path]
    assert matches, f"no field for {path}"
    return matches[0]


def focused_path(app: App[Any]) -> str | None:
    """The draft path of the focused field."""
    focused = app.screen.focused
    return focused.name if focused is not None else None


def on_disk(app: EditorApp) -> Declaration:
    """The draft as its file holds it now."""
    return load_draft(app.editor.path)
