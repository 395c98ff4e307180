"""Building blocks the sections lay out: labelled rows of fields, multi-line text, headings.

Every field is named by its draft path (see ``tui.sections.base``); labels are
template text shown as literal content.
"""

from __future__ import annotations

from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from forms.model.template import Template
from tui.widgets.field import TextBlock, field_input


class Body(VerticalScroll, can_focus=False):
    """A section's scrolling body; never focused itself, so Tab goes from field to field."""

    DEFAULT_CLASSES = "section-body"


def label_text(template: Template, key: str) -> str:
    """A template label fit for a field: “填报单位（盖章）” → “填报单位”, “项 目” → “项目”."""
    text = template.label(key)
    return text.split("（", 1)[0].replace(" ", "") if not text.startswith("（") else text


def field_label(text: str, *, classes: str = "flabel") -> Static:
    """A field's label (literal text)."""
    return Static(Content(text), classes=classes)


def row(label: str, *widgets: Widget, classes: str = "") -> Horizontal:
    """One line: a label, then its fields."""
    return Horizontal(field_label(label), *widgets, classes=f"frow {classes}".strip())


def text_row(label: str, path: str, *, placeholder: str = "", classes: str = "") -> Horizontal:
    """A label and a one-line text field for ``path``."""
    return row(label, field_input(name=path, placeholder=placeholder, classes=f"fvalue {classes}".strip()))


def text_block(label: str, path: str, *, classes: str = "") -> Horizontal:
    """A label and a multi-line text field (Enter is a new line; Tab leaves the field)."""
    area = TextBlock(name=path, classes="ftext")
    return Horizontal(field_label(label), area, classes=f"frow ftext-row {classes}".strip())


def heading(text: str) -> Static:
    """A heading inside a section (the form's sub-table titles)."""
    return Static(Content(text), classes="fheading")
