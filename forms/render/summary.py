"""The summary of all projects as a text table, Markdown or CSV, and as a bar chart for a terminal.

Text output measures every cell by display width (Chinese is two cells) and
passes user text through ``clean``; the ASCII style also spells out ambiguous
characters (``fold_ambiguous``) for terminals that draw them two cells wide.
The chart is in ``forms.render.chart``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal

from forms.model.money import format_amount
from forms.render.chart import bar_chart, truncate
from forms.render.markdown import cell as md_cell
from forms.render.markdown import table as md_table
from forms.render.width import cell_width, clean, fold_ambiguous, pad
from forms.workflows.summary import Summary, SummaryRow, by_year

LAST, THIS = "上年度", "本年度"
TOTAL = "合计"
BOM = "\ufeff"
"""Excel on Chinese Windows reads a CSV without it as GBK and garbles every Chinese character."""
_MIN_NAME = 12
"""Project names are never shortened below this many cells, however narrow the terminal."""
# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def title(summary: Summary) -> str:
    """The heading: “2021 年度项目汇总（万元）” or “项目汇总（万元）” for all years."""
    years = summary.years()
    year = summary.year if summary.year is not None else years[0] if len(years) == 1 else ""
    return f"{clean(str(year))} 年度项目汇总（万元）" if year else "项目汇总（万元）"


def notes(summary: Summary) -> list[str]:
    """Sentences a reader needs under the table: counts, unreadable files and amounts, mixed years."""
    projects = summary.projects
    with_errors = sum(1 for row in projects if row.errors)
    counts = f"共 {summary.errors} 个错误、{summary.warnings} 个警告"
    lines = [f"共 {len(projects)} 个项目；{with_errors} 个有错误，{counts}。"]
    if summary.unreadable:
        lines.append(f"{len(summary.unreadable)} 个文件无法读取，未计入合计。")
    if summary.unreadable_amounts:
        lines.append(f"有 {summary.unreadable_amounts} 处金额无法识别（见 shenbao validate），合计可能不完整。")
    if summary.year is None and len(summary.years()) > 1:
        years = "、".join(clean(y) or "未填" for y in summary.years())  # 年度 is typed text
        lines.append(f"含多个年度（{years}），可用 --year 只汇总一年。")
    return lines


def render_text(summary: Summary, *, ascii: bool = False, width: int | None = 80) -> str:
    """The summary as an aligned text table, its notes, and the bar chart.

    With ``width``, long project names are shortened so the table fits that
    many cells where it can, and the chart is drawn that wide; with ``None``
    (for a file) names are kept whole and the chart is 80 cells wide.
    """
    text: Callable[[str], str] = (lambda s: fold_ambiguous(clean(s))) if ascii else clean
    groups, heads, body, totals = _grid(summary, text)
    rows = [groups, heads, *body, *totals]
    widths = [max(cell_width(row[i]) for row in rows) for i in range(len(heads))]
    # A group title spans its two columns; widen them if it is wider than both.
    for i in range(1, len(heads) - 2, 2):
        if groups[i]:
            lack = cell_width(groups[i]) - (widths[i] + 2 + widths[i + 1])
            widths[i + 1] += max(lack, 0)
    overflow = sum(widths) + 2 * (len(widths) - 1) - (width or 0)
    if width is not None and overflow > 0:
        widths[0] = max(_MIN_NAME, widths[0] - overflow)
        for row in body:
            row[0] = truncate(row[0], widths[0], "..." if ascii else "…")
    rule = ("-" if ascii else "─") * (sum(widths) + 2 * (len(widths) - 1))
    lines = [text(title(summary)), "", _group_line(groups, widths), _line(heads, widths), rule]
    lines += [_line(row, widths) for row in body]
    lines += [rule, *(_line(total, widths) for total in totals), ""]
    lines += notes(summary)
    for row in summary.unreadable:
        lines.append(text(f"  {row.file}：无法读取：{row.problem}"))
    chart = bar_chart(summary, width=width or 80, ascii=ascii)
    if chart:
        lines += ["", *chart]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_markdown(summary: Summary) -> str:
    """The summary as a Markdown pipe table with notes, and the chart in a code block."""
    sources = summary.used_sources()
    header = ["项目名称", "文件", "年度"]
    header += [md_cell(f"{s}{col}") for s in sources for col in (LAST, THIS)]  # a source name is user text
    header += [f"{LAST}{TOTAL}", f"{THIS}{TOTAL}", "错误", "警告"]
    rows = []
    for row in summary.projects:
        amounts = [_amount(v) for s in sources for v in row.sources.get(s, (None, None))]
        rest = [_amount(row.last_total), _amount(row.total), str(row.errors), str(row.warnings)]
        rows.append([md_cell(row.name), md_cell(row.file), md_cell(row.year), *amounts, *rest])
    for label, part in _totals(summary):
        cells = [_amount(v) for s in sources for v in part.source_total(s)]
        cells += [_amount(part.last_total), _amount(part.total)]
        bold = [f"**{c}**" if c else "" for c in cells]
        rows.append(
            [f"**{md_cell(label)}**", "", "", *bold, str(part.errors), str(part.warnings)]
        )  # a year is user text
    lines = [f"## {title(summary)}", "", *md_table(header, rows, "lll" + "r" * (len(header) - 3)), ""]
    lines += [md_cell(note) for note in notes(summary)]
    for row in summary.unreadable:
        lines.append(f"- {md_cell(row.file)}：无法读取：{md_cell(row.problem or '')}")
    chart = bar_chart(summary, width=80)
    if chart:
        fence = "`" * max(3, _longest_backtick_run(chart) + 1)
        lines += ["", f"{fence}text", *chart, fence]
    return "\n".join(lines) + "\n"


def render_csv(summary: Summary, *, bom: bool = False) -> str:
    """The summary as CSV: a header and one row per file, every funding source in its own columns.

    There is no total row: any tool summing a column would count it twice.
    Amounts are plain numbers; text cells are cleaned of control characters and
    a leading ``=``, ``+``, ``-`` or ``@`` is quoted with ``'`` so a spreadsheet
    shows the text instead of running it as a formula.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["文件", "年度", "项目名称", "项目属性"]
    header += [_csv_text(f"{s}{col}") for s in summary.sources for col in (LAST, THIS)]
    writer.writerow([*header, f"{LAST}{TOTAL}", f"{THIS}{TOTAL}", "错误", "警告", "无法读取原因"])
    for row in summary.rows:
        amounts = [_amount(v) for s in summary.sources for v in row.sources.get(s, (None, None))]
        texts = [_csv_text(t) for t in (row.file, row.year, row.name, row.attribute)]
        counts = ["", ""] if row.problem else [str(row.errors), str(row.warnings)]
        rest = [_amount(row.last_total), _amount(row.total), *counts, _csv_text(row.problem or "")]
        writer.writerow([*texts, *amounts, *rest])
    return (BOM if bom else "") + out.getvalue()


