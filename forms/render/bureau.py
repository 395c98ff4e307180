"""The all-units summary of a bureau folder as an aligned text table or CSV, with the reviewer's checks.

One line per unit with its subtotal, its projects indented under it, then the
grand total; each project's 本年度 beside the previous year's draft of the same
project, the change and the rise in per cent, its review state and the
checks' counts. Text cells are measured by display width (``forms.render.width``)
and user text passes through ``clean``. The checks (``forms.workflows.bureau_checks``)
follow as sentences.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal

from forms.model.money import format_amount
from forms.model.review_text import REVIEW_NAMES
from forms.render.chart import truncate
from forms.render.width import cell_width, clean, fold_ambiguous
from forms.workflows.bureau_checks import CopiedSet, RiseWithoutBasis
from forms.workflows.bureau_summary import RESUBMITTED, BureauSummary, ProjectRow, UnitPart

HEADS = ("单位 / 项目名称", "上年同项目", "本年度", "增减", "增幅", "审核", "检查")
"""The text table's column heads."""
REVIEW_MARKS = {"returned": "退回", "approved": "通过", "reopened": "重开", RESUBMITTED: "复审"}
"""The review column: two characters each."""
_MIN_NAME = 12
NAMED_COPIES = 6
"""A copied indicator set names this many drafts, then says how many there are in all."""


def percent(change: Decimal | None, base: Decimal | None) -> str:
    """A change as a signed percentage of ``base`` to one decimal (“+30.0%”); blank when it cannot be said."""
    if change is None or base is None or base == 0:
        return ""
    value = (change / base * 100).quantize(Decimal("0.1"))
    return f"{'+' if value > 0 else ''}{value}%"


def threshold_text(threshold: Decimal) -> str:
    """A threshold fraction as a percentage without needless zeros: 0.2 → “20%”, 0.125 → “12.5%”."""
    return f"{format_amount((threshold * 100).normalize())}%"


def _change(value: Decimal | None) -> str:
    # A difference of amounts typed to different scales: 11.033 − 8.833 reads 2.2, not 2.200.
    return format_amount(value.normalize()) if value is not None else ""


def title(summary: BureauSummary) -> str:
    """The heading: “2022 年度各单位项目汇总（万元）”."""
    year = f"{summary.year} 年度" if summary.year is not None else ""
    return f"{year}各单位项目汇总（万元）"


def findings_text(row: ProjectRow) -> str:
    """The 检查 cell: “2错”, “1警”, both, or ✓."""
    parts = [f"{row.errors}错" if row.errors else "", f"{row.warnings}警" if row.warnings else ""]
    return "".join(parts) or "✓"


def project_cells(row: ProjectRow) -> list[str]:
    """A project's cells after its name (user text is not among them)."""
    return [
        format_amount(row.previous),
        format_amount(row.total),
        _change(row.change),
        percent(row.change, row.previous) if row.previous is not None else "新项目",
        REVIEW_MARKS.get(row.review, ""),
        findings_text(row),
    ]


def unit_cells(part: UnitPart | BureauSummary) -> list[str]:
    """A unit's (or the whole's) subtotal cells: the change is over the projects with a previous year."""
    change = part.compared - part.previous
    return [format_amount(part.previous), format_amount(part.total), _change(change), percent(change, part.previous)]


def check_lines(copied: list[CopiedSet], rises: list[RiseWithoutBasis], threshold: Decimal) -> list[str]:
    """The checks as sentences (user text cleaned); one line saying none were found when empty."""
    limit = threshold_text(threshold)
    if not copied and not rises:
        return [f"复核提示：未发现相同的指标组，也未发现增幅超过 {limit} 而未填测算依据的项目。"]
    lines = ["复核提示："]
    for found in copied:
        named = [f"{d.unit}·{d.name or d.file}" for d in found.drafts]
        more = f"等 {len(named)} 份" if len(named) > NAMED_COPIES else ""
        where = "、".join(named[:NAMED_COPIES]) + more
        across = "跨单位" if len(found.units) > 1 else "同一单位"
        lines.append(clean(f"  指标完全相同（{across}，{found.size} 项三级指标）：{where}"))
    for rise in rises:
        base = "上年草稿" if rise.from_draft else "上年度安排"
        amounts = f"{format_amount(rise.before)} → {format_amount(rise.total)}"
        what = f"{rise.draft.unit}·{rise.draft.name or rise.draft.file}"
        change = percent(rise.total - rise.before, rise.before)
        lines.append(clean(f"  增幅超过 {limit} 且未填测算依据：{what} {amounts}（{change}，比{base}）"))
    return lines


