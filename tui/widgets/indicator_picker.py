"""The indicator picker: search the library (指标库) and pick one indicator for a row of the grid.

Typing filters the list at once, on every key (``Library.search`` over
precomputed text; only the first ``SHOWN`` matches are drawn, so a short
query over thousands of entries costs no more than a long one). The list
starts restricted to the row's 二级指标; Tab widens it to every 二级 and back.
↑/↓ move through the matches while the cursor stays in the search box; Enter
picks, Esc cancels. Every text is shown literally: a library or draft may hold
``[bold]`` or escape sequences.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from forms.render.width import clean
from forms.workflows.library import Entry, Library
from tui.widgets.field import visible
from tui.widgets.keys import settle

SHOWN = 30
"""Matches drawn in the list; the count line says how many there are in all."""


def entry_line(entry: Entry) -> Content:
    """One match as the list shows it: name, usual value, the 二级 when the list is widened (literal)."""
    value = entry.typed_value or ("" if entry.sign == "定性" else "（按预算总额）")
    return Content.assemble(Content(visible(entry.name)), ("  " + visible(value), "$text-muted"))


def entry_detail(entry: Entry) -> Content:
    """The highlighted entry's 二级, kind, 绩效标准 and 指标解释 (literal)."""
    parts = [entry.level2, entry.kind, entry.standard]
    head = " · ".join(part for part in parts if part)
    text = f"{head}\n{entry.explanation}" if entry.explanation else head
    return Content(visible(text, keep_newlines=True))


class IndicatorPicker(ModalScreen[Entry | None]):
    """Search the library; dismisses with the picked ``Entry``, or ``None`` on Esc."""

    DEFAULT_CSS = """
    IndicatorPicker { align: center middle; }
    IndicatorPicker > Vertical {
        width: 76; max-width: 100%; height: 20; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    IndicatorPicker #picker-title { text-style: bold; }
    IndicatorPicker #picker-count, IndicatorPicker #picker-keys { color: $text-muted; }
    IndicatorPicker OptionList { height: 1fr; border: none; padding: 0; }
    IndicatorPicker #picker-detail { height: 2; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "pick", "填入", priority=True, id="picker.pick"),
        Binding("escape", "cancel", "取消", id="picker.cancel"),
        Binding("tab", "widen", "全部/本类", priority=True, id="picker.widen"),
        Binding("up", "move(-1)", "上一条", show=False, priority=True),
        Binding("down", "move(1)", "下一条", show=False, priority=True),
        Binding("pageup", "move(-8)", "上一页", show=False, priority=True),
        Binding("pagedown", "move(8)", "下一页", show=False, priority=True),
    ]
    """
    | Key | Action |
    | :- | :- |
    | (typing) | Filter by part of a name or a keyword; words separated by spaces must all match. |
    | up / down, pageup / pagedown | Move through the matches. |
    | tab | Widen to every 二级指标, or back to the row's. |
    | enter | Fill the row with the highlighted indicator. |
    | escape | Close without changing the row. |
    """

    def __init__(self, library: Library, level2: str, *, typed: str = "") -> None:
        """Search ``library``, first within ``level2`` (every 二级 when it is blank); ``typed`` starts the search."""
        super().__init__()
        self.library = library
        """The entries to pick from."""
        self.level2 = level2.strip()
        """The row's 二级指标."""
        self.widened = not self.level2
        """Every 二级 is searched, not only the row's."""
        self.matches: list[Entry] = []
        """Every entry matching the search now, best first."""
        self._typed = typed
        self._searched: tuple[str, bool] | None = None

    def compose(self) -> ComposeResult:
        """Title, search box, count, matches, the highlighted one's explanation, keys."""
        with Vertical():
            yield Static("", id="picker-title")
            yield Input(self._typed, placeholder="输入名称或关键词的一部分", id="picker-search")
            yield Static("", id="picker-count")
            yield OptionList(id="picker-list")
            yield Static("", id="picker-detail")
            yield Static(Content("Enter 填入  Tab 全部/本类  ↑↓ 选择  Esc 取消"), id="picker-keys")

    def on_mount(self) -> None:
        """List what fits the row before anything is typed."""
        self.refilter()
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Each key typed narrows (or widens) the list."""
        event.stop()
        self.refilter()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box picks (when the priority binding did not)."""
        event.stop()
        await self.action_pick()

    def refilter(self) -> None:
        """Search again with the text typed and the scope; redraw the list and the count."""
        typed = self.query_one(Input).value
        self._searched = (typed, self.widened)
        self.matches = self.library.search(typed, None if self.widened else self.level2)
        scope = "全部二级指标" if self.widened else self.level2
        self.query_one("#picker-title", Static).update(Content(f"指标库 · {clean(scope)}"))
        shown = self.matches[:SHOWN]
        more = f"，显示前 {SHOWN} 条" if len(self.matches) > SHOWN else ""
        self.query_one("#picker-count", Static).update(Content(f"共 {len(self.matches)} 条{more}"))
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(entry_line(entry)) for entry in shown])
        if shown:
            options.highlighted = 0
        self._show_detail()

    def _show_detail(self) -> None:
        chosen = self.chosen()
        detail = entry_detail(chosen) if chosen else Content("没有匹配的指标：换个关键词，或按 Tab 搜索全部二级指标")
        self.query_one("#picker-detail", Static).update(detail)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted entry's explanation follows the highlight."""
        event.stop()
        self._show_detail()

    def chosen(self) -> Entry | None:
        """The highlighted entry, if any."""
        index = self.query_one(OptionList).highlighted
        return self.matches[index] if index is not None and index < min(len(self.matches), SHOWN) else None

    async def _caught_up(self) -> None:
        # A search and Enter (↑↓, Tab) in one burst: those keys are priority keys and run while the typed
        # characters still wait in the box's queue. Let them land, and search with them now, not when
        # their Changed message comes, so each key acts on the list the keys before it made.
        box = self.query_one(Input)
        await settle(box)
        if self._searched != (box.value, self.widened):
            self.refilter()

    async def action_move(self, delta: int) -> None:
        """Move the highlight, the cursor staying in the search box."""
        await self._caught_up()
        options = self.query_one(OptionList)
        count = options.option_count
        if count:
            options.highlighted = max(0, min(count - 1, (options.highlighted or 0) + delta))

    async def action_widen(self) -> None:
        """Search every 二级, or back to the row's (when it has one)."""
        await self._caught_up()
        if self.level2:
            self.widened = not self.widened
            self.refilter()

    async def action_pick(self) -> None:
        """Close with the highlighted entry (nothing happens when nothing matches)."""
        await self._caught_up()
        chosen = self.chosen()
        if chosen is not None:
            self.dismiss(chosen)

    def action_cancel(self) -> None:
        """Close without picking."""
        self.dismiss(None)
