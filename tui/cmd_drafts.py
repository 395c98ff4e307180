"""Subcommands over drafts: ``list``, ``validate`` and ``export``.

They print plain text for terminals and scripts, import only ``forms``, and
exit with the statuses documented in ``tui.cli``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from forms.checks import Finding, check, errors, status_text
from forms.draft_index import IndexEntry, scan
from forms.model import Declaration
from forms.output import OutputError, check_target, choose_format, write_output
from forms.render import FORMATS, TEXT_FORMATS
from forms.storage import DraftError, drafts_folder, load_draft
from forms.textwidth import cell_width, clean, pad
from tui.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, drafts_option

SEVERITY = {"error": "错误", "warning": "警告"}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``list``, ``validate`` and ``export`` to the command line."""
    listing = subparsers.add_parser("list", help="列出草稿及其检查结果", description="列出草稿文件夹中的每份草稿。")
    drafts_option(listing)
    listing.set_defaults(func=run_list)

    validate = subparsers.add_parser(
        "validate",
        help="检查草稿",
        description="检查草稿并列出问题。退出码：0 无错误（允许警告），1 有错误，2 有文件无法读取。",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="草稿文件或文件夹（默认草稿文件夹）")
    drafts_option(validate)
    validate.set_defaults(func=run_validate)

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
        "xlsx Excel 申报表，indicators-xlsx / indicators-csv 一体化系统绩效指标表（每个指标一行）",
    )
    export.add_argument("--ascii", action="store_true", help="表格只用 ASCII 字符（适合把制表符画成双宽的终端）")
    export.add_argument("-o", "--output", metavar="FILE", help="写入文件（默认输出到标准输出）")
    export.add_argument("--force", action="store_true", help="即使检查有错误也导出（顶部注明未通过检查）")
    export.add_argument("--overwrite", action="store_true", help="-o 的文件已存在时替换它（默认不替换）")
    export.add_argument("--bom", action="store_true", help="indicators-csv 开头加 BOM，Excel 才能正确识别中文")
    drafts_option(export)
    export.set_defaults(func=run_export)


def run_list(args: argparse.Namespace) -> int:
    """``shenbao list``: a row per draft with its status; 0 clean, 1 a draft has errors, 2 a file is unreadable."""
    folder = drafts_folder(args.drafts)
    if not folder.is_dir():
        return _fail(f"草稿文件夹不存在：{folder}")
    rows = [("文件", "年度", "项目名称", "本年度申请合计", "状态")]
    status = EXIT_OK
    for entry in scan(folder):
        if entry.problem is not None:
            rows.append((entry.path.name, "", "", "", unreadable(entry.problem)))
            status = EXIT_UNREADABLE
            continue
        if errors(entry.findings) and status == EXIT_OK:
            status = EXIT_FINDINGS
        state = ("定稿 " if entry.state == "final" else "") + status_text(entry.findings)
        rows.append((entry.path.name, entry.year, entry.name, entry.total, state))
    if len(rows) == 1:
        print(f"{shown(folder)} 中没有草稿。")
        return EXIT_OK
    print("\n".join(_table(rows, right={3})))
    return status


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


def run_export(args: argparse.Namespace) -> int:
    """``shenbao export``: render one draft, refusing drafts with errors unless forced."""
    from forms.render import render
    from tui.cmd_show import NoSuchDraft, resolve_draft

    output = Path(args.output) if args.output else None
    try:
        # The output rule first: a wrong path or suffix is told before any draft is read.
        args.format = choose_format(output or Path(), FORMATS, explicit=args.format, default="text")
        if output is not None and check_target(output).exists and not args.overwrite:
            return _fail(f"{output} 已存在，未导出（要替换它请加 --overwrite）")
    except OutputError as problem:
        return _fail(str(problem))
    try:
        path = resolve_draft(args.path, drafts_folder(args.drafts))
    except NoSuchDraft as error:
        return _fail(str(error))
    try:
        draft = load_draft(path)
    except DraftError as error:
        return _fail(str(error))
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
    from forms.render import export_bytes, is_binary

    if output is None and is_binary(args.format) and sys.stdout.isatty():
        return _fail(f"{args.format} 是文件格式，不能显示在终端：请用 -o 文件名 指定保存位置")
    data = export_bytes(draft, args.format, banner=banner, bom=args.bom)
    if output is not None:
        return _write(args, output, data)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    return EXIT_OK


def _write(args: argparse.Namespace, output: Path, data: bytes) -> int:
    try:
        write_output(output, data, overwrite=args.overwrite)
    except OutputError as problem:
        return _fail(str(problem))
    print(f"已导出到 {shown(output)}", file=sys.stderr)
    return EXIT_OK


def finding_lines(findings: Iterable[Finding]) -> Iterator[str]:
    """Findings as indented lines: severity, message, and the field path for scripts."""
    for finding in findings:
        where = f"  [{finding.path}]" if finding.path else ""
        yield f"  {SEVERITY[finding.severity]}  {clean(finding.message)}{where}"


def shown(path: Path) -> str:
    """A path as it may be printed: no escape sequence, and no undecodable byte, from a file's name."""
    return clean(str(path))


def unreadable(reason: str) -> str:
    """The status of a file that is not a readable draft, said once (some reasons already say 无法读取)."""
    return reason if reason.startswith("无法读取") else f"无法读取：{reason}"


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


def _table(rows: list[tuple[str, ...]], *, right: set[int]) -> list[str]:
    cells = [[clean(c).replace("\n", " ") for c in row] for row in rows]
    widths = [max(cell_width(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = []
    for row in cells:
        parts = [pad(c, w, "right" if i in right else "left") for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(parts).rstrip())
    return lines


def _fail(message: str) -> int:
    print(f"shenbao：{clean(message)}", file=sys.stderr)
    return EXIT_UNREADABLE
