"""Exporting a draft from 检查与导出: ask where, ask again when there are errors, write atomically.

The steps are dialogs, one after another: the export dialog (format and path),
then, only with errors, “仍要导出吗？” (the file then carries the banner
``shenbao export --force`` writes), then, only for an existing file, “覆盖它吗？”.
Escape or n at any step writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.notifications import SeverityLevel
from textual.widget import Widget

from forms.checks.runner import Finding, errors
from forms.model.declaration import Declaration
from forms.render.formats import Format, export_bytes
from forms.render.width import clean
from forms.store.output import OutputError, check_target, write_output
from tui.widgets.confirm import ConfirmScreen
from tui.widgets.export_dialog import ExportDialog


def force_banner(error_count: int) -> str:
    """The banner of a forced export, worded as ``shenbao export --force`` words it."""
    return f"注意：本表未通过检查（{error_count} 个错误），为强制导出"


@dataclass
class Export:
    """One export, from the dialog to the file; ``start`` runs it."""

    host: Widget
    """The widget whose app shows the dialogs and notifications."""
    draft: Declaration
    """The draft to export."""
    findings: list[Finding]
    """Its findings (errors make the export ask again)."""
    default: Path
    """The path offered."""
    fmt: Format
    """The format offered first."""
    ascii: bool = False
    """Draw text with ASCII lines."""

    def start(self) -> None:
        """Open the export dialog."""
        self.host.app.push_screen(ExportDialog(self.default, self.fmt), self._chosen)

    def _chosen(self, answer: tuple[Path, Format] | None) -> None:
        if answer is None:
            return
        path, fmt = answer
        found = errors(self.findings)
        if not found:
            self._check_overwrite(path, fmt, None)
            return
        question = (
            f"此草稿有 {len(found)} 个错误，按规定不应导出。\n"
            "仍要导出吗？导出的文件顶部将注明“未通过检查，为强制导出”。"
        )

        def forced(yes: bool | None) -> None:
            if yes:
                self._check_overwrite(path, fmt, force_banner(len(found)))
            else:
                self._say("未导出。")

        self.host.app.push_screen(ConfirmScreen(question, title="有错误", yes="强制导出", no="不导出"), forced)

    def _check_overwrite(self, path: Path, fmt: Format, banner: str | None) -> None:
        try:
            exists = check_target(path, own_folder=self.default.parent).exists
        except OutputError as problem:
            self._say(str(problem), severity="error")
            return
        if not exists:
            self._write(path, fmt, banner, overwrite=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(path, fmt, banner, overwrite=True)
            else:
                self._say("未导出。")

        question = f"{path} 已存在。覆盖它吗？"
        self.host.app.push_screen(ConfirmScreen(question, title="文件已存在", yes="覆盖", no="不导出"), answered)

    def _write(self, path: Path, fmt: Format, banner: str | None, *, overwrite: bool) -> None:
        data = export_bytes(self.draft, fmt, ascii=self.ascii and fmt == "text", banner=banner, path=path)
        try:
            # Only the offered <drafts>/exports folder may be created; a folder the operator typed must exist.
            write_output(path, data, overwrite=overwrite, own_folder=self.default.parent)
        except OutputError as problem:
            self._say(str(problem), severity="error")
            return
        forced = "（强制导出，已注明未通过检查）" if banner else ""
        self._say(f"已导出到 {path}{forced}", timeout=8)

    def _say(self, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None) -> None:
        # Paths and file names are user text: cleaned, never markup.
        self.host.notify(clean(message), severity=severity, timeout=timeout, markup=False)
