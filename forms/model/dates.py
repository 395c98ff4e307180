"""Dates as operators type them: year-months (2021.01, 2021年1月, …), full dates and periods.

Drafts keep dates as typed text; this module reads that text, in the manner of
``forms.model.money``: ``parse_*`` returns the value (``None`` when blank) or raises
``DateError`` with a specific Chinese message, ``*_problem`` returns that message.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

MIN_YEAR = 1950
MAX_YEAR = 2100
"""Budget forms are about the present; a year outside this range is a typo."""

_SPACES = re.compile(r"\s+")
# One pattern per way of writing; a day is optional everywhere so 填表时间 can use the same readers.
_DOTTED = re.compile(r"(?P<y>\d{4})(?P<sep>[./-])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?")
_CHINESE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?")
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})?")
_YEAR_ONLY = re.compile(r"(\d{4})年?")
_YEAR = re.compile(r"[(]?(\d{4})(?:年度?)?[)]?")
# Period separators other than the hyphen, which also separates year and month.
_PERIOD_SEPARATORS = re.compile(r"[—–~]+|至|到")
_MONTH_ONLY = re.compile(r"(\d{1,2})(月?)")


class DateError(ValueError):
    """Text that is not a date; the message is plain Chinese for the operator."""


@dataclass(frozen=True, order=True, slots=True)
class YearMonth:
    """A calendar month; ordered, so periods compare with ``<``."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year}.{self.month:02d}"


def normalize(text: str) -> str:
    """Fold full-width digits and punctuation to ASCII and drop all spaces."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).replace("。", ".")


def _parts(text: str) -> tuple[int, int, int | None] | None:
    s = normalize(text)
    for pattern in (_DOTTED, _CHINESE, _COMPACT):
        match = pattern.fullmatch(s)
        if match is not None:
            day = match.group("d")
            return int(match.group("y")), int(match.group("m")), int(day) if day else None
    return None


def _read(text: str) -> tuple[YearMonth, int | None] | None:
    shown = text.strip()
    if not shown:
        return None
    parts = _parts(text)
    if parts is None:
        if _YEAR_ONLY.fullmatch(normalize(text)):
            raise DateError(f"只写了年份：“{shown}”（请写到月份，如 2021.01）")
        raise DateError(f"不是有效的年月：“{shown}”（请按 2021.01 的格式填写）")
    year, month, day = parts
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"年份 {year} 不合理：“{shown}”")
    if not 1 <= month <= 12:
        raise DateError(f"月份 {month} 不在 1–12 之间：“{shown}”")
    if day is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            raise DateError(f"日期不存在：“{shown}”") from None
    return YearMonth(year, month), day


def parse_month(text: str) -> YearMonth | None:
    """Read a year-month as typed; ``None`` when the text is blank.

    Accepts 2021.01, 2021.1, 2021-01, 2021/01, 2021年1月, 202101 and full-width
    digits; a day (2021.01.15, 2021年1月15日) is checked and then dropped.

    Raises:
        DateError: the text is not a real year-month.
    """
    read = _read(text)
    return None if read is None else read[0]


def parse_date(text: str) -> datetime.date | YearMonth | None:
    """Read 填表时间: a full date when a day is given, else a year-month; ``None`` when blank.

    Raises:
        DateError: the text is not a real date or year-month.
    """
    read = _read(text)
    if read is None:
        return None
    month, day = read
    return month if day is None else datetime.date(month.year, month.month, day)


def month_problem(text: str) -> str | None:
    """The message ``parse_month`` would raise for ``text``, or ``None`` when it is fine."""
    try:
        parse_month(text)
    except DateError as error:
        return str(error)
    return None


def month_or_none(text: str) -> YearMonth | None:
    """The year-month in ``text``, or ``None`` when it is blank or malformed."""
    try:
        return parse_month(text)
    except DateError:
        return None


def parse_year(text: str) -> int | None:
    """Read 年度 (2021, 2021年, 2021年度, （2021 年度）); ``None`` when blank.

    Raises:
        DateError: the text is not a plausible year.
    """
    shown = text.strip()
    if not shown:
        return None
    match = _YEAR.fullmatch(normalize(text))
    if match is None:
        raise DateError(f"不是有效的年度：“{shown}”（请填写四位年份，如 2021）")
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"年度 {year} 不合理：“{shown}”")
    return year


def split_period(text: str) -> tuple[str, str]:
    """Split 项目起止时间 such as “2021.01-2021.12” into start and end text.

    Separators: - — – ~ ～ 至 到 (full-width forms too). An end written without
    its year (“2021年1月至12月”, “2021.01-12”) takes the start's year. Text that
    is not a period comes back whole as the start with a blank end, so an
    importer loses nothing and the checks report the missing end.
    """
    whole = text.strip()
    s = normalize(text)
    if not s:
        return "", ""
    pieces = _PERIOD_SEPARATORS.split(s)
    if len(pieces) == 2 and all(pieces):
        return _complete(pieces[0], pieces[1])
    if len(pieces) == 1:
        # Only hyphens: pick the one hyphen that leaves a date on both sides (2021-01-2021-12).
        for index, char in enumerate(s):
            if char == "-" and _parts(s[:index]) is not None:
                start, end = s[:index], s[index + 1 :]
                if _parts(end) is not None or _MONTH_ONLY.fullmatch(end):
                    return _complete(start, end)
    return whole, ""


def _complete(start: str, end: str) -> tuple[str, str]:
    match = _MONTH_ONLY.fullmatch(end)
    parts = _parts(start)
    if match is not None and parts is not None:
        year = parts[0]
        end = f"{year}年{end}" if match.group(2) else f"{year}.{int(match.group(1)):02d}"
    return start, end