def render_bureau_text(
    summary: BureauSummary, checks: list[str], *, ascii: bool = False, width: int | None = 80
) -> str:
    """The all-units summary as an aligned text table, then the unreadable files and the checks."""
    text: Callable[[str], str] = (lambda s: fold_ambiguous(clean(s))) if ascii else clean
    # Figures, marks and ✓ are ours, not user text: only the ASCII style has anything to change in them.
    ours: Callable[[str], str] = fold_ambiguous if ascii else str
    body: list[tuple[list[str], bool]] = []
    for part in summary.units:
        body.append(([text(f"{part.unit}（{len(part.rows)} 个项目）"), *map(ours, unit_cells(part)), "", ""], True))
        for row in part.rows:
            name = row.name or f"（未命名：{row.file}）"
            body.append(([text("  " + name).replace("\n", " "), *map(ours, project_cells(row))], False))
    units = len(summary.units)
    total = [text(f"合计（{units} 个单位，{len(summary.rows)} 个项目）"), *map(ours, unit_cells(summary)), "", ""]
    heads = [text(h) for h in HEADS]
    rows = [heads, *(cells for cells, _ in body), total]
    sizes = {id(cells): [cell_width(c) for c in cells] for cells in rows}  # each cell measured once, not twice
    widths = [max(size[i] for size in sizes.values()) for i in range(len(HEADS))]
    overflow = sum(widths) + 2 * (len(widths) - 1) - (width or 0)
    if width is not None and overflow > 0:
        widths[0] = max(_MIN_NAME, widths[0] - overflow)
        for cells in rows[1:]:
            if sizes[id(cells)][0] > widths[0]:
                cells[0] = truncate(cells[0], widths[0], "..." if ascii else "…")
                sizes[id(cells)][0] = cell_width(cells[0])
    rule = ("-" if ascii else "─") * (sum(widths) + 2 * (len(widths) - 1))
    lines = [text(title(summary)), "", _line(heads, sizes[id(heads)], widths), rule]
    lines += [_line(cells, sizes[id(cells)], widths) for cells, _unit in body]
    lines += [rule, _line(total, sizes[id(total)], widths), ""]
    lines.append("上年同项目：同一单位上一年度同名项目草稿的本年度申请合计；增减与增幅只比有上年草稿的项目。")
    for entry in summary.unreadable:
        lines.append(text(f"  {entry.file}：无法读取：{entry.problem}（未计入合计）"))
    lines += ["", *(text(line) for line in checks)]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_bureau_csv(summary: BureauSummary, *, bom: bool = False) -> str:
    """One row per project: unit, file, name, the amounts, rise, review state and counts (no total rows)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["单位", "文件", "项目名称", "年度", "上年同项目", "本年度", "增减", "增幅", "审核", "错误", "警告"]
    )
    for row in summary.rows:
        texts = [_csv_text(t) for t in (row.unit, row.file, row.name)]
        amounts = [format_amount(row.previous), format_amount(row.total), _change(row.change)]
        rise = percent(row.change, row.previous)
        review = "待复审" if row.review == RESUBMITTED else REVIEW_NAMES.get(row.review, "")
        writer.writerow([*texts, str(summary.year or ""), *amounts, rise, review, row.errors, row.warnings])
    return ("\ufeff" if bom else "") + out.getvalue()


def _line(cells: list[str], sizes: list[int], widths: list[int]) -> str:
    # The name left-aligned, the figures right-aligned; ``sizes`` are the cells' own widths, measured once.
    first = cells[0] + " " * max(0, widths[0] - sizes[0])
    rest = (" " * max(0, w - s) + c for c, s, w in zip(cells[1:], sizes[1:], widths[1:], strict=True))
    return "  ".join((first, *rest))


def _csv_text(value: str) -> str:
    value = clean(value)
    return f"'{value}" if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value
