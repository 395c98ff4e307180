"""The one reading of a typed 指标值: comparator, number and unit, as the 一体化 system stores them.

The draft keeps the value as typed; this split is derived, by the checks (is the
target quantified?) and by the indicator sheet (计算符号, 指标值, 计量单位 columns).
Conventions (issue 20, so that the checks and the exports agree):

- an explicit comparator is kept: ``≥90%`` → ≥ 90 %;
- words map to one: 不低于/不少于 → ≥, 不高于/不超过/以内/控制在…内 → ≤, 达到/为 → ＝;
- a bare number is ＝: ``90%`` → ＝ 90 %, ``52万元`` → ＝ 52 万元, ``1个工作日`` → ＝ 1 个工作日;
- no number, or a time phrase (年底前, 每月末, 2022年6月底前) → 定性 with the text kept;
- several numbers (``1.12次；2.4次``, ``90-95%``) → 定性, flagged so a check can suggest one row per number;
- a number inside other words (``满意度达90%``, ``提高5%``) → 定性: no split is guessed.

``parse_indicator_value`` never raises, whatever the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

Sign = Literal["≥", "＞", "＝", "＜", "≤", "定性"]
SIGNS: tuple[Sign, ...] = ("≥", "＞", "＝", "＜", "≤", "定性")
"""计算符号 as the 一体化 system writes them (full-width ＞＝＜; ≥ and ≤ have no full-width form)."""
SIGN_CODES: dict[Sign, int] = {sign: n for n, sign in enumerate(SIGNS, start=1)}
"""The system's code of each 计算符号 (1 ≥ … 6 定性)."""

Kind = Literal["quantity", "time", "several", "words", "text"]
"""How the value was read: a split number (quantity); a deadline or date (time); several numbers;
one number inside other words; no number at all (text)."""

