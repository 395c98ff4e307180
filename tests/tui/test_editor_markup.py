"""User text is data, never markup: hostile text in every field shows and saves literally and crashes nothing."""

from __future__ import annotations

from pathlib import Path

from editor_kit import SIZE, make_editor, on_disk
from pydantic import BaseModel
from textual import events
from textual.widgets import Input, Static, TextArea

from forms.model.declaration import Declaration, ExpenseLine, ScheduleRow, new_declaration
from tui.sections.base import get_path
from tui.widgets.field import visible

TYPED = ("[/]", "[@click=app.quit]x[/]", "[bold]x[/]", "[link=file:///etc/passwd]x[/link]")
"""Markup an operator might type: a closing tag alone, a live action link, styles, a link."""
ANSI = "\x1b[31mred\x1b[0m"
"""An ANSI escape sequence, as a paste would bring it (a terminal sends Esc as a key otherwise)."""


def hostile_draft() -> Declaration:
    """A draft whose every text field (choices and fixed row names included) holds markup."""
    draft = new_declaration()
    draft.expenses.lines = [ExpenseLine()]
    draft.implementation.schedule = [ScheduleRow()]
    draft.project.types = ["[/]", "修缮类"]
    _fill(draft, iter(_cycle()))
    return draft


def _cycle():
    while True:
        yield from (*TYPED, ANSI)


def _fill(node, texts) -> None:
    for name, info in type(node).model_fields.items():
        value = getattr(node, name)
        if name in ("template", "state", "schema_version", "types", "imported"):
            continue
        if isinstance(value, str) and info.annotation is str:
            setattr(node, name, next(texts))
        elif isinstance(value, list):
            for item in value:
                _fill(item, texts)
        elif isinstance(value, BaseModel):
            _fill(value, texts)


async def test_hostile_text_typed_into_every_field_is_saved_literally(tmp_path: Path) -> None:
    draft = new_declaration()
    draft.expenses.lines = [ExpenseLine()]
    draft.implementation.schedule = [ScheduleRow()]
    app = make_editor(tmp_path, draft)
    typed: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        for index in range(7):
            await app.editor.show_section(index)
            section = app.editor.sections[index]
            # Keys go straight to each field (focus is not what is tested here), one pause per section.
            for number, widget in enumerate(w for w in section.fields() if isinstance(w, Input | TextArea)):
                if number % 5 == 4:
                    widget.post_message(events.Paste(ANSI))
                    typed[widget.name] = ANSI
                else:
                    text = TYPED[number % len(TYPED)]
                    for char in text:
                        widget.post_message(events.Key(char if char.isalnum() else f"key-{char}", char))
                    typed[widget.name] = text
            await pilot.pause()
        await app.editor.show_section(7)
        await pilot.press("f5", "f6")  # the review section re-renders with every field hostile
        await pilot.pause()
        assert app.is_running
        where = str(app.editor._where.render())
        assert TYPED[2] in where  # the project name in the status line, literally
        await pilot.press("ctrl+s")
    assert len(typed) > 50
    saved = on_disk(app)
    for path, text in typed.items():
        assert get_path(saved, path) == text, path


async def test_a_hostile_draft_opens_and_every_section_shows_it_literally(tmp_path: Path) -> None:
    draft = hostile_draft()
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(8):
            await pilot.press("f6")
        assert app.is_running
        assert app.editor.index == 0
        funding = app.editor.sections[1]
        labels = [str(s.render()) for s in funding.query(Static) if s.has_class("c-source")]
        assert any(visible(text) in labels for text in (*TYPED, ANSI))
        attribute = app.editor.sections[0].query_one("Choice")
        assert attribute.value in (*TYPED, ANSI)
        assert visible(attribute.value) in str(attribute.render())
        level1 = next(w for w in app.editor.sections[5].fields() if (w.name or "").endswith(".level1"))
        assert visible(level1.value) in str(level1.render())
        # Nothing was changed by showing it: the file still holds exactly the draft.
        assert not app.editor.dirty
    assert on_disk(app).model_dump() == draft.model_dump()


def test_control_characters_are_drawn_as_visible_stand_ins_of_the_same_length() -> None:
    for text in (ANSI, "a\x07b\x7f", "x\u202ey\u200bz", "行\t尾"):
        shown = visible(text)
        assert len(shown) == len(text)
        assert shown.isprintable()
    assert visible(ANSI) == "␛[31mred␛[0m"
    assert visible("第一行\n第二行", keep_newlines=True) == "第一行\n第二行"
    assert visible("[/]") == "[/]"
