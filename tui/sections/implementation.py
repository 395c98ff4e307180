"""保障措施与进度计划: the unit's measures, and the 项目年度实施进度计划 table (task, start, end).

A schedule row's cells complete (→) from the project: the task from its name,
start and end from its 项目期限, as most projects are planned over the year.
"""

from __future__ import annotations

from typing import Any

from forms.model.declaration import Declaration, ScheduleRow
from forms.model.template import Template
from tui.sections.base import Section
from tui.sections.basic import period_candidates
from tui.sections.fields import Body, heading, text_block
from tui.widgets.grid import Column, Grid, header_row


class ImplementationSection(Section):
    """单位已有的（或拟订的）保障项目实施的制度、措施, then the schedule rows."""

    title = "保障措施与进度计划"
    short = "保障"
    prefixes = ("implementation",)

    def __init__(self, template: Template, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.template = template
        """The draft's form template."""

    @classmethod
    def is_blank(cls, draft: Declaration) -> bool:
        """No measures and no schedule row with anything in it."""
        i = draft.implementation
        rows_blank = all(not (r.task.strip() or r.start.strip() or r.end.strip()) for r in i.schedule)
        return not i.measures.strip() and rows_blank

    def schedule(self, path: str, typed: str) -> list[str]:
        """Completions for a schedule row: the project's name as the task, its 项目期限 as start and end."""
        if self.draft is None:
            return []
        project = self.draft.project
        column = path.rpartition(".")[2]
        if column == "task":
            return [project.name.strip()]
        own = project.start if column == "start" else project.end
        return [own.strip(), *period_candidates(self.draft, column)]

    def compose(self) -> Any:
        """Measures, then the schedule table."""
        t = self.template
        columns = [
            Column("task", t.label("task"), suggest=self.schedule),
            Column("start", t.label("start"), suggest=self.schedule),
            Column("end", t.label("end"), suggest=self.schedule),
        ]
        with Body():
            yield heading(t.label("measures"))
            yield text_block("", "implementation.measures", classes="wide")
            yield heading(t.label("schedule"))
            yield header_row(columns, numbered=True)
            yield Grid(
                "implementation.schedule",
                columns,
                new_row=lambda current: ScheduleRow(),
                noun="进度计划",
                id="schedule-grid",
            )

    def load(self, draft: Declaration) -> None:
        """Rows first (they may be mounted now), then the fields."""
        self.query_one(Grid).load(draft.implementation.schedule)
        super().load(draft)
