"""What the editor repaints for a key (issue 6): counted as behaviour, never timed.

A typed character repaints its field and asks for no layout; a Tab changes
the key line in the same step as the focus; a section switch reaches the
screen as one update; an update renders only the widgets it touches.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from editor_kit import SIZE, EditorApp, field, focused_path, make_editor
from repo_paths import DRAFTS
from rich.cells import cell_len
from textual.app import App
from textual.widget import Widget

from forms.store.drafts import load_draft
from tui.folder.store import DraftStore
from tui.screens.editor import EditorScreen
from tui.widgets import tight_compositor
from tui.widgets.choice import Choice
from tui.widgets.key_line import KeyLine

EXAMPLE = DRAFTS / "电子政务外网线路租赁.toml"


@pytest.fixture(autouse=True)
def _no_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Autosave and checks wait far longer than any test: what is counted is the keys' own work."""
    monkeypatch.setattr(EditorScreen, "SAVE_DELAY", 600.0)
    monkeypatch.setattr(EditorScreen, "CHECK_DELAY", 600.0)


def updates(app: App[Any], monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, Any]]:
    """Every screen update Textual sends from now on, with the editor's section index at that moment."""
    sent: list[tuple[int, Any]] = []
    display = app._display

    def recording(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            sent.append((app.editor.index, renderable))  # type: ignore[attr-defined]
        display(screen, renderable)

    monkeypatch.setattr(app, "_display", recording)
    return sent


async def test_typing_in_a_field_asks_for_no_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "x")  # 年度, 填报单位, 项目名称; the first key shows 未保存
        await pilot.pause()
        assert focused_path(app) == "project.name"
        layouts: list[int] = []
        layout = app.editor._refresh_layout

        def counting(*args: Any, **kwargs: Any) -> None:
            layouts.append(1)
            layout(*args, **kwargs)

        monkeypatch.setattr(app.editor, "_refresh_layout", counting)
        await pilot.press(*"电子政务abc")
        await pilot.pause()
        assert app.editor.draft.project.name == "x电子政务abc"
        assert layouts == [], "a typed key repaints its field only; nothing is laid out again"


async def test_the_key_line_changes_in_the_same_step_as_the_focus(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = app.editor.query_one(KeyLine)
        assert not line.children, "one widget draws every key: nothing to recompose"
        descriptions = [key.description for key in line.keys]
        assert "下一节" in descriptions and "选择" not in descriptions
        assert line.palette is not None and line.palette.display == "^p"
        drawn: list[int] = []
        refresh = line.refresh

        def counting(*args: Any, **kwargs: Any) -> Any:
            drawn.append(1)
            return refresh(*args, **kwargs)

        line.refresh = counting  # type: ignore[method-assign]
        app.editor.set_focus(field(app, "unit"))  # a field like 年度: the same keys
        app.editor.set_focus(app.editor.stepper)  # F5 bound by another key there, in another order by Textual
        assert drawn == [], "same keys: the line is not drawn again"
        assert [key.description for key in line.keys][:2] == ["下一节", "上一节"]
        app.editor.set_focus(field(app, "year"))
        choice = field(app, "project.attribute")
        assert isinstance(choice, Choice)
        app.editor.set_focus(choice)
        # No pause: the line already shows the choice's keys, so they go out with the focus change.
        assert "选择" in [key.description for key in line.keys] and drawn == [1]
        await pilot.pause()


async def test_a_click_on_a_key_presses_it(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = app.editor.query_one(KeyLine).render().plain
        start = cell_len(text[: text.index("F6 下一节")])
        await pilot.click(KeyLine, offset=(start + 1, 0))
        await pilot.pause()
        assert app.editor.sections[app.editor.index].title == "资金来源"


async def test_a_section_shown_for_the_first_time_reaches_the_screen_as_one_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = load_draft(EXAMPLE)
    # Every labelled field filled in, so focus lands on 年度, which has nothing to say when left. (Leaving an
    # empty required field mounts its note under it: its section shows that in one more update on the way back.)
    draft.unit, draft.project.department = "区行政审批服务局", "区政府"
    app = make_editor(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sent = updates(app, monkeypatch)
        await pilot.press("f6")
        await pilot.pause()
        assert focused_path(app) == "funding.sources.0.last_year"
        assert [index for index, _ in sent] == [1], "mounting and laying out 资金来源 sent nothing before it"
        sent.clear()
        await pilot.press("f5")  # back to a section mounted before
        await pilot.pause()
        assert [index for index, _ in sent] == [0]


async def test_a_staged_section_is_laid_out_at_its_full_size_before_it_shows(tmp_path: Path) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        current = app.editor.sections[0].size
        await app.editor.show_section(5)  # 绩效指标: a table of rows mounted by its load
        await pilot.pause()
        switcher = app.editor.switcher
        assert app.editor.sections[5].size == current
        assert switcher.children[-1] is switcher.slots[5], "the slot shown is kept last"
        assert not app.editor.sections[0].display or not switcher.slots[0].display


def rendered_widgets(monkeypatch: pytest.MonkeyPatch) -> list[Widget]:
    """Every widget asked to render its lines from now on."""
    asked: list[Widget] = []
    render_lines = Widget.render_lines

    def recording(self: Widget, crop: Any) -> Any:
        asked.append(self)
        return render_lines(self, crop)

    monkeypatch.setattr(Widget, "render_lines", recording)
    return asked


async def test_a_key_renders_only_the_widgets_on_its_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_editor(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "x")
        await pilot.pause()
        name = field(app, "project.name")
        asked = rendered_widgets(monkeypatch)
        await pilot.press("y")
        await pilot.pause()
        assert name in asked
        row = name.region.y
        assert all(w.region.y <= row < w.region.bottom for w in asked), "nothing off the field's row is rendered"
        assert not any(isinstance(w, KeyLine) for w in asked)


async def test_the_tight_compositor_draws_the_same_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def screenshot(folder: Path) -> str:
        folder.mkdir()
        path = Path(shutil.copy(EXAMPLE, folder))
        app = EditorApp(DraftStore(folder), path, load_draft(path))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("tab", "tab", "f6", "tab")
            await pilot.pause()
            return app.export_screenshot()

    tight = await screenshot(tmp_path / "tight")
    monkeypatch.setattr(tight_compositor, "TightCompositor", None)  # tighten() then leaves Textual's own
    plain = await screenshot(tmp_path / "plain")
    assert tight == plain
