"""A generated bureau folder for tests: three units, each with a unit profile and drafts of 2021 and 2022.

The amounts are chosen so every subtotal is known exactly (``EXPECTED``), and
so the cross-unit checks have one copied indicator set (甲局·运维费 and
乙局·宣传费, in different orders), two rises over 20 % without 测算依据
(甲局·政务大厅租金 +50 %, 丙局·印刷费 +40 %) and rises that must not be named
(one with a basis, one of 10 %, a new project).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from forms.model.declaration import Indicator, new_declaration
from forms.store.drafts import file_name_for, save_draft
from forms.workflows.profile import UnitProfile, save_profile

UNITS = {"jia": "甲局", "yi": "乙局", "bing": "丙局"}
COPIED = [("网络可用率", "≥99%"), ("故障响应时间", "≤2小时"), ("用户满意度", "≥90%")]
# unit folder -> [(项目名称, 2021 本年度 or None, 2022 本年度, 2022 测算依据, indicators of 2022 or None)]
PROJECTS: dict[str, list[tuple[str, str | None, str, str, list[tuple[str, str]] | None]]] = {
    "jia": [
        ("政务大厅租金", "10", "15", "", None),
        ("软硬件运维费", "20", "22", "", COPIED),
        ("网络安全测评", "30", "45", "按等保三级测评报价 45 万元", None),
    ],
    "yi": [
        ("干部培训费", "12.5", "12.5", "", None),
        ("政策宣传费", "8", "8.8", "", list(reversed(COPIED))),
        ("[bold]设备购置[/]", None, "40", "", None),
    ],
    "bing": [
        ("资料印刷费", "5.5", "7.7", "", None),
        ("下乡差旅费", "3.333", "3.333", "", None),
    ],
}
EXPECTED = {
    # unit: (2022 本年度 subtotal, previous year's same projects, 2022 of those compared)
    "甲局": (Decimal("82"), Decimal("60"), Decimal("82")),
    "乙局": (Decimal("61.3"), Decimal("20.5"), Decimal("21.3")),
    "丙局": (Decimal("11.033"), Decimal("8.833"), Decimal("11.033")),
}
GRAND = (Decimal("154.333"), Decimal("89.333"), Decimal("114.333"))
RISEN = {("甲局", "政务大厅租金"), ("丙局", "资料印刷费")}


def make_bureau(folder: Path) -> Path:
    """Write the bureau folder into ``folder``; returns it."""
    for place, unit in UNITS.items():
        unit_folder = folder / place
        unit_folder.mkdir(parents=True)
        save_profile(UnitProfile(unit=unit, year="2022"), unit_folder)
        for name, before, now, basis, indicators in PROJECTS[place]:
            if before is not None:
                _draft(unit_folder, unit, name, "2021", before, "", basis="", indicators=None)
            _draft(unit_folder, unit, name, "2022", now, before or "", basis=basis, indicators=indicators)
    return folder


def _draft(
    folder: Path, unit: str, name: str, year: str, total: str, last: str, *, basis: str, indicators: list | None
) -> None:
    draft = new_declaration(year=year)
    draft.unit = unit
    draft.project.name = name
    draft.funding.total_this_year = total
    draft.funding.total_last_year = last
    draft.expenses.total_basis = basis
    rows = indicators or [(f"{name}{year}完成率", "100%"), (f"{name}覆盖人数", "50人"), (f"{unit}满意度", "≥85%")]
    draft.performance.indicators = [Indicator(level1="产出指标", level2="数量指标", name=n, value=v) for n, v in rows]
    path = file_name_for(f"{name}-{year}", folder)
    save_draft(draft, path)
