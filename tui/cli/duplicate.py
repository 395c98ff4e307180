"""Subcommand ``duplicate``: a copy of a draft as the start of a similar project (``forms.workflows.rollover``)."""

from __future__ import annotations

import argparse

from forms.render.width import clean
from forms.store.drafts import drafts_folder, file_name_for, save_draft
from forms.workflows.rollover import duplicate
from tui.cli import EXIT_OK, drafts_option
from tui.cli.show import NoSuchDraft, fail, load_named


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``duplicate`` to the command line."""
    copy = subparsers.add_parser(
        "duplicate",
        help="复制草稿，作为相似项目的起点",
        description="复制一份草稿为新的草稿（项目名称加“（副本）”，财政部门审核意见清空，状态为草稿）。",
    )
    copy.add_argument("draft", metavar="DRAFT", help="草稿文件、文件名或项目名称")
    copy.add_argument("--name", metavar="NAME", help="新项目的名称（默认原名称加“（副本）”）")
    drafts_option(copy)
    copy.set_defaults(func=run_duplicate)


def run_duplicate(args: argparse.Namespace) -> int:
    """``shenbao duplicate``: 0 copied; 2 the draft cannot be read or the copy written."""
    folder = drafts_folder(getattr(args, "drafts", None))
    try:
        path, draft = load_named(args.draft, folder)
    except NoSuchDraft as error:
        return fail(str(error))
    copy = duplicate(draft)
    if args.name is not None:
        copy.project.name = args.name
    target = file_name_for(copy.project.name, path.parent)
    try:
        save_draft(copy, target)
    except OSError as error:
        return fail(f"无法写入 {target}：{error.strerror or error}")
    print(clean(f"已复制：{path.name} → {target.name}"))  # a file name is user text: no escape reaches the terminal
    return EXIT_OK
