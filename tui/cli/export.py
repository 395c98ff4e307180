"""Subcommand ``export``: one draft exported, refused while it has errors unless forced.

Imports only ``forms``; exit statuses as in ``tui.cli``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms.checks.runner import check, errors, status_text
from forms.model.declaration import Declaration
from forms.render.formats import FORMATS, TEXT_FORMATS
from forms.store.drafts import drafts_folder
from forms.store.output import OutputError, check_target, choose_format, write_output
from tui.cli import EXIT_FINDINGS, EXIT_OK, drafts_option
from tui.cli.output import fail, finding_lines, shown


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``export`` to the command line."""
    export = subparsers.add_parser(
        "export",
        help="导出申报表（纯文本、Markdown、Word、Excel 或一体化系统指标表）",
        description="导出一份草稿。检查有错误时拒绝导出并列出问题，除非使用 --force。",
    )
    export.add_argument("path", metavar="PATH", help="草稿文件、草稿文件夹中的文件名（可省略 .toml）或项目名称")
    export.add_argument(
        "--format",
        choices=FORMATS,
        help="输出格式（默认按 -o 文件的后缀，否则 text）：text 纯文本，md Markdown，docx Word 申报表，"
        "xlsx Excel 申报表，indicators-xlsx / indicators-csv 一体化系统绩效指标表（每个指标一行），"
        "yitihua 一体化系统字段（-o 的后缀定形式：.一体化.xlsx 按网页表格逐行，.一体化.json / .一体化.csv "
        "为系统交换字段；不写 -o 时输出 JSON）",
    )
    export.add_argument("--ascii", action="store_true", help="表格只用 ASCII 字符（适合把制表符画成双宽的终端）")
    export.add_argument("-o", "--output", metavar="FILE", help="写入文件（默认输出到标准输出）")
    export.add_argument("--force", action="store_true", help="即使检查有错误也导出（顶部注明未通过检查）")
    export.add_argument("--overwrite", action="store_true", help="-o 的文件已存在时替换它（默认不替换）")
    export.add_argument(
        "--bom", action="store_true", help="CSV（indicators-csv、yitihua 的 .csv）开头加 BOM，Excel 才能正确识别中文"
    )
    drafts_option(export)
    export.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    """``shenbao export``: render one draft, refusing drafts with errors unless forced."""
    from forms.render.formats import render
    from tui.cli.show import NoSuchDraft, load_named

    output = Path(args.output) if args.output else None
    try:
        # The output rule first: a wrong path or suffix is told before any draft is read.
        args.format = choose_format(output or Path(), FORMATS, explicit=args.format, default="text")
        if output is not None and check_target(output).exists and not args.overwrite:
            return fail(f"{output} 已存在，未导出（要替换它请加 --overwrite）")
    except OutputError as problem:
        return fail(str(problem))
    try:
        path, draft = load_named(args.path, drafts_folder(args.drafts))
    except NoSuchDraft as error:
        return fail(str(error))
    findings = check(draft)
    found = errors(findings)
    banner = None
    if found:
        if not args.force:
            print(f"{shown(path)}：{status_text(findings)}，未导出（可用 --force 强制导出）", file=sys.stderr)
            for line in finding_lines(found):
                print(line, file=sys.stderr)
            return EXIT_FINDINGS
        banner = f"注意：本表未通过检查（{len(found)} 个错误），为强制导出"
    if args.format not in TEXT_FORMATS:
        return _export_file(args, draft, output, banner)
    text = render(draft, args.format, ascii=args.ascii, banner=banner)
    if output is not None:
        return _write(args, output, text.encode("utf-8"))
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def _export_file(args: argparse.Namespace, draft: Declaration, output: Path | None, banner: str | None) -> int:
    """Word, Excel and the indicator sheet: to ``-o FILE``, or to a pipe, never to a terminal."""
    from forms.render.formats import export_bytes, is_binary

    if output is None and is_binary(args.format) and sys.stdout.isatty():
        return fail(f"{args.format} 是文件格式，不能显示在终端：请用 -o 文件名 指定保存位置")
    data = export_bytes(draft, args.format, banner=banner, bom=args.bom, path=output)
    if output is not None:
        return _write(args, output, data)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    return EXIT_OK


def _write(args: argparse.Namespace, output: Path, data: bytes) -> int:
    try:
        write_output(output, data, overwrite=args.overwrite)
    except OutputError as problem:
        return fail(str(problem))
    print(f"已导出到 {shown(output)}", file=sys.stderr)
    return EXIT_OK
