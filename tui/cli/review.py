"""Subcommand ``review``: the bureau's 退回 (with 审核意见), 通过 and 重新打开 of one draft, or its review record.

``shenbao review DRAFT --return "意见"`` sends a draft back to its unit,
``--approve`` locks it as 通过, ``--reopen`` undoes an approval (recorded);
with none of these it prints the draft's review record. Each step is taken
under the draft's lock and recorded (``forms.workflows.review_file``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms.render.width import clean
from forms.store.drafts import drafts_folder
from forms.workflows.review import REVIEW_NAMES, ReviewError, review_line
from forms.workflows.review_file import review_file
from tui.cli import EXIT_FINDINGS, EXIT_OK, drafts_option
from tui.cli.show import NoSuchDraft, fail, load_named, resolve_draft


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``review`` to the command line."""
    review = subparsers.add_parser(
        "review",
        help="审核：退回（附审核意见）、通过或重新打开一份草稿",
        description=(
            "财政部门审核一份草稿：--return 退回单位修改（须附审核意见，草稿改回草稿状态）；"
            "--approve 审核通过（草稿定稿并锁定，单位须重新打开才能修改）；--reopen 重新打开已通过的草稿（留有记录）。"
            "不带这些选项时显示草稿的审核记录。"
        ),
    )
    review.add_argument("draft", metavar="DRAFT", help="草稿文件、文件名或项目名称")
    action = review.add_mutually_exclusive_group()
    action.add_argument("--return", dest="opinion", metavar="意见", help="退回，并写明审核意见")
    action.add_argument("--approve", action="store_true", help="审核通过")
    action.add_argument("--reopen", action="store_true", help="重新打开已审核通过的草稿")
    review.add_argument("--reason", default="", metavar="TEXT", help="重新打开的原因（记入审核记录）")
    review.add_argument("--by", metavar="NAME", help="审核人或操作人（默认 $SHENBAO_USER 或登录名）")
    review.add_argument("--force", action="store_true", help="检查有错误时仍审核通过")
    drafts_option(review)
    review.set_defaults(func=run_review)


def run_review(args: argparse.Namespace) -> int:
    """``shenbao review``: 0 done (or the record shown); 1 the step was refused; 2 no such draft."""
    folder = drafts_folder(getattr(args, "drafts", None))
    try:
        path = resolve_draft(args.draft, folder)
    except NoSuchDraft as error:
        return fail(str(error))
    if args.opinion is None and not args.approve and not args.reopen:
        return _show_record(args.draft, folder)
    action = "returned" if args.opinion is not None else "approved" if args.approve else "reopened"
    opinion = args.opinion if args.opinion is not None else args.reason
    try:
        draft, warning = review_file(path, action, opinion=opinion or "", by=args.by, force=args.force)
    except ReviewError as error:
        print(clean(f"shenbao：未{REVIEW_NAMES[action].removeprefix('已')}：{error}"), file=sys.stderr)
        return EXIT_FINDINGS
    print(clean(f"{path.name}：{review_line(draft.review)}"))
    if warning:
        print(clean(f"shenbao：{warning}"), file=sys.stderr)
    return EXIT_OK


def _show_record(name: str, folder: Path) -> int:
    try:
        path, draft = load_named(name, folder)
    except NoSuchDraft as error:
        return fail(str(error))
    if draft.review is None:
        print(clean(f"{path.name}：尚未审核"))
        return EXIT_OK
    print(clean(f"{path.name}：{review_line(draft.review)}"))
    for event in draft.review.history:
        opinion = f"：{event.opinion}" if event.opinion.strip() else ""
        print(clean(f"  {event.date}  {event.by}  {REVIEW_NAMES.get(event.action, event.action)}{opinion}"))
    return EXIT_OK
