"""The editor's entries in the command palette: every section, and every editor key's action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.widget import Widget


class EditorLike(Protocol):
    """What the commands use of ``tui.screens.editor.EditorLike``, named here so neither module imports the other."""

    sections: list[Any]
    read_only: bool
    last_field: Widget | None

    async def show_section(self, index: int) -> Any: ...
    async def run_action(self, action: str) -> None: ...
    def set_focus(self, widget: Widget | None, scroll_visible: bool = True) -> None: ...
    def notify(self, message: str, *, markup: bool = True) -> None: ...


_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("下一节", "next_section", "F6"),
    ("上一节", "previous_section", "F5"),
    ("保存", "save", "Ctrl+S"),
    ("返回草稿列表", "back", "Esc"),
    ("重新编辑（解除定稿）", "reopen", "F4"),
    ("修改记录（逐栏查看历次版本）", "history", "F7"),
    ("加行（表格）", "grid:add_row", "Ctrl+O"),
    ("删行（表格）", "grid:delete_row", "Ctrl+R"),
    ("上移一行（表格）", "grid:move_row(-1)", "Alt+↑"),
    ("下移一行（表格）", "grid:move_row(1)", "Alt+↓"),
    ("合计取计算值", "section:take_totals", "Ctrl+T"),
)


class EditorCommands(Provider):
    """转到 each section, plus the editor's actions, with their keys as help."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        screen: EditorLike = self.screen  # type: ignore[assignment]
        commands: list[tuple[str, Callable[[], Any], str]] = []
        for index, section in enumerate(screen.sections):
            commands.append((f"转到：{section.title}", _goto(screen, index), f"Ctrl+G {index + 1}"))
        for name, action, key in _ACTIONS:
            if action == "reopen" and not screen.read_only:
                continue
            if action == "history" and not getattr(screen, "has_history", False):
                continue
            commands.append((name, _run(screen, action), key))
        return commands

    async def discover(self) -> Hits:
        """Every command, for the empty palette."""
        for name, callback, key in self._commands():
            yield DiscoveryHit(name, callback, help=key)

    async def search(self, query: str) -> Hits:
        """Commands matching what was typed."""
        matcher = self.matcher(query)
        for name, callback, key in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=key)


def _goto(screen: EditorLike, index: int) -> Callable[[], Any]:
    async def goto() -> None:
        await screen.show_section(index)

    return goto


def _run(screen: EditorLike, action: str) -> Callable[[], Any]:
    # Table and section actions act where the operator was: focus goes back to
    # the last field first, then the action runs on the widget that owns it.
    async def run() -> None:
        target, _, name = action.rpartition(":")
        if not target:
            await screen.run_action(name)
            return
        field = screen.last_field
        if field is None or not field.is_attached:
            screen.notify("请先把光标放在表格或本节的某一栏", markup=False)
            return
        screen.set_focus(field, scroll_visible=False)
        method = f"action_{name.split('(', 1)[0]}"
        owner = field
        while owner is not None and not hasattr(owner, method):
            owner = owner.parent
        if owner is None:
            screen.notify("此操作只能在表格中使用" if target == "grid" else "本节没有此操作", markup=False)
            return
        await owner.run_action(name)

    return run
