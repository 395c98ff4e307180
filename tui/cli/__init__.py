"""The ``shenbao`` command: the app when run alone, batch subcommands otherwise.

Subcommands import only ``forms`` (never Textual), so scripts start fast. Each
subcommand lives in a module of this package with ``register(subparsers)``, which
adds its parser and sets ``func`` to a ``(args) -> int`` exit status.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from forms import __version__
from tui.cli.words import chinese

EXIT_OK = 0
"""Everything passed (warnings allowed)."""
EXIT_FINDINGS = 1
"""A draft has errors, or an export was refused."""
EXIT_UNREADABLE = 2
"""A file could not be read as a draft, or nothing could be done."""

COMMANDS: dict[str, str] = {
    "list": "tui.cli.list_",
    "validate": "tui.cli.validate",
    "export": "tui.cli.export",
    "import": "tui.cli.import_",
    "show": "tui.cli.show",
    "summary": "tui.cli.summary",
    "rollover": "tui.cli.rollover",
    "duplicate": "tui.cli.duplicate",
    "profile": "tui.cli.profile",
    "library": "tui.cli.library",
    "review": "tui.cli.review",
    "init": "tui.cli.init_",
    "log": "tui.cli.log",
    "bundle": "tui.cli.handin",
    "receive": "tui.cli.handin",
    "new": "tui.cli.new",
}
"""Each subcommand and the module that registers it."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: with only ``command``'s module registered when one is named, else with all.

    Registering one module keeps ``shenbao list`` from importing the importer,
    and ``shenbao`` alone (the app) from importing any subcommand at all.
    """
    import importlib

    parser = argparse.ArgumentParser(
        prog="shenbao",
        description="项目支出预算绩效目标申报表：终端填报、检查与导出。不带子命令时启动界面。",
    )
    _version_option(parser)
    parser.add_argument("--drafts", metavar="DIR", help="草稿文件夹（默认 $SHENBAO_DRAFTS 或 ./drafts）")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = [COMMANDS[command]] if command in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv``, skipping top-level options and their values."""
    words = iter(argv)
    for word in words:
        if word == "--drafts":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def drafts_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--drafts DIR`` to a subcommand, so it may come after the subcommand's name too."""
    parser.add_argument(
        "--drafts", metavar="DIR", default=argparse.SUPPRESS, help="草稿文件夹（默认 $SHENBAO_DRAFTS 或 ./drafts）"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``shenbao`` console script."""
    words = sys.argv[1:] if argv is None else list(argv)
    with chinese():  # argparse's usage lines and errors, in Chinese
        args = _parse(words)
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


def _parse(words: list[str]) -> argparse.Namespace:
    command = _command_in(words)
    if command is None and not {"-h", "--help"} & set(words):
        # The app alone: a parser with no subcommand registered, so none is imported.
        app_parser = argparse.ArgumentParser(prog="shenbao", add_help=False)
        _version_option(app_parser)
        app_parser.add_argument("--drafts", metavar="DIR")
        known, rest = app_parser.parse_known_args(words)
        if not rest:
            return argparse.Namespace(command=None, drafts=known.drafts)
    return build_parser(command).parse_args(words)


def _version_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"shenbao {__version__}", help="显示版本号并退出")


def _run_app(drafts: str | None) -> int:
    from forms.store.files import drafts_folder  # not forms.store.drafts: the app paints before the model is imported

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
