"""New drafts from old ones: carry a project over to next year, or duplicate it.

Most projects of a budget season are 延续项目 carried over from last year.
``rollover`` makes next year's draft of one: what was applied for this year
becomes 上年度安排, the new 本年度 starts from the same amounts for editing,
every date moves a year, and what belongs to last year's review (财政部门审核意见,
填表时间, import provenance, 定稿) is cleared. Amounts and dates stay text in the
form the operator typed them, so “48.588” stays “48.588” and “2021年1月” becomes
“2022年1月”, not a reformatted “2022.01”.

Both functions are pure: they return a new ``Declaration`` and leave theirs alone.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from forms.model.dates import MAX_YEAR, MIN_YEAR, DateError, parse_date, parse_year
from forms.model.declaration import Declaration
from forms.model.template import DEFAULT_TEMPLATE, TemplateError, load_template

COPY_SUFFIX = "（副本）"
"""Appended to a duplicated draft's project name."""

_DIGIT_RUN = re.compile(r"[0-9０-９]+")
_TO_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# Fields that are amounts or dates rollover has moved, not prose to reread.
_NOT_PROSE = frozenset({"last_year", "this_year", "total_last_year", "total_this_year", "start", "end", "fill_date"})


class RolloverError(ValueError):
    """A draft that cannot be carried over; the message is plain Chinese for the operator."""


def rollover(draft: Declaration) -> Declaration:
    """Next year's draft of a project, as a new 延续项目 草稿.

    Raises:
        RolloverError: the draft's 年度 is blank or not a year, so there is no “next year”.
    """
    new = draft.model_copy(deep=True)
    new.year = next_year_text(draft.year)
    new.state = "draft"
    new.imported = None
    new.review = None  # last year's 退回/通过 is not this year's
    new.project.attribute = continuing_attribute(draft)
    funding, expenses = new.funding, new.expenses
    # Last year's application is what this year's 上年度安排 column reports; the
    # new 本年度 starts from the same text so an unchanged project needs no typing.
    funding.total_last_year = funding.total_this_year
    for row in funding.sources:
        row.last_year = row.this_year
    expenses.total_last_year = expenses.total_this_year
    for line in expenses.lines:
        line.last_year = line.this_year
    new.project.start = shift_years(draft.project.start)
    new.project.end = shift_years(draft.project.end)
    for row in new.implementation.schedule:
        row.start = shift_years(row.start)
        row.end = shift_years(row.end)
    new.sign_off.finance_opinion = ""
    new.sign_off.fill_date = ""
    return new


def duplicate(draft: Declaration, name_suffix: str = COPY_SUFFIX) -> Declaration:
    """A copy of a draft to start a similar project: a 草稿 named “<name>（副本）”.

    The finance bureau's opinion and import provenance belong to the original
    project, so they are not copied.
    """
    new = draft.model_copy(deep=True)
    new.project.name = f"{draft.project.name.rstrip()}{name_suffix}"
    new.state = "draft"
    new.sign_off.finance_opinion = ""
    new.imported = None
    new.review = None
    return new


def next_year(draft: Declaration) -> int:
    """The year a rollover of ``draft`` is for.

    Raises:
        RolloverError: 年度 is blank or not a year.
    """
    return _year_after(draft.year)


def next_year_text(text: str) -> str:
    """年度 as typed, a year later (“2021” → “2022”, “2021年度” → “2022年度”).

    Raises:
        RolloverError: the text is blank or not a year.
    """
    _year_after(text)
    return shift_years(text)


def shift_years(text: str, years: int = 1) -> str:
    """Date text moved by ``years``, in whatever form it was typed.

    Every run of digits that reads as a year (2021), a compact year-month
    (202101) or a compact date (20210115) is shifted; other digits, separators,
    full-width digits and the words around them are kept. A 29 February that
    does not exist in the new year becomes the 28th, so the date stays valid.
    """

    def shift(match: re.Match[str]) -> str:
        run = match.group()
        digits = unicodedata.normalize("NFKC", run)
        if len(digits) not in (4, 6, 8) or not MIN_YEAR <= int(digits[:4]) <= MAX_YEAR:
            return run
        moved = f"{int(digits[:4]) + years}{digits[4:]}"
        return moved.translate(_TO_FULL_WIDTH) if run[0] not in "0123456789" else moved

    shifted = _DIGIT_RUN.sub(shift, text)
    if shifted != text and _is_leap_day(text) and not _is_date(shifted):
        shifted = _last_run_replaced(shifted, "29", "28")
    return shifted


def year_mentions(draft: Declaration, year: int) -> list[str]:
    """Dotted paths of the text fields that still name ``year``, e.g. a goal “2021年底前完成”.

    ``rollover`` moves dates but leaves free text as typed; after carrying a
    project over, these are the places an operator should read again.
    Amounts and the dates ``rollover`` moves are not reported.
    """
    pattern = re.compile(rf"(?<!\d){year}(?!\d)")
    found: list[str] = []

    def walk(value: object, path: str) -> None:
        if isinstance(value, str):
            if path.rsplit(".", 1)[-1] not in _NOT_PROSE and pattern.search(unicodedata.normalize("NFKC", value)):
                found.append(path)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}.{index}")

    walk(draft.model_dump(exclude={"imported", "year", "template", "state"}), "")
    return found


def continuing_attribute(draft: Declaration) -> str:
    """The template's 延续项目 box (the second of 新增/延续, as the checks read it)."""
    try:
        template = draft.form_template()
    except TemplateError:
        template = load_template(DEFAULT_TEMPLATE)
    return next((a for a in template.attributes if "延续" in a), template.attributes[-1])


def _year_after(text: str) -> int:
    try:
        year = parse_year(text)
    except DateError as problem:
        raise RolloverError(f"无法结转：{problem}") from None
    if year is None:
        raise RolloverError("无法结转：年度未填写")
    if year + 1 > MAX_YEAR:
        raise RolloverError(f"无法结转：年度 {year} 已是可填写的最后一年")
    return year + 1


def _is_leap_day(text: str) -> bool:
    try:
        value = parse_date(text)
    except DateError:
        return False
    return isinstance(value, datetime.date) and (value.month, value.day) == (2, 29)


def _is_date(text: str) -> bool:
    try:
        parse_date(text)
    except DateError:
        return False
    return True


def _last_run_replaced(text: str, old: str, new: str) -> str:
    # The day is the last digit run of a date (2024.02.29, 2024年2月29日, 20240229).
    runs = list(_DIGIT_RUN.finditer(text))
    last = runs[-1]
    digits = unicodedata.normalize("NFKC", last.group())
    if not digits.endswith(old):
        return text
    replaced = digits[: -len(old)] + new
    if last.group()[0] not in "0123456789":
        replaced = replaced.translate(_TO_FULL_WIDTH)
    return text[: last.start()] + replaced + text[last.end() :]
