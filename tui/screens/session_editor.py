"""The app's editor: ``EditorScreen`` saving through a ``DraftSession`` (lock, checked saves, journal).

What it adds to the plain editor:

* **Lock**: a draft someone else holds opens read-only, the banner naming who;
  F4 takes it over (after a y/n question) and reads the draft again.
* **Checked saves**: a save that finds the file changed on disk writes nothing
  and asks (``tui.widgets.conflict``): reload (the typing here first saved as a
  copy), go on in a copy, or overwrite; meanwhile autosave is paused. Leaving or
  quitting with that question unanswered saves the typing as a copy: nothing is
  overwritten and nothing typed is lost.
* **Journal**: every change is journaled as it is typed (no fsync: cheap), and
  fsynced when focus leaves the field; a save clears it.
* **Exit on a signal**: ``save_before_exit`` (called by ``tui.editing.guard``) puts the
  field being edited into the draft and saves it, synchronously.
"""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from forms.model.declaration import Declaration
from forms.render.width import clean
from forms.store.conflicts import ChangedOnDisk
from forms.store.drafts import DraftError
from forms.store.safe_io import os_reason
from forms.workflows.review import is_approved
from tui.editing.session import DraftSession, NotWritable, TakenOver, held_banner
from tui.folder.lock_marks import holder_text
from tui.screens.editor import EditorScreen
from tui.sections.base import Section, get_path, set_path, widget_text
from tui.widgets.confirm import ConfirmScreen
from tui.widgets.conflict import Choice, ConflictScreen

PAUSED = "未保存 · 文件已被改动"
"""The saved/unsaved line while a change on disk waits for the operator."""


