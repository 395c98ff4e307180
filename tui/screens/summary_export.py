"""Export of the summary of all projects: text, Markdown, CSV or Excel, into ``<drafts>/exports/``.

The file holds what ``shenbao summary --format …`` writes to a file: the text
table with whole project names, Markdown, CSV with a BOM so Excel on a
Chinese Windows reads it, or an Excel workbook (the summary sheet and a sheet
per project). It is named after the year shown
(``项目汇总-2021.csv``); an existing file is replaced only after a yes.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from forms.render.summary import render_csv, render_markdown, render_text
from forms.render.width import clean
from forms.store.output import OutputError, check_target, suffix_of, write_output
from forms.workflows.summary import Summary
from tui.widgets.confirm import ConfirmScreen

SummaryFormat = Literal["text", "md", "csv", "xlsx"]
EXPORTS = "exports"
"""Folder inside the drafts folder that exports go to (never listed as drafts)."""
SUFFIXES: dict[SummaryFormat, str] = {fmt: suffix_of(fmt) for fmt in ("text", "md", "csv", "xlsx")}
"""The file name suffix of each format (from ``forms.store.output.OUTPUT_FORMATS``)."""
FORMAT_NAMES: dict[SummaryFormat, str] = {
    "text": "文本（.txt，与 shenbao summary 相同）",
    "md": "Markdown（.md）",
    "csv": "CSV（.csv，可用 Excel 打开）",
    "xlsx": "Excel 工作簿（.xlsx，汇总表加每个项目一张申报表）",
}
"""How each format is offered."""


def summary_text(summary: Summary, fmt: SummaryFormat, *, ascii: bool = False) -> str:
    """The summary as a file's content in ``fmt``."""
    if fmt == "csv":
        return render_csv(summary, bom=True)
    if fmt == "md":
        return render_markdown(summary)
    return render_text(summary, ascii=ascii, width=None)


def summary_bytes(summary: Summary, fmt: SummaryFormat, folder: Path, *, ascii: bool = False) -> bytes:
    """The summary as a file's bytes; the workbook reads the drafts of ``folder`` for its project sheets."""
    if fmt == "xlsx":
        from forms.render.xlsx_summary import summary_workbook

        return summary_workbook(folder, summary.year)
    return summary_text(summary, fmt, ascii=ascii).encode("utf-8")


def export_path(folder: Path, summary: Summary, fmt: SummaryFormat) -> Path:
    """Where the summary of ``summary.year`` goes: ``<folder>/exports/项目汇总[-年度].<suffix>``."""
    stem = "项目汇总" if summary.year is None else f"项目汇总-{summary.year}"
    return folder / EXPORTS / f"{stem}{SUFFIXES[fmt]}"


class FormatChoice(ModalScreen["SummaryFormat | None"]):
    """Ask for the export format: ↑↓ and Enter choose, Escape cancels (nothing is written)."""

    DEFAULT_CSS = """
    FormatChoice { align: center middle; }
    FormatChoice > Vertical {
        width: 60;
        max-width: 100%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    FormatChoice OptionList { height: auto; margin: 1 0; }
    FormatChoice #format-keys { color: $text-muted; }
    """
    BINDING_GROUP_TITLE = "导出汇总"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消", id="summary_export.cancel"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | up, down, enter | Choose the format and export. |
    | escape | Cancel: nothing is written. |
    """

    def __init__(self, folder: Path) -> None:
        """Offer the formats; ``folder`` is where the file goes (shown)."""
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        """Heading, the formats, where the file goes, keys."""
        with Vertical():
            yield Static(Text("导出项目汇总", style="bold"))
            yield OptionList(*(Option(Text(name), id=fmt) for fmt, name in FORMAT_NAMES.items()))
            yield Static(Text(clean(f"保存到 {self.folder}")))
            yield Static(Text("↑↓ 选择  Enter 导出  Esc 取消"), id="format-keys")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)


def export_summary(screen: Screen, summary: Summary, *, ascii: bool = False) -> None:
    """Ask for a format, then write ``summary``; asks before replacing an existing file.

    ``screen`` is the summary screen: it has the drafts ``store`` and shows the messages.
    """
    folder: Path = screen.store.folder  # type: ignore[attr-defined]

    def chosen(fmt: SummaryFormat | None) -> None:
        if fmt is None:
            return
        path = export_path(folder, summary, fmt)
        try:
            exists = check_target(path, own_folder=path.parent).exists
        except OutputError as problem:
            _say(screen, str(problem), severity="error")
            return
        if not exists:
            _write(screen, path, summary_bytes(summary, fmt, folder, ascii=ascii), overwrite=False)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                _write(screen, path, summary_bytes(summary, fmt, folder, ascii=ascii), overwrite=True)

        question = f"{path} 已存在。用新的汇总替换它吗？"
        screen.app.push_screen(ConfirmScreen(question, title="替换文件？", yes="替换", no="不导出"), answered)

    screen.app.push_screen(FormatChoice(folder / EXPORTS), chosen)


def _write(screen: Screen, path: Path, data: bytes, *, overwrite: bool) -> None:
    # <drafts>/exports is the app's own folder: the one folder an export may create.
    try:
        write_output(path, data, overwrite=overwrite, own_folder=path.parent)
    except OutputError as problem:
        _say(screen, str(problem), severity="error")
        return
    _say(screen, f"已导出到 {path}", timeout=8)


def _say(
    screen: Screen, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None
) -> None:
    screen.notify(clean(message), severity=severity, timeout=timeout, markup=False)
