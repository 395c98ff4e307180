"""新建 by 表样: pick the template of a new draft from a short list (the unit profile's default first highlighted).

↑/↓ move, Enter creates, a digit picks at once, Escape cancels. Each line
names the template as operators know it (区县 2021 版 …), its id and what sets
it apart (no 支出明细, subtotals, 成本 as 一级, two indicator tables).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from forms.model.template import Template, load_template


def describe(template: Template) -> str:
    """What a template's form has that another's may not, in a few words."""
    parts = ["资金分上年度/本年度" if "last_year" in template.funding_columns else "资金仅本年度"]
    if template.funding_subtotals:
        parts.append("含小计")
    if not template.has("expenses"):
        parts.append("无支出明细")
    parts.append("一级：" + "、".join(g.name for g in template.indicator_groups))
    if template.sides:
        parts.append("指标分" + "/".join(template.sides))
    if template.has("weight"):
        parts.append("含分值")
    return "；".join(parts)


class TemplateChoice(ModalScreen[str | None]):
    """Choose a template id; dismisses with it, or ``None`` on Escape."""

    DEFAULT_CSS = """
    TemplateChoice {
        align: center middle;
    }
    TemplateChoice > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    TemplateChoice #template-title { text-style: bold; }
    TemplateChoice OptionList { height: auto; max-height: 16; }
    TemplateChoice #template-keys { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消", id="template_choice.cancel"),
        *(Binding(str(n), f"pick({n - 1})", show=False, id=f"template_choice.pick{n}") for n in range(1, 10)),
    ]
    """
    | Key | Action |
    | :- | :- |
    | up / down, enter | Move among the templates; create a draft of the highlighted one. |
    | 1 … 9 | Create a draft of that template at once. |
    | escape | Cancel: no draft is made. |
    """

    def __init__(self, template_ids: list[str], default: str) -> None:
        """List ``template_ids`` with ``default`` highlighted."""
        super().__init__()
        self.template_ids = list(template_ids)
        """The choices, in order."""
        self.default = default if default in self.template_ids else self.template_ids[0]
        """The one highlighted first (the unit profile's 默认表样)."""

    def compose(self) -> ComposeResult:
        """Heading, the templates, the keys."""
        options = []
        for n, template_id in enumerate(self.template_ids, start=1):
            template = load_template(template_id)
            line = Text(f"{n}. {template.name}（{template_id}）", style="bold")
            if template_id == self.default:
                line.append("  默认", style="italic")
            line.append("\n   " + describe(template), style="dim")
            options.append(Option(line, id=template_id))
        with Vertical():
            yield Static(Text("新建草稿：选择表样"), id="template-title")
            yield OptionList(*options, id="template-list")
            yield Static(Text("↑↓ 选择  Enter 新建  数字 直接选  Esc 取消"), id="template-keys")

    def on_mount(self) -> None:
        """Highlight the default."""
        choices = self.query_one(OptionList)
        choices.highlighted = self.template_ids.index(self.default)
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: create a draft of the highlighted template."""
        self.dismiss(event.option.id)

    def action_pick(self, index: int) -> None:
        """A digit: that template at once (a digit past the list does nothing)."""
        if 0 <= index < len(self.template_ids):
            self.dismiss(self.template_ids[index])

    def action_cancel(self) -> None:
        """Escape: no new draft."""
        self.dismiss(None)