class SessionEditor(EditorScreen):
    """Edit one draft held through ``session``; dismisses with the draft's path (a copy's, if it moved)."""

    def __init__(self, session: DraftSession, draft: Declaration) -> None:
        """Edit ``draft`` as ``DraftSession.open`` read it; read-only unless the session holds the lock."""
        super().__init__(session.store, session.path, draft, read_only=not session.writable)
        self.session = session
        """The draft's lock, fingerprint and journal."""
        self._asking = False
        self._leaving = False

    def on_mount(self) -> None:
        """Say who holds the draft when it opened read-only because of them."""
        if not self.session.writable:
            self._banner.update(Content(held_banner(self.session)))
            self.notify(clean(self.session.notice or ""), title="只读", severity="warning", timeout=10, markup=False)

    # Journal --------------------------------------------------------------------------------

    def on_section_changed(self, event: Section.Changed) -> None:
        """Journal the field's whole text (the plain editor's handler then marks it unsaved)."""
        try:
            value = get_path(self.draft, event.path)
        except LookupError:
            return
        if isinstance(value, str):
            warning = self.session.record(event.path, value)
            if warning:
                self.notify(warning, severity="warning", markup=False, timeout=8)

    def on_section_left(self, event: Section.Left) -> None:
        """Focus left a field: save, and fsync the journal when the save could not be made."""
        self.flush()
        self.session.sync()

    # Saving ---------------------------------------------------------------------------------

    def flush(self) -> bool:
        """Write the draft now if it has unsaved changes, only over the file as loaded; False when not written."""
        if not self.dirty:
            return True
        if self.session.conflict is not None:
            self._show_saved(PAUSED)
            return False
        try:
            self.session.save(self.draft)
        except ChangedOnDisk:
            self._show_saved(PAUSED)
            if not self._leaving:
                self.call_later(self._ask_conflict)
            return False
        except TakenOver as taken:
            return self._go_on_in_copy(f"此草稿已被他人接管。{holder_text(taken.held)}\n")
        except NotWritable:
            return False
        except (DraftError, OSError) as error:
            self._show_saved("保存失败")
            self.notify(
                f"无法保存 {clean(self.path.name)}：{_reason(error)}", severity="error", markup=False, timeout=8
            )
            return False
        self._saved_now()
        return True

    def _saved_now(self) -> None:
        self.dirty = False
        self._autosave.cancel()
        self._show_saved("已保存")

    async def action_save(self) -> None:
        """Save now; after a change on disk was put off, this asks again."""
        self.session.conflict = None
        await super().action_save()

    def _ask_conflict(self) -> None:
        conflict = self.session.conflict
        if self._asking or conflict is None or self._leaving or not self.is_attached:
            return
        self._asking = True
        locked = "" if conflict.deleted else self._approved_on_disk()
        self.app.push_screen(ConflictScreen(conflict, dirty=self.dirty, locked=locked), self._conflict_answered)

    def _approved_on_disk(self) -> str:
        """Why the file on disk may not be overwritten (it has been approved since it was opened), or blank."""
        from forms.workflows.review import approved_on_disk, locked_message

        draft = approved_on_disk(self.path)
        if draft is None:
            return ""
        how = "请按 s 把您的修改另存为副本，或按 r 重新载入（您的修改先另存为副本）"
        return locked_message(draft, self.path, "不能用您的版本覆盖", how)

    def _conflict_answered(self, choice: Choice | None) -> None:
        self._asking = False
        conflict = self.session.conflict
        if conflict is None:
            return
        if choice == "copy":
            self._go_on_in_copy("")
        elif choice == "reload":
            self._reload()
        elif choice == "overwrite" and conflict.deleted:
            self._overwrite(True)
        elif choice == "overwrite":
            question = f"{conflict.path.name} 在磁盘上的版本（可能含他人的修改）将被您的版本覆盖，无法撤销。确定覆盖？"
            self.app.push_screen(
                ConfirmScreen(question, title="覆盖磁盘上的版本", yes="覆盖", no="不覆盖"), self._overwrite
            )
        else:
            self.notify("自动保存已暂停：文件已在别处被改动。按 Ctrl+S 时会再询问。", severity="warning", markup=False)

    def _overwrite(self, yes: bool | None) -> None:
        if not yes:
            self.notify("未覆盖；自动保存仍暂停，按 Ctrl+S 时会再询问。", markup=False)
            return
        locked = self._approved_on_disk()
        if locked:  # approved while the question was open
            self.notify(clean(locked), severity="error", markup=False, timeout=12)
            return
        try:
            self.session.save(self.draft, overwrite=True)
        except ChangedOnDisk:
            self.call_later(self._ask_conflict)  # changed yet again: ask again
            return
        except (TakenOver, NotWritable, OSError) as error:
            self.notify(f"未能保存：{_reason(error)}", severity="error", markup=False, timeout=8)
            return
        self._saved_now()
        self.notify(f"已保存到 {clean(self.path.name)}", markup=False)

    def _go_on_in_copy(self, why: str) -> bool:
        """Save the draft under a new name and edit that copy from now on; False when it failed."""
        try:
            target = self.session.save_copy(self.draft)
        except (OSError, ChangedOnDisk) as error:
            self._show_saved("保存失败")
            self.notify(f"{why}未能另存副本：{_reason(error)}", severity="error", markup=False, timeout=10)
            return False
        old = self.path
        self._moved_to(target)
        self._saved_now()
        if self._leaving:
            # The app is closing (or the editor is): say it after the app has ended, where it can be read.
            notes = getattr(self.app, "notes", None)
            if isinstance(notes, list):
                notes.append(f"{old.name} 已在别处被改动，未覆盖；您的修改已另存为 {target.name}。")
        self.notify(
            f"{why}您的修改已另存为 {target.name}，现在编辑的是副本；{old.name} 未改动。", markup=False, timeout=10
        )
        return True

    def _moved_to(self, target: Path) -> None:
        self.path = target
        if hasattr(self.app, "editing"):
            self.app.editing = target  # the app names untitled drafts on quit by this

    def _reload(self) -> None:
        copy = None
        if self.dirty:
            try:
                copy = self.session.keep_copy(self.draft)
            except (OSError, ChangedOnDisk) as error:
                self.notify(f"未能先另存您的修改（{_reason(error)}），未重新载入。", severity="error", markup=False)
                return
        try:
            draft = self.session.reload()
        except DraftError as error:
            kept = f"您的修改已另存为 {copy.name}。" if copy else ""
            self.notify(f"无法重新载入：{error}。{kept}", severity="error", markup=False, timeout=10)
            return
        self._replace_draft(draft)
        kept = f"；您的修改已另存为 {copy.name}" if copy else ""
        self.notify(f"已重新载入 {clean(self.path.name)}{kept}", markup=False, timeout=10)

    def _replace_draft(self, draft: Declaration) -> None:
        """Show ``draft`` (read again from disk) in every section, as saved."""
        self.draft = draft
        for index in self._mounted:
            self.sections[index].load(draft)
        self._saved_now()
        # The version read may be one the bureau approved (通过) or marked 定稿 meanwhile: it is then read-only.
        held = not self.session.writable
        self._banner.update(Content(held_banner(self.session) if held else self.banner_text()))
        self.set_read_only(held or draft.state == "final" or is_approved(draft))
        self.show_review()
        self.run_checks()

    # Taking over ----------------------------------------------------------------------------

    def action_reopen(self) -> None:
        """F4: take over a draft someone else holds (asks first); else reopen a 定稿 draft."""
        if self.session.writable:
            super().action_reopen()
            return
        question = f"{self.session.notice}\n\n接管后，对方将不能再保存到此草稿（其修改会另存为副本）。确定接管编辑？"
        self.app.push_screen(ConfirmScreen(question, title="接管编辑", yes="接管", no="继续只读"), self._take_over)

    def _take_over(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            draft = self.session.take_over()
        except (OSError, DraftError) as error:
            self.notify(f"未能接管：{_reason(error)}", severity="error", markup=False, timeout=8)
            return
        self._replace_draft(draft)
        self.notify("已接管编辑", markup=False)

    # Leaving --------------------------------------------------------------------------------

    def action_back(self) -> None:
        """Save and go back; with a change on disk unanswered, the typing goes into a copy first."""
        if self.dirty and self.session.conflict is not None and not self._go_on_in_copy(""):
            return
        super().action_back()

    def on_unmount(self) -> None:
        """Leaving the screen (or the app): save, never over a changed file; let the lock go."""
        self._leaving = True
        if self.dirty and not self.flush() and self.session.conflict is not None:
            self._go_on_in_copy("")
        # The plain editor's handler runs next; its flush then finds nothing to do (or a closed session).
        self.session.close(None if self.dirty else self.draft)

    def quit_problem(self) -> str:
        """Before Ctrl+Q: save; when the draft still could not be saved, where the typing is kept ("" when saved).

        A change on disk is not a problem here: quitting saves the typing as a copy (``on_unmount``).
        """
        if self.read_only or not self.dirty or self.flush() or self.session.conflict is not None:
            return ""
        journal = self.session.journal
        if journal is not None and not self.session._journal_failed:
            self.session.sync()
            where = f"只保存在恢复记录 {journal.path} 中，下次启动 shenbao 时会提示恢复"
        else:
            where = "没有保存在任何文件中（恢复记录也未能写入），退出后将丢失"
        return f"{self.path.name} 未能保存，您的修改{where}。"

    def save_before_exit(self) -> str:
        """The terminal is going away: the field being edited into the draft, saved; returns what to tell."""
        self._leaving = True
        widget = self.focused if self.focused is not None and self.focused.name else self.last_field
        field = text = None
        if widget is not None and widget.name and not self.read_only:
            field, text = widget.name, widget_text(widget)
            try:
                if text is not None and get_path(self.draft, field) != text:
                    set_path(self.draft, field, text)
            except (LookupError, ValueError):
                pass  # not a text field of the draft (any more): the journal still has it
        message = self.session.save_before_exit(self.draft, field, text)
        self.dirty = False
        return message


def _reason(error: Exception) -> str:
    """Why something failed, in Chinese (an OS error's English words are never shown)."""
    return os_reason(error) if isinstance(error, OSError) else str(error)
