"""基本情况: 年度, 填报单位 and the 项目基本情况 block of the form."""

from __future__ import annotations

from typing import Any

from textual.containers import Horizontal

from forms.model.dates import DateError, month_or_none, parse_year
from forms.model.declaration import Declaration
from forms.model.template import Template
from tui.sections.base import Section
from tui.sections.fields import Body, field_label, label_text, row, text_block, text_row
from tui.widgets.choice import Choice, Tick
from tui.widgets.field import field_input


def period_candidates(draft: Declaration, which: str) -> list[str]:
    """The start (``which="start"``) or end of a one-year period to offer: ``2021.01`` / ``2021.12``.

    Most projects run through the declared year; the end takes the start's
    year when a start is typed. Nothing is offered without a readable year.
    """
    year = None
    if which == "end":
        start = month_or_none(draft.project.start)
        year = start.year if start is not None else None
    if year is None:
        try:
            year = parse_year(draft.year)
        except DateError:
            year = None
    if year is None:
        return []
    return [f"{year}.01" if which == "start" else f"{year}.12"]


_TEXT_FIELDS = ("name", "attribute", "department", "start", "end", "leader", "leader_phone", "liaison", "liaison_phone")


class BasicSection(Section):
    """年度, 填报单位, 项目名称 … 项目立项依据; 项目属性 and 项目类型 are picked, not typed."""

    title = "基本情况"
    short = "基本"
    prefixes = ("year", "unit", "project")

    def __init__(self, template: Template, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.template = template
        """The draft's form template (attributes, project classes, labels)."""

    @classmethod
    def is_blank(cls, draft: Declaration) -> bool:
        """Nothing typed or picked yet."""
        p = draft.project
        texts = [draft.year, draft.unit, *(getattr(p, key) for key in _TEXT_FIELDS), p.overview, p.basis]
        return not any(t.strip() for t in texts) and not p.types

    def compose(self) -> Any:
        """The fields in the form's order."""
        t = self.template
        phone = label_text(t, "phone")
        with Body():
            yield row(
                label_text(t, "year"),
                field_input(name="year", placeholder="如 2021", classes="fshort"),
                field_label(label_text(t, "unit"), classes="flabel-inline"),
                field_input(name="unit", classes="fvalue"),
            )
            yield text_row(label_text(t, "name"), "project.name")
            yield row(label_text(t, "attribute"), Choice(t.attributes, name="project.attribute", classes="fchoice"))
            yield text_row(label_text(t, "department"), "project.department")
            yield row(
                label_text(t, "period"),
                field_input(name="project.start", placeholder="如 2021.01", classes="fshort", suggest=self.period),
                field_label("至", classes="flabel-to"),
                field_input(name="project.end", placeholder="如 2021.12", classes="fshort", suggest=self.period),
            )
            for person in ("leader", "liaison"):
                yield row(
                    label_text(t, person),
                    field_input(name=f"project.{person}", classes="fperson"),
                    field_label(phone, classes="flabel-inline"),
                    field_input(name=f"project.{person}_phone", classes="fvalue"),
                )
            for number, cls in enumerate(t.project_classes, start=1):
                ticks = [Tick(cls.name, name="project.types")]
                if cls.subtypes:
                    ticks.append(field_label("其中：", classes="flabel-to"))
                    ticks += [Tick(sub, name="project.types") for sub in cls.subtypes]
                label = label_text(t, "project_type") if number == 1 else ""
                yield Horizontal(
                    field_label(label), field_label(f"{number}.", classes="flabel-no"), *ticks, classes="frow"
                )
            yield text_block(label_text(t, "overview"), "project.overview")
            yield text_block(label_text(t, "basis"), "project.basis")

    def period(self, path: str, typed: str) -> list[str]:
        """Completions for 项目期限 (``project.start`` / ``project.end``): the declared year's whole span."""
        return period_candidates(self.draft, path.rpartition(".")[2]) if self.draft is not None else []

    def ticks(self) -> list[Tick]:
        """The 项目类型 boxes, in print order."""
        return list(self.query(Tick))

    def load(self, draft: Declaration) -> None:
        """Fields from the draft, and a tick for every 项目类型 it names."""
        super().load(draft)
        for tick in self.ticks():
            tick.value = tick.label in draft.project.types

    def store(self, draft: Declaration) -> None:
        """Fields, and 项目类型 from the boxes (keeping names the template lacks)."""
        super().store(draft)
        draft.project.types = self._ticked(draft.project.types)

    def _ticked(self, current: list[str]) -> list[str]:
        labels = [tick.label for tick in self.ticks()]
        return [tick.label for tick in self.ticks() if tick.value] + [name for name in current if name not in labels]

    def on_tick_changed(self, event: Tick.Changed) -> None:
        """Rebuild 项目类型 from the boxes, in print order, keeping names the template lacks."""
        event.stop()
        if self.draft is None or self.read_only:
            return
        ticked = self._ticked(self.draft.project.types)
        if sorted(ticked) != sorted(self.draft.project.types):
            self.draft.project.types = ticked
            self.changed("project.types")
