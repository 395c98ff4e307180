"""检查与导出, the editor's last section: findings, a preview, export, and 定稿.

Enter on a finding posts ``ReviewSection.JumpTo(path)``; the editor switches to
the field's section and focuses it. The preview is the exporter's own output
(``forms.render.formats``), shown literally and rendered only while the section is on
screen. Export (``tui.sections.review_export``) writes atomically; with errors
it asks first and the file carries the same banner as ``shenbao export
--force``. 定稿 is refused while there are errors; reopening (改回草稿) always
works, even read-only.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from forms.checks.runner import Finding, check, errors, status_text
from forms.model.declaration import Declaration
from forms.render.formats import SUFFIXES, Format, render
from forms.render.width import clean
from forms.store.drafts import file_name_for
from forms.workflows.review import is_approved
from tui.sections.base import Section
from tui.sections.review_export import Export

EXPORTS = "exports"
"""Folder inside the drafts folder that exports go to by default (never listed as drafts)."""
SEVERITY = {"error": ("错误", "bold red"), "warning": ("警告", "yellow")}
"""How each severity reads in the findings list, and its colour."""
FORMAT_LABELS: dict[Format, str] = {"text": "文本", "md": "Markdown"}
"""How each preview format is named in the preview's heading."""


def finding_prompt(finding: Finding) -> Text:
    """One line of the findings list (the message may quote user text: cleaned, never markup)."""
    name, style = SEVERITY.get(finding.severity, (finding.severity, ""))
    text = Text(name, style=style)
    text.append("  ")
    text.append(clean(finding.message))
    return text


