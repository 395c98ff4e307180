"""Validation of a declaration: every finding a finance-bureau reviewer would raise, in form order.

``check(draft)`` never raises: a draft holds whatever the operator typed, and
judging that text is this module's job. Errors are things that are wrong (sums
that do not add up, required fields left empty, malformed dates); warnings are
things a reviewer would query (a 成本指标 that is not the budget, an
unquantified 指标值). The money table and indicator rules live in
``forms.checks.money`` and ``forms.checks.indicators``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel

from forms.checks.findings import Finding, Severity, error, errors, label, quote, status_text, warning, warnings
from forms.checks.indicators import indicator_findings
from forms.checks.limits import limit_findings
from forms.checks.money import money_findings, prior_year_findings
from forms.checks.weights import weight_findings
from forms.model.dates import DateError, YearMonth, parse_date, parse_month, parse_year
from forms.model.declaration import Declaration
from forms.model.money import normalize
from forms.model.template import DEFAULT_TEMPLATE, Template, TemplateError, load_template

__all__ = ["Finding", "Severity", "check", "errors", "phone_problem", "status_text", "warnings"]

_PHONE_JUNK = re.compile(r"[\s\-—()（）]+")
_PHONE_SPLIT = re.compile(r"[/,，、;；]+")
# Local 7–8 digits, area code 0xx(x) + local, or an 11-digit mobile (optionally +86).
_PHONE = re.compile(r"[2-9]\d{6,7}|0\d{2,3}[2-9]\d{6,7}|(?:\+?86)?1\d{10}")


def check(draft: Declaration) -> list[Finding]:
    """Every finding for ``draft``, sorted into the order of the form's fields; never raises.

    A table past the row limit (``forms.checks.limits``) is the only finding then: quick, and what must be fixed first.
    """
    over = limit_findings(draft)
    if over:
        return over
    try:
        template, known = draft.form_template(), True
    except TemplateError as problem:
        template, known = load_template(DEFAULT_TEMPLATE), False
        found = [error("template", str(problem))]
    else:
        found = []
    found += _header(draft, template)
    found += _project(draft, template, known_template=known)
    found += money_findings(draft, template, known_template=known)
    if known:
        found += prior_year_findings(draft, template)
    found += _schedule(draft, template)
    if "annual_goal" in template.goals and not draft.performance.annual_goal.strip():
        found.append(error("performance.annual_goal", f"{label(template, 'annual_goal')}未填写"))
    found += indicator_findings(draft, template, known_template=known)
    found += weight_findings(draft, template)
    found += _date_field(draft.sign_off.fill_date, "sign_off.fill_date", label(template, "fill_date"), day=True)[1]
    if draft.imported is not None:
        for index, leftover in enumerate(draft.imported.leftovers):
            where = f"第 {leftover.line} 行" if leftover.line else "某处"
            # Longer quotes than elsewhere: the reviewer must be able to judge the text from the message.
            message = f"导入时{where}的内容未能归入任何栏目：{quote(leftover.text, 200)}"
            found.append(warning(f"imported.leftovers.{index}", message))
    return sorted(found, key=lambda f: _path_key(f.path))


def phone_problem(text: str) -> str | None:
    """Why ``text`` is not a plausible phone number (or several), ``None`` when it is or is blank."""
    numbers = [n for n in _PHONE_SPLIT.split(_PHONE_JUNK.sub("", normalize(text))) if n]
    if all(_PHONE.fullmatch(n) for n in numbers):
        return None
    return f"联系电话{quote(text)}不像是电话号码（应为 7–8 位本地号码、带区号的号码或 11 位手机号）"


def _header(draft: Declaration, template: Template) -> list[Finding]:
    found: list[Finding] = []
    name = label(template, "year")
    try:
        if parse_year(draft.year) is None:
            found.append(error("year", f"{name}未填写"))
    except DateError as problem:
        found.append(error("year", f"{name}：{problem}"))
    if not draft.unit.strip():
        found.append(warning("unit", f"{label(template, 'unit')}未填写"))
    return found


def _project(draft: Declaration, template: Template, *, known_template: bool) -> list[Finding]:
    p = draft.project
    found: list[Finding] = []
    for key, path in (("name", "name"), ("attribute", "attribute"), ("leader", "leader")):
        if not getattr(p, path).strip():
            found.append(error(f"project.{path}", f"{label(template, key)}未填写"))
    if known_template and p.attribute.strip() and p.attribute.strip() not in template.attributes:
        known = "、".join(template.attributes)
        message = f"{label(template, 'attribute')}{quote(p.attribute)}不是可选项（{known}）"
        found.append(error("project.attribute", message))
    if not p.department.strip():
        found.append(warning("project.department", f"{label(template, 'department')}未填写"))
    found += _period(draft, template)
    for path, who in (("leader_phone", "leader"), ("liaison_phone", "liaison")):
        problem = phone_problem(getattr(p, path))
        if problem is not None:
            found.append(warning(f"project.{path}", f"{label(template, who)}的{problem}"))
    if known_template:
        found += _types(p.types, template)
    return found


def _period(draft: Declaration, template: Template) -> list[Finding]:
    period = label(template, "period")
    start, found = _date_field(draft.project.start, "project.start", f"{period}（开始）", required=True)
    end, more = _date_field(draft.project.end, "project.end", f"{period}（结束）", required=True)
    found += more
    if start is not None and end is not None:
        if start > end:
            found.append(error("project.start", f"{period}开始 {start} 晚于结束 {end}"))
        year = _year(draft)
        if year is not None and (end < YearMonth(year, 1) or start > YearMonth(year, 12)):
            message = f"{period} {start}–{end} 不在{label(template, 'year')} {year} 之内"
            found.append(warning("project.start", message))
    return found


def _types(ticked: list[str], template: Template) -> list[Finding]:
    found: list[Finding] = []
    name = label(template, "project_type")
    classes: list[str] = []
    for index, box in enumerate(ticked):
        cls = template.class_of(box.strip())
        if cls is None:
            found.append(error(f"project.types.{index}", f"{name}{quote(box)}不是本表样的选项"))
            continue
        if cls.name not in classes:
            classes.append(cls.name)
        if box.strip() != cls.name and cls.name not in (t.strip() for t in ticked):
            message = f"{name}勾选了“{box.strip()}”，但未勾选其所属的“{cls.name}”"
            found.append(warning(f"project.types.{index}", message))
    if len(classes) > 1:
        found.append(warning("project.types", f"{name}勾选了多个类别：{'、'.join(classes)}（通常只选一类）"))
    if not ticked:
        found.append(warning("project.types", f"{name}未勾选"))
    return found


def _schedule(draft: Declaration, template: Template) -> list[Finding]:
    found: list[Finding] = []
    schedule = label(template, "schedule")
    project_start, project_end = _month_or_none(draft.project.start), _month_or_none(draft.project.end)
    year = _year(draft)
    for index, row in enumerate(draft.implementation.schedule):
        if not (row.task.strip() or row.start.strip() or row.end.strip()):
            continue
        path = f"implementation.schedule.{index}"
        heading = f"{schedule}{quote(row.task) if row.task.strip() else f'第 {index + 1} 行'}"
        start, bad = _date_field(row.start, f"{path}.start", f"{heading}{label(template, 'start')}")
        end, more = _date_field(row.end, f"{path}.end", f"{heading}{label(template, 'end')}")
        found += bad + more
        if not row.task.strip():
            found.append(warning(f"{path}.task", f"{heading}未填写{label(template, 'task')}"))
        if start is not None and end is not None and start > end:
            found.append(error(f"{path}.start", f"{heading}开始 {start} 晚于结束 {end}"))
        for value, field in ((start, "start"), (end, "end")):
            if value is None:
                continue
            what = f"{heading}{label(template, field)} {value}"
            if project_start is not None and project_end is not None and not project_start <= value <= project_end:
                period = f"{label(template, 'period')} {project_start}–{project_end}"
                found.append(error(f"{path}.{field}", f"{what} 超出{period}"))
            elif template.period_may_cross_year and project_start is not None and project_end is not None:
                continue  # inside a period that may run into the next year: its months are the project's
            elif year is not None and value.year != year:
                found.append(warning(f"{path}.{field}", f"{what} 不在{label(template, 'year')} {year} 内"))
    return found


def _date_field(
    text: str, path: str, name: str, *, required: bool = False, day: bool = False
) -> tuple[YearMonth | None, list[Finding]]:
    """Read a date field; the month (``None`` when blank or bad) and the findings about it."""
    try:
        value = parse_date(text) if day else parse_month(text)
    except DateError as problem:
        return None, [error(path, f"{name}：{problem}")]
    if value is None:
        return None, [error(path, f"{name}未填写")] if required else []
    return (value if isinstance(value, YearMonth) else YearMonth(value.year, value.month)), []


def _month_or_none(text: str) -> YearMonth | None:
    try:
        return parse_month(text)
    except DateError:
        return None


def _year(draft: Declaration) -> int | None:
    try:
        return parse_year(draft.year)
    except DateError:
        return None


@cache
def _path_key(path: str) -> tuple[int, ...]:
    """Position of a dotted path in the form: field order of the model, then row number."""
    key: list[int] = []
    model: Any = Declaration
    for part in path.split(".") if path else []:
        if part.isdigit():
            key.append(int(part))
            continue
        fields = list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []
        key.append(fields.index(part) if part in fields else len(fields))
        annotation = model.model_fields[part].annotation if part in fields else None
        model = _inner_model(annotation)
    return tuple(key) if key else (len(Declaration.model_fields),)


def _inner_model(annotation: Any) -> Any:
    """The model class inside ``Foo``, ``list[Foo]`` or ``Foo | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    return None
