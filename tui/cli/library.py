"""Subcommand ``library``: search the indicator library, or write the drafts' indicators into the unit's own.

``shenbao library`` says what the library holds (shipped, the unit's
``_indicators.toml``, used in the drafts); ``shenbao library 满意 --level2
服务对象满意度`` lists the matches as the editor's picker (F2) would;
``shenbao library --save`` appends every 三级指标 the drafts use that the unit's
file lacks. A unit file that cannot be read is reported and never replaced.
"""

from __future__ import annotations

import argparse
import sys

from forms.model.template import DEFAULT_TEMPLATE, load_template
from forms.render.width import clean, pad
from forms.store.drafts import drafts_folder
from forms.workflows.library import (
    UNIT_LIBRARY,
    LibraryError,
    build_library,
    shipped_library,
    unit_library,
    used_entries,
)
from forms.workflows.library_file import folder_help, save_used
from tui.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, drafts_option


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``library`` to the command line."""
    library = subparsers.add_parser(
        "library",
        help="检索指标库，或把草稿中用过的三级指标存入本单位指标库",
        description=(
            f"指标库 = 本单位的 {UNIT_LIBRARY}（草稿文件夹中）+ 草稿中用过的三级指标 + 内置指标库。"
            "编辑器中在绩效指标一节按 F2 选择、F3 推荐整套指标。"
        ),
    )
    library.add_argument(
        "text", nargs="?", default=None, metavar="关键词", help="名称或关键词的一部分（空格分隔的词都须包含）"
    )
    library.add_argument("--level2", metavar="二级指标", help="只列此二级指标下的指标")
    library.add_argument("--save", action="store_true", help=f"把草稿中用过、{UNIT_LIBRARY} 中还没有的三级指标追加进去")
    drafts_option(library)
    library.set_defaults(func=run_library)


def run_library(args: argparse.Namespace) -> int:
    """``shenbao library``: 0 done; 1 nothing matched; 2 the folder or the unit's file cannot be read."""
    folder = drafts_folder(getattr(args, "drafts", None))
    template = load_template(DEFAULT_TEMPLATE)
    if not folder.is_dir():
        print(f"shenbao：草稿文件夹不存在：{clean(str(folder))}", file=sys.stderr)
        return EXIT_UNREADABLE
    help = folder_help(folder)
    try:
        if args.save:
            added = save_used(folder, template, help)
            done = f"已追加 {len(added)} 条三级指标到 {UNIT_LIBRARY}"
            print(done if added else f"{UNIT_LIBRARY} 已包含草稿中用过的全部三级指标")
            return EXIT_OK
        library = build_library(template, folder, help)
        own = unit_library(folder)
    except LibraryError as error:
        print(f"shenbao：{clean(str(error))}；请修正该文件（不会被覆盖）", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as error:
        print(f"shenbao：无法写入 {UNIT_LIBRARY}：{clean(error.strerror or str(error))}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.text is None and args.level2 is None:
        shipped = shipped_library()[0]
        known = {(item.level2, item.name) for item in (*own, *shipped)}
        used = sum((item.level2, item.name) not in known for item in used_entries(help, template))
        print(f"指标库共 {len(library)} 条（同一二级下同名的只算一次）：")
        print(f"  本单位 {UNIT_LIBRARY} {len(own)} 条，草稿中用过而未收录的 {used} 条，内置 {len(shipped)} 条")
        return EXIT_OK
    found = library.search(args.text or "", args.level2)
    for item in found:
        name, value = pad(clean(item.name), 30), pad(clean(item.typed_value), 14)
        print(f"{pad(clean(item.level2), 14)} {name} {value} {clean(item.kind)}")
    return EXIT_OK if found else EXIT_FINDINGS
