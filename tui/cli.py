"""The ``shenbao`` command: the app when run alone, batch subcommands otherwise.

Subcommands import only ``forms`` (never Textual), so scripts start fast. Each
subcommand lives in a ``tui.cmd_*`` module with ``register(subparsers)``, which
adds its parser and sets ``func`` to a ``(args) -> int`` exit status.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from forms import __version__

EXIT_OK = 0
"""Everything passed (warnings allowed)."""
EXIT_FINDINGS = 1
"""A draft has errors, or an export was refused."""
EXIT_UNREADABLE = 2
"""A file could not be read as a draft, or nothing could be done."""

_COMMAND_MODULES = (
    "tui.cmd_drafts",
    "tui.cmd_import",
    "tui.cmd_show",
    "tui.cmd_summary",
    "tui.cmd_rollover",
    "tui.cmd_profile",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    import importlib

    parser = argparse.ArgumentParser(
        prog="shenbao",
        description="项目支出预算绩效目标申报表：终端填报、检查与导出。不带子命令时启动界面。",
    )
    parser.add_argument("--version", action="version", version=f"shenbao {__version__}")
    parser.add_argument("--drafts", metavar="DIR", help="草稿文件夹（默认 $SHENBAO_DRAFTS 或 ./drafts）")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        module.register(subparsers)
    return parser


def drafts_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--drafts DIR`` to a subcommand, so it may come after the subcommand's name too."""
    parser.add_argument(
        "--drafts", metavar="DIR", default=argparse.SUPPRESS, help="草稿文件夹（默认 $SHENBAO_DRAFTS 或 ./drafts）"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``shenbao`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _run_app(args.drafts)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `shenbao export … | head` closes the pipe early: not an error of ours.
        sys.stderr.close()
        return EXIT_OK


def _run_app(drafts: str | None) -> int:
    from forms.storage import drafts_folder

    try:
        from tui.app import run_app
    except ModuleNotFoundError as error:
        if error.name != "tui.app":
            raise
        print("shenbao：界面尚未安装，请使用子命令（shenbao --help）", file=sys.stderr)
        return EXIT_UNREADABLE
    return run_app(drafts_folder(drafts))


if __name__ == "__main__":
    sys.exit(main())
