"""Subcommand ``show``: review one draft in a terminal, laid out like the printed form.

When standard output is a terminal the form goes through a pager (``$PAGER``,
else ``less``), as ``git log`` does; into a pipe or a file it is printed as is.
The rendered text holds no escape sequences (``forms.render.formats`` cleans user
text), so a plain ``less`` without ``-R`` shows it exactly.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from forms.checks.runner import check, status_text
from forms.model.declaration import Declaration
from forms.render.width import clean
from forms.store.drafts import DRAFT_SUFFIX, DraftError, draft_paths, drafts_folder, load_draft
from tui.cli import EXIT_OK, EXIT_UNREADABLE, drafts_option

DEFAULT_LESS = "FX"
"""``less`` options when ``$LESS`` is unset: quit when the form fits one screen, and leave it on screen."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``show`` to the command line."""
    show = subparsers.add_parser(
        "show",
        help="在终端查看一份申报表",
        description="显示一份草稿排版后的申报表（只读）。输出到终端时通过分页程序显示（$PAGER，默认 less）。",
    )
    show.add_argument("draft", metavar="DRAFT", help="草稿文件、草稿文件夹中的文件名（可省略 .toml）或项目名称")
    show.add_argument("--format", choices=("text", "md"), default="text", help="显示格式（默认 text）")
    show.add_argument("--ascii", action="store_true", help="表格只用 ASCII 字符（适合把制表符画成双宽的终端）")
    show.add_argument("--no-pager", action="store_true", help="不使用分页程序，直接输出")
    drafts_option(show)
    show.set_defaults(func=run_show)


def run_show(args: argparse.Namespace) -> int:
    """``shenbao show``: the rendered form, paged on a terminal; 2 when the draft cannot be read."""
    from forms.render.formats import render

    folder = drafts_folder(getattr(args, "drafts", None))
    try:
        _, draft = load_named(args.draft, folder)
    except NoSuchDraft as error:
        return fail(str(error))
    findings = check(draft)
    banner = f"检查结果：{status_text(findings)}（详见 shenbao validate）" if findings else None
    text = render(draft, args.format, ascii=args.ascii, banner=banner)
    page(text, use_pager=not args.no_pager)
    return EXIT_OK


class NoSuchDraft(LookupError):
    """A name that names no draft, or several; the message is plain Chinese."""


def resolve_draft(name: str, folder: Path) -> Path:
    """The draft file a user means by ``name``.

    That is a path, a file name in ``folder`` (``.toml`` optional), or the
    项目名称 of exactly one draft in ``folder``.

    Raises:
        NoSuchDraft: nothing matches, or several drafts have that 项目名称.
    """
    path = Path(name)
    for candidate in (path, folder / name, folder / f"{name}{DRAFT_SUFFIX}"):
        if candidate.is_file():
            return candidate
    matches = []
    for candidate in draft_paths(folder):
        try:
            if load_draft(candidate).project.name.strip() == name.strip():
                matches.append(candidate)
        except DraftError:
            continue
    if len(matches) == 1:
        return matches[0]
    if matches:
        files = "、".join(m.name for m in matches)
        raise NoSuchDraft(clean(f"有 {len(matches)} 份草稿的项目名称是 “{name}”（{files}），请写文件名"))
    raise NoSuchDraft(clean(f"找不到草稿 “{name}”（在 {folder} 中按文件名和项目名称都没有找到）"))


def load_named(name: str, folder: Path) -> tuple[Path, Declaration]:
    """The draft a user means by ``name`` (``resolve_draft``), read.

    Raises:
        NoSuchDraft: nothing or several match, or the file is not a readable draft (its reason).
    """
    path = resolve_draft(name, folder)
    try:
        return path, load_draft(path)
    except DraftError as error:
        raise NoSuchDraft(str(error)) from None


def page(text: str, *, use_pager: bool = True) -> None:
    """Show ``text`` through the pager when standard output is a terminal, else print it."""
    command = pager_command() if use_pager and sys.stdout.isatty() else None
    if command is not None and _run_pager(command, text):
        return
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def pager_command() -> list[str] | None:
    """The pager to run: ``$PAGER`` (none when it is empty or ``cat``), else ``less``, else ``more``."""
    configured = os.environ.get("PAGER")
    if configured is not None:
        try:
            words = shlex.split(configured)
        except ValueError:
            return None
        return None if not words or words == ["cat"] else words
    for name in ("less", "more"):
        if shutil.which(name):
            return [name]
    return None


def _run_pager(command: list[str], text: str) -> bool:
    """Run the pager over ``text``; ``False`` when it could not be started."""
    env = dict(os.environ)
    env.setdefault("LESS", DEFAULT_LESS)
    env.setdefault("LESSCHARSET", "utf-8")  # the text is sent as UTF-8 whatever the locale says
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode("utf-8"))
    except (BrokenPipeError, KeyboardInterrupt):
        pass  # the reader quit the pager before the end, or pressed Ctrl+C: both fine
    try:
        process.stdin.close()
    except BrokenPipeError:
        pass
    # Ctrl+C reaches the pager too, which handles it; keep waiting so the
    # terminal is handed back only when the pager has restored it.
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:
            continue


def fail(message: str) -> int:
    """Print ``shenbao：message`` to standard error; the exit status for an unreadable draft."""
    print(f"shenbao：{message}", file=sys.stderr)
    return EXIT_UNREADABLE
