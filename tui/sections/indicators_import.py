"""Ctrl+Y in 绩效指标: an 一体化 indicator file (.xlsx, .json, .csv) replaces the draft's indicators.

A dialog asks for the file (Enter reads it; a file that cannot be read is told
under the box, in the reader's own words, and nothing changes), then a y/n
question says how many rows change (``forms.workflows.indicator_import.compare``).
Only y replaces: the section shows the new rows and announces the change, so
the editor saves it as any edit is saved (atomically, under the draft's lock,
refusing a draft changed on disk). The file is read off the event loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from forms.model.declaration import Indicator
from forms.model.template import Template
from forms.render.width import clean
from tui.sections.base import Section
from tui.widgets.confirm import ConfirmScreen
from tui.widgets.grid import Grid


class IndicatorImportKeys(Section):
    """Ctrl+Y of the indicator section (``tui.sections.indicators.IndicatorsSection`` is one of these)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+y", "import_indicators", "导入一体化指标", show=False, id="indicators.import"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | ctrl+y | Replace the indicators with those of an 一体化 file (.xlsx/.json/.csv), after a y/n question. |
    """

    template: Template
    """The draft's template (set by the section)."""

    def action_import_indicators(self) -> None:
        """Ctrl+Y: ask for the file, then whether to replace (while read-only, only why not)."""
        if self.draft is None:
            return
        if not self.read_only:
            start_import(self)
            return
        from forms.workflows.review import is_approved, locked_message

        path = Path(getattr(self.screen, "path", None) or "草稿")
        if is_approved(self.draft):
            message = locked_message(self.draft, path, "不能导入指标", "请先按 F4 重新打开（记入审核记录）")
        elif self.draft.state == "final":
            message = "此草稿已定稿，不能导入指标；按 F4 可改回草稿。"
        else:
            message = "此草稿以只读方式打开，不能导入指标。"
        self.notify(clean(message), severity="warning", markup=False, timeout=8)

    def replace_indicators(self, rows: list[Indicator]) -> None:
        """Show ``rows`` as the draft's indicators and announce the change (the editor saves it)."""
        if self.draft is not None and not self.read_only:
            self.draft.performance.indicators = rows
            self.query_one(Grid).load(rows)
            self.changed("performance.indicators")


class IndicatorFileDialog(ModalScreen[tuple[Path, list[Indicator]] | None]):
    """Ask for an indicator file and read it; dismisses with ``(path, rows)`` or ``None``."""

    DEFAULT_CSS = """
    IndicatorFileDialog { align: center middle; }
    IndicatorFileDialog > Vertical {
        width: 72; max-width: 100%; height: auto; border: thick $accent; background: $surface; padding: 0 1;
    }
    IndicatorFileDialog #indicator-file-problem { color: $error; height: auto; }
    IndicatorFileDialog #indicator-file-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="indicator_file.cancel")]
    """
    | Key | Action |
    | :- | :- |
    | enter | Read the file named in the box. |
    | escape | Cancel: nothing changes. |
    """

    def __init__(self, template: Template, default: Path) -> None:
        super().__init__()
        self.template = template
        """The draft's template (the file's rows are read for it)."""
        self._default = default

    def compose(self) -> ComposeResult:
        """Title, what the file may be, the path box, the problem line and the keys."""
        with Vertical():
            yield Static(Text("从一体化指标文件导入绩效指标", style="bold"))
            yield Static(Text("shenbao 导出的 .一体化.xlsx / .json / .csv（替换本草稿的全部指标，替换前会询问）"))
            yield Input(str(self._default), id="indicator-file-path", select_on_focus=False)
            yield Static(id="indicator-file-problem")
            yield Static(Text("Enter 读取    Esc 取消"), id="indicator-file-keys")

    @on(Input.Submitted, "#indicator-file-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self._problem("请填写指标文件的路径。")
            return
        self._read(Path(text).expanduser())

    @work(thread=True, exclusive=True)
    def _read(self, path: Path) -> None:
        from forms.importing.yitihua import IndicatorFileError, read_indicator_file

        try:
            rows = read_indicator_file(path, self.template)
        except IndicatorFileError as problem:
            self.app.call_from_thread(self._problem, f"{problem}（未导入）")
            return
        self.app.call_from_thread(self.dismiss, (path, rows))

    def _problem(self, message: str) -> None:
        self.query_one("#indicator-file-problem", Static).update(Text(clean(message)))

    def action_cancel(self) -> None:
        """Close without reading anything."""
        self.dismiss(None)


def default_file(section: IndicatorImportKeys) -> Path:
    """Where the export put this draft's file by default: ``<drafts>/exports/<项目名称>.一体化.xlsx``."""
    from forms.store.drafts import file_name_for
    from forms.store.output import suffix_of
    from tui.sections.review import EXPORTS

    store = getattr(section.screen, "store", None) or getattr(section.app, "store", None)
    exports = Path(getattr(store, "folder", Path.cwd())) / EXPORTS
    name = section.draft.project.name if section.draft is not None else ""
    stem = file_name_for(name, exports).stem if name.strip() else "申报表"  # no .toml in exports: no clash suffix
    return exports / f"{stem}{suffix_of('yitihua')}"


def start_import(section: IndicatorImportKeys) -> None:
    """Run the whole step for the indicator section ``section``: file, question, replacement."""
    from forms.workflows.indicator_import import arranged, compare

    def chosen(answer: tuple[Path, list[Indicator]] | None) -> None:
        if answer is None or section.draft is None:
            return
        path, rows = answer
        new = arranged(rows, section.template)
        change = compare(section.draft.performance.indicators, new, section.template)
        if not change.total:
            section.notify(clean(f"{path.name}：{change.summary()}，未改动。"), markup=False)
            return
        question = f"{change.summary()}。\n用 {path.name} 替换本草稿的全部绩效指标吗？"

        def answered(yes: bool | None) -> None:
            if yes:
                section.replace_indicators(new)
                section.notify(clean(f"已从 {path.name} 替换绩效指标：{change.summary()}"), markup=False)
            else:
                section.notify("未替换，指标没有改动。", markup=False)

        section.app.push_screen(ConfirmScreen(question, title="替换绩效指标", yes="替换", no="不替换"), answered)

    section.app.push_screen(IndicatorFileDialog(section.template, default_file(section)), chosen)
