"""Subcommand ``summary``: every project of the drafts folder in one table, with a bar chart.

Text (the default) is an aligned table sized to the terminal, followed by the
chart of this year's budget by project against last year's; Markdown is a pipe
table with the chart in a code block; CSV is one row per file for a
spreadsheet or a script (``--bom`` for Excel, see ``forms.render.summary.BOM``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from forms.model.dates import DateError, parse_year
from forms.render.width import clean
from forms.store.files import drafts_folder
from forms.store.output import OutputError, check_target, choose_format, write_output
from tui.cli import EXIT_OK, EXIT_UNREADABLE, drafts_option
from tui.cli.output import deliver
from tui.cli.summary_units import add_options, run_all_units

FORMATS = ("text", "md", "csv", "xlsx")
"""The formats ``summary`` writes (their suffixes: ``forms.store.output.OUTPUT_FORMATS``)."""


def year_argument(text: str) -> int:
    """``--year`` as a year (2021, 2021年, 2021年度), with a Chinese message when it is not one."""
    try:
        year = parse_year(text)
    except DateError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None
    if year is None:
        raise argparse.ArgumentTypeError("年度不能为空")
    return year


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``summary`` to the command line."""
    summary = subparsers.add_parser(
        "summary",
        help="汇总所有项目的资金与检查结果",
        description=(
            "每个项目一行：各资金来源的上年度与本年度金额、合计、错误与警告数，另有总计；"
            "文本格式附本年度与上年度预算对比的条形图。无法读取的文件单独列出，不计入合计。"
        ),
    )
    summary.add_argument("--year", type=year_argument, metavar="Y", help="只汇总该年度的草稿（默认全部）")
    summary.add_argument(
        "--format",
        choices=FORMATS,
        help="输出格式（默认按 -o 文件的后缀，否则 text）；xlsx 为 Excel 工作簿：汇总表加每个项目一张申报表",
    )
    summary.add_argument("--ascii", action="store_true", help="只用 ASCII 字符（表格分隔线与条形图）")
    summary.add_argument(
        "--bom", action="store_true", help="CSV 文件开头加 BOM，Excel 才能正确识别中文（脚本处理时不要加）"
    )
    summary.add_argument("--width", type=int, metavar="N", help="文本宽度（默认终端宽度，输出到文件时不截断）")
    summary.add_argument("-o", "--output", metavar="FILE", help="写入文件（默认输出到标准输出）")
    summary.add_argument("--overwrite", action="store_true", help="-o 的文件已存在时替换它（默认不替换）")
    add_options(summary)
    drafts_option(summary)
    summary.set_defaults(func=run_summary)


def run_summary(args: argparse.Namespace) -> int:
    """``shenbao summary``: 0 when printed (unreadable files are listed in it), 2 with no folder."""
    output = Path(args.output) if args.output else None
    try:
        args.format = choose_format(output or Path(), FORMATS, explicit=args.format, default="text")
        if output is not None and check_target(output).exists and not args.overwrite:
            return _fail(f"{output} 已存在，未写入（要替换它请加 --overwrite）")
    except OutputError as problem:
        return _fail(str(problem))
    folder = drafts_folder(getattr(args, "drafts", None))
    if not folder.is_dir():
        print(f"shenbao：草稿文件夹不存在：{folder}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.all_units:
        return run_all_units(args, folder, output, _width(args))
    # Here, not at the top: the one-folder summary needs the form model, --all-units over warm indexes does not.
    from forms.render.summary import render_csv, render_markdown, render_text
    from forms.workflows.summary import summarize_folder

    summary = summarize_folder(folder, year=args.year)
    if not summary.rows:
        which = f" {args.year} 年度的" if args.year is not None else ""
        print(f"{folder} 中没有{which}草稿。")
        return EXIT_OK
    if args.format == "xlsx":
        return _write_workbook(args, folder, output)
    if args.format == "csv":
        text = render_csv(summary, bom=args.bom)
    elif args.format == "md":
        text = render_markdown(summary)
    else:
        text = render_text(summary, ascii=args.ascii, width=_width(args))
    return deliver(text, output, overwrite=args.overwrite, csv=args.format == "csv")


def _fail(message: str) -> int:
    print(f"shenbao：{clean(message)}", file=sys.stderr)
    return EXIT_UNREADABLE


def _write_workbook(args: argparse.Namespace, folder: Path, output: Path | None) -> int:
    """The summary workbook, to ``-o FILE`` or a pipe (never to a terminal)."""
    from forms.render.xlsx_summary import summary_workbook

    if output is None and sys.stdout.isatty():
        return _fail("xlsx 是文件格式，不能显示在终端：请用 -o 文件名 指定保存位置")
    data = summary_workbook(folder, args.year)
    if output is not None:
        try:
            write_output(output, data, overwrite=args.overwrite)
        except OutputError as problem:
            return _fail(str(problem))
        print(f"已写入 {clean(str(output))}", file=sys.stderr)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    return EXIT_OK


def _width(args: argparse.Namespace) -> int | None:
    if args.width:
        return max(args.width, 40)
    if args.output or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size((80, 24)).columns
