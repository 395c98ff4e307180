"""The home screen: every draft in the folder as a table, with keys to open, create and tidy them.

The table paints at once; the files are read and checked by a worker thread,
which hands rows over in batches, so a large folder fills in while the
operator can already move around. Unreadable files are listed with their
reason and can be deleted (moved to the trash), never opened or written.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.worker import get_current_worker

from forms.model import new_declaration
from forms.storage import DraftError
from forms.textwidth import clean
from tui.store import TRASH, DraftStore, DraftSummary
from tui.widgets.confirm import ConfirmScreen

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("name", "项目名称", 0),
    ("year", "年度", 4),
    ("total", "本年度申请合计", 14),
    ("state", "状态", 4),
    ("status", "检查", 10),
    ("modified", "修改时间", 11),
)
"""(key, heading, width) of each column; the name column takes the width left over."""
BATCH_SECONDS = 0.1
"""How often the loading worker hands rows to the table."""
STATE_NAMES = {"draft": "草稿", "final": "定稿"}


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
        Text(STATE_NAMES.get(summary.state, "")),
        check_cell(summary),
        Text(modified_text(summary.modified)),
    ]


def matches(summary: DraftSummary, needle: str) -> bool:
    """Whether a draft's project name (or file name) contains the filter text."""
    needle = needle.strip().casefold()
    return not needle or needle in summary.name.casefold() or needle in summary.path.stem.casefold()


