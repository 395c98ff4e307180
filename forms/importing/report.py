"""The per-form import report: what was filled, what was left over, and what the checks say.

Plain text for a terminal; user text passes through ``forms.render.width.clean``
so a cell cannot carry escape sequences to the operator's screen.
"""

from __future__ import annotations

from collections.abc import Callable

from forms.model.declaration import Declaration
from forms.model.template import TemplateError, load_template
from forms.model.totals import COLUMNS
from forms.render.width import clean

CORE_FIELDS = 16
"""How many of ``_FIELDS`` are the form's substance (the rest are header and sign-off)."""
_SECTION_OF = {"支出明细预算": "expenses"}
"""Core fields only some templates print, and the part of the template that has them."""


def _funding(d: Declaration) -> bool:
    f = d.funding
    return bool(f.total_last_year or f.total_this_year or any(getattr(s, c) for s in f.sources for c in COLUMNS))


_FIELDS: list[tuple[str, Callable[[Declaration], bool]]] = [
    ("项目名称", lambda d: bool(d.project.name)),
    ("项目属性", lambda d: bool(d.project.attribute)),
    ("主管部门", lambda d: bool(d.project.department)),
    ("项目起止时间", lambda d: bool(d.project.start or d.project.end)),
    ("项目负责人", lambda d: bool(d.project.leader)),
    ("绩效管理联络员", lambda d: bool(d.project.liaison)),
    ("项目类型", lambda d: bool(d.project.types)),
    ("项目概况", lambda d: bool(d.project.overview)),
    ("项目立项依据", lambda d: bool(d.project.basis)),
    ("项目资金申请", _funding),
    ("支出明细预算", lambda d: bool(d.expenses.lines or d.expenses.total_this_year)),
    ("保障措施", lambda d: bool(d.implementation.measures)),
    ("进度计划", lambda d: bool(d.implementation.schedule)),
    ("长期绩效目标", lambda d: bool(d.performance.long_term_goal)),
    ("本年度绩效目标", lambda d: bool(d.performance.annual_goal)),
    ("绩效指标", lambda d: any(i.name or i.value for i in d.performance.indicators)),
    ("年度", lambda d: bool(d.year)),
    ("填报单位", lambda d: bool(d.unit)),
    ("负责人电话", lambda d: bool(d.project.leader_phone)),
    ("联络员电话", lambda d: bool(d.project.liaison_phone)),
    ("其他说明的问题", lambda d: bool(d.sign_off.other_notes)),
    ("财政部门审核意见", lambda d: bool(d.sign_off.finance_opinion)),
    ("单位负责人", lambda d: bool(d.sign_off.unit_head)),
    ("填表人", lambda d: bool(d.sign_off.filled_by)),
    ("填表时间", lambda d: bool(d.sign_off.fill_date)),
]


def _fields(draft: Declaration) -> list[tuple[str, Callable[[Declaration], bool]]]:
    # A template without 支出明细 is not missing it.
    try:
        template = load_template(draft.template)
    except TemplateError:
        return _FIELDS
    return [(name, test) for name, test in _FIELDS if name not in _SECTION_OF or template.has(_SECTION_OF[name])]


def filled_fields(draft: Declaration) -> tuple[list[str], list[str]]:
    """The labels of the fields the draft has a value for, and of those it has none for (its template's fields)."""
    fields = _fields(draft)
    filled = [name for name, test in fields if test(draft)]
    empty = [name for name, test in fields if not test(draft)]
    return filled, empty


def _core(draft: Declaration) -> list[Callable[[Declaration], bool]]:
    core = {name for name, _ in _FIELDS[:CORE_FIELDS]}
    return [test for name, test in _fields(draft) if name in core]


def core_filled(draft: Declaration) -> int:
    """How many of the form's substantive fields are filled."""
    return sum(1 for test in _core(draft) if test(draft))


def mostly_missing(draft: Declaration) -> bool:
    """Whether most of the form's substance is missing (the import may have misread the file)."""
    return core_filled(draft) < len(_core(draft)) // 2


def form_report(
    draft: Declaration, *, heading: str, target: str, notes: list[str], status: str, replaced: str = ""
) -> list[str]:
    """The report lines for one imported form.

    Args:
        draft: the imported draft.
        heading: where the form came from, e.g. “a.txt 第 1–219 行”.
        target: where the draft was (or would be) written.
        notes: resolved deviations from the template.
        status: the checks' summary (``forms.checks.runner.status_text``).
        replaced: where an existing draft of the same name was moved, if one was.
    """
    name = draft.project.name or "（无项目名称）"
    filled, empty = filled_fields(draft)
    p, e = draft.performance, draft.expenses
    counts = (
        f"支出明细 {len(e.lines)} 行，进度计划 {len(draft.implementation.schedule)} 行，"
        f"绩效指标 {sum(1 for i in p.indicators if i.name or i.value)} 条"
    )
    lines = [f"{clean(name)}（{clean(heading)}）", f"  草稿：{clean(target)}", f"  表样：{_template_name(draft)}"]
    if replaced:
        lines.append(f"  原有同名草稿已移到：{clean(replaced)}")
    lines.append(f"  已填 {len(filled)} 项：{'、'.join(filled) or '无'}（{counts}）")
    if empty:
        lines.append(f"  未填 {len(empty)} 项：{'、'.join(empty)}")
    if mostly_missing(draft):
        lines.append(
            f"  ！警告：本表大部分内容没有识别出来（主要栏目只填了 {core_filled(draft)}/{len(_core(draft))} 项），"
            "请对照原文件核对"
        )
    leftovers = draft.imported.leftovers if draft.imported else []
    if leftovers:
        lines.append(f"  未导入的内容 {len(leftovers)} 处（已保留在草稿中，检查时逐条提示）：")
        lines.extend(f"    第 {item.line} 行：{_one_line(item.text)}" for item in leftovers)
    else:
        lines.append("  未导入的内容：无")
    lines.extend(f"  说明：{clean(note)}" for note in notes)
    lines.append(f"  检查：{status}")
    return lines


def _template_name(draft: Declaration) -> str:
    try:
        return f"{load_template(draft.template).name}（{draft.template}）"
    except TemplateError:
        return clean(draft.template)


def _one_line(text: str) -> str:
    return " / ".join(part.strip() for part in clean(text).split("\n") if part.strip())