def _totals(summary: Summary) -> list[tuple[str, Summary]]:
    """The 合计 rows: one, or with several years one per year (``合计 2021``), never one across years."""
    years = by_year(summary)
    if len(years) <= 1:
        return [(TOTAL, summary)]
    return [(f"{TOTAL} {year or '（无年度）'}", part) for year, part in years]


def _grid(
    summary: Summary, text: Callable[[str], str]
) -> tuple[list[str], list[str], list[list[str]], list[list[str]]]:
    """Group titles, column heads, body rows and the total rows of the text table."""
    sources = summary.used_sources()
    several_years = len(summary.years()) > 1
    groups, heads = [""], ["项目名称"]
    for source in [*sources, TOTAL]:
        groups += [text(source), ""]
        heads += [LAST, THIS]
    groups += ["", ""]
    heads += ["错误", "警告"]
    body = []
    for row in summary.projects:
        name = (row.name or f"（未命名：{row.file}）") + (f"（{row.year}）" if several_years else "")
        amounts = [_amount(v) for s in sources for v in row.sources.get(s, (None, None))]
        amounts += [_amount(row.last_total), _amount(row.total)]
        body.append([text(name).replace("\n", " "), *amounts, str(row.errors), str(row.warnings)])
    totals = []
    for label, part in _totals(summary):
        total = [text(label), *[_amount(v) for s in sources for v in part.source_total(s)]]
        total += [_amount(part.last_total), _amount(part.total), str(part.errors), str(part.warnings)]
        totals.append(total)
    return groups, heads, body, totals


def _line(cells: list[str], widths: list[int]) -> str:
    parts = [pad(c, w, "left" if i == 0 else "right") for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
    return "  ".join(parts)


def _group_line(groups: list[str], widths: list[int]) -> str:
    # Each group title is centred over its pair of columns (上年度, 本年度).
    parts = [" " * widths[0]]
    i = 1
    while i < len(widths):
        if groups[i] and i + 1 < len(widths):
            parts.append(pad(groups[i], widths[i] + 2 + widths[i + 1], "center"))
            i += 2
        else:
            parts.append(" " * widths[i])
            i += 1
    return "  ".join(parts)


def _amount(value: Decimal | None) -> str:
    return format_amount(value)


def _csv_text(value: str) -> str:
    value = clean(value)
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def _longest_backtick_run(lines: list[str]) -> int:
    longest = 0
    for line in lines:
        run = 0
        for char in line:
            run = run + 1 if char == "`" else 0
            longest = max(longest, run)
    return longest


__all__ = ["BOM", "SummaryRow", "bar_chart", "notes", "render_csv", "render_markdown", "render_text", "title"]