class DraftsTable(DataTable):
    """The table of drafts: Enter opens the highlighted draft."""

    BINDING_GROUP_TITLE = "草稿表格"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.open", "打开", id="drafts.open"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | enter | Open the highlighted draft (replaces the table's own select). |
    """


class DraftsScreen(Screen[None]):
    """The drafts list (home screen)."""

    CSS_PATH = "drafts.tcss"
    BINDING_GROUP_TITLE = "草稿列表"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "新建", id="drafts.new"),
        Binding("d", "duplicate", "复制", id="drafts.duplicate"),
        Binding("x,delete", "delete", "删除", id="drafts.delete"),
        # Priority: run while the app routes keys, so words typed right after "/" reach the box.
        Binding("slash", "filter", "筛选", key_display="/", priority=True, id="drafts.filter"),
        Binding("r", "recheck", "重新检查", id="drafts.recheck"),
        Binding("escape", "clear_filter", "清除筛选", id="drafts.clear_filter"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | n | Create a new draft (saved at once) and open it. |
    | d | Duplicate the highlighted draft as “<name>（副本）”. |
    | x, delete | Move the highlighted draft to the trash, after confirmation. |
    | / | Show the filter box: typing filters by project name. |
    | r | Read and check every draft again. |
    | escape | Clear and hide the filter. |
    """

    def __init__(self, store: DraftStore) -> None:
        super().__init__()
        self.store = store
        """The drafts folder."""
        self.summaries: list[DraftSummary] = []
        """Every draft of the last listing, shown or filtered out."""
        self.loading = False
        """True while the worker is still reading files."""
        self._wanted: Path | None = None

    def compose(self) -> ComposeResult:
        """Heading, table, detail line, filter box and footer."""
        yield Static(id="drafts-heading")
        yield DraftsTable(id="drafts-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="drafts-detail")
        yield Input(placeholder="输入项目名称的一部分筛选；Enter 回到列表，Esc 清除", id="drafts-filter", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        """Lay out the columns and start reading the folder."""
        self._add_columns()
        self._show_heading()
        self.query_one("#drafts-detail", Static).update(Text("正在读取草稿…"))
        self.reload()

    def on_screen_resume(self) -> None:
        """Back from the editor (or a dialog): pick up whatever changed on disk."""
        if self.is_mounted and not self.loading:
            self.reload()

    def on_resize(self) -> None:
        """Give the name column the width the other columns leave."""
        table = self.query_one(DataTable)
        name = table.columns.get("name")  # type: ignore[call-overload]
        if name is not None and name.width != self._name_width():
            self._wanted = self.highlighted_path()
            table.clear(columns=True)
            self._add_columns()
            self._fill()

    # -- loading ---------------------------------------------------------

    def reload(self, *, forget: bool = False, select: Path | None = None) -> None:
        """Read and check the folder again in a worker (only changed files unless ``forget``).

        Args:
            forget: Read and check every file, changed or not.
            select: The file to put the cursor on (else it stays where it is).
        """
        self._wanted = select or self.highlighted_path() or self._wanted
        self.loading = True
        self._load(forget)

    @work(thread=True, exclusive=True, group="drafts-load")
    def _load(self, forget: bool) -> None:
        worker = get_current_worker()
        if forget:
            self.store.forget()
        batch: list[DraftSummary] = []
        first = True
        last = time.monotonic()
        for path in self.store.paths():
            if worker.is_cancelled:
                return
            batch.append(self.store.summary(path))
            if time.monotonic() - last >= BATCH_SECONDS:
                self.app.call_from_thread(self._receive, batch, first, False)
                batch, first, last = [], False, time.monotonic()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._receive, batch, first, True)

    def _receive(self, batch: list[DraftSummary], first: bool, done: bool) -> None:
        """Take one batch of rows from the worker (the first batch replaces the old listing)."""
        table = self.query_one(DataTable)
        if first:
            self.summaries = []
            table.clear()
        needle = self.query_one("#drafts-filter", Input).value
        self.summaries.extend(batch)
        for summary in batch:
            if matches(summary, needle):
                table.add_row(*row_cells(summary), key=str(summary.path))
        self._restore_cursor()
        if done:
            self.loading = False
            self._show_heading()
            self._show_detail()
            self.refresh_bindings()

    def _fill(self) -> None:
        """Show every draft that passes the filter (after filtering or a resize)."""
        table = self.query_one(DataTable)
        table.clear()
        needle = self.query_one("#drafts-filter", Input).value
        for summary in self.summaries:
            if matches(summary, needle):
                table.add_row(*row_cells(summary), key=str(summary.path))
        self._restore_cursor()
        self._show_heading()
        self._show_detail()
        self.refresh_bindings()

    # -- what is shown -----------------------------------------------------

    def highlighted(self) -> DraftSummary | None:
        """The draft under the cursor, if any."""
        path = self.highlighted_path()
        return next((s for s in self.summaries if s.path == path), None) if path else None

    def highlighted_path(self) -> Path | None:
        """The file under the cursor, if any."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return Path(key) if key else None

    @on(DataTable.RowHighlighted)
    def _highlight_changed(self) -> None:
        self._show_detail()
        self.refresh_bindings()

    def _restore_cursor(self) -> None:
        table = self.query_one(DataTable)
        if self._wanted is not None and str(self._wanted) in table.rows:
            table.move_cursor(row=table.get_row_index(str(self._wanted)), animate=False)

    def _add_columns(self) -> None:
        table = self.query_one(DataTable)
        for key, heading, width in COLUMNS:
            table.add_column(Text(heading), width=width or self._name_width(), key=key)

    def _name_width(self) -> int:
        # Each column has one cell of padding either side; keep two cells for the scrollbar.
        fixed = sum(width for _key, _heading, width in COLUMNS) + 2 * len(COLUMNS) + 2
        return max(12, self.app.size.width - fixed)

    def _show_heading(self) -> None:
        # The count first: a long folder path is cut at the right edge, the count never is.
        shown = self.query_one(DataTable).row_count
        total = len(self.summaries)
        text = Text(f"草稿 {total} 个" + ("" if shown == total else f"（显示 {shown} 个）"), style="bold")
        text.append("  文件夹：")
        text.append(one_line(str(self.store.folder)))
        text.no_wrap = True
        text.overflow = "ellipsis"
        self.query_one("#drafts-heading", Static).update(text)

    def _show_detail(self) -> None:
        detail = self.query_one("#drafts-detail", Static)
        summary = self.highlighted()
        if summary is not None:
            detail.update(self._describe(summary))
        elif self.loading:
            detail.update(Text("正在读取草稿…"))
        elif self.summaries:
            detail.update(Text("没有项目名称包含筛选文字的草稿。按 Esc 清除筛选。"))
        elif self.store.folder.exists() and not self.store.folder.is_dir():
            detail.update(Text(f"{self.store.folder} 不是文件夹，无法保存草稿。", style="red"))
        elif not self.store.folder.exists():
            detail.update(Text("草稿文件夹尚不存在，按 n 新建第一份草稿时会自动创建。"))
        else:
            detail.update(Text("还没有草稿。按 n 新建。"))

    @staticmethod
    def _describe(summary: DraftSummary) -> Text:
        if summary.problem is not None:
            problem = f"无法读取 {summary.path.name}：{summary.problem}（不会打开或改写此文件）"
            return Text(one_line(problem), style="red")
        when = datetime.fromtimestamp(summary.modified).strftime("%Y-%m-%d %H:%M") if summary.modified else ""
        return Text(one_line(f"{summary.path.name} · 检查：{summary.status} · 修改于 {when}"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide 清除筛选 when there is no filter; dim row keys when no row is highlighted."""
        if action == "clear_filter":
            return self.query_one("#drafts-filter", Input).display
        if action in ("open", "duplicate", "delete"):
            summary = self.highlighted()
            if summary is None or (action != "delete" and summary.problem is not None):
                return None
        return True

    # -- filter ------------------------------------------------------------

    def action_filter(self) -> None:
        """Show the filter box and put the cursor in it."""
        box = self.query_one("#drafts-filter", Input)
        if box.has_focus:
            box.insert_text_at_cursor("/")  # "/" is text inside the box
            return
        box.display = True
        # Over SSH "/" and the words after it often arrive in one packet: focus at
        # once (focus() would queue it behind those keys), from a priority binding,
        # which runs before the app hands the next key to the focused widget.
        self.set_focus(box, scroll_visible=False)
        self.refresh_bindings()

    @on(Input.Changed, "#drafts-filter")
    def _filter_changed(self) -> None:
        self._wanted = self.highlighted_path() or self._wanted
        self._fill()

    @on(Input.Submitted, "#drafts-filter")
    def _filter_done(self) -> None:
        self.set_focus(self.query_one(DataTable), scroll_visible=False)

    def action_clear_filter(self) -> None:
        """Empty and hide the filter box; the whole list shows again."""
        box = self.query_one("#drafts-filter", Input)
        self._wanted = self.highlighted_path() or self._wanted
        box.value = ""
        box.display = False
        self.set_focus(self.query_one(DataTable), scroll_visible=False)
        self._fill()

    # -- actions -------------------------------------------------------------

    def say(self, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None) -> None:
        """Notify the operator; the message may quote user text, so it is cleaned and never markup."""
        self.notify(clean(message), severity=severity, timeout=timeout, markup=False)

    def action_recheck(self) -> None:
        """Read and check every draft again, from disk."""
        self.reload(forget=True)
        self.say("正在重新检查所有草稿…", timeout=2)

    def action_open(self) -> None:
        """Open the highlighted draft (read-only when 定稿)."""
        summary = self.highlighted()
        if summary is None:
            return
        if summary.problem is not None:
            self.say(f"无法打开 {summary.path.name}：{summary.problem}", severity="error")
            return
        try:
            draft = self.store.load(summary.path)
        except DraftError as error:
            self.say(f"无法打开：{error}", severity="error")
            self.reload()
            return
        self.app.open_draft(summary.path, draft)  # type: ignore[attr-defined]

    def action_new(self) -> None:
        """Create an empty draft for this year, save it at once, and open it."""
        draft = new_declaration(year=str(date.today().year))
        try:
            path = self.store.create(draft)
        except OSError as error:
            self.say(f"无法在 {self.store.folder} 新建草稿：{error.strerror or error}", severity="error")
            return
        self.reload(select=path)
        self.app.open_draft(path, draft)  # type: ignore[attr-defined]

    def action_duplicate(self) -> None:
        """Copy the highlighted draft as “<name>（副本）”."""
        summary = self.highlighted()
        if summary is None or summary.problem is not None:
            return
        try:
            path = self.store.duplicate(summary.path)
        except (DraftError, OSError) as error:
            self.say(f"无法复制：{error}", severity="error")
            return
        self.say(f"已复制为 {path.name}")
        self.reload(select=path)

    def action_delete(self) -> None:
        """Ask, then move the highlighted draft to the trash folder."""
        summary = self.highlighted()
        if summary is None:
            return
        what = f"“{summary.name}”（{summary.path.name}）" if summary.name else summary.path.name
        question = f"将草稿 {what} 移到回收站 {self.store.folder / TRASH}？\n之后可从该文件夹恢复。"

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(summary)

        self.app.push_screen(ConfirmScreen(question, title="删除草稿", yes="删除", no="保留"), answered)

    def _delete(self, summary: DraftSummary) -> None:
        try:
            target = self.store.delete(summary.path)
        except OSError as error:
            self.say(f"无法删除 {summary.path.name}：{error.strerror or error}", severity="error")
            return
        self.say(f"已移到 {target}（可从该处恢复）", timeout=8)
        self.reload(select=self._neighbour(summary.path))

    def _neighbour(self, path: Path) -> Path | None:
        """The row after ``path`` (or before it, at the end): where the cursor goes when it is deleted."""
        table = self.query_one(DataTable)
        keys = [str(row.key.value) for row in table.ordered_rows]
        if str(path) not in keys or len(keys) < 2:
            return None
        index = keys.index(str(path))
        return Path(keys[index + 1] if index + 1 < len(keys) else keys[index - 1])
