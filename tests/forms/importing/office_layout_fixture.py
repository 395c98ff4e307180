"""Writes tests/data/import/layouts/office-subtotals.docx and .xlsx: a subtotals-template form as a unit's own
Word table and Excel sheet (7 grid columns, merged cells, the unit's own wording).

Run from the repository root to remake them: ``python3 tests/forms/importing/office_layout_fixture.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
import openpyxl

W = 7
L, U = "<left>", "<up>"


def row(*cells):
    cells = list(cells) + [L] * (W - len(cells))
    return cells


title = ["项目支出绩效目标申报表", "（2022年度）", "填报单位（盖章）：县林业局"]
rows = [
    row("项目基本情况", "项目名称", "松材线虫病疫木除治"),
    row(U, "项目属性", "新增项目□  延续项目☑"),
    row(U, "主管部门", "县林业局", L, "项目期", "2022.01-2022.12"),
    row(U, "项目负责人", "钟卫国", L, "联系电话", "0570-3021186"),
    row(U, "绩效管理联络员", "程佳", L, "联系电话", "0570-3021190"),
    row(U, "项目类型", "1.基本建设类□ 2.行政事业类□ 3.其他专项类☑"),
    row(U, "项目概况", ["完成全县疫木除治2.6万株；", "疫情发生面积控制在3000亩以内"]),
    row("项目资金情况", "项目资金（万元）", "资金来源", L, L, "金额"),
    row(U, U, "年度资金总额", L, L, "390"),
    row(U, U, "（一）财政拨款小计", L, L, "360"),
    row(U, U, "一般公共预算", L, L, "360"),
    row(U, U, "（二）自有资金小计", L, L, "30"),
    row(U, U, "事业收入", L, L, "30"),
    row("项目年度绩效目标情况", "总体目标", "疫情得到有效控制，疫点逐步拔除"),
    row(U, "本年度绩效目标", "除治疫木2.6万株，新发疫点及时处置"),
    row("项目年度绩效指标", "一级指标", "二级指标", "三级指标", L, "指标值", "备注"),
    row(U, "完成指标", "数量指标", "除治疫木株数", L, "2.6万株", ""),
    row(U, U, "质量指标", "除治质量合格率", L, "≥98%", "第三方核查"),
    row(U, U, "成本指标", "每株除治成本", L, "≤150元", ""),
    row(U, "效益指标", "生态效益", "疫情发生面积", L, "≤3000亩", ""),
    row(U, U, "可持续影响指标", "疫木除治长效机制", L, "建立", ""),
    row("其他说明的问题", L, "无"),
]
footer = "单位负责人：龚建平    填表人：程佳    填表时间：2022年1月25日"


def anchors():
    for r, rr in enumerate(rows):
        for c, e in enumerate(rr):
            if e in (L, U):
                continue
            w = 1
            while c + w < W and rr[c + w] == L:
                w += 1
            h = 1
            while r + h < len(rows) and rows[r + h][c] == U:
                h += 1
            yield r, c, h, w, e


out = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/import/layouts")
d = docx.Document()
for t in title:
    d.add_paragraph(t)
table = d.add_table(rows=len(rows), cols=W)
table.style = "Table Grid"
for r, c, h, w, e in anchors():
    cell = table.cell(r, c)
    if h > 1 or w > 1:
        cell = cell.merge(table.cell(r + h - 1, c + w - 1))
    paras = e if isinstance(e, list) else [e]
    cell.paragraphs[0].text = paras[0]
    for p in paras[1:]:
        cell.add_paragraph(p)
d.add_paragraph(footer)
d.save(str(out / "office-subtotals.docx"))

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "绩效目标申报表"
for i, t in enumerate(title, start=1):
    ws.cell(i, 1, t)
top = len(title) + 1
for r, c, h, w, e in anchors():
    ws.cell(top + r, c + 1, "\n".join(e) if isinstance(e, list) else e)
    if h > 1 or w > 1:
        ws.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r + h - 1, end_column=c + w)
ws.cell(top + len(rows), 1, footer)
wb.save(str(out / "office-subtotals.xlsx"))
