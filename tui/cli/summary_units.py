"""``shenbao summary --all-units``: every unit of a bureau folder, with subtotals, last year and the checks.

The table is ``forms.render.bureau``'s; ``--checks`` prints only the reviewer's
cross-unit checks (and exits 1 when they found something, for scripts);
``--rise`` sets the rise (in per cent) above which a project without 测算依据 is named.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from forms.render.width import clean
from forms.workflows.bureau_folder import is_bureau
from forms.workflows.bureau_report import ReportOptions, bureau_report
from tui.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from tui.cli.output import deliver


def rise_argument(text: str) -> Decimal:
    """``--rise`` as a fraction: “20”, “20%” or “20.5” per cent."""
    try:
        value = Decimal(text.strip().removesuffix("%"))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"增幅应为百分数，如 20 或 20%，不是 “{text}”") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"增幅应为不小于 0 的百分数，不是 “{text}”")
    return value / 100


def add_options(parser: argparse.ArgumentParser) -> None:
    """The options of ``summary`` for a bureau folder."""
    parser.add_argument(
        "--all-units", action="store_true", help="汇总局文件夹中的所有单位（每个含 _profile.toml 的子文件夹为一个单位）"
    )
    parser.add_argument(
        "--checks", action="store_true", help="与 --all-units 同用：只显示复核提示（发现问题时退出码为 1）"
    )
    parser.add_argument(
        "--rise",
        type=rise_argument,
        default=Decimal("0.2"),
        metavar="PCT",
        help="复核提示的增幅阈值，百分数（默认 20）",
    )


def run_all_units(args: argparse.Namespace, folder: Path, output: Path | None, width: int | None) -> int:
    """The all-units summary (or its checks) of ``folder``: 0 printed, 1 checks found something, 2 no units."""
    if args.format not in ("text", "csv"):
        return _fail("--all-units 只支持 text 和 csv 格式")
    if not is_bureau(folder):
        return _fail(f"{folder} 中没有单位子文件夹（每个单位一个子文件夹，内有 _profile.toml）")
    kind = "checks" if args.checks else args.format
    options = ReportOptions(kind, args.year, args.rise, args.ascii, width, args.bom)
    text, found = bureau_report(folder, options)
    status = deliver(text, output, overwrite=args.overwrite, csv=args.format == "csv")
    if status != EXIT_OK:
        return status
    return EXIT_FINDINGS if args.checks and found else EXIT_OK


def _fail(message: str) -> int:
    print(f"shenbao：{clean(message)}", file=sys.stderr)
    return EXIT_UNREADABLE
