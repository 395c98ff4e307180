"""The one parser of 指标值: every value of the example drafts, the conventions of issue 20, hostile text."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from property_settings import examples
from repo_paths import DRAFTS

from forms.model.indicator_value import SIGN_CODES, SIGNS, deadline, parse_indicator_value

# Every distinct 指标值 of the seven example drafts, with its split: (sign, number, unit).
EXAMPLES = {
    "300册": ("＝", "300", "册"),
    "90%": ("＝", "90", "%"),
    "1天": ("＝", "1", "天"),
    "13万元": ("＝", "13", "万元"),
    "1次": ("＝", "1", "次"),
    "1年": ("＝", "1", "年"),
    "12次": ("＝", "12", "次"),
    "4次": ("＝", "4", "次"),
    "100%": ("＝", "100", "%"),
    "每月末": ("定性", None, ""),
    "每季度末": ("定性", None, ""),
    "17.76万元": ("＝", "17.76", "万元"),
    "1个工作日": ("＝", "1", "个工作日"),
    "14个": ("＝", "14", "个"),
    "年底前": ("定性", None, ""),
    "52万元": ("＝", "52", "万元"),
    "≥50%": ("≥", "50", "%"),
    "持续": ("定性", None, ""),
    "25万元": ("＝", "25", "万元"),
    "40名": ("＝", "40", "名"),
    "3个": ("＝", "3", "个"),
    "33个": ("＝", "33", "个"),
    "≥90%": ("≥", "90", "%"),
    "30万元": ("＝", "30", "万元"),
    "100兆": ("＝", "100", "兆"),
    "1.98万元": ("＝", "1.98", "万元"),
}

CONVENTIONS = {
    # explicit comparators, half- and full-width
    "≥ 90 %": ("≥", "90", "%"),
    "＞5": ("＞", "5", ""),
    ">=95%": ("≥", "95", "%"),
    "<=3天": ("≤", "3", "天"),
    "＜0.5%": ("＜", "0.5", "%"),
    "≤52万元": ("≤", "52", "万元"),
    "＝100%": ("＝", "100", "%"),
    "９０％": ("＝", "90", "%"),
    # words
    "不低于95%": ("≥", "95", "%"),
    "不少于 30 个": ("≥", "30", "个"),
    "不高于5%": ("≤", "5", "%"),
    "不超过3个工作日": ("≤", "3", "个工作日"),
    "3个工作日以内": ("≤", "3", "个工作日"),
    "控制在25万元内": ("≤", "25", "万元"),
    "控制在25万元以内": ("≤", "25", "万元"),
    "达到95%": ("＝", "95", "%"),
    "达到90%以上": ("≥", "90", "%"),
    "为100%": ("＝", "100", "%"),
    "90%以上": ("≥", "90", "%"),
    "5%以下": ("≤", "5", "%"),
    "1,000人次": ("＝", "1000", "人次"),
    "100Mbps": ("＝", "100", "Mbps"),
    "2次/年": ("＝", "2", "次/年"),
    # a bare number: ＝ with no unit (the checks ask for one)
    "90": ("＝", "90", ""),
    # no number, or a time: 定性
    "2022年6月底前": ("定性", None, ""),
    "2021年底前": ("定性", None, ""),
    "2022年": ("定性", None, ""),
    "6月底前": ("定性", None, ""),
    "12月31日前": ("定性", None, ""),
    "2021.12": ("定性", None, ""),
    "良好": ("定性", None, ""),
    "三个": ("定性", None, ""),
    # a number inside other words is not guessed at
    "满意度达90%": ("定性", None, ""),
    "提高5%": ("定性", None, ""),
    "-5%": ("定性", None, ""),
    "90%（含）以上": ("定性", None, ""),
    "不低于5%以下": ("定性", None, ""),
}


def _split(text: str) -> tuple[str, str | None, str]:
    parsed = parse_indicator_value(text)
    assert parsed is not None
    return parsed.sign, None if parsed.number is None else str(parsed.number), parsed.unit


def test_every_value_of_the_example_drafts_is_listed_here() -> None:
    values = set()
    for path in DRAFTS.glob("*.toml"):
        for row in tomllib.loads(path.read_text("utf-8"))["performance"]["indicators"]:
            if row["value"].strip():
                values.add(row["value"])
    assert values == set(EXAMPLES)


@pytest.mark.parametrize(("text", "expected"), list(EXAMPLES.items()) + list(CONVENTIONS.items()))
def test_split(text: str, expected: tuple[str, str | None, str]) -> None:
    assert _split(text) == expected


@pytest.mark.parametrize("text", ["1.12次；2.4次", "1.12次；\n\n2.4次", "90-95%", "1次、2次"])
def test_several_numbers_are_qualitative_and_flagged(text: str) -> None:
    parsed = parse_indicator_value(text)
    assert parsed is not None and parsed.sign == "定性" and parsed.several and parsed.number is None


def test_text_is_kept_exactly_as_typed() -> None:
    for text in ("  ≥９０％ ", "年底前\n", "1.12次；2.4次"):
        parsed = parse_indicator_value(text)
        assert parsed is not None and parsed.text == text


def test_explicit_is_set_only_for_a_written_comparator() -> None:
    assert not parse_indicator_value("90%").explicit  # type: ignore[union-attr]
    assert parse_indicator_value("≥90%").explicit  # type: ignore[union-attr]
    assert parse_indicator_value("90%以上").explicit  # type: ignore[union-attr]


def test_time_phrases_are_told_from_durations() -> None:
    assert parse_indicator_value("2022年6月底前").kind == "time"  # type: ignore[union-attr]
    assert parse_indicator_value("1年").kind == "quantity"  # type: ignore[union-attr]
    assert parse_indicator_value("6个月").kind == "quantity"  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u3000"])
def test_empty_is_nothing(text: str) -> None:
    assert parse_indicator_value(text) is None


def test_numbers_are_exact_decimals() -> None:
    parsed = parse_indicator_value("48.588万元")
    assert parsed is not None and parsed.number == Decimal("48.588") and str(parsed.number) == "48.588"


def test_signs_and_codes_are_the_systems() -> None:
    assert SIGNS == ("≥", "＞", "＝", "＜", "≤", "定性")
    assert [SIGN_CODES[s] for s in SIGNS] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    "text",
    ["[bold]90%[/]", "\x1b[31m90%", "\x00\x01", "9" * 100_000 + "个", "≥" * 10_000, "１" * 5000, "\ud800", "NaN%",
     "Infinity", "1e9999", "٣٠%", "²³", "½个", "①个"],
)  # fmt: skip
def test_hostile_text_never_raises(text: str) -> None:
    parsed = parse_indicator_value(text)
    assert parsed is None or parsed.sign in SIGNS


@examples(200)
@given(st.text())
def test_any_text_parses_to_a_sign(text: str) -> None:
    parsed = parse_indicator_value(text)
    if parsed is None:
        assert not text.strip() or not "".join(text.split())
        return
    assert parsed.sign in SIGNS
    assert parsed.text == text
    assert (parsed.number is None) == (parsed.sign == "定性")


@pytest.mark.parametrize(
    ("text", "month"),
    [("2022年6月底前", (2022, 6)), ("2021.12", (2021, 12)), ("2022年", (2022, 12)), ("6月底前", (2021, 6)),
     ("年底前", (2021, 12)), ("年内完成", (2021, 12)), ("上半年", (2021, 6)), ("2022年上半年", (2022, 6)),
     ("12月31日前", (2021, 12)), ("2021-06-30", (2021, 6)), ("2021年3月至2022年6月", (2022, 6)),
     ("每月末", None), ("每季度末", None), ("持续", None), ("1年", None), ("90%", None), ("按时完成", None)],
)  # fmt: skip
def test_a_time_phrase_names_its_latest_month(text: str, month: tuple[int, int] | None) -> None:
    # The 时效 check (forms.checks.yitihua_review) compares this with the project's end; year 2021 is the draft's.
    assert deadline(text, 2021) == month


def test_a_phrase_without_its_year_names_no_month_when_the_draft_has_none() -> None:
    assert deadline("年底前", None) is None and deadline("6月底前", None) is None
    assert deadline("2022年6月底前", None) == (2022, 6)
