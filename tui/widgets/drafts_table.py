"""The table of the drafts list: one row per draft file, every cell literal text.

Kept apart from the screen so the screen is about loading and actions, and
this module about what a row looks like. Rows are keyed by the file's path.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from forms.render.width import clean
from tui.folder.store import DraftSummary

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("name", "项目名称", 0),
    ("year", "年度", 4),
    ("total", "本年度申请合计", 14),
    ("state", "状态", 4),
    ("status", "检查", 10),
    ("modified", "修改时间", 11),
)
"""(key, heading, width) of each column; the name column takes the width left over."""
STATE_NAMES = {"draft": "草稿", "final": "定稿"}
"""How a draft's state reads in the table."""


HELD = "占用"
"""The 状态 cell of a draft someone else has open (the detail line says who)."""


REVIEW_CELLS = {"returned": ("退回", "bold red"), "approved": ("通过", "bold green")}
"""The 状态 cell of a draft the bureau returned (its 审核意见 is on the detail line) or approved."""
RESUBMITTED = "复审"
"""The 状态 cell of a returned draft its unit has made 定稿 again: waiting for the reviewer."""


def state_cell(summary: DraftSummary) -> Text:
    """The 状态 cell: 草稿 or 定稿, 退回 or 通过 once reviewed, or 占用 while another shenbao edits it."""
    if summary.held:
        return Text(HELD, style="bold yellow")
    if summary.review == "returned" and summary.state == "final":
        return Text(RESUBMITTED, style="bold yellow")  # fixed and 定稿 again: the reviewer's turn
    if summary.review in REVIEW_CELLS:
        word, style = REVIEW_CELLS[summary.review]
        return Text(word, style=style)
    return Text(STATE_NAMES.get(summary.state, ""))


def one_line(text: str) -> str:
    """User text for a one-line cell: nothing in it can drive the terminal, line breaks become spaces."""
    return clean(text).replace("\n", " ")


def check_cell(summary: DraftSummary) -> Text:
    """The 检查 cell: ✓, the number of errors or warnings, or 无法读取."""
    if summary.problem is not None:
        return Text(one_line(summary.status), style="bold red", no_wrap=True, overflow="ellipsis")
    if summary.errors:
        return Text(f"{summary.errors} 个错误", style="red")
    if summary.warnings:
        return Text(f"{summary.warnings} 个警告", style="yellow")
    return Text("✓", style="green")


def modified_text(modified: float, today: date | None = None) -> str:
    """A modification time in 11 cells: ``MM-DD HH:MM`` this year, ``YYYY-MM-DD`` before."""
    if not modified:
        return ""
    stamp = datetime.fromtimestamp(modified)
    if stamp.year == (today or date.today()).year:
        return stamp.strftime("%m-%d %H:%M")
    return stamp.strftime("%Y-%m-%d")


def row_cells(summary: DraftSummary) -> list[Text]:
    """The table cells of one draft; user text is always literal ``Text``."""
    if summary.problem is not None:
        name = Text(one_line(summary.path.name), style="red")
    elif summary.name.strip():
        name = Text(one_line(summary.name))
    else:
        name = Text("（未填写项目名称）", style="dim")
    name.no_wrap, name.overflow = True, "ellipsis"
    return [
        name,
        Text(one_line(summary.year)),
        Text(summary.total, justify="right"),
        state_cell(summary),
        check_cell(summary),
        Text(modified_text(summary.modified)),
    ]


def matches(summary: DraftSummary, needle: str) -> bool:
    """Whether a draft's project name (or file name) contains the filter text."""
    needle = needle.strip().casefold()
    return not needle or needle in summary.name.casefold() or needle in summary.path.stem.casefold()


def heading_text(total: int, shown: int, folder: Path) -> Text:
    """The line above the table: the count first, so a long folder path is cut, never the count."""
    text = Text(f"草稿 {total} 个" + ("" if shown == total else f"（显示 {shown} 个）"), style="bold")
    text.append("  文件夹：")
    text.append(one_line(str(folder)))
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


