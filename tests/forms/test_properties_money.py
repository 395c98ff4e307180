"""Properties of amounts: every text is read exactly or refused with a message, and sums never round or raise.

An accepted amount is finite, non-negative, at most ``MAX_AMOUNT`` with at most
six decimals, and prints back to text that reads as the same amount; text
longer than ``MAX_AMOUNT_CHARS`` is refused whatever it holds. Sums of any
number of accepted amounts are exact (compared with integer arithmetic in
millionths), and tidying or formatting them never raises.
"""

from __future__ import annotations

from decimal import Decimal

from draft_strategies import AMOUNTISH, AMOUNTS, EDGE_AMOUNTS, VALID_AMOUNTS
from hypothesis import example, given
from hypothesis import strategies as st
from property_settings import examples

from forms.model.money import (
    MAX_AMOUNT,
    MAX_AMOUNT_CHARS,
    MAX_PLACES,
    AmountError,
    amount_or_none,
    amount_problem,
    display_amount,
    format_amount,
    parse_amount,
    wan_in_text,
)
from forms.model.totals import column_sum


def _known_amount_failures(test):  # type: ignore[no-untyped-def]
    for text in reversed(EDGE_AMOUNTS):
        test = example(text)(test)
    return test


@examples(400)
@given(st.one_of(st.text(), AMOUNTISH, AMOUNTS))
@example("1" + "0" * 28)  # issue 17: accepted, then crashed every sum it reached
@example("9" * 10_000)
@_known_amount_failures
def test_amount_parsing_accepts_exactly_or_explains(text: str) -> None:
    try:
        value = parse_amount(text)
    except AmountError as error:
        assert str(error) and len(str(error)) < 150
        assert amount_problem(text) == str(error)
        assert display_amount(text) == text.strip(), "kept as typed"
    else:
        assert amount_problem(text) is None
        assert len(text.strip()) <= MAX_AMOUNT_CHARS
        if value is not None:
            assert value.is_finite() and 0 <= value <= MAX_AMOUNT
            assert -value.as_tuple().exponent <= MAX_PLACES  # type: ignore[operator]
            assert parse_amount(format_amount(value)) == value
            assert str(parse_amount(display_amount(text))) == str(value)


@examples(200)
@given(st.lists(VALID_AMOUNTS, max_size=200), st.lists(st.sampled_from(EDGE_AMOUNTS), max_size=20))
@example([], ["9" * 28] * 20)  # issue 17: a sum of 28-digit values overflowed the default context
@example(["999999999999.999999"] * 200, ["1" + "0" * 28])
def test_sums_are_exact_and_skip_what_is_not_an_amount(valid: list[str], edge: list[str]) -> None:
    texts = valid + edge
    millionths = sum(int(Decimal(v).scaleb(MAX_PLACES)) for v in (amount_or_none(t) for t in texts) if v is not None)
    total = column_sum(texts)
    assert total == Decimal(millionths).scaleb(-MAX_PLACES)
    assert "E" not in format_amount(total) and not format_amount(total).endswith(".0")


@examples(200)
@given(st.one_of(AMOUNTS, st.text()), st.sampled_from(["万元", "万", "元", " 万元内"]), st.text(max_size=10))
@example("9" * 10_000, "万元", "")
@example("1" + "0" * 28, "元", "控制在")
def test_money_in_free_text_is_a_bounded_figure_or_refused(figure: str, unit: str, before: str) -> None:
    try:
        value = wan_in_text(before + figure + unit)
    except AmountError as error:
        assert str(error) and len(str(error)) < 150
    else:
        assert value is None or (value.is_finite() and 0 <= value <= MAX_AMOUNT)
