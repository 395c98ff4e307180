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

ACTION_NAMES: dict[str, str] = {
    "app.focus_next": "下一个输入项",
    "app.focus_previous": "上一个输入项",
    "command_palette": "命令面板（按名称查找所有操作）",
    "quit": "退出",
    "cursor_up": "上移",
    "cursor_down": "下移",
    "cursor_left": "左移",
    "cursor_right": "右移",
    "cursor_left(True)": "向左选择",
    "cursor_right(True)": "向右选择",
    "cursor_up(True)": "向上选择",
    "cursor_down(True)": "向下选择",
    "cursor_left_word": "左移一个词",
    "cursor_right_word": "右移一个词",
    "cursor_word_left": "左移一个词",
    "cursor_word_right": "右移一个词",
    "cursor_left_word(True)": "向左选择一个词",
    "cursor_right_word(True)": "向右选择一个词",
    "cursor_word_left(True)": "向左选择一个词",
    "cursor_word_right(True)": "向右选择一个词",
    "cursor_line_start": "到行首",
    "cursor_line_end": "到行尾",
    "cursor_line_start(True)": "选择到行首",
    "cursor_line_end(True)": "选择到行尾",
    "cursor_page_up": "上翻一页",
    "cursor_page_down": "下翻一页",
    "home": "到开头",
    "end": "到末尾",
    "home(True)": "选择到开头",
    "end(True)": "选择到末尾",
    "delete_left": "删除左边一个字",
    "delete_right": "删除右边一个字",
    "delete_left_word": "删除左边一个词",
    "delete_word_left": "删除左边一个词",
    "delete_right_word": "删除右边一个词",
    "delete_word_right": "删除右边一个词",
    "delete_left_all": "删除光标左边全部",
    "delete_right_all": "删除光标右边全部",
    "delete_to_start_of_line": "删除到行首",
    "delete_to_end_of_line_or_delete_line": "删除到行尾",
    "delete_line": "删除整行",
    "select_all": "全选",
    "select_word": "选择一个词",
    "select_line": "选择一行",
    "submit": "确认输入",
    "cut": "剪切",
    "copy": "复制",
    "paste": "粘贴",
    "undo": "撤销",
    "redo": "重做",
    "select_cursor": "选中",
    "select": "选中",
    "show_overlay": "展开选项",
    "toggle_button": "勾选 / 取消勾选",
    "next_button": "下一个选项",
    "previous_button": "上一个选项",
    "page_up": "上翻一页",
    "page_down": "下翻一页",
    "page_left": "左翻一页",
    "page_right": "右翻一页",
    "scroll_up": "向上滚动",
    "scroll_down": "向下滚动",
    "scroll_left": "向左滚动",
    "scroll_right": "向右滚动",
    "scroll_top": "到顶部",
    "scroll_bottom": "到底部",
    "scroll_home": "到最左 / 顶部",
    "scroll_end": "到最右 / 底部",
    "first": "第一项",
    "last": "最后一项",
    "previous_tab": "上一个标签页",
    "next_tab": "下一个标签页",
    "screen.copy_text": "复制选中的文字",
}
"""Chinese names of Textual's built-in actions, whose own descriptions are English."""

WIDGET_NAMES: dict[str, str] = {
    "DataTable": "表格",
    "Input": "输入框",
    "TextArea": "多行文本框",
    "OptionList": "列表",
    "ListView": "列表",
    "Select": "下拉选择",
    "RadioSet": "单选项",
    "Checkbox": "复选框",
    "VerticalScroll": "滚动区",
    "ScrollableContainer": "滚动区",
}
"""Names for the key groups of Textual's built-in widgets."""


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


EDITING: dict[str, int] = {
    action: place
    for place, action in enumerate(
        (
            "home",
            "end",
            "cursor_line_start",
            "cursor_line_end",
            "cursor_left_word",
            "cursor_right_word",
            "cursor_word_left",
            "cursor_word_right",
            "delete_left",
            "delete_right",
            "delete_left_word",
            "delete_word_left",
            "delete_right_word",
            "delete_word_right",
            "delete_left_all",
            "delete_to_start_of_line",
            "delete_right_all",
            "delete_to_end_of_line_or_delete_line",
            "cut",
            "copy",
            "paste",
            "undo",
            "redo",
        )
    )
}
"""The editing keys of Textual's fields worth an operator's reading, in the order listed under 编辑.

Selecting with Shift, the Super (⌘) variants and the rest stay out of the list: they work, but a list of
forty keys hides the ten that matter.
"""

EDITING_TITLE = "编辑（在输入框中）"
"""The one heading of the fields' editing keys."""


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