def detail_text(summary: DraftSummary) -> Text:
    """The line under the table for the highlighted draft: file, full check result and time, or the reason."""
    if summary.problem is not None:
        problem = f"无法读取 {summary.path.name}：{summary.problem}（不会打开或改写此文件）"
        return Text(one_line(problem), style="red")
    when = datetime.fromtimestamp(summary.modified).strftime("%Y-%m-%d %H:%M") if summary.modified else ""
    held = f" · {summary.held}，打开时可只读查看或接管" if summary.held else ""
    if summary.review_note:
        # The unit must see what to fix first: the 审核意见 leads, the file and checks follow.
        resubmitted = summary.review == "returned" and summary.state == "final"
        note = f"已重新定稿，待复审（上次{summary.review_note}）" if resubmitted else summary.review_note
        style = "red" if summary.review == "returned" and not resubmitted else ""
        return Text(one_line(f"{note}{held} · {summary.path.name} · 检查：{summary.status}"), style=style)
    return Text(one_line(f"{summary.path.name}{held} · 检查：{summary.status} · 修改于 {when}"))


class DraftsTable(DataTable):
    """The drafts, one row each; Enter opens the highlighted one (the screen's ``open`` action)."""

    BINDING_GROUP_TITLE = "草稿表格"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.open", "打开", id="drafts.open"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | enter | Open the highlighted draft (replaces the table's own select). |
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.shown: list[DraftSummary] = []
        """The drafts in the table, in order."""

    def on_mount(self) -> None:
        """Lay out the columns for the terminal's width."""
        self._add_columns()

    def on_resize(self) -> None:
        """Give the name column the width the other columns leave."""
        name = self.columns.get("name")  # type: ignore[call-overload]
        if name is not None and name.width != self._name_width():
            keep = self.highlighted_path()
            self.clear(columns=True)
            self._add_columns()
            self.show(list(self.shown), keep=keep)

    def show(self, summaries: list[DraftSummary], *, keep: Path | None = None) -> None:
        """Replace the rows; the cursor goes to ``keep`` when it is among them."""
        self.clear()
        self.shown = []
        self.extend(summaries, keep=keep)

    def extend(self, summaries: Iterable[DraftSummary], *, keep: Path | None = None) -> None:
        """Add rows at the end; the cursor goes to ``keep`` when it is among the rows."""
        for summary in summaries:
            self.shown.append(summary)
            self.add_row(*row_cells(summary), key=str(summary.path))
        if keep is not None and str(keep) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep)), animate=False)

    def replace(self, summary: DraftSummary) -> None:
        """Show a newer summary of a draft in its row, in place (nothing when its row is not shown)."""
        key = str(summary.path)
        if key not in self.rows:
            return
        number = self.get_row_index(key)
        self.shown[number] = summary
        for (column, _heading, _width), cell in zip(COLUMNS, row_cells(summary), strict=True):
            self.update_cell(key, column, cell)

    def highlighted_path(self) -> Path | None:
        """The file under the cursor, if any."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return Path(key) if key else None

    def neighbour(self, path: Path) -> Path | None:
        """The row after ``path`` (or before it, at the end): where the cursor goes when it is deleted."""
        paths = [summary.path for summary in self.shown]
        if path not in paths or len(paths) < 2:
            return None
        index = paths.index(path)
        return paths[index + 1] if index + 1 < len(paths) else paths[index - 1]

    def _add_columns(self) -> None:
        for key, heading, width in COLUMNS:
            self.add_column(Text(heading), width=width or self._name_width(), key=key)

    def _name_width(self) -> int:
        # Each column has one cell of padding either side; keep two cells for the scrollbar.
        fixed = sum(width for _key, _heading, width in COLUMNS) + 2 * len(COLUMNS) + 2
        return max(12, self.app.size.width - fixed)
