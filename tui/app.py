"""The shenbao app: the drafts list as home screen, the editor pushed on top of it.

Set up for operators on SSH links: no animation, no blinking cursor, no clock
or polling, so an idle screen sends nothing. The editor's modules are imported
only when a draft is opened, so the list paints without them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from forms.render.width import clean
from tui.folder.store import DraftStore
from tui.screens.drafts import DraftsScreen

if TYPE_CHECKING:
    from forms.model.declaration import Declaration


WARM_UP_DELAY = 0.1
"""Seconds after the first frame before the editor's modules are imported in the background."""


UNSAVED_QUESTION = "unsaved-question"
"""Id of the question Ctrl+Q asks when a draft could not be saved."""


class ShenbaoApp(App[int]):
    """项目支出预算绩效目标申报表 in the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "申报表"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "帮助", id="app.help"),
        Binding("ctrl+q", "quit", "退出", priority=True, id="app.quit"),
        Binding("ctrl+p", "command_palette", "命令", show=False, priority=True, id="app.command_palette"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | f1 | Show every key of the current screen. |
    | ctrl+q | Quit (the editor saves first). |
    | ctrl+p | Command palette: every action by name. |
    """

    def __init__(self, drafts: Path, *, handle_signals: bool = False) -> None:
        """Run on the drafts folder ``drafts`` (which may not exist yet).

        Args:
            drafts: The drafts folder.
            handle_signals: Save everything on SIGHUP / SIGTERM (``tui.editing.guard``); ``run_app`` sets it.
        """
        super().__init__()
        self.animation_level = "none"
        self.store = DraftStore(Path(drafts))
        """The drafts folder; the only way the app touches draft files."""
        self.editing: Path | None = None
        """The draft open in the editor, if any."""
        self.notes: list[str] = []
        """What to tell the operator after the app has ended (a copy saved instead of a draft)."""
        self.leaving_on_signal = False
        """A SIGHUP or SIGTERM is being handled."""
        self._handle_signals = handle_signals

    def on_mount(self) -> None:
        """Show the drafts list (pushed, not the default screen, so its ``.tcss`` loads with it).

        Then, off the first paint's path, look for typing a killed shenbao left behind.
        """
        self.push_screen(DraftsScreen(self.store))
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        # Nothing can be typed before the list paints: the handlers and the search wait until then.
        if self._handle_signals:
            from tui.editing import guard

            guard.install(self)
        self.run_worker(self._find_left_behind, thread=True, group="recovery", exit_on_error=False)

    def _find_left_behind(self) -> None:
        # Tidy the temporary files of killed writers; offer the journals whose process is gone.
        from forms.store.files import has_journals
        from forms.store.safe_io import sweep_temporaries

        try:
            sweep_temporaries(self.store.folder)
        except OSError:
            pass  # tidying only: a folder we cannot write is reported when a draft is saved
        if not has_journals(self.store.folder):
            return  # the usual start: no need to import the form model beside the list's first rows
        from forms.store.recovery import pending_recovery
        from tui.editing.opening import offer

        found = pending_recovery(self.store.folder)
        if found:
            self.call_from_thread(offer, self, self.store, found)

    def on_ready(self) -> None:
        """The first frame is out: soon after, import the editor in the background, so Enter opens it at once."""
        # Not at once: the import would take the interpreter while that frame is still being written.
        self.set_timer(WARM_UP_DELAY, self._warm_up)

    def _warm_up(self) -> None:
        self.run_worker(_import_editor, thread=True, group="warm-up", exit_on_error=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Stop every text cursor from blinking: a blink is bytes on the wire twice a second."""
        # Input and TextArea have ``cursor_blink``; named by attribute so the list paints without TextArea's import.
        widget = event.widget
        if getattr(widget, "cursor_blink", False):
            widget.cursor_blink = False  # type: ignore[attr-defined]

    def open_draft(self, path: Path, draft: Declaration) -> None:
        """Open a draft in the editor: locked, read-only when 定稿 or held by someone else (who is shown).

        ``draft`` is what the list read; the editor reads the file again with
        its fingerprint, so a save can tell whether it changed on disk since.
        When the editor closes, a new draft's file is named after its project.
        """
        from tui.editing.opening import open_for_editing

        def closed(result: Path | None) -> None:
            self.editing = None
            final = self._name_untitled(result or path)
            if isinstance(self.screen, DraftsScreen):
                self.screen.reload(select=final)

        self.editing = path
        open_for_editing(self, self.store, path, closed)

    def finish(self) -> None:
        """After the app: a new draft still being edited gets its proper file name."""
        if self.editing is not None:
            self._name_untitled(self.editing)

    def _name_untitled(self, path: Path) -> Path:
        from forms.store.journal import journal_paths

        if any(os.path.lexists(journal) for journal in journal_paths(path)):
            return path  # unsaved typing is journaled under this name: keep it, to be offered back
        return self.store.name_untitled(path)

    def action_quit(self) -> None:
        """Ctrl+Q: quit; a draft that could not be saved (full disk, read-only) asks first, saying where its typing is.

        Ctrl+Q again while asked means yes. Quitting with a draft unsaved exits with status 1.
        """
        from tui.widgets.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen) and self.screen.id == UNSAVED_QUESTION:
            self.screen.dismiss(True)
            return
        problems = [p for s in self.screen_stack if (p := getattr(s, "quit_problem", lambda: "")())]
        if not problems:
            self.exit()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.notes.extend(problems)
                self.exit(return_code=1)

        question = "\n".join(problems) + "\n仍要退出吗？"
        confirm = ConfirmScreen(question, title="草稿未能保存", yes="退出", no="返回编辑")
        confirm.id = UNSAVED_QUESTION
        self.push_screen(confirm, answered)

    def action_help(self) -> None:
        """Show every key of the current screen (F1 again closes it)."""
        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.screen))

    def action_help_quit(self) -> None:
        """Ctrl+C with nothing to copy: say how to quit (Textual's own message is English)."""
        self.notify("Ctrl+C 用于复制；退出请按 Ctrl+Q。", title="要退出吗？", markup=False)

    def action_command_palette(self) -> None:
        """Show the command palette, in Chinese."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="输入操作名称查找（如：新建、导出）…", id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands: every action with a key on the current screen, and the app's.

        Generated from the live bindings, so every key in the Footer has a palette
        entry, named as the Footer names it, with its key as help; so has every
        described key of the app's own widgets, shown in the Footer or not
        (Textual's built-in cursor keys are left out).
        """
        from tui.screens.help import own_actions

        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not active.enabled or not binding.description or binding.action in seen:
                continue
            if binding.action in ("command_palette", "app.command_palette"):
                continue
            if not (binding.show or binding.action in own_actions(active.node)):
                continue
            if active.node is screen and screen.COMMANDS:
                continue  # the screen lists its own actions in the palette (e.g. the editor)
            seen.add(binding.action)
            display = self.get_key_display(Binding(key, binding.action))
            yield SystemCommand(
                binding.description, f"按键：{display}", partial(self.run_action, binding.action, active.node)
            )


def _import_editor() -> None:
    # The editor with the form model and checks (about 0.15 s of imports): loaded while the operator
    # reads the list, not after Enter. Python's import lock makes this safe beside the UI thread.
    import tui.editing.opening
    import tui.screens.session_editor  # noqa: F401


def run_app(folder: Path) -> int:
    """Run the app on a drafts folder until the operator quits (or a SIGTERM); returns the exit status.

    A SIGHUP ends the process from its handler (``tui.editing.guard``): the terminal is gone.
    """
    from tui.editing.guard import close_sessions

    if not (sys.stdin.isatty() and sys.__stderr__ is not None and sys.__stderr__.isatty()):
        # Textual reads keys from stdin and draws on stderr: from /dev/null its input thread would spin forever.
        print(
            "shenbao：界面需要在终端中运行（标准输入或标准错误不是终端）；批量处理请用子命令，见 shenbao --help",
            file=sys.stderr,
        )
        return 2
    app = ShenbaoApp(folder, handle_signals=True)
    try:
        app.run()
    finally:
        close_sessions()  # a lock is never left behind by a live exit, even after an error
    # Quit from the editor: it saved on the way out; a new draft still gets its proper name.
    app.finish()
    for note in app.notes:
        print(clean(note), file=sys.stderr)
    return app.return_code or 0
