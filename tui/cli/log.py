"""Subcommand ``log``: a draft's history field by field, read from the drafts folder's git repository.

``shenbao log 政务大厅租金`` lists every version of the draft, newest first:
when, who, what happened (the commit message), and each field that changed
(“本年度申请资金 合计  48.588 → 50”). A deleted draft is found by its file name.
On a terminal the text goes through the pager, as ``shenbao show`` does.

Starts without the form model: a draft named by its file costs two git
processes and no pydantic; only a draft named by its 项目名称 reads the folder.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from forms.history.log import history
from forms.history.repo import HistoryError, in_repo
from forms.history.text import render_history
from forms.render.width import clean
from forms.store.files import DRAFT_SUFFIX, drafts_folder
from tui.cli import EXIT_OK, EXIT_UNREADABLE, drafts_option


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``log`` to the command line."""
    log = subparsers.add_parser(
        "log",
        help="查看一份草稿的修改记录（逐栏显示改动）",
        description=(
            "显示一份草稿的各个版本（最新的在前）：时间、操作人、做了什么，以及每个改动的栏目和前后的值。"
            "需要草稿文件夹已用 shenbao init --git 开始记录修改。"
        ),
    )
    log.add_argument("draft", metavar="DRAFT", help="草稿文件、文件名（可省略 .toml）或项目名称；已删除的草稿写文件名")
    log.add_argument("-n", "--max-count", type=_positive, metavar="N", help="只显示最近 N 个版本")
    log.add_argument("--width", type=_positive, metavar="W", help="每行最多占多少列（默认终端宽度，至少 40）")
    log.add_argument("--no-pager", action="store_true", help="不使用分页程序，直接输出")
    drafts_option(log)
    log.set_defaults(func=run_log)


def run_log(args: argparse.Namespace) -> int:
    """``shenbao log``: 0 shown; 2 no such draft, no history, or git missing."""
    folder = drafts_folder(getattr(args, "drafts", None))
    try:
        path = _draft(args.draft, folder)
        if not in_repo(path.parent):
            return _fail(f"{path.parent} 还没有修改记录（不是 git 仓库）；可用 shenbao init --git 开启")
        versions = history(path.parent, path, limit=args.max_count)
    except (HistoryError, LookupError) as error:
        return _fail(str(error))
    width = args.width or shutil.get_terminal_size((80, 24)).columns
    latest = args.max_count is not None and len(versions) == args.max_count
    text = render_history(path.name, versions, width=max(width, 40), latest=latest)
    if sys.stdout.isatty() and not args.no_pager:
        from tui.cli.show import page

        page(text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _draft(name: str, folder: Path) -> Path:
    """The file meant by ``name``: a file (a unit's draft in a bureau folder too), a deleted draft, or a 项目名称."""
    candidates = (Path(name), folder / name, folder / f"{name}{DRAFT_SUFFIX}")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    for candidate in candidates[1:]:
        if (
            candidate.suffix == DRAFT_SUFFIX
            and in_repo(candidate.parent)
            and history(candidate.parent, candidate, limit=1)
        ):
            return candidate  # deleted since, but its history is there
    if not in_repo(folder):
        raise HistoryError(f"{folder} 还没有修改记录（不是 git 仓库）；可用 shenbao init --git 开启")
    from tui.cli.show import resolve_draft  # by 项目名称: reads every draft, with the form model

    return resolve_draft(name, folder)


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}")
    return number


def _fail(message: str) -> int:
    print(f"shenbao：{clean(message)}", file=sys.stderr)
    return EXIT_UNREADABLE
