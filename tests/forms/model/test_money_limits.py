"""The ceiling on amounts, and every place that adds, compares, scales or prints them.

An amount longer than ``MAX_AMOUNT_CHARS`` or above ``MAX_AMOUNT`` (1 万亿万元)
is a malformed amount like any typo: kept as typed, flagged under its field and
left out of every sum. Whatever is accepted adds up exactly in ``MONEY``; no
input reaches a traceback through the checks, the exports, the summary, the
chart, the suggestions, the index, rollover or the command line.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from pathlib import Path

import pytest
from checks_support import at, clean

from forms.checks.limits import MAX_TABLE_ROWS
from forms.checks.runner import check, errors
from forms.model.declaration import ExpenseLine, Indicator
from forms.model.money import (
    MAX_AMOUNT,
    MAX_AMOUNT_CHARS,
    AmountError,
    amount_problem,
    display_amount,
    format_amount,
    money_sum,
    parse_amount,
    tidy,
    wan_in_text,
)
from forms.model.totals import budget_total, column_sum
from forms.render.chart import bar_cells, bar_chart
from forms.render.formats import render
from forms.render.summary import render_csv, render_markdown, render_text
from forms.store.drafts import load_draft, save_draft
from forms.store.index import scan
from forms.workflows.rollover import rollover
from forms.workflows.suggestions import cost_value
from forms.workflows.summary import summarize
from tui.cli import main

DIGITS_29 = "1" + "0" * 28
"""The amount issue 17 found: with 合计 blank, quantizing the budget total trapped."""
DIGITS_28 = "9" * 28
LARGEST = "999999999999.999999"
"""Every digit an accepted amount can have: 13 integer places and 6 decimals, just under the ceiling."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1000000000000", MAX_AMOUNT),
        ("1,000,000,000,000.000000 万元", Decimal("1000000000000.000000")),
        (LARGEST, Decimal(LARGEST)),
        ("0.000001", Decimal("0.000001")),
        ("１２．１２３４５６", Decimal("12.123456")),
        ("0000000000000000000000000000000000000001", Decimal(1)),  # 40 characters, leading zeros
        ("0.000000", Decimal("0.000000")),
    ],
)
def test_accepted_exactly_up_to_the_ceiling(text: str, expected: Decimal) -> None:
    value = parse_amount(text)
    assert value == expected and str(value) == str(expected)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (DIGITS_29, "金额过大"),
        (DIGITS_28, "金额过大"),
        ("1000000000000.000001", "金额过大"),
        ("1,000,000,000,001", "金额过大"),
        ("1" * 41, "金额过长（41 个字符"),
        ("9" * 10_000, "金额过长（10000 个字符"),
        ("0." + "0" * 9_998, "金额过长"),
        (" 1" * 30, "金额过长"),
        ("1e3", "不是有效的金额"),
        ("1E+30", "不是有效的金额"),
        ("１ｅ５", "不是有效的金额"),
        ("9" * 20 + "e-20", "不是有效的金额"),
        ("Infinity", "不是有效的金额"),
        ("sNaN", "不是有效的金额"),
        ("-0", "不能为负数"),
        ("-0.0", "不能为负数"),
        ("－０", "不能为负数"),
        ("0.0000001", "6 位小数"),
        ("1.0000000", "6 位小数"),
    ],
)
def test_refused_with_a_message_never_raising_anything_else(text: str, fragment: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    message = str(caught.value)
    assert fragment in message and amount_problem(text) == message
    assert len(message) < 120, "a message quotes enough to find the amount, not all of it"
    assert display_amount(text) == text.strip(), "kept as typed"


def test_a_long_text_is_refused_by_its_length_before_any_decimal_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_decimals(*args: object) -> None:
        raise AssertionError("a Decimal was built")

    monkeypatch.setattr("forms.model.money.Decimal", no_decimals)
    assert "过长" in (amount_problem("1" * (MAX_AMOUNT_CHARS + 1)) or "")
    assert "过长" in (amount_problem("9" * 10_000) or "")


def test_sums_of_the_largest_amounts_are_exact_in_any_number() -> None:
    many = [LARGEST] * 10_000
    total = column_sum(many)
    assert total == Decimal(LARGEST) * 10_000 == Decimal("9999999999999999.99")
    assert format_amount(total) == "9999999999999999.99"
    assert column_sum([LARGEST, "0.000001"]) == MAX_AMOUNT and str(column_sum([LARGEST, "0.000001"])) == "1000000000000"


def test_the_money_context_adds_what_the_default_one_would_round_or_trap_on() -> None:
    # 28-digit values are refused by the parser; were one to slip past it, the
    # shared context still adds and trims them exactly (the default 28 digits do not).
    values = [Decimal(DIGITS_28)] * 1000
    total = money_sum(values)
    assert total == Decimal(DIGITS_28) * 1000 and tidy(total) == total
    assert tidy(Decimal(DIGITS_29)) == Decimal(DIGITS_29)
    with pytest.raises(decimal.InvalidOperation):
        Decimal(DIGITS_29).quantize(Decimal(1))  # what crashed: the thread's default context
    assert str(tidy(Decimal("56.80"))) == "56.8" and str(tidy(Decimal("1E+3"))) == "1000"


def test_money_in_free_text_beyond_the_ceiling_is_refused_with_a_message() -> None:
    with pytest.raises(AmountError, match="过长"):
        wan_in_text("控制在" + "9" * 10_000 + "万元内")
    with pytest.raises(AmountError, match="过大"):
        wan_in_text(DIGITS_29 + "万元")
    assert wan_in_text("12345678.9元") == Decimal("1234.56789")
    # A run of digits with no unit after it is no figure, found in one pass: this took 32 s for
    # 10,000 digits when the pattern backtracked into the run from every position.
    assert wan_in_text("9" * 100_000 + "x") is None and wan_in_text("1." * 50_000) is None
    assert wan_in_text("1.5.5万元") == Decimal("5.5") and wan_in_text("12.万元") is None
    assert wan_in_text(LARGEST + "万元") == Decimal(LARGEST)


def broken(amount: str = DIGITS_29):
    """The draft of the issue: one funding row far too large, its 合计 left blank, a 成本指标 to check."""
    draft = clean()
    draft.funding.total_this_year = ""
    draft.funding.sources[3].this_year = amount
    return draft


def test_the_draft_of_the_issue_is_checked_like_any_typo() -> None:
    draft = broken()
    findings = check(draft)
    (flag,) = at(findings, "funding.sources.3.this_year")
    assert flag.severity == "error" and "金额过大" in flag.message and DIGITS_29 in flag.message
    assert budget_total(draft) is None, "left out of every sum"
    assert not at(findings, "funding.total_this_year"), "its column's sums are not compared"
    assert cost_value(draft) is None
    for fmt in ("text", "md"):
        assert DIGITS_29 in render(draft, fmt).replace("\n", "").replace("│", "").replace(" ", "")


def test_a_sum_of_many_28_digit_lines_is_flagged_line_by_line() -> None:
    draft = clean()
    draft.expenses.lines = [ExpenseLine(item=f"行{i}", this_year=DIGITS_28) for i in range(500)]
    found = errors(check(draft))
    assert len([f for f in found if "金额过大" in f.message]) == 500
    assert column_sum(line.this_year for line in draft.expenses.lines) == 0


def test_many_lines_at_the_ceiling_are_summed_and_compared_exactly() -> None:
    draft = clean()
    draft.funding.total_this_year = draft.funding.sources[3].this_year = "25"
    # As many lines as a table may hold (forms.checks.limits): the sum needs 18 integer digits, and stays exact.
    draft.expenses.lines = [ExpenseLine(item=f"行{i}", last_year="8", this_year=LARGEST) for i in range(MAX_TABLE_ROWS)]
    messages = [f.message for f in at(check(draft), "expenses.total_this_year")]
    assert any("499999999999999.9995" in m for m in messages), messages


def test_cost_figure_beyond_the_ceiling_is_a_warning_not_a_crash() -> None:
    draft = clean()
    draft.performance.indicators[3].value = "控制在" + "9" * 5_000 + "万元内"
    # (and the 一体化 column-size error: 5,000 digits do not fit the system's 指标值)
    (warning,) = [f for f in at(check(draft), "performance.indicators.3.value") if f.severity == "warning"]
    assert "无法核对" in warning.message and "过长" in warning.message and len(warning.message) < 200


def test_summary_chart_and_index_carry_the_draft_and_its_finding(tmp_path: Path) -> None:
    good, bad = clean(), broken()
    huge = clean()
    huge.project.name = "最大"
    huge.funding.total_this_year = huge.funding.sources[3].this_year = LARGEST
    summary = summarize([(Path("a.toml"), good), (Path("b.toml"), bad), (Path("c.toml"), huge)])
    assert summary.total == Decimal(LARGEST) + 25 and summary.unreadable_amounts == 1
    assert "1000000000024.999999" in render_text(summary) + render_markdown(summary) + render_csv(summary)
    assert bar_chart(summary) and bar_cells(Decimal("0.000001"), Decimal(LARGEST) * 10**6, 40) == 1
    save_draft(bad, tmp_path / "b.toml")
    (entry,) = scan(tmp_path)
    assert entry.total == "" and any("金额过大" in f.message for f in entry.findings)


def test_rollover_keeps_the_typed_amount_as_last_year() -> None:
    rolled = rollover(broken())
    assert rolled.funding.sources[3].last_year == DIGITS_29
    assert any("金额过大" in f.message for f in check(rolled))


def test_every_command_reads_the_folder_past_the_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    save_draft(clean(), folder / "good.toml")
    save_draft(broken(), folder / "bad.toml")
    lines = clean()
    lines.expenses.lines += [ExpenseLine(item="大", this_year=DIGITS_28) for _ in range(50)]
    lines.performance.indicators.append(
        Indicator(level1="产出指标", level2="成本指标", name="x", value="9" * 999 + "万元")
    )
    save_draft(lines, folder / "lines.toml")  # 50 amounts too large, and a 指标值 too long for the 一体化 column
    base = ["--drafts", str(folder)]
    assert main([*base, "list"]) == 1  # drafts with errors: 1, as the README says
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "✓" in rows["good.toml"] and "1 个错误" in rows["bad.toml"] and "51 个错误" in rows["lines.toml"]
    assert main([*base, "validate", str(folder)]) == 1
    assert "金额过大" in capsys.readouterr().out
    assert main([*base, "summary"]) == 0
    assert "1 处金额无法识别" in capsys.readouterr().out
    target = tmp_path / "out.txt"
    assert main([*base, "export", "--force", "-o", str(target), str(folder / "bad.toml")]) == 0
    assert DIGITS_29[:12] in target.read_text("utf-8")
    assert load_draft(folder / "bad.toml").funding.sources[3].this_year == DIGITS_29, "nothing rewritten"
