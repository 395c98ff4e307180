"""Carrying a project over to next year, and duplicating a draft: numbers, dates, what is cleared."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from property_settings import examples
from repo_paths import DRAFTS

from forms.checks.runner import check, errors
from forms.model.dates import YearMonth, parse_month, parse_year
from forms.model.declaration import Declaration, Imported, ScheduleRow
from forms.model.totals import expense_sum, funding_sum
from forms.store.drafts import draft_paths, dumps, load_draft
from forms.workflows.rollover import (
    RolloverError,
    continuing_attribute,
    duplicate,
    next_year,
    next_year_text,
    rollover,
    shift_years,
    year_mentions,
)

EXAMPLES = DRAFTS


def example(name: str) -> Declaration:
    return load_draft(EXAMPLES / f"{name}.toml")


@pytest.fixture
def software() -> Declaration:
    """行政审批服务局软硬件运维费, as last year's finance bureau sent it back."""
    draft = example("行政审批服务局软硬件运维费")
    draft.state = "final"
    draft.sign_off.finance_opinion = "同意"
    draft.sign_off.fill_date = "2021年1月15日"
    return draft


def test_software_maintenance_rolls_over_with_last_years_application_as_its_prior_year(software: Declaration) -> None:
    new = rollover(software)
    assert new.year == "2022"
    assert new.project.attribute == "延续项目"
    district = new.funding.sources[3]
    assert (district.source, district.last_year, district.this_year) == ("区级资金", "48.588", "48.588")
    assert (new.funding.total_last_year, new.funding.total_this_year) == ("48.588", "48.588")
    assert (new.expenses.total_last_year, new.expenses.total_this_year) == ("48.588", "48.588")
    cloud = next(line for line in new.expenses.lines if line.item == "移动云视讯费用")
    assert (cloud.last_year, cloud.this_year) == ("7.608", "7.608")
    assert (new.project.start, new.project.end) == ("2022.01", "2022.12")
    assert [(r.task, r.start, r.end) for r in new.implementation.schedule] == [
        ("政务平台软件维护", "2022.01", "2022.12")
    ]


def test_rollover_clears_last_years_review_and_keeps_the_rest(software: Declaration) -> None:
    new = rollover(software)
    assert new.sign_off.finance_opinion == "" and new.sign_off.fill_date == ""
    assert new.state == "draft"
    assert new.imported is None
    assert new.performance == software.performance  # indicators kept, the cost value too
    cost = next(i for i in new.performance.indicators if i.level2 == "成本指标")
    assert cost.value == "1.98万元"
    assert (new.unit, new.project.name, new.project.leader) == (software.unit, software.project.name, "胡敏")
    assert new.sign_off.other_notes == "无"
    assert [line.basis for line in new.expenses.lines] == [line.basis for line in software.expenses.lines]


def test_rollover_leaves_the_original_untouched(software: Declaration) -> None:
    before = dumps(software)
    rollover(software)
    duplicate(software)
    assert dumps(software) == before


@pytest.mark.parametrize("path", draft_paths(EXAMPLES), ids=lambda p: p.stem)
def test_every_example_rolls_over_to_a_2022_draft_without_errors(path: Path) -> None:
    old = load_draft(path)
    new = rollover(old)
    assert new.year == "2022" and new.project.attribute == "延续项目"
    assert [r.last_year for r in new.funding.sources] == [r.this_year for r in old.funding.sources]
    assert [r.this_year for r in new.funding.sources] == [r.this_year for r in old.funding.sources]
    assert [x.last_year for x in new.expenses.lines] == [x.this_year for x in old.expenses.lines]
    assert funding_sum(new, "last_year") == funding_sum(old, "this_year")
    assert expense_sum(new, "last_year") == expense_sum(old, "this_year")
    assert parse_month(new.project.start) == YearMonth(2022, 1)
    assert parse_month(new.project.end) == YearMonth(2022, 12)
    assert errors(check(new)) == []


def test_a_new_project_becomes_a_continuing_one_with_its_budget_as_prior_year() -> None:
    new = rollover(example("网络安全等级测评及设备"))
    assert new.project.attribute == "延续项目"
    assert new.funding.sources[3].last_year == "30"
    assert funding_sum(new, "last_year") == Decimal(30)
    assert not any(f.path == "project.attribute" for f in check(new))


def test_amounts_are_copied_as_typed_not_reformatted() -> None:
    draft = example("电子政务外网线路租赁")
    draft.funding.sources[3].this_year = "　２５ 万元"
    draft.funding.total_this_year = "25.0"
    draft.expenses.lines[0].this_year = "1,008"
    draft.expenses.lines[1].this_year = "bad"  # a typo is carried as typed, for the checks to report
    new = rollover(draft)
    assert new.funding.sources[3].last_year == "　２５ 万元"
    assert new.funding.total_last_year == "25.0"
    assert [line.last_year for line in new.expenses.lines] == ["1,008", "bad"]


