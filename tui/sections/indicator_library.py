"""The indicator section's library keys: pick a row from the 指标库, propose a whole set, show last year's values.

F2 opens ``IndicatorPicker`` on the focused row (restricted to its 二级);
Enter there fills the row's 三级 name and value (and unit, 绩效标准, 指标解释
where the template has those columns). F3 proposes a whole set from the
project's name, 概况 and 支出明细 (``forms.workflows.proposal``), says how many
rows it fills and adds, and puts them in only after y: untyped rows are
filled, new rows added, typed rows never touched.

A carried-over project (延续项目) whose draft of the year before is in the
folder shows that year's value of each indicator it kept in the 上年 column,
marked = when unchanged and ↓ when the target went down.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content

from forms.model.declaration import Indicator
from forms.model.template import Template
from forms.workflows.library import Entry, Library, LibraryError, build_library
from forms.workflows.proposal import compare_last_year, entry_row, fill_row, is_untyped, merge_rows, propose
from forms.workflows.suggestions import IndicatorHelp
from tui.sections.base import Section
from tui.widgets.field import visible
from tui.widgets.grid import Grid, GridRow

KEYS_HINT = "F2 指标库  F3 推荐"
"""The library's keys as the indicator section's heading shows them."""

LAST_YEAR_CSS = """
IndicatorsSection .c-last { width: 9; color: $text-muted; display: none; }
IndicatorsSection.-carried .c-last { display: block; }
"""


class LibrarySection(Section):
    """What ``IndicatorsSection`` adds for the library; it provides ``template``, ``help`` and the grid."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Both are off the key line, which at 80 columns has room for the table's keys and F6 下一节 only;
        # the section's heading shows them (KEYS_HINT), and F1 and the palette list them.
        Binding("f2", "pick_indicator", "指标库", id="indicators.pick", priority=True, key_display="F2", show=False),
        Binding(
            "f3", "propose_indicators", "推荐", id="indicators.propose", priority=True, key_display="F3", show=False
        ),
    ]
    """
    | Key | Action |
    | :- | :- |
    | f2 | Pick the focused row's indicator from the library (typing filters; Tab: every 二级; Enter fills). |
    | f3 | Propose a whole indicator set from the project's name, 概况 and 支出明细 (y/n first; typed rows are kept). |
    """

    template: Template
    help: IndicatorHelp
    last_year: dict[str, str] | None = None
    """Last year's 指标值 by 三级 name (a carried-over project), else ``None``."""
    _library: tuple[IndicatorHelp, Library] | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The library keys change rows: not while read-only."""
        if action in ("pick_indicator", "propose_indicators"):
            return None if self.read_only else True
        return super().check_action(action, parameters)

    def library(self) -> Library:
        """The library for this draft's folder (built again once the other drafts have been read)."""
        if self._library is None or self._library[0] is not self.help:
            folder = getattr(getattr(self.screen, "store", None), "folder", None)
            try:
                built = build_library(self.template, folder, self.help)
            except LibraryError as problem:
                self.notify(f"本单位指标库无法读取，只用内置指标库：{problem}", severity="warning", markup=False)
                built = build_library(self.template, None, self.help)
            self._library = (self.help, built)
        return self._library[1]

    def grid(self) -> Grid:
        """The indicator grid."""
        return self.query_one(Grid)

    def action_pick_indicator(self) -> None:
        """Open the picker on the focused row (else the first untyped row, else a new row)."""
        if self.draft is None or self.read_only:
            return
        from tui.widgets.indicator_picker import IndicatorPicker

        rows = self.draft.performance.indicators
        where = self.grid().current()
        index = where[0] if where else next((n for n, r in enumerate(rows) if is_untyped(r)), len(rows))
        level2 = rows[index].level2 if index < len(rows) else ""

        def picked(entry: Entry | None) -> None:
            if entry is not None:
                self.call_later(self.fill_from, index, entry)

        self.app.push_screen(IndicatorPicker(self.library(), level2), picked)

    async def fill_from(self, index: int, entry: Entry) -> None:
        """Fill row ``index`` (a new last row when it is past the end) from ``entry``; focus its value."""
        assert self.draft is not None
        rows = self.draft.performance.indicators
        grid = self.grid()
        if index >= len(rows):
            rows.append(Indicator())
            grid.load(rows)
            await grid.settled()
        picked = entry_row(entry, self.template, self.draft)
        kept = fill_row(rows[index], picked)
        if kept is not None:
            self.notify(f"已保留原指标值“{kept}”（指标库常用值：{picked.value}）", markup=False)
        widget = grid.row_widgets()[index]
        widget.show(rows[index], grid.options)
        self.show_last_year(widget)
        self.changed(f"{grid.path}.{index}")
        widget.focus_column(3)

    def action_propose_indicators(self) -> None:
        """Propose a set for the project; fill it in after y."""
        if self.draft is None or self.read_only:
            return
        from tui.widgets.confirm import ConfirmScreen

        draft = self.draft
        proposed = [entry_row(e, self.template, draft) for e in propose(draft, self.library(), self.template)]
        if not proposed:
            self.notify("指标库中没有可推荐的新指标（草稿已包含推荐的指标）", markup=False)
            return
        trial = [row.model_copy() for row in draft.performance.indicators]
        filled, added = merge_rows(trial, [row.model_copy() for row in proposed])
        names = "、".join(row.name for row in proposed)
        question = (
            f"按项目名称、概况和支出明细推荐 {len(proposed)} 条指标：填入 {filled} 个空行，新增 {added} 行。"
            f"已填写的指标不会改动。\n\n{names}"
        )

        async def answered(yes: bool | None) -> None:
            if yes and self.draft is draft:
                await self.put_rows(proposed)

        self.app.push_screen(ConfirmScreen(question, title="推荐指标", yes="填入", no="不填"), answered)

    async def put_rows(self, proposed: list[Indicator]) -> None:
        """Merge ``proposed`` into the draft's rows and show them (the section saves as after any row change)."""
        assert self.draft is not None
        grid = self.grid()
        rows = self.draft.performance.indicators
        filled, added = merge_rows(rows, proposed)
        grid.load(rows)
        await grid.settled()
        self.show_last_year()
        grid.post_message(Grid.RowsChanged(grid))
        self.notify(f"已填入 {filled + added} 条推荐指标，请逐条核对、修改指标值", markup=False)
        first = next((n for n, row in enumerate(rows) if row in proposed), None)
        if first is not None:
            grid.row_widgets()[first].focus_column(3)

    # Last year's values ------------------------------------------------------------------------

    def on_show(self) -> None:
        """Shown again: 项目属性 may have changed in 基本情况 meanwhile."""
        if self.draft is not None:
            self.find_last_year()

    def find_last_year(self) -> None:
        """Look up last year's values for a carried-over draft (新增项目 never has them)."""
        draft = self.draft
        carried = draft is not None and "新增" not in draft.project.attribute
        self.last_year = self.help.previous(draft) if carried and draft is not None else None
        self.set_class(bool(self.last_year), "-carried")
        self.show_last_year()

    def last_year_text(self, row: Any) -> str:
        """The 上年 cell of ``row``: last year's value of the same 三级, compared with this year's."""
        if not self.last_year or not isinstance(row, Indicator):
            return ""
        return compare_last_year(row.value, self.last_year.get(row.name.strip(), ""))

    def show_last_year(self, only: GridRow | None = None) -> None:
        """Redraw the 上年 cells (of one row, or all)."""
        if self.draft is None or not self.is_mounted:
            return
        rows = self.draft.performance.indicators
        for widget in [only] if only is not None else self.grid().row_widgets():
            cell = next((c for c in widget.cells if c.has_class("c-last")), None)
            if cell is not None and widget.index < len(rows):
                cell.update(Content(visible(self.last_year_text(rows[widget.index]))))  # type: ignore[attr-defined]
