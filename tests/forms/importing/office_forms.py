"""Test helper: a draft laid out as the printed 申报表, written as a Word document or an Excel workbook.

The layout follows the official form (tests/data/2021-declaration-forms.txt):
six grid columns, the section labels (项目基本情况, 项目资金情况, …) merged down
their rows, 项目资金申请/支出明细预算/项目年度绩效指标 merged down their tables,
each 一级 merged down its indicators, values merged across to the right edge.
Options give the variations units' own files have. Written independently of
shenbao's exporters, so an import test does not depend on them.

A layout is a list of blocks: a ``str`` is a paragraph outside the table,
``PAGE_BREAK`` ends a table and starts a new one on the next page, and a
``list`` is a table row of six grid entries: text (a ``str``, or a ``list`` of
paragraphs), ``LEFT`` (merged into the cell to the left) or ``UP`` (merged into
the cell above).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from forms.model.declaration import Declaration
from forms.model.template import load_template

LEFT = "<left>"
UP = "<up>"
PAGE_BREAK = "<page>"
WIDTH = 6

Entry = str | list[str]


@dataclass
class Options:
    """Ways real units' files differ from the plain form."""

    before: tuple[str, ...] = ()
    """Paragraphs before the title (a 文号, a notice)."""
    joined_contacts: bool = False
    """“项目负责人及电话：王芳 13800000000” in one cell instead of four."""
    numbered_pairs: bool = False
    """Consecutive indicators of one 二级 in one row, one paragraph each."""
    split_before_benefits: bool = False
    """The table cut in two by a page break before 效益指标."""
    empty_last_row: bool = False
    """An empty row at the end of the table."""


def layout(draft: Declaration, options: Options | None = None) -> list[str | list[Entry]]:
    """The blocks of ``draft`` printed as the official form."""
    o = options or Options()
    t = load_template(draft.template)
    p, f, e = draft.project, draft.funding, draft.expenses
    blocks: list[str | list[Entry]] = [*o.before, t.title, f"（{draft.year} 年度）", f"填报单位（盖章）：{draft.unit}"]
    boxes = "    ".join(f"{a}{'☑' if a == p.attribute else '□'}" for a in t.attributes)
    types = []
    for number, cls in enumerate(t.project_classes, start=1):
        line = f"{number}.{cls.name} {_box(cls.name in p.types)}"
        if cls.subtypes:
            line += "    其中：" + "    ".join(f"{s}{_box(s in p.types)}" for s in cls.subtypes)
        types.append(line)
    basic: list[list[Entry]] = [
        [t.label("name"), p.name, LEFT, LEFT, LEFT],
        [t.label("attribute"), boxes, LEFT, LEFT, LEFT],
        [t.label("department"), p.department, t.label("period"), f"{p.start}-{p.end}" if p.start else "", LEFT],
    ]
    if o.joined_contacts:
        basic.append([f"{t.label('leader')}及电话：{p.leader} {p.leader_phone}", LEFT, LEFT, LEFT, LEFT])
        basic.append([f"{t.label('liaison')}及电话：{p.liaison} {p.liaison_phone}", LEFT, LEFT, LEFT, LEFT])
    else:
        basic.append([t.label("leader"), p.leader, t.label("phone"), p.leader_phone, LEFT])
        basic.append([["绩效管理", "联络员"], p.liaison, t.label("phone"), p.liaison_phone, LEFT])
    basic += [
        [t.label("project_type"), types, LEFT, LEFT, LEFT],
        [t.label("overview"), p.overview, LEFT, LEFT, LEFT],
        [["项目立项", "依据"], p.basis, LEFT, LEFT, LEFT],
    ]
    blocks += _section(t.label("basic"), basic)
    money: list[list[Entry]] = [[t.label("funding"), t.label("item"), t.label("last_year"), t.label("this_year"), LEFT]]
    money.append([UP, t.label("total"), f.total_last_year, f.total_this_year, LEFT])
    money += [[UP, s.source, s.last_year, s.this_year, LEFT] for s in f.sources]
    heading = [t.label("expenses"), t.label("item"), t.label("last_year"), t.label("this_year"), t.label("explanation")]
    money += [heading, [UP, t.label("total"), e.total_last_year, e.total_this_year, e.total_basis]]
    money += [[UP, line.item, line.last_year, line.this_year, line.basis] for line in e.lines]
    blocks += _section(t.label("money"), money)
    blocks.append([t.label("measures"), LEFT, draft.implementation.measures, LEFT, LEFT, LEFT])
    blocks.append([t.label("schedule"), LEFT, t.label("task"), LEFT, t.label("start"), t.label("end")])
    blocks += [[UP, LEFT, row.task, LEFT, row.start, row.end] for row in draft.implementation.schedule]
    blocks += _goals(draft, o)
    blocks.append([t.label("other_notes"), LEFT, draft.sign_off.other_notes, LEFT, LEFT, LEFT])
    opinion = [*draft.sign_off.finance_opinion.split("\n"), t.label("seal"), t.label("date_blank")]
    blocks.append([["财政部门", "审核意见"], LEFT, opinion, LEFT, LEFT, LEFT])
    if o.empty_last_row:
        blocks.append(["", LEFT, "", LEFT, LEFT, LEFT])
    s = draft.sign_off
    blocks.append(f"单位负责人：{s.unit_head}    填表人：{s.filled_by}    填表时间：{s.fill_date}")
    return blocks


