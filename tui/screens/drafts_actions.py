"""The drafts list's keys that make drafts or lead beyond the editor.

New (from the unit profile), duplicate, carry over to next year, view
read-only, the history, the summary and the unit profile (the reviewer's
keys are ``tui.screens.drafts_review``). A mixin of ``DraftsScreen``
(which binds the keys), kept apart so the list's module stays about loading,
filtering and deleting files. Every screen these open is imported when its
key is pressed, never before: the list must paint without them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from forms.store.files import DraftError
from tui.folder.store import DraftStore, DraftSummary, SuccessorExists

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from forms.workflows.profile import UnitProfile

MENTIONS_SHOWN = 3
"""How many fields that still name the old year a carry-over message lists by name."""


class DraftActions:
    """The drafts list's actions new, duplicate, rollover, view, history, summary and profile."""

    if TYPE_CHECKING:  # provided by DraftsScreen
        store: DraftStore
        app: App

        def highlighted(self) -> DraftSummary | None: ...
        def reload(self, *, forget: bool = False, select: Path | None = None) -> None: ...
        def say(
            self, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None
        ) -> None: ...

    def action_new(self) -> None:
        """Create a draft with the unit profile filled in, save it at once, and open it.

        It follows the profile's 默认表样 (else district-2021); its 年度 is the
        profile's, else this year. A profile file that cannot be read is
        reported and left alone; the draft is then made without it.
        """
        self._new_draft(None)

    def action_new_from_template(self) -> None:
        """Choose the 表样 of a new draft (the profile's default first), then create it as ``n`` does."""
        from forms.model.template import available_templates
        from tui.screens.template_choice import TemplateChoice

        templates = available_templates()
        if len(templates) < 2:
            self._new_draft(None)
            return
        profile, _ = self._profile()
        from forms.workflows.profile import default_template

        def chosen(template_id: str | None) -> None:
            if template_id is not None:
                self._new_draft(template_id)

        self.app.push_screen(TemplateChoice(templates, default_template(profile)), chosen)

    def _profile(self) -> tuple[UnitProfile, str | None]:
        """The unit profile, or an empty one and why the file could not be read."""
        from forms.workflows.profile import ProfileError, UnitProfile

        try:
            return self.store.profile(), None
        except ProfileError as error:
            return UnitProfile(), str(error)

    def _new_draft(self, template_id: str | None) -> None:
        from forms.workflows.profile import default_template, start_draft  # not needed until then (start-up)

        profile, problem = self._profile()
        if problem is not None:
            self.say(f"单位信息未填入：{problem}（按 u 查看）", severity="warning", timeout=8)
        draft = start_draft(template_id or default_template(profile), profile)
        try:
            path = self.store.create(draft)
        except OSError as error:
            self.say(f"无法在 {self.store.folder} 新建草稿：{error.strerror or error}", severity="error")
            return
        self.reload(select=path)
        self.app.open_draft(path, draft)  # type: ignore[attr-defined]

    def action_duplicate(self) -> None:
        """Copy the highlighted draft as “<name>（副本）”."""
        summary = self.highlighted()
        if summary is None or summary.problem is not None:
            return
        try:
            path = self.store.duplicate(summary.path)
        except (DraftError, OSError) as error:
            self.say(f"无法复制：{error}", severity="error")
            return
        self.say(f"已复制为 {path.name}")
        self.reload(select=path)

    def action_view(self) -> None:
        """Show the highlighted draft's rendered form, read-only."""
        from tui.screens.viewer import ViewerScreen

        summary = self.highlighted()
        if summary is None or summary.problem is not None:
            return
        try:
            draft = self.store.load(summary.path)
        except DraftError as error:
            self.say(f"无法查看：{error}", severity="error")
            self.reload()
            return
        self.app.push_screen(ViewerScreen(summary.path, draft))

    def action_history(self) -> None:
        """Show the highlighted draft's history, field by field (readable or not: a conflicted merge has one too)."""
        from tui.screens.history import HistoryScreen

        summary = self.highlighted()
        if summary is not None:
            self.app.push_screen(HistoryScreen(self.store.folder, summary.path, summary.name))

    def action_summary(self) -> None:
        """Show the summary of all projects; of every unit's, in a bureau folder."""
        from tui.folder.bureau_marks import bureau_of

        if bureau_of(self.store.folder) == self.store.folder:
            from tui.screens.summary_units import BureauSummaryScreen

            self.app.push_screen(BureauSummaryScreen(self.store.folder))
            return
        from tui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.store))

    def action_profile(self) -> None:
        """Edit the unit profile that new drafts are filled from."""
        from tui.screens.profile import ProfileScreen

        self.app.push_screen(ProfileScreen(self.store))

    def action_rollover(self) -> None:
        """Ask, then write next year's 延续项目 draft of the highlighted draft (the original is unchanged).

        When the folder already has next year's draft of the project, the
        question says so and names it: carrying over again needs a yes to that.
        """
        from forms.workflows.rollover import RolloverError, next_year

        summary = self.highlighted()
        if summary is None or summary.problem is not None:
            return
        try:
            draft = self.store.load(summary.path)
            year = next_year(draft)
            existing = self.store.successor(draft)
        except DraftError as error:
            self.say(f"无法结转：{error}", severity="error")
            self.reload()
            return
        except RolloverError as error:
            self.say(f"{summary.path.name}：{error}", severity="error")
            return
        name = draft.project.name.strip() or "（未填写项目名称）"
        if existing is None:
            title, yes = "结转到下一年度", "结转"
            question = (
                f"把“{name}”（{draft.year.strip()} 年度）结转为 {year} 年度的延续项目草稿？\n"
                "本年度申请金额成为新表的上年度安排，日期顺延一年，审核意见和填表时间清空。\n"
                f"原草稿 {summary.path.name} 不变。"
            )
        else:
            title, yes = "已有下一年度的草稿", "再结转一份"
            question = (
                f"“{name}”已有 {year} 年度的草稿 {existing.name}，通常不必再结转。\n"
                "仍要再结转一份新的草稿吗？已有的草稿和原草稿都不会改变。"
            )

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._rollover(summary.path, force=existing is not None)

        from tui.widgets.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question, title=title, yes=yes, no="取消"), answered)

    def _rollover(self, path: Path, *, force: bool) -> None:
        from forms.workflows.rollover import RolloverError, year_mentions

        try:
            target = self.store.rollover(path, force=force)
        except SuccessorExists as error:
            # Made by someone else since the question was asked.
            self.say(f"未结转：{error}。", severity="error")
            self.reload(select=error.path)
            return
        except (DraftError, RolloverError) as error:
            self.say(f"无法结转：{error}", severity="error")
            return
        except OSError as error:
            self.say(f"无法写入新草稿：{error.strerror or error}", severity="error")
            return
        try:
            new = self.store.load(target)
        except DraftError:  # written a moment ago; if it cannot be read back, the list will say why
            self.reload(select=target)
            return
        from tui.folder.history import project_label, record_event

        label = project_label(new.project.name, target)
        warning = record_event(self.store.folder, [target], f"结转：{label} → {new.year.strip()} 年度")
        if warning:
            self.say(warning, severity="warning", timeout=8)
        message = f"已结转为 {new.year} 年度的延续项目草稿：{target.name}（原草稿不变）"
        old_year = _year_before(new.year)
        mentions = year_mentions(new, old_year) if old_year is not None else []
        if mentions:
            from forms.checks.field_names import describe

            named = "、".join(describe(found, new) for found in mentions[:MENTIONS_SHOWN])
            more = f"等 {len(mentions)} 处" if len(mentions) > MENTIONS_SHOWN else ""
            message += f"\n请核对仍写着 {old_year} 的栏目：{named}{more}"
        self.say(message, timeout=10)
        self.reload(select=target)


def _year_before(text: str) -> int | None:
    from forms.model.dates import DateError, parse_year

    try:
        year = parse_year(text)
    except DateError:
        return None
    return None if year is None else year - 1
