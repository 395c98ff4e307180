"""检查与导出: findings and the jump message, preview switching, export (refused, then forced), 定稿."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import build_draft
from repo_paths import DRAFTS
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static

from forms.checks.findings import warning
from forms.checks.runner import check, errors, status_text
from forms.model.declaration import Declaration
from forms.render.formats import render
from forms.store.drafts import load_draft
from tui.cli import main as cli_main
from tui.folder.store import DraftStore
from tui.sections.review import EXPORTS, ReviewSection
from tui.sections.review_export import force_banner
from tui.widgets.confirm import ConfirmScreen
from tui.widgets.export_dialog import ExportDialog

EXAMPLE = "电子政务外网线路租赁.toml"


class Host(Screen[None]):
    """Stands in for the editor: holds store, path and draft, and records the section's messages."""

    def __init__(self, store: DraftStore, path: Path, draft: Declaration) -> None:
        super().__init__()
        self.store = store
        self.path = path
        self.draft = draft
        self.jumps: list[str] = []
        self.states: list[str] = []

    def compose(self) -> ComposeResult:
        yield ReviewSection(id="review")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ReviewSection).load(self.draft)

    def on_review_section_jump_to(self, message: ReviewSection.JumpTo) -> None:
        self.jumps.append(message.path)

    def on_review_section_state_changed(self, message: ReviewSection.StateChanged) -> None:
        self.states.append(message.state)


class HostApp(App[None]):
    def __init__(self, store: DraftStore, path: Path, draft: Declaration) -> None:
        super().__init__()
        self.host = Host(store, path, draft)

    def on_mount(self) -> None:
        self.push_screen(self.host)


def example(drafts: Path) -> HostApp:
    path = drafts / EXAMPLE
    shutil.copy(DRAFTS / EXAMPLE, path)
    return HostApp(DraftStore(drafts), path, load_draft(path))


def with_errors(drafts: Path) -> HostApp:
    draft = build_draft("有错误的项目", total="25")  # sources are blank: 合计 does not add up
    path = drafts / "bad.toml"
    return HostApp(DraftStore(drafts), path, draft)


def review(app: App) -> ReviewSection:
    return app.screen.query_one(ReviewSection)


def preview(app: App) -> str:
    return str(review(app).query_one("#review-preview-text", Static).render())


