"""Amount parsing and formatting: exact decimals from whatever operators type."""

from decimal import Decimal

import pytest

from forms.model.money import AmountError, amount_problem, display_amount, format_amount, parse_amount, wan_in_text
from forms.model.totals import column_sum


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25", Decimal("25")),
        ("48.588", Decimal("48.588")),
        ("２５．５", Decimal("25.5")),
        ("\u300025\u3000", Decimal("25")),
        ("25万元", Decimal("25")),
        ("25 万", Decimal("25")),
        ("1,234.5", Decimal("1234.5")),
        ("１，２３４", Decimal("1234")),
        ("0", Decimal("0")),
        (".5", Decimal("0.5")),
        ("0.000001", Decimal("0.000001")),
    ],
)
def test_accepts_what_operators_type(text: str, expected: Decimal) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\u3000"])
def test_blank_is_no_amount(text: str) -> None:
    assert parse_amount(text) is None
    assert amount_problem(text) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("12..5", "不是有效的金额"),
        ("1e3", "不是有效的金额"),
        ("NaN", "不是有效的金额"),
        ("Infinity", "不是有效的金额"),
        ("二十五", "不是有效的金额"),
        ("1,23", "不是有效的金额"),
        ("-5", "不能为负数"),
        ("1.1234567", "6 位小数"),
        ("5000元", "万元为单位"),
    ],
)
def test_rejects_with_a_specific_message(text: str, fragment: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    assert fragment in str(caught.value)
    assert text.strip() in str(caught.value)
    assert amount_problem(text) == str(caught.value)


def test_sums_are_exact() -> None:
    assert column_sum(["0.1", "0.2"]) == Decimal("0.3")
    assert format_amount(column_sum(["0.1", "0.2"])) == "0.3"
    assert column_sum(["1.98", "16", "6", "5", "6", "6", "7.608"]) == Decimal("48.588")


def test_sums_drop_trailing_zeros_without_exponents() -> None:
    assert (
        format_amount(column_sum(["15", "3.6", "1.7", "6", "2.5", "1.8", "10", "3", "3", "1", "2.64", "2.2", "4.36"]))
        == "56.8"
    )
    assert format_amount(column_sum(["2.0", "50.00"])) == "52"
    assert format_amount(column_sum(["100", "900"])) == "1000"


def test_sum_skips_blank_and_malformed() -> None:
    assert column_sum(["", "12..5", "3"]) == Decimal("3")


def test_formatting_keeps_scale_and_never_uses_exponents() -> None:
    assert format_amount(Decimal("2.0")) == "2.0"
    assert format_amount(Decimal("1E+3")) == "1000"
    assert format_amount(Decimal("-0")) == "0"
    assert format_amount(None) == ""


def test_display_normalizes_valid_and_keeps_malformed() -> None:
    assert display_amount("　２５万元") == "25"
    assert display_amount("12..5") == "12..5"


def test_money_in_free_text() -> None:
    assert wan_in_text("控制在25万元内") == Decimal("25")
    assert wan_in_text("1.98万元") == Decimal("1.98")
    assert wan_in_text("5000元") == Decimal("0.5")
    assert wan_in_text("年底前") is None
