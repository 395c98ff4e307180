"""Subcommands ``bundle`` and ``receive``: a unit's drafts handed in on a USB stick or by e-mail.

``shenbao bundle [FILE]`` (at the unit) writes the drafts folder's history to
one git bundle file; ``shenbao receive FILE`` (at the bureau, ``--drafts`` the
bureau folder) takes it into that unit's subfolder, merging with what the
bureau has. A draft both sides changed is not merged: both versions are kept
and named, as the app does for a draft changed on disk, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from forms.history.bundle import BUNDLE_SUFFIX, write_bundle
from forms.history.receiving import Conflict, Received, folder_name, receive
from forms.history.repo import HistoryError
from forms.render.width import clean
from forms.store.drafts import drafts_folder
from forms.store.output import OutputError
from tui.cli import EXIT_FINDINGS, EXIT_OK, drafts_option
from tui.cli.show import fail


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``bundle`` and ``receive`` to the command line."""
    bundle = subparsers.add_parser(
        "bundle",
        help="把草稿及其修改记录打包成一个文件（上交用）",
        description=(
            "把草稿文件夹的全部草稿和修改记录写入一个 git bundle 文件，可用 U 盘或电子邮件交给财政局，"
            "对方用 shenbao receive 收入。尚未记录的修改会先记下。已有同名文件时不覆盖，除非加 --overwrite。"
        ),
    )
    bundle.add_argument("file", nargs="?", metavar="FILE", help=f"写入的文件（默认：单位名-日期{BUNDLE_SUFFIX}）")
    bundle.add_argument("--overwrite", action="store_true", help="FILE 已存在时替换它")
    drafts_option(bundle)
    bundle.set_defaults(func=run_bundle)
    take = subparsers.add_parser(
        "receive",
        help="收入单位上交的打包文件（财政局用）",
        description=(
            "把 shenbao bundle 写出的文件收入该单位的文件夹（--drafts 指定的局文件夹下每个单位一个子文件夹；"
            "第一次收入时新建）。局里在上次收入后改过、单位这次也改了的草稿不会被合并覆盖："
            "局里的版本原样保留，单位的版本另存在旁边，并逐份列出。退出码：0 已收入；1 有两边都改过的草稿；2 未能收入。"
        ),
    )
    take.add_argument("file", metavar="FILE", help="单位上交的打包文件（.bundle）")
    take.add_argument("--unit", metavar="NAME", help="收入哪个单位的文件夹（默认按文件中单位信息的填报单位）")
    drafts_option(take)
    take.set_defaults(func=run_receive)


def run_bundle(args: argparse.Namespace) -> int:
    """``shenbao bundle``: 0 written; 2 not written (no history, the file exists, …)."""
    folder = drafts_folder(getattr(args, "drafts", None))
    target = Path(args.file) if args.file else Path(_default_name(folder))
    try:
        made = write_bundle(folder, target, overwrite=args.overwrite)
    except (HistoryError, OutputError) as error:
        return fail(clean(str(error)))
    if made.saved_first:
        print("已先记下尚未记录的修改（上交前保存）。")
    size = f"{made.size / 1024:.0f} KB" if made.size >= 1024 else f"{made.size} 字节"
    print(clean(f"已打包 {made.drafts} 份草稿、{made.commits} 个版本到 {made.path}（{size}）"))
    return EXIT_OK


def run_receive(args: argparse.Namespace) -> int:
    """``shenbao receive``: 0 received; 1 some drafts changed on both sides (both kept); 2 not received."""
    bureau = drafts_folder(getattr(args, "drafts", None))
    try:
        done = receive(Path(args.file), bureau, unit=args.unit)
    except HistoryError as error:
        return fail(clean(str(error)))
    except OSError as error:
        return fail(clean(f"无法写入 {error.filename or bureau}：{error.strerror or error}"))
    for line in report(done):
        print(clean(line))
    return EXIT_FINDINGS if done.conflicts else EXIT_OK


def report(done: Received) -> list[str]:
    """What a receive did, in lines for the operator."""
    where = done.folder
    if done.up_to_date:
        return [f"{where} 已包含这份文件中的全部修改，无需收入。"]
    if done.created:
        lines = [f"已收入 {done.unit} 的第一份上交：{where}（{_count(done.changed)} 份草稿）"]
    else:
        whose = "" if done.own else f" {done.unit} 的上交"
        lines = [f"已收入{whose}到 {where}：合并 {len(done.changed)} 处修改。"]
        lines += [f"  {name}" for name in done.changed]
    here, there = ("本地", "收到的文件") if done.own else ("局里", "单位")
    for conflict in done.conflicts:
        lines += _review_claim(conflict) if conflict.review else _both_changed(conflict, here, there)
    return lines


def _both_changed(conflict: Conflict, here: str, there: str) -> list[str]:
    lines = [f"{conflict.path.name}：{here}在上次收入后改过这份草稿（如审核状态、审核意见），{there}这次也改了它。"]
    lines.append("  为免覆盖，两份都保留，未合并：")
    lines.append(f"  {here}的版本：{conflict.path.name}（未改动）")
    if conflict.copy is not None:
        lines.append(f"  {there}的版本：{conflict.copy.name}")
    else:
        lines.append(f"  {there}中已删除这份草稿。")
    lines.append("  请比较两份，保留需要的内容后删除另一份。")
    return lines


def _review_claim(conflict: Conflict) -> list[str]:
    # The review record is the bureau's: a unit's hand-in that changes it (other than reopening) is not merged.
    name = conflict.path.name
    if conflict.copy is None:
        return [
            f"{name}：单位删除了这份已审核的草稿；审核记录属于局里，未合并，局里的版本保留（未改动）。",
            "  如同意删除，请在局里删除它。",
        ]
    kept = f"局里的版本：{name}（未改动）" if conflict.path.exists() else "局里没有这份草稿"
    return [
        f"{name}：单位的版本改动了审核记录（如自行“通过”“退回”，或删改了审核步骤）；审核记录只能由局里改动，未合并。",
        f"  {kept}；单位的版本另存为：{conflict.copy.name}",
        "  请核对后在局里审核；另存的文件确认无用后删除。",
    ]


def _count(names: list[str]) -> int:
    return sum(1 for n in names if n.endswith(".toml") and not n.startswith(("_", ".")))


def _default_name(folder: Path) -> str:
    from forms.history.commit import PROFILE_FILE
    from forms.store.safe_io import TomlProblem, UnsafeFile, parse_toml, read_regular

    try:
        unit = parse_toml(read_regular(folder / PROFILE_FILE, 1 << 20).decode("utf-8"), what="单位信息").get("unit")
    except (UnsafeFile, TomlProblem, UnicodeDecodeError):
        unit = None
    name = folder_name(unit) if isinstance(unit, str) and unit.strip() else folder_name(folder.resolve().name)
    return f"{name}-{datetime.date.today():%Y%m%d}{BUNDLE_SUFFIX}"
