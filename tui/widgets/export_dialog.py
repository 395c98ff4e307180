"""The export dialog: choose the format (text, Markdown, Word, Excel, indicator sheet) and the file.

The path box starts with a sensible default beside the drafts; switching the
format swaps the file's suffix as long as the operator has not typed one of
their own. Enter exports, Escape cancels (and never writes anything). A path
the output rule refuses (a suffix of another format, a folder, a device, a
missing folder) is told under the box, and the dialog stays open to fix it.

Focus starts on the format choice (↑/↓ pick it; a space there is never typed
into the path; Enter exports from there too), and the chosen format reads (●)
against ( ) without colour.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from forms.render.formats import FORMATS, SUFFIXES, Format
from forms.store.output import OutputError, check_target, choose_format, with_suffix

FORMAT_NAMES: dict[Format, str] = {
    "text": "文本（.txt，与打印版式相同）",
    "md": "Markdown（.md）",
    "docx": "Word 申报表（.docx，可打印盖章）",
    "xlsx": "Excel 申报表（.xlsx）",
    "indicators-xlsx": "一体化系统绩效指标表（.指标.xlsx，每个指标一行）",
    "indicators-csv": "一体化系统绩效指标表（.指标.csv）",
    "yitihua": "一体化系统字段（.一体化.xlsx；后缀改 .json/.csv 即交换字段）",
}
"""How each export format is offered."""


class FormatChoice(RadioSet):
    """The format choice: ↑/↓ choose at once (as radio buttons do elsewhere), Enter exports.

    The keys are handled here, in the order they come, not as bindings: ↓↓ Enter arriving in one
    read over SSH must export the format ↓↓ chose (a binding runs in the app's turn, a key method
    in this widget's, and the two interleave).
    """

    def __init__(self, *buttons: RadioButton, chosen: str = "", id: str | None = None) -> None:
        super().__init__(*buttons, id=id)
        self.chosen = chosen
        """The format ↑/↓ last chose, known at once (the set's own Changed message comes a turn later)."""

    async def _on_key(self, event: events.Key) -> None:
        steps = {"down": 1, "right": 1, "up": -1, "left": -1}
        if event.key in steps or event.key == "enter":
            event.stop()  # handled: not again by the set's bindings when it bubbles
            event.prevent_default()
            if event.key == "enter":
                await self.screen.run_action("export")
            else:
                self.step(steps[event.key])

    def step(self, delta: int) -> None:
        """Highlight the next (previous) format and choose it."""
        names = [button.name or "" for button in self.query(RadioButton)]
        if self.chosen in names:  # as the set moves its highlight: round, from the chosen one
            self.chosen = names[(names.index(self.chosen) + delta) % len(names)]
        if delta > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()


class FormatButton(RadioButton):
    """A format choice that reads chosen or not without colour: (●) or ( )."""

    BUTTON_LEFT = "("
    BUTTON_RIGHT = ")"

    @property
    def _button(self) -> Content:
        inner = "●" if self.value else " "
        style = self.get_visual_style("toggle--button")
        return Content.assemble(self.BUTTON_LEFT, (inner, style), self.BUTTON_RIGHT)


class ExportDialog(ModalScreen[tuple[Path, Format] | None]):
    """Ask for the export format and file; dismisses with ``(path, format)`` or ``None``."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    ExportDialog > Vertical {
        width: 72;
        max-width: 100%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    ExportDialog RadioSet {
        width: 100%;
        margin-bottom: 1;
    }
    ExportDialog #export-problem {
        color: $error;
        height: auto;
    }
    ExportDialog #export-keys {
        color: $text-muted;
        margin-top: 1;
    }
    """

    AUTO_FOCUS = "#export-format"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消", id="export.cancel"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | up / down | On the format choice (where focus starts): pick text or Markdown. |
    | enter | Export to the path in the box (from the format choice too). |
    | tab | Move between the format choice and the path. |
    | escape | Cancel: nothing is written. |
    """

    def __init__(self, default: Path, fmt: Format = "text") -> None:
        """Start with ``default`` (its suffix set to suit ``fmt``) in the path box."""
        super().__init__()
        self.fmt: Format = fmt
        """The format chosen."""
        self._default = default.with_suffix(SUFFIXES[fmt])

    def compose(self) -> ComposeResult:
        """Format choice, path box, problem line and keys."""
        with Vertical():
            yield Static(Text("导出申报表", style="bold"))
            with FormatChoice(id="export-format", chosen=self.fmt):
                for fmt in FORMATS:
                    yield FormatButton(Text(FORMAT_NAMES[fmt]), value=fmt == self.fmt, name=fmt)
            yield Static(Text("保存到："))
            yield Input(str(self._default), id="export-path", select_on_focus=False)
            yield Static(id="export-problem")
            yield Static(Text("↑↓ 选格式    Tab 改路径    Enter 导出    Esc 取消"), id="export-keys")

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.query_one(FormatChoice).chosen = event.pressed.name or ""  # a click chooses too
        self._choose(event.pressed.name)  # type: ignore[arg-type]

    def _choose(self, new: Format) -> None:
        if new == self.fmt:
            return
        box = self.query_one("#export-path", Input)
        path = Path(box.value.strip())
        # Only a known ending is swapped (with_suffix would append to an unknown one): the path stays as typed.
        if path.name and with_suffix(path, new) != path.with_name(path.name + SUFFIXES[new]):
            box.value = str(with_suffix(path, new))  # the suffix follows the format
        self.fmt = new

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        problem = self.query_one("#export-problem", Static)
        if not text:
            problem.update(Text("请填写要保存到的文件路径。"))
            return
        path = Path(text).expanduser()
        try:
            # The one output rule (forms.store.output): the suffix must fit the format, and the path must be
            # writable without creating any folder but the app's own exports folder.
            choose_format(path, FORMATS, explicit=self.fmt, default=self.fmt)
            check_target(path, own_folder=self._default.parent)
        except OutputError as error:
            problem.update(Text(str(error)))
            return
        self.dismiss((path, self.fmt))

    async def action_export(self) -> None:
        """Enter on the format choice: export to the path in the box, as Enter there does."""
        # ↓↓ Enter in one burst: ↓↓ have chosen, but the set's Changed message comes a turn later.
        choice = self.query_one(FormatChoice)
        if choice.chosen in FORMATS:
            self._choose(choice.chosen)  # type: ignore[arg-type]
        await self.query_one("#export-path", Input).action_submit()

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