_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
# Prefix words and signs, longest first so 不低于 wins over 低于.
_PREFIXES: dict[str, Sign] = {
    ">=": "≥", "≥": "≥", "≧": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥", "大于等于": "≥", "大于或等于": "≥",
    "至少": "≥", "<=": "≤", "≤": "≤", "≦": "≤", "不高于": "≤", "不超过": "≤", "不多于": "≤", "不大于": "≤",
    "小于等于": "≤", "小于或等于": "≤", "最多": "≤", "控制在": "≤", ">": "＞", "大于": "＞", "高于": "＞",
    "超过": "＞", "<": "＜", "小于": "＜", "低于": "＜", "=": "＝", "达到": "＝", "达": "＝", "为": "＝", "等于": "＝",
}  # fmt: skip
_SUFFIXES: dict[str, Sign] = {
    "及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤", "之内": "≤", "内": "≤",
}  # fmt: skip
_PREFIX = re.compile("|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True)))
_SUFFIX = re.compile("(?:" + "|".join(re.escape(s) for s in sorted(_SUFFIXES, key=len, reverse=True)) + ")$")
# A unit: signs, Latin letters or Chinese words, with / or · between (次/年, 人·次); no digit, no sentence.
_UNIT = re.compile(r"[%‰℃°A-Za-zΩμ\u4e00-\u9fff/·²³]{0,12}")
# Words that make a number a point in time rather than an amount: 6月底前, 2021年末, 10日前.
_TIME_WORD = re.compile(r"[底末初前]|之前|以前|月份")
_DATE_PART = re.compile(r"\d+(?:年|月|日|号)")
_DOTTED_DATE = re.compile(r"(\d{4})[./-](\d{1,2})(?:[./-]\d{1,2})?(?:[底末初前]|之前|以前)*")
_YEAR = 1900
"""A number this large followed by 年 is a year (2022年), not a duration (1年)."""


@dataclass(frozen=True)
class IndicatorValue:
    """A typed 指标值 split as the 一体化 system stores it."""

    sign: Sign
    """计算符号: ≥ ＞ ＝ ＜ ≤, or 定性."""
    number: Decimal | None
    """指标值 as a number; ``None`` for 定性."""
    unit: str
    """计量单位 (folded to half-width: ％ → %); blank for 定性 and for a bare number."""
    text: str
    """The value exactly as typed (指标值说明)."""
    kind: Kind
    """How it was read (see ``Kind``)."""
    explicit: bool = False
    """The comparator was written (a sign or a word), not implied by a bare number."""

    @property
    def quantified(self) -> bool:
        """A number with a comparator (``sign`` is not 定性)."""
        return self.number is not None

    @property
    def several(self) -> bool:
        """Several numbers in one value: one row per number is what the system expects."""
        return self.kind == "several"


def normalize(text: str) -> str:
    """Text as parsed: full-width folded to half-width (NFKC), spaces and line breaks removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def parse_indicator_value(text: str) -> IndicatorValue | None:
    """The split of a typed 指标值; ``None`` when it is blank. Never raises."""
    s = normalize(text)
    if not s:
        return None
    numbers = list(_NUMBER.finditer(s))
    if not numbers:
        return _qualitative(text, "text")
    if _is_time(s, numbers):
        return _qualitative(text, "time")
    if len(numbers) > 1:
        return _qualitative(text, "several")
    match = numbers[0]
    before, after = s[: match.start()], s[match.end() :]
    sign, explicit = _prefix_sign(before)
    suffix = _SUFFIX.search(after)
    unit = after[: suffix.start()] if suffix else after
    if sign is None or not _UNIT.fullmatch(unit) or _TIME_WORD.search(unit):
        return _qualitative(text, "words")
    if suffix:
        implied = _SUFFIXES[suffix.group()]
        # 达到90%以上 is ≥: the suffix says more than 达到/为; a real contradiction (不低于…以下) is not split.
        if explicit and sign not in (implied, "＝") and before not in ("控制在",):
            return _qualitative(text, "words")
        sign, explicit = (implied if not explicit or sign == "＝" else sign), True
    number = _decimal(match.group())
    if number is None:
        return _qualitative(text, "words")
    return IndicatorValue(sign, number, unit, text, "quantity", explicit)


def _qualitative(text: str, kind: Kind) -> IndicatorValue:
    return IndicatorValue("定性", None, "", text, kind)


def _prefix_sign(before: str) -> tuple[Sign | None, bool]:
    """The comparator written before the number: (sign, explicit); ``(None, False)`` for other words."""
    if not before:
        return "＝", False
    found = _PREFIX.fullmatch(before)
    return (_PREFIXES[found.group()], True) if found else (None, False)


def _is_time(s: str, numbers: list[re.Match[str]]) -> bool:
    """A date or deadline: 2022年, 2022年6月底前, 6月底前, 12月31日前, 2021.12.31."""
    first = numbers[0]
    after = s[first.end() :]
    if after.startswith("年") and _decimal(first.group()) is not None and Decimal(first.group()) >= _YEAR:
        return True
    if len(numbers) > 1 and all(_DATE_PART.match(s, m.start()) for m in numbers):
        return "月" in s
    dotted = _DOTTED_DATE.fullmatch(s)
    if dotted and _YEAR <= int(dotted.group(1)) < 2200 and 1 <= int(dotted.group(2)) <= 12:
        return True
    return bool(re.match(r"月(?:[底末初前]|份)", after))


def _decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None


# A time phrase's month: 2022年6月, 2022.6, 6月 (the draft's year), a year's end (2022年底, 年底前, 年内), a half year.
_YEAR_MONTH = re.compile(r"(\d{4})(?:年|[./-])(\d{1,2})(?!\d)")
_YEAR_ONLY = re.compile(r"(\d{4})年(上半年|下半年)?")
_MONTH_ONLY = re.compile(r"(?<![\d./-])(\d{1,2})月")
_YEAR_END = re.compile(r"年[底末内终]|年度内|本年|全年|下半年")
_HALF = re.compile(r"上半年")


def deadline(text: str, year: int | None) -> tuple[int, int] | None:
    """The latest month a time phrase points at, as (year, month); ``None`` when it names none.

    ``2022年6月底前`` → (2022, 6); ``2021.12`` → (2021, 12); ``2022年`` → (2022, 12);
    with ``year`` 2021: ``6月底前`` → (2021, 6), ``年底前``/``年内`` → (2021, 12), ``上半年`` → (2021, 6).
    A recurring phrase (每月末, 每季度末) or one without a date (持续) names none. Never raises.
    """
    s = normalize(text)
    if s.startswith("每") or not s:
        return None
    found: list[tuple[int, int]] = []
    for match in _YEAR_MONTH.finditer(s):
        month = int(match.group(2))
        if 1 <= month <= 12 and _YEAR <= int(match.group(1)) < 2200:
            found.append((int(match.group(1)), month))
    for match in _YEAR_ONLY.finditer(s):
        if _YEAR <= int(match.group(1)) < 2200 and not _YEAR_MONTH.match(s, match.start()):
            found.append((int(match.group(1)), 6 if match.group(2) == "上半年" else 12))
    if year is not None:
        bare = s if not found else _YEAR_ONLY.sub("", _YEAR_MONTH.sub("", s))
        found += [(year, int(m.group(1))) for m in _MONTH_ONLY.finditer(bare) if 1 <= int(m.group(1)) <= 12]
        if not found and _YEAR_END.search(s):
            found.append((year, 12))
        elif not found and _HALF.search(s):
            found.append((year, 6))
    return max(found) if found else None
