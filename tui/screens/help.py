"""F1: every key that works where the operator pressed F1, read from the live bindings.

The list is built from ``Screen.active_bindings`` of the screen underneath, so
it is never out of date: a key added to a screen, a widget or the app (or
remapped with ``App.set_keymap``) shows up here by itself. Textual's own
widgets describe their keys in English; ``ACTION_NAMES`` gives those a Chinese
name, keyed by action.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.screens.help_names import ACTION_NAMES, EDITING, EDITING_TITLE, WIDGET_NAMES


def own_actions(node: object) -> set[str]:
    """Actions bound by shenbao's own classes on ``node``, not those inherited from Textual's."""
    actions: set[str] = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("tui."):
            for binding in cls.__dict__.get("BINDINGS", []):
                actions.add(binding.action if isinstance(binding, Binding) else binding[1])
    return actions


def describe(binding: Binding) -> str:
    """A binding's description in Chinese: its own, or the name of a built-in action."""
    return ACTION_NAMES.get(binding.action) or binding.description or binding.tooltip or binding.action


def plain_key(key: str) -> bool:
    """Whether a key is worth listing: not a Super (⌘) key, not a Shift+ selection key (Shift+Tab is)."""
    return "super+" not in key and ("shift+" not in key or key == "shift+tab")


def group_title(node: DOMNode) -> str:
    """The heading for the keys a node defines, in Chinese (never a class name)."""
    if isinstance(node, App):
        return "全局"
    title = getattr(node, "BINDING_GROUP_TITLE", None)
    if title:
        return str(title)
    section_title = getattr(type(node), "title", None)
    if isinstance(section_title, str) and section_title:
        return section_title  # an editor section: 支出明细, 绩效指标, …
    for cls in type(node).__mro__:
        if cls.__name__ in WIDGET_NAMES:
            return WIDGET_NAMES[cls.__name__]
    return "当前位置"


def _editing(node: DOMNode) -> bool:
    return any(cls.__name__ in ("Input", "TextArea") for cls in type(node).__mro__)


def key_groups(app: App, bindings: dict[str, ActiveBinding]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Group active bindings by the node that defines them: the screen's, the place's, the app's, then 编辑.

    A field's stock editing keys (Textual's Input and TextArea) go under one
    heading, 编辑, and only those in ``EDITING``; Super and Shift+ selection keys
    are left out everywhere.

    Returns:
        ``(heading, [(keys, description), …])`` pairs; keys bound to one action are joined.
    """
    groups: dict[object, tuple[DOMNode | None, dict[tuple[str, str], list[str]]]] = {}
    for key, active in bindings.items():
        binding = active.binding
        if (binding.system and not binding.description) or not plain_key(key):
            continue
        node = active.node
        editing = _editing(node) and binding.action not in own_actions(node)
        if editing and binding.action not in EDITING:
            continue
        _node, rows = groups.setdefault("编辑" if editing else id(node), (None if editing else node, {}))
        display = app.get_key_display(Binding(key, binding.action, key_display=None))
        rows.setdefault((binding.action, describe(binding)), []).append(display)

    def rank(item: tuple[DOMNode | None, object]) -> int:
        node = item[0]
        # The screen's own keys first (what it is for), then the place's, the app's, editing last.
        return 3 if node is None else 0 if isinstance(node, Screen) else 2 if isinstance(node, App) else 1

    result = []
    for node, rows in sorted(groups.values(), key=rank):
        if node is None:
            items = sorted(rows.items(), key=lambda item: EDITING.get(item[0][0], len(EDITING)))
            result.append((EDITING_TITLE, [(" / ".join(keys), text) for (_action, text), keys in items]))
            continue
        # A node's own keys before those it inherits from Textual (Tab, copy, …).
        own = own_actions(node)
        items = sorted(rows.items(), key=lambda item: item[0][0] not in own)
        result.append((group_title(node), [(" / ".join(keys), text) for (_action, text), keys in items]))
    return result


def _tables(groups: Iterable[tuple[str, list[tuple[str, str]]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for heading, rows in groups:
        table.add_row(Text(heading, style="underline"), "")
        for keys, text in rows:
            table.add_row(Text(keys), Text(text))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """Every key of the screen beneath, grouped by where it applies; any of F1, Escape or q closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 72;
        max-width: 100%;
        height: 90%;
        border: round $accent;
        border-title-align: center;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,escape,q", "close", "关闭帮助", id="help.close"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | f1, escape, q | Close the help. |
    """

    BINDING_GROUP_TITLE = "帮助"

    def __init__(self, target: Screen) -> None:
        """List the keys of ``target`` (the screen F1 was pressed on)."""
        super().__init__()
        self.groups = key_groups(target.app, target.active_bindings)
        """The key groups shown: ``(heading, [(keys, description), …])``."""
        where = getattr(target, "help_title", None) or target.BINDING_GROUP_TITLE or target.title or ""
        self._title = f"按键一览 · {where}".rstrip(" ·")

    def compose(self) -> ComposeResult:
        """A scrollable table of keys."""
        scroll = VerticalScroll(Static(_tables(self.groups)))
        scroll.border_title = self._title
        scroll.border_subtitle = "↑↓ 滚动 · F1 / Esc 关闭"
        yield scroll

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
