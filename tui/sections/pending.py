"""The 检查与导出 section as the editor builds it: the shell's ``ReviewSection``, or a stand-in.

The stand-in lists the findings only; it is used while ``tui.sections.review``
is not installed, so the editor never depends on it to open.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from forms.model.declaration import Declaration
from forms.model.template import Template
from tui.sections.base import Section
from tui.sections.fields import Body
from tui.widgets.field import visible


class PendingReview(Section):
    """A plain list of the findings, standing in for 检查与导出."""

    title = "检查与导出"
    short = "检查"

    def compose(self) -> Any:
        """One text block with the findings."""
        with Body():
            yield Static(Content("检查结果"), classes="fheading")
            yield Static("", id="pending-findings", markup=False)

    def show_findings(self, draft: Declaration, findings: list[Any]) -> None:
        """List the findings (messages quote user text: literal content only)."""
        words = {"error": "错误", "warning": "警告"}
        lines = [f"{words.get(f.severity, f.severity)}：{f.message}" for f in findings] or ["✓ 没有发现问题"]
        self.query_one("#pending-findings", Static).update(Content(visible("\n".join(lines), keep_newlines=True)))


def review_section(template: Template, *, id: str) -> Section:
    """The 检查与导出 section: ``tui.sections.review.ReviewSection`` when installed."""
    try:
        from tui.sections.review import ReviewSection
    except ModuleNotFoundError as error:
        if error.name != "tui.sections.review":
            raise
        return PendingReview(id=id)
    return ReviewSection(id=id)
