"""绩效目标: 项目年度绩效目标情况, the long-term and this year's goals."""

from __future__ import annotations

from typing import Any

from forms.model.declaration import Declaration
from forms.model.template import Template
from tui.sections.base import Section
from tui.sections.fields import Body, heading, label_text, text_block


class GoalsSection(Section):
    """长期绩效目标 and 本年度绩效目标, free text."""

    title = "绩效目标"
    short = "目标"
    prefixes = ("performance.long_term_goal", "performance.annual_goal")

    def __init__(self, template: Template, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.template = template
        """The draft's form template."""

    @classmethod
    def is_blank(cls, draft: Declaration) -> bool:
        """Neither goal written."""
        p = draft.performance
        return not (p.long_term_goal.strip() or p.annual_goal.strip())

    def compose(self) -> Any:
        """The goals the template prints (长期 and 本年度, 总体 and 年度, 实施期 and 本年度 …), in its order."""
        t = self.template
        with Body():
            yield heading(t.label("goals"))
            for key in t.goals:
                yield text_block(label_text(t, key), f"performance.{key}", classes="tall")
