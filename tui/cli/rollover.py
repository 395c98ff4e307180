"""Subcommand ``rollover``: next year's drafts made from this year's.

``shenbao rollover DRAFT…`` (or ``--year 2021`` for every draft of that year)
writes next year's 延续项目 draft of each project beside the original, named
after the project and the new year (``duplicate`` copies one as the start of a
similar project: ``tui.cli.duplicate``). Originals are only read, a new file never
replaces an existing one, and a project that already has a draft for next year
is not carried over again unless ``--force`` is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms.checks.field_names import describe
from forms.model.dates import DateError, parse_year
from forms.model.declaration import Declaration
from forms.render.width import clean
from forms.store.drafts import DraftError, draft_paths, drafts_folder, file_name_for, load_draft, save_draft
from forms.workflows.rollover import RolloverError, next_year, rollover, year_mentions
from tui.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, drafts_option
from tui.cli.history import record_cli
from tui.cli.show import NoSuchDraft, fail, resolve_draft
from tui.cli.summary import year_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``rollover`` to the command line."""
    carry = subparsers.add_parser(
        "rollover",
        help="把草稿结转到下一年度（延续项目）",
        description=(
            "为每份草稿生成下一年度的新草稿：项目属性改为延续项目，本年度申请金额成为新表的上年度安排，"
            "本年度金额沿用以便修改，日期顺延一年，绩效指标保留，财政部门审核意见和填表时间清空，状态为草稿。"
            "原草稿不变。"
        ),
    )
    carry.add_argument("drafts_to_carry", nargs="*", metavar="DRAFT", help="草稿文件、文件名或项目名称")
    carry.add_argument("--year", type=year_argument, metavar="Y", help="结转草稿文件夹中该年度的全部草稿")
    carry.add_argument("--force", action="store_true", help="即使已有下一年度的同名草稿也结转")
    carry.add_argument("-n", "--dry-run", action="store_true", help="只列出将要做的事，不写文件")
    drafts_option(carry)
    carry.set_defaults(func=run_rollover)


def run_rollover(args: argparse.Namespace) -> int:
    """``shenbao rollover``: 0 all carried over; 1 some refused; 2 some unreadable or nothing named."""
    folder = drafts_folder(getattr(args, "drafts", None))
    if bool(args.drafts_to_carry) == (args.year is not None):
        return fail("请指定要结转的草稿，或用 --year 指定年度（二者选一）")
    status = EXIT_OK
    sources: list[tuple[Path, Declaration]] = []
    for path, entry in _sources(args, folder):
        if isinstance(entry, str):
            print(f"shenbao：{clean(entry)}", file=sys.stderr)
            status = EXIT_UNREADABLE
        else:
            sources.append((path, entry))
    if not sources and status == EXIT_OK:
        print(f"{folder} 中没有 {args.year} 年度的草稿。")
        return EXIT_UNREADABLE
    known: dict[Path, dict[tuple[str, int], Path]] = {}
    made: list[Path] = []
    for path, draft in sources:
        if path.parent not in known:
            known[path.parent] = _projects_by_year(path.parent)
        outcome = _carry(path, draft, known[path.parent], force=args.force, dry_run=args.dry_run, made=made)
        status = max(status, outcome)
    if made:
        record_cli(folder, made, f"结转 {len(made)} 份草稿到下一年度" if len(made) > 1 else f"结转：{made[0].stem}")
    return status


def _sources(args: argparse.Namespace, folder: Path) -> list[tuple[Path, Declaration | str]]:
    """The drafts to carry over, or for each one that cannot be, why (a message)."""
    found: list[tuple[Path, Declaration | str]] = []
    if args.year is None:
        for name in args.drafts_to_carry:
            try:
                path = resolve_draft(name, folder)
            except NoSuchDraft as error:
                found.append((Path(name), str(error)))
                continue
            try:
                found.append((path, load_draft(path)))
            except DraftError as error:
                found.append((path, str(error)))
        return found
    for path in draft_paths(folder):
        try:
            draft = load_draft(path)
        except DraftError as error:
            found.append((path, f"{error}（无法读取，已跳过）"))
            continue
        if _year(draft.year) == args.year:
            found.append((path, draft))
    return found


def _carry(
    path: Path, draft: Declaration, known: dict[tuple[str, int], Path], *, force: bool, dry_run: bool, made: list[Path]
) -> int:
    """Carry one draft over; prints what happened and returns its exit status.

    ``known`` maps (项目名称, 年度) to a draft of the folder; the new draft is added to it.
    """
    try:
        year = next_year(draft)
        new = rollover(draft)
    except RolloverError as error:
        print(f"shenbao：{clean(f'{path.name}：{error}')}", file=sys.stderr)
        return EXIT_FINDINGS
    name = new.project.name.strip()
    successor = known.get((name, year))
    if successor is not None and not force:
        message = f"{path.name}：已有 {year} 年度的草稿 {successor.name}，未再结转（确需再结转请加 --force）"
        print(f"shenbao：{clean(message)}", file=sys.stderr)
        return EXIT_FINDINGS
    target = file_name_for(f"{name or '未命名项目'}-{year}", path.parent)
    if dry_run:
        print(clean(f"将结转：{path.name} → {target.name}（{year} 年度）"))
        return EXIT_OK
    try:
        save_draft(new, target)
    except OSError as error:
        print(f"shenbao：无法写入 {target}：{error.strerror or error}", file=sys.stderr)
        return EXIT_UNREADABLE
    known[(name, year)] = target
    made.append(target)
    print(clean(f"已结转：{path.name} → {target.name}（{year} 年度，延续项目，草稿）"))
    mentions = year_mentions(new, year - 1)
    if mentions:
        where = "、".join(describe(p, new) for p in mentions)
        print(clean(f"  请核对仍写着 {year - 1} 的栏目：{where}"))
    return EXIT_OK


def _projects_by_year(folder: Path) -> dict[tuple[str, int], Path]:
    """(项目名称, 年度) of every readable draft in ``folder``: how a project's successor is found."""
    found: dict[tuple[str, int], Path] = {}
    for path in draft_paths(folder):
        try:
            other = load_draft(path)
        except DraftError:
            continue
        year = _year(other.year)
        if year is not None:
            found.setdefault((other.project.name.strip(), year), path)
    return found


def _year(text: str) -> int | None:
    try:
        return parse_year(text)
    except DateError:
        return None
