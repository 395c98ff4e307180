"""``shenbao import FILE --indicators-into DRAFT``: an 一体化 indicator file replaces a draft's indicators.

FILE is what ``shenbao export --format yitihua`` writes (the .xlsx web grid,
JSON or CSV, or the same fields from the system). The draft is named as for
``export`` (file, file name, or 项目名称). Before anything is written the
command says how many indicator rows change and asks ``替换吗？[y/N]`` on a
terminal; ``--yes`` answers for a script, and without a terminal and without
``--yes`` it refuses rather than guess. The draft is locked meanwhile and saved
atomically (``forms.workflows.indicator_import``).

Exit status: 0 replaced (or nothing to change); 1 declined; 2 the file or the
draft could not be used (nothing changed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms.importing.yitihua import IndicatorFileError, read_indicator_file
from forms.model.declaration import Indicator
from forms.model.template import Template
from forms.store.drafts import drafts_folder
from forms.workflows.indicator_import import Change, NotReplaced, replace_in_file
from tui.cli import EXIT_FINDINGS, EXIT_OK
from tui.cli.output import fail, shown


def run_indicators_into(args: argparse.Namespace) -> int:
    """Replace the named draft's indicators with those of the one file given."""
    from tui.cli.show import NoSuchDraft, resolve_draft

    if args.indicators_into is None:
        return fail("--yes 只与 --indicators-into 同用（导入申报表从不询问，也不覆盖已有草稿）")
    if len(args.files) != 1 or args.replace or args.dry_run:
        return fail("--indicators-into 只接受一个指标文件，且不与 --replace、--dry-run 同用")
    source = Path(args.files[0])
    try:
        path = resolve_draft(args.indicators_into, drafts_folder(getattr(args, "drafts", None)))
    except NoSuchDraft as error:
        return fail(str(error))
    declined = False

    def read(template: Template) -> list[Indicator]:
        try:
            return read_indicator_file(source, template)
        except IndicatorFileError as problem:
            raise NotReplaced(f"{problem}；草稿未改动") from None

    def confirm(change: Change) -> bool:
        nonlocal declined
        print(f"{shown(path)}：{change.summary()}", file=sys.stderr)
        if args.yes:
            return True
        if not sys.stdin.isatty():
            raise NotReplaced("替换指标前需要确认：请在终端中运行并回答 y，或在脚本中加 --yes；草稿未改动")
        try:
            answer = input(f"用 {source.name} 替换 {path.name} 的绩效指标吗？[y/N] ")
        except EOFError:
            answer = ""
        declined = answer.strip().lower() not in ("y", "yes", "是")
        return not declined

    try:
        change = replace_in_file(path, read, confirm)
    except NotReplaced as problem:
        if declined:
            print(f"shenbao：{problem}", file=sys.stderr)
            return EXIT_FINDINGS
        return fail(str(problem))
    if not change.total:
        print(f"{shown(path)}：{change.summary()}，未改动草稿", file=sys.stderr)
    else:
        print(f"已替换 {shown(path)} 的绩效指标：{change.summary().removeprefix('将')}", file=sys.stderr)
    return EXIT_OK
