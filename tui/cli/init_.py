"""Subcommand ``init``: make the drafts folder, and with ``--git`` give it history.

``shenbao init --git`` runs ``git init`` in the drafts folder, writes the
``.gitignore`` that keeps shenbao's side files (locks, recovery journals, the
index, temporary files, the trash, exports) out of it, and commits what the
folder holds. From then on 定稿, 改回草稿, import, rollover and delete are
commits (``forms.history``), and ``shenbao log`` shows a draft's changes.
"""

from __future__ import annotations

import argparse

from forms.history import HistoryError, init_repo, is_repo, operator
from forms.render.width import clean
from forms.store.drafts import drafts_folder
from tui.cli import EXIT_OK, drafts_option
from tui.cli.show import fail


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``init`` to the command line."""
    init = subparsers.add_parser(
        "init",
        help="建立草稿文件夹；加 --git 开始记录修改",
        description=(
            "建立草稿文件夹。加 --git 时把它变成 git 仓库：写入 .gitignore（编辑锁、恢复记录、索引、临时文件、"
            "回收站不进入记录），并提交现有草稿。之后定稿、改回草稿、导入、结转和删除都会记下一个版本，"
            "可用 shenbao log 查看。已是仓库的文件夹不受影响（只补上缺少的忽略规则）。"
        ),
    )
    init.add_argument("--git", action="store_true", help="用 git 记录草稿的修改（需要已安装 git）")
    drafts_option(init)
    init.set_defaults(func=run_init)


def run_init(args: argparse.Namespace) -> int:
    """``shenbao init``: 0 done; 2 the folder or its history could not be made."""
    folder = drafts_folder(getattr(args, "drafts", None))
    if folder.exists() and not folder.is_dir():
        return fail(clean(f"{folder} 不是文件夹"))
    if not args.git:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return fail(clean(f"无法建立 {folder}：{error.strerror or error}"))
        print(clean(f"草稿文件夹：{folder}（要记录修改，请加 --git）"))
        return EXIT_OK
    had = is_repo(folder)
    try:
        first = init_repo(folder)
    except HistoryError as error:
        return fail(clean(str(error)))
    except OSError as error:
        return fail(clean(f"无法建立 {folder}：{error.strerror or error}"))
    if had:
        print(clean(f"{folder} 已在记录修改" + ("；已补上 .gitignore 中缺少的规则" if first else "")))
    else:
        print(clean(f"已开始记录 {folder} 的修改（git 仓库），提交人：{operator(folder)}"))
    return EXIT_OK
