"""The home screen: every draft in the folder as a table, with keys to open, create and tidy them.

The table paints at once, its first rows from the folder's index or glanced at
(no form model); the files are read and checked by a worker thread, which
hands rows over in batches, so a large folder fills in while the
operator can already move around. Unreadable files are listed with their
reason and can be deleted (moved to the trash), never opened or written.

The screens this list leads to besides the editor (read-only view, summary
of all projects, unit profile) are imported when their key is pressed, so
the list paints without them.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from forms.render.width import clean
from forms.store.files import DraftError
from tui.folder.store import TRASH, DraftStore, DraftSummary
from tui.screens.drafts_actions import DraftActions
from tui.screens.drafts_loading import DraftsLoading
from tui.screens.drafts_review import ReviewActions
from tui.widgets.drafts_table import DraftsTable, detail_text
from tui.widgets.key_line import KeyLine

BATCH_SECONDS = 0.1
"""How soon the loading worker hands the first rows to the table (sooner when it has a screenful)."""
SCREENFUL = 30
"""Rows that fill the table at 80×24 and more: the first batch needs no more."""
LATER_BATCH_SECONDS = 1.0
"""How often it hands over the rows after those (each batch repaints the table)."""
FIRST_FRAME_LIMIT = 500
"""At most this many drafts, unchanged since listed, are shown in the first frame straight from the index."""
GLANCE_LIMIT = 60
"""When some are new or changed, at most this many (more than any terminal shows) are glanced at instead."""


def _batch_due(first: bool, rows: int, seconds: float) -> bool:
    # The first rows show at once (a screenful, or what 0.1 s gave); later ones in larger
    # batches, each one table repaint.
    if first:
        return rows >= SCREENFUL or seconds >= BATCH_SECONDS
    return seconds >= LATER_BATCH_SECONDS


class DraftsScreen(DraftsLoading, DraftActions, ReviewActions, Screen[None]):
    """The drafts list (home screen)."""

    # Textual repaints the whole screen on every focus change; the focused and blurred
    # widgets restyle themselves, so a Tab costs only them.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    CSS_PATH = "drafts.tcss"
    BINDING_GROUP_TITLE = "草稿列表"

    # The footer is compact and shows the central keys only, so it fits 80 columns;
    # the others (show=False) are in F1 and the command palette like every key.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "新建", id="drafts.new"),
        Binding("N", "new_from_template", "按表样新建", show=False, id="drafts.new_from_template"),
        Binding("d", "duplicate", "复制", id="drafts.duplicate"),
        Binding("x,delete", "delete", "删除", id="drafts.delete"),
        # Priority: run while the app routes keys, so words typed right after "/" reach the box.
        Binding("slash", "filter", "筛选", key_display="/", priority=True, id="drafts.filter"),
        Binding("v", "view", "查看", tooltip="只读查看排版后的申报表", id="drafts.view"),
        # In a unit folder of a bureau folder (or on a reviewed draft) the reviewer's key takes
        # 汇总's place on the line; elsewhere it works the same, listed in F1 (``check_action``).
        Binding("a", "review_here", "审核", tooltip="通过、退回（附审核意见）或重新打开", id="drafts.review_here"),
        Binding("c", "rollover", "结转", tooltip="结转到下一年度（延续项目）", id="drafts.rollover"),
        Binding("s", "summary", "汇总", tooltip="所有项目的资金汇总与对比图", id="drafts.summary"),
        Binding("h", "history", "历史", tooltip="逐栏查看这份草稿的修改记录（git）", id="drafts.history"),
        Binding("a", "review", "审核", tooltip="通过、退回（附审核意见）或重新打开", show=False, id="drafts.review"),
        Binding("u", "profile", "单位信息", show=False, id="drafts.profile"),
        Binding("r", "recheck", "重新检查", show=False, id="drafts.recheck"),
        Binding("escape", "clear_filter", "清除筛选", id="drafts.clear_filter"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | n | Create a new draft (saved at once, the unit profile filled in, its 默认表样) and open it. |
    | N | Choose the 表样 of a new draft (the profile's default highlighted), then create it as n does. |
    | d | Duplicate the highlighted draft as “<name>（副本）”. |
    | x, delete | Move the highlighted draft to the trash, after confirmation (an approved draft only once reopened). |
    | / | Show the filter box: typing filters by project name. |
    | v | View the highlighted draft's rendered form, read-only. |
    | c | Carry the highlighted draft over to next year (a new 延续项目 draft), after confirmation. |
    | s | The summary of all projects: funding by source, totals, chart (every unit's, in a bureau folder). |
    | h | The highlighted draft's history, field by field (only when the folder has history: ``shenbao init --git``). |
    | a | Review the highlighted draft: approve (通过), return with an opinion (退回), or reopen an approved one. |
    | u | Edit the unit profile filled into every new draft. |
    | r | Read and check every draft again. |
    | escape | Clear and hide the filter. |
    """

    def __init__(self, store: DraftStore) -> None:
        super().__init__()
        self.store = store
        """The drafts folder."""
        self.summaries: list[DraftSummary] = []
        """Every draft of the last listing, shown or filtered out."""
        # The same drafts by file: each cursor move looks one up several times (detail line, keys).
        self._by_path: dict[Path, DraftSummary] = {}
        # Not ``loading``: that is Textual's reactive which covers the screen with an animated indicator.
        self.reading = False
        """True while the worker is still reading files."""
        self._count: int | None = None
        # The first frame's rows (path -> position) until the worker's replace them; the worker's order so far.
        self._provisional: dict[Path, int] = {}
        self._arrived: list[Path] = []
        self._wanted: Path | None = None
        self._resumed = False
        self._chosen = False

    @property
    def table(self) -> DraftsTable:
        """The table of drafts."""
        return self.query_one(DraftsTable)

    def compose(self) -> ComposeResult:
        """Heading, table, detail line, filter box and footer."""
        yield Static(id="drafts-heading")
        yield DraftsTable(id="drafts-table")
        yield Static(id="drafts-detail")
        yield Input(placeholder="输入项目名称的一部分筛选；Enter 回到列表，Esc 清除", id="drafts-filter", compact=True)
        yield KeyLine()

    def on_mount(self) -> None:
        """Start reading the folder."""
        self._show_heading()
        self.query_one("#drafts-detail", Static).update(Text("正在读取草稿…"))
        # A folder listed before comes from its index in a few milliseconds: its first rows
        # (a small folder's every row) make the first frame. Files new or changed since are
        # glanced at instead (no form model: it takes longer to import than the frame may).
        # The worker reads and checks anything else, started after that frame so as not to hold it up.
        first = self.store.first_rows(FIRST_FRAME_LIMIT, GLANCE_LIMIT)
        if first is None:
            self.reload()
            return
        self.reading = True
        self._count = first.count
        self._receive(first.rows, True, first.complete)
        if not first.complete:
            self._provisional_rows(first.rows)
            self.call_after_refresh(self.reload, count=first.count)

    def on_screen_resume(self) -> None:
        """Back from the editor (or a dialog): pick up whatever changed on disk."""
        if not self._resumed:
            self._resumed = True  # shown for the first time: on_mount has just listed the folder
            return
        if self.is_mounted and not self.reading:
            self.reload()

    # -- loading ---------------------------------------------------------

    def reload(self, *, forget: bool = False, select: Path | None = None, count: int | None = None) -> None:
        """Read and check the folder again in a worker (only changed files unless ``forget``).

        Args:
            forget: Read and check every file, changed or not.
            select: The file to put the cursor on (else it stays where it is).
            count: How many drafts the folder holds, when just counted (the count line shows it while reading).
        """
        self._wanted = select or self.highlighted_path() or self._wanted
        self._chosen = select is not None
        self._count = count
        self._arrived = []  # a cancelled worker's rows count for nothing: this one lists every file again
        self.reading = True
        self._load(forget)

    @work(thread=True, exclusive=True, group="drafts-load")
    def _load(self, forget: bool) -> None:
        worker = get_current_worker()
        if forget:
            self.store.forget()
        batch: list[DraftSummary] = []
        first = True
        last = time.monotonic()
        for summary in self.store.listing():
            if worker.is_cancelled:
                return
            batch.append(summary)
            if _batch_due(first, len(batch), time.monotonic() - last):
                self.app.call_from_thread(self._receive, batch, first, False)
                batch, first, last = [], False, time.monotonic()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._receive, batch, first, True)

    # -- what is shown -----------------------------------------------------

    def highlighted(self) -> DraftSummary | None:
        """The draft under the cursor, if any."""
        path = self.highlighted_path()
        return self._by_path.get(path) if path else None

    def highlighted_path(self) -> Path | None:
        """The file under the cursor, if any."""
        return self.table.highlighted_path()

    @on(DataTable.RowHighlighted)
    def _highlight_changed(self) -> None:
        self._show_detail()
        self.refresh_bindings()

    def _show_detail(self) -> None:
        detail = self.query_one("#drafts-detail", Static)
        summary = self.highlighted()
        if summary is not None:
            detail.update(detail_text(summary))
        elif self.reading:
            detail.update(Text("正在读取草稿…"))
        elif self.summaries:
            detail.update(Text("没有项目名称包含筛选文字的草稿。按 Esc 清除筛选。"))
        elif self.store.folder.exists() and not self.store.folder.is_dir():
            detail.update(Text(f"{self.store.folder} 不是文件夹，无法保存草稿。", style="red"))
        elif not self.store.folder.exists():
            detail.update(Text("草稿文件夹尚不存在，按 n 新建第一份草稿时会自动创建。"))
        else:
            detail.update(Text("还没有草稿。按 n 新建。"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide 清除筛选 when there is no filter; dim row keys when no row is highlighted."""
        if action == "clear_filter":
            return self.query_one("#drafts-filter", Input).display
        if action == "review_here" and not self.reviewing():
            return False  # the unshown binding of the same key takes it
        if action == "history":
            from forms.history.repo import in_repo  # a few lstats: shown only where there is history

            return in_repo(self.store.folder) and self.highlighted() is not None
        if action in ("open", "duplicate", "delete", "view", "rollover", "review", "review_here"):
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
        self.set_focus(self.table, scroll_visible=False)

    def action_clear_filter(self) -> None:
        """Empty and hide the filter box; the whole list shows again."""
        box = self.query_one("#drafts-filter", Input)
        self._wanted = self.highlighted_path() or self._wanted
        box.value = ""
        box.display = False
        self.set_focus(self.table, scroll_visible=False)
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

    def action_delete(self) -> None:
        """Ask, then move the highlighted draft to the trash folder."""
        summary = self.highlighted()
        if summary is None or self._approved(summary.path):
            return
        what = f"“{summary.name}”（{summary.path.name}）" if summary.name else summary.path.name
        question = f"将草稿 {what} 移到回收站 {self.store.folder / TRASH}？\n之后可从该文件夹恢复。"

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(summary)

        from tui.widgets.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question, title="删除草稿", yes="删除", no="保留"), answered)

    def _approved(self, path: Path) -> bool:
        """Whether the draft is 通过 as it is on disk now (the list may be older): then it is not deleted, and why."""
        from forms.workflows.review import approved_on_disk, locked_message

        draft = approved_on_disk(path)
        if draft is None:
            return False
        how = "如确需删除，请先重新打开：按 a 审核，再按 o 重新打开（记入审核记录）"
        self.say(locked_message(draft, path, "不能删除", how), severity="error", timeout=12)
        return True

    def _delete(self, summary: DraftSummary) -> None:
        if self._approved(summary.path):  # approved while the question was open
            self.reload()
            return
        try:
            target = self.store.delete(summary.path)
        except OSError as error:
            self.say(f"无法删除 {summary.path.name}：{error.strerror or error}", severity="error")
            return
        self.say(f"已移到 {target}（可从该处恢复）", timeout=8)
        from tui.folder.history import project_label, record_event

        warning = record_event(self.store.folder, [summary.path], f"删除：{project_label(summary.name, summary.path)}")
        if warning:
            self.say(warning, severity="warning", timeout=8)
        self.reload(select=self.table.neighbour(summary.path))