def test_rolling_over_twice_moves_two_years() -> None:
    twice = rollover(rollover(example("政务大厅运行经费")))
    assert (twice.year, twice.project.start, twice.funding.total_last_year) == ("2023", "2023.01", "52")


def test_dates_move_in_the_form_they_were_typed() -> None:
    draft = example("政务大厅租金")
    draft.year = "2021年度"
    draft.project.start, draft.project.end = "2021年1月", "2021年12月"
    draft.implementation.schedule = [
        ScheduleRow(task="签约", start="２０２１．０３", end="202106"),
        ScheduleRow(task="付款", start="2021-07", end="2021年1月至12月"),
    ]
    new = rollover(draft)
    assert new.year == "2022年度"
    assert (new.project.start, new.project.end) == ("2022年1月", "2022年12月")
    rows = [(r.start, r.end) for r in new.implementation.schedule]
    assert rows == [("２０２２．０３", "202206"), ("2022-07", "2022年1月至12月")]


@pytest.mark.parametrize(
    ("typed", "moved"),
    [
        ("2021.01", "2022.01"),
        ("2021.1", "2022.1"),
        ("2021年1月", "2022年1月"),
        ("2021/12", "2022/12"),
        ("20210115", "20220115"),
        ("2021.01-2021.12", "2022.01-2022.12"),
        ("2024.02.29", "2025.02.28"),
        ("2024年2月29日", "2025年2月28日"),
        ("2023.02.28", "2024.02.28"),
        ("", ""),
        ("全年", "全年"),
        ("第3季度", "第3季度"),
        ("12345", "12345"),
    ],
)
def test_shift_years(typed: str, moved: str) -> None:
    assert shift_years(typed) == moved


@examples(100)
@given(
    st.integers(1950, 2098), st.integers(1, 12), st.sampled_from(["{y}.{m:02d}", "{y}年{m}月", "{y}-{m}", "{y}{m:02d}"])
)
def test_a_shifted_month_reads_as_the_same_month_a_year_later(year: int, month: int, form: str) -> None:
    assert parse_month(shift_years(form.format(y=year, m=month))) == YearMonth(year + 1, month)


@examples(100)
@given(st.dates(datetime.date(1950, 1, 1), datetime.date(2098, 12, 31)))
def test_a_shifted_full_date_is_always_a_real_date(day: datetime.date) -> None:
    moved = shift_years(f"{day.year}.{day.month:02d}.{day.day:02d}")
    assert parse_month(moved) == YearMonth(day.year + 1, day.month)


@pytest.mark.parametrize(
    ("typed", "moved"), [("2021", "2022"), ("2021年", "2022年"), ("（2021 年度）", "（2022 年度）")]
)
def test_year_text_keeps_its_form(typed: str, moved: str) -> None:
    assert next_year_text(typed) == moved
    assert parse_year(moved) == parse_year(typed) + 1


@pytest.mark.parametrize(("year", "message"), [("", "年度未填写"), ("明年", "不是有效的年度"), ("2100", "最后一年")])
def test_a_draft_without_a_readable_year_cannot_roll_over(year: str, message: str) -> None:
    draft = example("政务大厅租金")
    draft.year = year
    with pytest.raises(RolloverError, match=message):
        rollover(draft)
    with pytest.raises(RolloverError, match="无法结转"):
        next_year(draft)


def test_year_mentions_point_at_prose_that_still_names_last_year() -> None:
    draft = example("优化营商环境经费")
    draft.performance.annual_goal = "2021年底前完成测评"
    draft.performance.indicators[2].value = "2021年12月前"
    draft.funding.sources[3].this_year = "2021"  # an amount, not a year
    new = rollover(draft)
    assert year_mentions(new, 2021) == ["performance.annual_goal", "performance.indicators.2.value"]
    assert year_mentions(rollover(example("优化营商环境经费")), 2021) == []


def test_continuing_attribute_comes_from_the_template() -> None:
    assert continuing_attribute(example("政务大厅租金")) == "延续项目"


def test_duplicate_starts_a_similar_project() -> None:
    original = example("政务大厅租金")
    original.state = "final"
    original.sign_off.finance_opinion = "同意"
    original.imported = Imported(source="x.txt")
    copy = duplicate(original)
    assert copy.project.name == "政务大厅租金（副本）"
    assert (copy.state, copy.sign_off.finance_opinion, copy.imported) == ("draft", "", None)
    assert copy.funding == original.funding and copy.performance == original.performance
    assert copy.year == original.year
    assert duplicate(original, name_suffix="-二期").project.name == "政务大厅租金-二期"