class ReviewSection(Section):
    """The findings, a preview of the exported form, export and 定稿 / 改回草稿."""

    title = "检查与导出"
    short = "检查"
    BINDING_GROUP_TITLE = "检查与导出"
    DEFAULT_CSS = """
    ReviewSection { layout: vertical; }
    ReviewSection #review-status { height: auto; padding: 0 1; text-style: bold; }
    ReviewSection #review-findings { height: auto; max-height: 40%; }
    ReviewSection #review-preview-title { height: 1; padding: 0 1; background: $panel; }
    ReviewSection #review-preview { height: 1fr; overflow: auto auto; }
    ReviewSection #review-preview-text { width: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "toggle_format", "格式", tooltip="预览切换文本 / Markdown", id="review.format"),
        # Shown in F1 and the palette only: the editor's footer is full at 80 columns.
        Binding("a", "toggle_ascii", "ASCII 表格线", show=False, id="review.ascii"),
        Binding("e", "export", "导出", id="review.export"),
        Binding("f", "finalize", "定稿", id="review.finalize"),
        Binding("u", "reopen", "改回草稿", id="review.reopen"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | enter | On a finding: jump to its field. |
    | p | Preview as text or as Markdown. |
    | a | Draw the text preview and export with ASCII lines (+-|) instead of box characters. |
    | e | Export to a file (asks for format and path; asks again when there are errors). |
    | f | Mark the draft 定稿 (refused while there are errors). |
    | u | Reopen a 定稿 draft as 草稿. |
    """

    class JumpTo(Message):
        """The operator chose a finding: show and focus its field."""

        def __init__(self, path: str) -> None:
            self.path = path
            """Dotted path of the field (``funding.total_this_year``)."""
            super().__init__()

    class StateChanged(Message):
        """The operator marked the draft 定稿 or reopened it; ``draft.state`` is already set."""

        def __init__(self, state: str) -> None:
            self.state = state
            """``"final"`` or ``"draft"``."""
            super().__init__()

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.findings: list[Finding] = []
        """The findings shown."""
        self.fmt: Format = "text"
        """The preview's format (and the export dialog's first choice)."""
        self.ascii = False
        """Whether text is drawn with ASCII lines."""
        self._stale = True
        self._ready = False  # set on mount: before that there are no widgets to fill

    def compose(self) -> ComposeResult:
        """Status line, findings, preview heading and the scrollable preview."""
        yield Static(id="review-status")
        yield OptionList(id="review-findings")
        yield Static(id="review-preview-title")
        with ScrollableContainer(id="review-preview", can_focus=True):
            yield Static(id="review-preview-text")

    # -- the Section interface --------------------------------------------

    def load(self, draft: Declaration) -> None:
        """Show ``draft``, checking it here (the editor usually calls ``show_findings`` instead)."""
        self.show_findings(draft, check(draft))

    def show_findings(self, draft: Declaration, findings: list[Finding]) -> None:
        """Show the draft's findings and state; the preview follows when the section is on screen."""
        self.draft = draft
        self.findings = list(findings)
        if not self._ready:
            return
        listing = self.query_one("#review-findings", OptionList)
        previous = listing.highlighted
        listing.clear_options()
        if self.findings:
            listing.add_options(Option(finding_prompt(f), id=str(i)) for i, f in enumerate(self.findings))
            # Keep the cursor where it was, so a re-check does not throw the operator to the top.
            listing.highlighted = min(previous or 0, len(self.findings) - 1)
        else:
            listing.add_option(Option(Text("✓ 未发现问题，可以定稿和导出。", style="green"), disabled=True))
        self._show_status()
        self._stale = True
        if self.display and self.is_on_screen:
            self.refresh_preview()
        self.refresh_bindings()

    def on_mount(self) -> None:
        """Show what ``load`` or ``show_findings`` were given before mounting."""
        self._ready = True
        if self.draft is not None:
            self.show_findings(self.draft, self.findings)

    def on_show(self) -> None:
        """Render the preview when the section comes into view (only then: it costs a few ms)."""
        if self._stale:
            self.refresh_preview()

    def focus_path(self, path: str) -> bool:
        """The review section holds no fields of the draft."""
        return False

    def set_read_only(self, read_only: bool) -> None:
        """定稿 drafts are read-only, but their review section still exports and reopens."""
        self.read_only = read_only
        self._show_status()
        self.refresh_bindings()

    # -- display -------------------------------------------------------------

    @property
    def state(self) -> str:
        """The draft's state (``"draft"`` or ``"final"``)."""
        return self.draft.state if self.draft is not None else "draft"

    def _show_status(self) -> None:
        if not self._ready:
            return
        state = "定稿（只读，按 u 改回草稿）" if self.state == "final" else "草稿"
        verdict = status_text(self.findings)
        style = "red" if errors(self.findings) else "yellow" if self.findings else "green"
        text = Text("检查：")
        text.append(verdict, style=style)
        text.append(f"    状态：{state}")
        self.query_one("#review-status", Static).update(text)

    def refresh_preview(self) -> None:
        """Render the draft as the chosen export format into the preview."""
        if self.draft is None or not self._ready:
            return
        rendered = render(self.draft, self.fmt, ascii=self.ascii)
        # render() already cleans user text; cleaning again costs little and keeps the
        # preview safe even if a renderer misses a case.
        self.query_one("#review-preview-text", Static).update(Text(clean(rendered), no_wrap=True))
        lines = "ASCII 线" if self.ascii and self.fmt == "text" else ""
        heading = f"预览：{FORMAT_LABELS[self.fmt]} {lines}".rstrip() + "（p 切换格式，方向键滚动）"
        self.query_one("#review-preview-title", Static).update(Text(heading))
        self._stale = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer 定稿 on drafts and 改回草稿 on 定稿 drafts; ASCII only for the text format."""
        if action == "finalize":
            return self.state != "final"
        if action == "reopen":
            return self.state == "final"
        if action == "toggle_ascii":
            return self.fmt == "text"
        return super().check_action(action, parameters)

    # -- keys ------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#review-findings")
    def _finding_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self.findings[int(event.option.id or 0)]
        if finding.path:
            self.post_message(self.JumpTo(finding.path))
        else:
            self.notify("这个问题不对应某一栏，请对照上面的说明修改。", markup=False)

    def action_toggle_format(self) -> None:
        """Switch the preview between text and Markdown."""
        self.fmt = "md" if self.fmt == "text" else "text"
        self.refresh_preview()
        self.refresh_bindings()

    def action_toggle_ascii(self) -> None:
        """Switch between box-drawing and ASCII lines (for terminals that draw boxes two cells wide)."""
        self.ascii = not self.ascii
        self.refresh_preview()

    def action_finalize(self) -> None:
        """Mark the draft 定稿, unless the checks find errors."""
        if self.draft is None or self.state == "final":
            return
        found = errors(self.findings)
        if found:
            self.notify(
                f"有 {len(found)} 个错误，不能定稿。请先修正（在问题上按 Enter 可跳到该栏）。", severity="error"
            )
            return
        self._set_state("final")
        self.notify("已定稿：此草稿现为只读，按 u 可改回草稿。")

    def action_reopen(self) -> None:
        """Make a 定稿 draft editable again (an approved one through the editor's question, on record)."""
        if self.draft is None or self.state != "final":
            return
        if is_approved(self.draft):
            self.screen.action_reopen()  # type: ignore[attr-defined]
            return
        self._set_state("draft")
        self.notify("已改回草稿，可以继续修改。")

    def _set_state(self, state: str) -> None:
        assert self.draft is not None
        self.draft.state = state  # type: ignore[assignment]
        self.post_message(self.StateChanged(state))
        self._show_status()
        self.refresh_bindings()
        self.refresh_preview()

    # -- export ------------------------------------------------------------------

    def default_export_path(self) -> Path:
        """``<drafts>/exports/<项目名称>.txt``: beside the drafts, never among them."""
        store = getattr(self.screen, "store", None) or getattr(self.app, "store", None)
        exports = Path(getattr(store, "folder", Path.cwd())) / EXPORTS
        name = self.draft.project.name if self.draft is not None else ""
        if name.strip():
            stem = file_name_for(name, exports).stem  # the name made safe for a file name
        else:
            path = getattr(self.screen, "path", None)
            stem = Path(path).stem if path else "申报表"
        return exports / f"{stem}{SUFFIXES[self.fmt]}"

    def action_export(self) -> None:
        """Ask where to export; with errors, ask again and mark the file as forced."""
        if self.draft is not None:
            Export(self, self.draft, self.findings, self.default_export_path(), self.fmt, self.ascii).start()
