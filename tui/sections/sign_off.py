"""其他说明、审核意见与签署: 其他说明的问题, 财政部门审核意见, 单位负责人, 填表人, 填表时间."""

from __future__ import annotations

from typing import Any

from forms.model.declaration import Declaration
from forms.model.template import Template
from tui.sections.base import Section
from tui.sections.fields import Body, label_text, text_block, text_row

_FIELDS = ("other_notes", "finance_opinion", "unit_head", "filled_by", "fill_date")


class SignOffSection(Section):
    """The form's last block: notes, the finance bureau's opinion and the signatures."""

    title = "其他说明、审核意见与签署"
    short = "签署"
    prefixes = ("sign_off",)

    def __init__(self, template: Template, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.template = template
        """The draft's form template."""

    @classmethod
    def is_blank(cls, draft: Declaration) -> bool:
        """Nothing written."""
        return not any(getattr(draft.sign_off, key).strip() for key in _FIELDS)

    def compose(self) -> Any:
        """Notes and opinion as text blocks, then the three signature fields."""
        t = self.template
        with Body():
            yield text_block(label_text(t, "other_notes"), "sign_off.other_notes")
            yield text_block(label_text(t, "finance_opinion"), "sign_off.finance_opinion")
            yield text_row(label_text(t, "unit_head"), "sign_off.unit_head")
            yield text_row(label_text(t, "filled_by"), "sign_off.filled_by")
            yield text_row(label_text(t, "fill_date"), "sign_off.fill_date", placeholder="如 2021.01.15")
