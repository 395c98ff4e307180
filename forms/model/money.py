"""Money: amounts in 万元 as exact ``Decimal`` values, parsed from what operators type.

Every amount in a draft is kept as the text the operator typed, so a draft with
a typo still loads and saves unchanged; this module is the one place that turns
such text into a number, or says plainly what is wrong with it, and the one
place that adds amounts up (``money_sum``, ``tidy``, the ``MONEY`` context).

What an amount may be is bounded (``MAX_AMOUNT_CHARS``, ``MAX_AMOUNT``,
``MAX_PLACES``) so that no sum, comparison or rendering of accepted amounts can
round, overflow or trap: see ``MONEY``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Context, Decimal, InvalidOperation

MAX_PLACES = 6
"""万元 to six places is one 分: anything finer is a typo, not money."""
MAX_AMOUNT = Decimal(10) ** 12
"""1 万亿万元: far above any project's budget, so a larger figure is a slip of the keyboard."""
MAX_AMOUNT_CHARS = 40
"""Longest text read as an amount (``1,000,000,000,000.000000 万元`` is 27); longer text is refused unread."""
MONEY = Context(prec=60)
"""The context every sum, quantize and scaling of amounts runs in.

An accepted amount has at most 13 integer digits and 6 decimals (19 digits), so
a sum of N of them has at most 19 + log10(N) digits: exact in 60 digits for any
N below 10**41, far past any draft or folder. The default context's 28 digits
would round (silently) a sum of 28-digit values and trap on quantizing one.
"""
_QUOTE_CHARS = 20

_PLAIN = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SPACES = re.compile(r"\s+")
_UNIT = re.compile(r"(万元|万)$")
# Only from the start of a run of digits, and never backtracking into one: linear on a page of digits.
_WAN_IN_TEXT = re.compile(r"(?<!\d)(\d++(?:\.\d++)?)\s*+(万元|万|元)")


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
        AmountError: the text is not a non-negative amount with at most six
            decimals and at most ``MAX_AMOUNT``; text longer than
            ``MAX_AMOUNT_CHARS`` is refused before it is read at all.
    """
    typed = text.strip()
    if len(typed) > MAX_AMOUNT_CHARS:
        raise AmountError(f"金额过长（{len(typed)} 个字符，最多 {MAX_AMOUNT_CHARS} 个）：“{_quote(typed)}”")
    s = normalize(typed)
    if not s:
        return None
    s = _UNIT.sub("", s)
    if s.startswith("-") and _is_number(s[1:]):
        raise AmountError(f"金额不能为负数：“{typed}”")
    if s.endswith("元"):
        raise AmountError(f"金额以万元为单位，请换算后填写：“{typed}”")
    if not _is_number(s):
        raise AmountError(f"不是有效的金额：“{typed}”（请填写数字，如 12.5）")
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the patterns admit only digits
        raise AmountError(f"不是有效的金额：“{typed}”") from None
    return _bounded(value, typed)


def _bounded(value: Decimal, typed: str) -> Decimal:
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        raise AmountError(f"金额最多保留 {MAX_PLACES} 位小数（即到分）：“{typed}”")
    if value > MAX_AMOUNT:
        raise AmountError(f"金额过大（超过 1 万亿万元），请检查是否多输入了数字：“{typed}”")
    return value


def _quote(typed: str) -> str:
    # Too long to be an amount: the message quotes enough to find it, not a page of digits.
    return typed if len(typed) <= _QUOTE_CHARS else typed[:_QUOTE_CHARS] + "…"


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


def stored_amount(text: str) -> Decimal | None:
    """An amount as ``format_amount`` wrote it into an index or cache, read back exactly; ``None`` when blank or odd.

    Not for typed text (``parse_amount`` is): this trusts the fixed-point form, as a bureau's thousands need.
    """
    try:
        return Decimal(text) if text.strip() else None
    except ArithmeticError:
        return None


def money_sum(values: Iterable[Decimal | None]) -> Decimal:
    """The exact sum of amounts (``None`` counts as nothing), in the ``MONEY`` context."""
    total = Decimal(0)
    for value in values:
        if value is not None:
            total = MONEY.add(total, value)
    return total


def tidy(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never with an exponent (``3.80`` → ``3.8``, ``1E+3`` → ``1000``).

    A computed sum shown as 56.80 beside a declared 56.8 reads like a mismatch to an operator.
    """
    if value == value.to_integral_value(context=MONEY):
        return MONEY.quantize(value, Decimal(1))
    return MONEY.normalize(value)


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
    """The first money figure in free text (e.g. 指标值 “控制在25万元内”), in 万元; ``None`` when there is none.

    Raises:
        AmountError: the figure is longer or larger than any amount may be.
    """
    match = _WAN_IN_TEXT.search(normalize(text).replace(",", ""))
    if match is None:
        return None
    figure = match.group(1)
    if len(figure) > MAX_AMOUNT_CHARS:
        raise AmountError(f"金额过长（{len(figure)} 位数字，最多 {MAX_AMOUNT_CHARS} 位）：“{_quote(figure)}”")
    number = Decimal(figure)
    if not match.group(2).startswith("万"):
        number = MONEY.divide(number, 10000)  # 元 → 万元, exact: at most 40 digits in a 60-digit context
    if number > MAX_AMOUNT:
        raise AmountError(f"金额过大（超过 1 万亿万元）：“{match.group(0)}”")
    return number


def _is_number(s: str) -> bool:
    return bool(_PLAIN.fullmatch(s) or _GROUPED.fullmatch(s))
