"""Reading dates as operators type them."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from property_settings import examples

from forms.model.dates import (
    DateError,
    YearMonth,
    month_or_none,
    month_problem,
    parse_date,
    parse_month,
    parse_year,
    split_period,
)


@pytest.mark.parametrize(
    "text",
    ["2021.01", "2021.1", "2021-01", "2021/01", "2021年1月", "2021年01月", "２０２１．０１", " 2021.01　", "202101",
     "2021 年 1 月", "2021。01"],
)  # fmt: skip
def test_month_spellings(text: str) -> None:
    assert parse_month(text) == YearMonth(2021, 1)


def test_october_is_not_january() -> None:
    assert parse_month("2021.10") == YearMonth(2021, 10)
    assert parse_month("2021.1") == YearMonth(2021, 1)


@pytest.mark.parametrize("text", ["", "   ", "\u3000"])
def test_blank_is_none(text: str) -> None:
    assert parse_month(text) is None
    assert parse_date(text) is None
    assert month_problem(text) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2021.13", "月份 13 不在 1–12 之间"),
        ("2021.0", "月份 0 不在 1–12 之间"),
        ("2021", "只写了年份"),
        ("2021年", "只写了年份"),
        ("1921.01", "年份 1921 不合理"),
        ("2021.02.30", "日期不存在"),
        ("一月", "不是有效的年月：“一月”"),
        ("2021.01.01.01", "不是有效的年月"),
        ("21.01", "不是有效的年月"),
    ],
)
def test_malformed_months_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(DateError, match=fragment):
        parse_month(text)
    assert fragment in (month_problem(text) or "")
    assert month_or_none(text) is None


def test_a_day_is_checked_then_dropped_for_months() -> None:
    assert parse_month("2021.01.15") == YearMonth(2021, 1)
    assert parse_month("2021年3月5日") == YearMonth(2021, 3)


@pytest.mark.parametrize("text", ["2021.03.05", "2021-3-5", "2021/03/05", "2021年3月5日", "2021年3月5号", "20210305"])
def test_fill_date_spellings(text: str) -> None:
    assert parse_date(text) == datetime.date(2021, 3, 5)


def test_fill_date_may_stop_at_the_month() -> None:
    assert parse_date("2021年3月") == YearMonth(2021, 3)


def test_mixed_separators_are_not_a_date() -> None:
    with pytest.raises(DateError):
        parse_date("2021.03-05")


def test_year_months_are_ordered() -> None:
    assert YearMonth(2020, 12) < YearMonth(2021, 1) < YearMonth(2021, 2)
    assert str(YearMonth(2021, 3)) == "2021.03"


@pytest.mark.parametrize("text", ["2021", "2021年", "2021年度", "（2021 年度）", "２０２１"])
def test_year_spellings(text: str) -> None:
    assert parse_year(text) == 2021


def test_year_blank_and_malformed() -> None:
    assert parse_year("") is None
    with pytest.raises(DateError, match="不是有效的年度"):
        parse_year("21年")
    with pytest.raises(DateError, match="年度 3021 不合理"):
        parse_year("3021")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021.01-2021.12", ("2021.01", "2021.12")),
        ("2021.01—2021.12", ("2021.01", "2021.12")),
        ("2021.01——2021.12", ("2021.01", "2021.12")),
        ("2021.01–2021.12", ("2021.01", "2021.12")),
        ("2021.01至2021.12", ("2021.01", "2021.12")),
        ("2021.01到2021.12", ("2021.01", "2021.12")),
        ("2021.01~2021.12", ("2021.01", "2021.12")),
        ("2021.01～2021.12", ("2021.01", "2021.12")),
        ("2021.01 － 2021.12　", ("2021.01", "2021.12")),
        ("2021-01-2021-12", ("2021-01", "2021-12")),
        ("2021-01-15-2021-03-20", ("2021-01-15", "2021-03-20")),
        ("2021年1月至2021年12月", ("2021年1月", "2021年12月")),
        ("2021年1月至12月", ("2021年1月", "2021年12月")),
        ("2021.01-12", ("2021.01", "2021.12")),
    ],
)
def test_split_period(text: str, expected: tuple[str, str]) -> None:
    assert split_period(text) == expected


@pytest.mark.parametrize(("text", "start"), [("2021.01", "2021.01"), ("全年", "全年"), ("a-b", "a-b"), ("", "")])
def test_text_that_is_not_a_period_is_kept_whole(text: str, start: str) -> None:
    assert split_period(text) == (start, "")


@examples(100)
@given(st.text(max_size=30))
def test_readers_never_fail_otherwise(text: str) -> None:
    # Whatever is typed, the answer is a value, None or a DateError with a message.
    for reader in (parse_month, parse_date, parse_year):
        try:
            reader(text)
        except DateError as problem:
            assert str(problem)
    start, end = split_period(text)
    assert isinstance(start, str) and isinstance(end, str)
