"""Money: amounts in 万元 as exact ``Decimal`` values, parsed from what operators type.

Every amount in a draft is kept as the text the operator typed, so a draft with
a typo still loads and saves unchanged; this module is the one place that turns
such text into a number, or says plainly what is wrong with it.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

MAX_PLACES = 6
"""万元 to six places is one 分: anything finer is a typo, not money."""

_PLAIN = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SPACES = re.compile(r"\s+")
_UNIT = re.compile(r"(万元|万)$")
_WAN_IN_TEXT = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|万|元)")


class AmountError(ValueError):
    """Text that is not an amount; the message is plain Chinese for the operator."""


def normalize(text: str) -> str:
    """Fold full-width digits and punctuation to ASCII and drop all spaces."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def parse_amount(text: str) -> Decimal | None:
    """Read an amount in 万元 as typed; ``None`` when the text is blank.

    Accepts full-width digits, spaces (ideographic too), thousands commas and a
    trailing 万元 or 万.

    Raises:
        AmountError: the text is not a non-negative amount with at most six decimals.
    """
    s = normalize(text)
    if not s:
        return None
    s = _UNIT.sub("", s)
    if s.startswith("-") and _is_number(s[1:]):
        raise AmountError(f"金额不能为负数：“{text.strip()}”")
    if s.endswith("元"):
        raise AmountError(f"金额以万元为单位，请换算后填写：“{text.strip()}”")
    if not _is_number(s):
        raise AmountError(f"不是有效的金额：“{text.strip()}”（请填写数字，如 12.5）")
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the patterns admit only digits
        raise AmountError(f"不是有效的金额：“{text.strip()}”") from None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        raise AmountError(f"金额最多保留 {MAX_PLACES} 位小数（即到分）：“{text.strip()}”")
    return value


def amount_problem(text: str) -> str | None:
    """The message ``parse_amount`` would raise for ``text``, or ``None`` when it is fine."""
    try:
        parse_amount(text)
    except AmountError as error:
        return str(error)
    return None


def amount_or_none(text: str) -> Decimal | None:
    """The amount in ``text``, or ``None`` when it is blank or malformed."""
    try:
        return parse_amount(text)
    except AmountError:
        return None


def format_amount(value: Decimal | None) -> str:
    """Fixed-point text for an amount, keeping its scale; blank for ``None``."""
    if value is None:
        return ""
    if value == 0:
        value = abs(value)
    return format(value, "f")


def display_amount(text: str) -> str:
    """An amount as it should print: normalized when it parses, else exactly as typed."""
    value = amount_or_none(text)
    return text.strip() if value is None else format_amount(value)


def wan_in_text(text: str) -> Decimal | None:
    """The first money figure in free text (e.g. 指标值 “控制在25万元内”), in 万元."""
    match = _WAN_IN_TEXT.search(normalize(text).replace(",", ""))
    if match is None:
        return None
    number = Decimal(match.group(1))
    return number if match.group(2).startswith("万") else number / 10000


def _is_number(s: str) -> bool:
    return bool(_PLAIN.fullmatch(s) or _GROUPED.fullmatch(s))
