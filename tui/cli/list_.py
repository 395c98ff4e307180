"""Subcommand ``list``: a row per draft in the folder, with its year, name, total and status.

Plain text for terminals and scripts; imports only ``forms``; exit statuses as in ``tui.cli``.
"""

from __future__ import annotations

import argparse

from forms.checks.runner import errors, status_text
from forms.model.review_text import REVIEW_NAMES
from forms.render.width import cell_width, clean, pad
from forms.store.drafts import drafts_folder
from forms.store.index import scan
from tui.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, drafts_option
from tui.cli.output import fail, shown, unreadable

REVIEW_WORDS = {state: REVIEW_NAMES[state] for state in ("returned", "approved")}
"""The review states ``list`` names (a reopened draft reads as any other 草稿)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``list`` to the command line."""
    listing = subparsers.add_parser("list", help="列出草稿及其检查结果", description="列出草稿文件夹中的每份草稿。")
    drafts_option(listing)
    listing.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    """``shenbao list``: a row per draft with its status; 0 clean, 1 a draft has errors, 2 a file is unreadable."""
    folder = drafts_folder(args.drafts)
    if not folder.is_dir():
        return fail(f"草稿文件夹不存在：{folder}")
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
        if entry.review == "returned" and entry.state == "final":
            state = f"待复审 {state}"  # returned, fixed and made 定稿 again
        elif entry.review in REVIEW_WORDS:  # the bureau's verdict first: what the unit must act on
            state = f"{REVIEW_WORDS[entry.review]} {state}"
        rows.append((entry.path.name, entry.year, entry.name, entry.total, state))
    if len(rows) == 1:
        print(f"{shown(folder)} 中没有草稿。")
        return EXIT_OK
    print("\n".join(_table(rows, right={3})))
    return status


def _table(rows: list[tuple[str, ...]], *, right: set[int]) -> list[str]:
    cells = [[clean(c).replace("\n", " ") for c in row] for row in rows]
    widths = [max(cell_width(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = []
    for row in cells:
        parts = [pad(c, w, "right" if i in right else "left") for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(parts).rstrip())
    return lines
