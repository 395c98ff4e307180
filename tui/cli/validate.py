"""Subcommand ``validate``: the findings of each draft named (or of the folder); 0 clean, 1 errors, 2 unreadable.

Plain text for terminals and scripts; imports only ``forms``; exit statuses as in ``tui.cli``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from forms.checks.runner import check, errors, status_text
from forms.render.width import clean
from forms.store.drafts import DraftError, drafts_folder, load_draft
from forms.store.index import IndexEntry, scan
from tui.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, drafts_option
from tui.cli.output import finding_lines, shown, unreadable


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``validate`` to the command line."""
    validate = subparsers.add_parser(
        "validate",
        help="检查草稿",
        description="检查草稿并列出问题。退出码：0 无错误（允许警告），1 有错误，2 有文件无法读取。",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="草稿文件或文件夹（默认草稿文件夹）")
    drafts_option(validate)
    validate.set_defaults(func=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    """``shenbao validate``: findings per file; 0 clean, 1 errors, 2 unreadable."""
    targets = [Path(p) for p in args.paths] or [drafts_folder(args.drafts)]
    status = EXIT_OK
    seen = 0
    for entry in _entries(targets):
        seen += 1
        if entry.problem is not None:
            line = f"（第 {entry.line} 行）" if entry.line else ""
            print(f"{shown(entry.path)}：{clean(unreadable(entry.problem))}{line}")
            status = EXIT_UNREADABLE
            continue
        print(f"{shown(entry.path)}：{status_text(entry.findings)}")
        for line in finding_lines(entry.findings):
            print(line)
        if errors(entry.findings) and status == EXIT_OK:
            status = EXIT_FINDINGS
    missing = [t for t in targets if not t.exists()]
    for target in missing:
        print(f"shenbao：找不到 {shown(target)}", file=sys.stderr)
    if missing or seen == 0:
        if seen == 0 and not missing:
            print(f"shenbao：{'、'.join(map(shown, targets))} 中没有草稿", file=sys.stderr)
        return EXIT_UNREADABLE
    return status


def _entries(targets: list[Path]) -> Iterator[IndexEntry]:
    # Folders go through the index; a file named on its own is always read afresh.
    for target in targets:
        if target.is_dir():
            yield from scan(target)
        elif target.exists():
            yield from _read_one(target)


def _read_one(path: Path) -> Iterator[IndexEntry]:
    try:
        draft = load_draft(path)
    except DraftError as error:
        yield IndexEntry(path, problem=error.reason, line=error.line)
        return
    yield IndexEntry(path, name=draft.project.name, year=draft.year, state=draft.state, findings=tuple(check(draft)))