def _box(ticked: bool) -> str:
    return "☑" if ticked else "□"


def _section(name: str, rows: list[list[Entry]]) -> list[str | list[Entry]]:
    return [[name if index == 0 else UP, *row] for index, row in enumerate(rows)]


def _goals(draft: Declaration, o: Options) -> list[str | list[Entry]]:
    t = load_template(draft.template)
    perf = draft.performance
    heading: list[Entry] = [t.label("indicators"), t.label("level1"), t.label("level2"), t.label("level3")]
    heading.append(t.label("value"))
    rows: list[list[Entry]] = [
        [t.label("long_term_goal"), perf.long_term_goal, LEFT, LEFT, LEFT],
        [t.label("annual_goal"), perf.annual_goal, LEFT, LEFT, LEFT],
        heading,
    ]
    blocks = _section(t.label("goals"), rows)
    groups: list[tuple[str, list[list[Entry]]]] = []
    for indicator in perf.indicators:
        if not groups or groups[-1][0] != indicator.level1:
            groups.append((indicator.level1, []))
        rows_of_group = groups[-1][1]
        same = rows_of_group and rows_of_group[-1][1] == indicator.level2
        if o.numbered_pairs and same:
            previous = rows_of_group[-1]
            names, values = previous[2], previous[3]
            names = names if isinstance(names, list) else [f"1.{names}"]
            values = values if isinstance(values, list) else [str(values)]
            previous[2] = [*names, f"{len(names) + 1}.{indicator.name}"]
            previous[3] = [*values, indicator.value]
        else:
            rows_of_group.append(["", indicator.level2, indicator.name, indicator.value])
    for number, (level1, members) in enumerate(groups):
        if number and o.split_before_benefits:
            blocks.append(PAGE_BREAK)
            blocks.append(["", "", t.label("level1"), t.label("level2"), t.label("level3"), t.label("value")])
        for index, row in enumerate(members):
            row[0] = [level1[:2], level1[2:]] if index == 0 else UP
            blocks.append([UP, UP, *row])
    return blocks


def write_docx(blocks: list[str | list[Entry]], path: Path) -> Path:
    """Write ``blocks`` as a Word document; tables cut at ``PAGE_BREAK``."""
    import docx

    document = docx.Document()
    table_rows: list[list[Entry]] = []
    for block in [*blocks, PAGE_BREAK]:
        if isinstance(block, list):
            table_rows.append(block)
            continue
        if table_rows:
            _docx_table(document, table_rows)
            table_rows = []
        if block == PAGE_BREAK:
            document.add_page_break()
        else:
            document.add_paragraph(block)
    document.save(str(path))
    return path


def _docx_table(document: object, rows: list[list[Entry]]) -> None:
    table = document.add_table(rows=len(rows), cols=WIDTH)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for r, c, height, width, entry in _anchors(rows):
        cell = table.cell(r, c)
        if height > 1 or width > 1:
            cell = cell.merge(table.cell(r + height - 1, c + width - 1))
        paragraphs = entry if isinstance(entry, list) else [entry]
        cell.paragraphs[0].text = paragraphs[0] if paragraphs else ""
        for text in paragraphs[1:]:
            cell.add_paragraph(text)


def _anchors(rows: list[list[Entry]]) -> list[tuple[int, int, int, int, Entry]]:
    """Each cell that holds text: row, column, rows and columns it spans, its text."""
    found = []
    for r, row in enumerate(rows):
        assert len(row) == WIDTH, row
        for c, entry in enumerate(row):
            if entry in (LEFT, UP):
                continue
            width = 1
            while c + width < WIDTH and row[c + width] == LEFT:
                width += 1
            height = 1
            while r + height < len(rows) and rows[r + height][c] == UP:
                height += 1
            found.append((r, c, height, width, entry))
    return found


def write_xlsx(blocks: list[str | list[Entry]], path: Path, *, merge_paragraphs: bool = True) -> Path:
    """Write ``blocks`` as one worksheet: paragraphs in column A (merged across the width unless told not to),
    merged cells as merged ranges."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "申报表"
    table_rows: list[list[Entry]] = []
    at = 1
    for block in [*blocks, PAGE_BREAK]:
        if isinstance(block, list):
            table_rows.append(block)
            continue
        if table_rows:
            for r, c, height, width, entry in _anchors(table_rows):
                cell = sheet.cell(at + r, 1 + c, "\n".join(entry) if isinstance(entry, list) else entry)
                cell.data_type = "s"  # text as typed: "=1+1" is not a formula
                if height > 1 or width > 1:
                    sheet.merge_cells(
                        start_row=at + r, start_column=1 + c, end_row=at + r + height - 1, end_column=c + width
                    )
            at += len(table_rows)
            table_rows = []
        if block != PAGE_BREAK:
            sheet.cell(at, 1, block).data_type = "s"
            if merge_paragraphs:
                sheet.merge_cells(start_row=at, start_column=1, end_row=at, end_column=WIDTH)
            at += 1
    workbook.save(str(path))
    return path