async def test_findings_are_listed_with_the_status(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        findings = check(app.host.draft)
        listing = review(app).query_one(OptionList)
        assert listing.option_count == len(findings) > 0
        assert [str(listing.get_option_at_index(i).prompt) for i in range(2)] == [
            f"警告  {f.message}" for f in findings[:2]
        ]
        status = str(review(app).query_one("#review-status", Static).render())
        assert status_text(findings) in status and "草稿" in status


async def test_enter_on_a_finding_posts_jump_to_its_path(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        findings = check(app.host.draft)
        assert review(app).query_one(OptionList).has_focus
        await pilot.press("enter")
        await pilot.press("down", "enter")
        assert app.host.jumps == [findings[0].path, findings[1].path]


async def test_a_finding_without_a_field_explains_instead_of_jumping(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        section = review(app)
        draft = app.host.draft
        section.show_findings(draft, [warning("", "整张表的问题")])
        await pilot.press("enter")
        assert app.host.jumps == []
        assert any("不对应某一栏" in n.message for n in app._notifications)


async def test_no_findings_says_so(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        review(app).show_findings(app.host.draft, [])
        await pilot.pause()
        listing = review(app).query_one(OptionList)
        assert "未发现问题" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("enter")
        assert app.host.jumps == []


async def test_p_switches_the_preview_between_text_and_markdown_and_a_draws_ascii(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        draft = app.host.draft
        assert preview(app) == render(draft, "text")
        await pilot.press("p")
        assert preview(app) == render(draft, "md")
        assert "Markdown" in str(review(app).query_one("#review-preview-title", Static).render())
        await pilot.press("p", "a")
        assert preview(app) == render(draft, "text", ascii=True)


async def test_the_preview_scrolls_from_the_keyboard(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        scroller = review(app).query_one("#review-preview")
        assert scroller.has_focus
        await pilot.press("pagedown", "down")
        assert scroller.scroll_y > 0


async def test_export_writes_what_shenbao_export_writes(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        box = app.screen.query_one("#export-path", Input)
        target = drafts / EXPORTS / "电子政务外网线路租赁.txt"
        assert box.value == str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    cli_target = drafts / "cli.txt"
    assert cli_main(["export", str(drafts / EXAMPLE), "--output", str(cli_target)]) == 0
    assert target.read_bytes() == cli_target.read_bytes()
    assert DraftStore(drafts).paths() == [drafts / EXAMPLE], "exports are never listed as drafts"


async def test_export_as_markdown_swaps_the_suffix(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", "down")  # focus starts on the format choice: ↓ picks Markdown
        box = app.screen.query_one("#export-path", Input)
        assert box.value.endswith("电子政务外网线路租赁.md")
        await pilot.press("enter")
        await pilot.pause()
    written = (drafts / EXPORTS / "电子政务外网线路租赁.md").read_text("utf-8")
    assert written == render(load_draft(drafts / EXAMPLE), "md")


async def test_escape_in_the_export_dialog_writes_nothing(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", "escape")
        assert isinstance(app.screen, Host)
    assert not (drafts / EXPORTS).exists()


async def test_a_typed_path_and_problems_with_it(drafts: Path, tmp_path: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        box = app.screen.query_one("#export-path", Input)
        box.value = str(tmp_path)
        await pilot.press("enter")
        assert "文件夹" in str(app.screen.query_one("#export-problem", Static).render())
        box.value = "  "
        await pilot.press("enter")
        assert "请填写" in str(app.screen.query_one("#export-problem", Static).render())
        box.value = str(tmp_path / "别处" / "表.txt")
        await pilot.press("enter")
        # A folder the operator typed is never created: the dialog says so and stays open.
        assert "不存在" in str(app.screen.query_one("#export-problem", Static).render())
        assert not (tmp_path / "别处").exists()
        (tmp_path / "别处").mkdir()
        await pilot.press("enter")
        await pilot.pause()
    assert (tmp_path / "别处" / "表.txt").read_text("utf-8") == render(load_draft(drafts / EXAMPLE), "text")


async def test_export_with_errors_is_refused_unless_confirmed_then_carries_the_banner(drafts: Path) -> None:
    app = with_errors(drafts)
    target = drafts / EXPORTS / "有错误的项目.txt"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        found = errors(check(app.host.draft))
        assert found
        await pilot.press("e", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"{len(found)} 个错误" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert not target.exists()
        await pilot.press("e", "enter", "escape")
        await pilot.pause()
        assert not target.exists()
        await pilot.press("e", "enter", "y")
        await pilot.pause()
        text = target.read_text("utf-8")
        assert force_banner(len(found)) in text.splitlines()[0] + text.splitlines()[1]
        assert text == render(app.host.draft, "text", banner=force_banner(len(found)))
        assert any("强制导出" in n.message for n in app._notifications)


async def test_an_existing_file_is_overwritten_only_after_yes(drafts: Path) -> None:
    app = example(drafts)
    target = drafts / EXPORTS / "电子政务外网线路租赁.txt"
    target.parent.mkdir()
    target.write_text("旧内容", "utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", "enter")
        assert isinstance(app.screen, ConfirmScreen) and "已存在" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text("utf-8") == "旧内容"
        await pilot.press("e", "enter", "y")
        await pilot.pause()
        assert target.read_text("utf-8") == render(app.host.draft, "text")


async def test_a_failed_write_is_reported_not_raised(drafts: Path) -> None:
    app = example(drafts)
    (drafts / "blocker").write_text("a file, not a folder")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        app.screen.query_one("#export-path", Input).value = str(drafts / "blocker" / "x.txt")
        await pilot.press("enter")
        await pilot.pause()
        # Told under the path box, where it can be fixed, rather than after the dialog closed.
        assert "不是文件夹" in str(app.screen.query_one("#export-problem", Static).render())


async def test_f_is_refused_while_there_are_errors(drafts: Path) -> None:
    app = with_errors(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        assert app.host.draft.state == "draft" and app.host.states == []
        assert any("不能定稿" in n.message for n in app._notifications)


async def test_f_marks_final_and_u_reopens(drafts: Path) -> None:
    app = example(drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bindings = app.screen.active_bindings
        assert "f" in bindings and "u" not in bindings
        await pilot.press("f")
        assert app.host.draft.state == "final" and app.host.states == ["final"]
        assert "定稿" in str(review(app).query_one("#review-status", Static).render())
        bindings = app.screen.active_bindings
        assert "u" in bindings and "f" not in bindings
        # Read-only (as the editor makes it) still exports and reopens.
        review(app).set_read_only(True)
        await pilot.press("u")
        assert app.host.draft.state == "draft" and app.host.states == ["final", "draft"]
