"""The indicator library: the shipped file's entries, search, a unit's own file, proposals, last year's values."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from property_settings import examples

from forms.model.declaration import ExpenseLine, Indicator, new_declaration
from forms.model.indicator_value import SIGNS
from forms.model.template import load_template
from forms.workflows.library import (
    LIBRARY_FILE,
    STANDARDS,
    UNIT_LIBRARY,
    USED_KIND,
    Library,
    LibraryError,
    build_library,
    entry,
    parse_library,
    shipped_library,
)
from forms.workflows.proposal import compare_last_year, entry_row, fill_row, merge_rows, propose
from forms.workflows.suggestions import IndicatorHelp

TEMPLATE = load_template("district-2021")
SHIPPED = Library(*shipped_library())
"""The shipped library, built once for the properties."""
KINDS = (
    "信息化运维",
    "网络线路租赁",
    "房屋租赁与物业",
    "会议与培训",
    "设备购置",
    "人员补助与考核",
    "宣传印刷",
    "政务服务运行",
)
ONE = '[[kinds]]\nkind = "k"\nindicators = [{ level1 = "产出指标", level2 = "数量指标", %s }]\n'
"""A unit library of one indicator with the fields given."""


def test_the_shipped_file_has_every_field_legal_values_no_duplicates_and_at_least_150() -> None:
    data = tomllib.loads(LIBRARY_FILE.read_text(encoding="utf-8"))
    rows = [(group["kind"], item) for group in data["kinds"] for item in group["indicators"]]
    assert len(rows) >= 150
    assert set(KINDS) <= {group["kind"] for group in data["kinds"]}
    taxonomy = {category: group.name for group in TEMPLATE.indicator_groups for category in group.categories}
    keys = set()
    for kind, item in rows:
        assert set(item) == {"level1", "level2", "name", "sign", "value", "unit", "explanation", "standard", "keywords"}
        assert taxonomy[item["level2"]] == item["level1"], (kind, item["name"])
        assert item["sign"] in SIGNS and item["standard"] in STANDARDS
        assert item["name"].strip() and item["explanation"].strip() and item["keywords"]
        assert item["value"] or item["level2"] == "成本指标", item["name"]  # a blank value: the budget total
        assert (item["sign"] == "定性") == (item["unit"] == ""), item["name"]
        assert (item["level2"], item["name"]) not in keys, item["name"]
        keys.add((item["level2"], item["name"]))
    assert len(shipped_library()[0]) == len(rows)


def test_search_filters_by_name_or_keyword_within_a_level2_best_first() -> None:
    library = Library(shipped_library()[0], shipped_library()[1])
    satisfaction = library.search("", "服务对象满意度")
    assert satisfaction and all(e.level2 == "服务对象满意度" for e in satisfaction)
    names = [e.name for e in library.search("满意", "服务对象满意度")]
    assert names and all("满意" in n for n in names)
    # A keyword finds an indicator whose name lacks it; a name starting with the text ranks first.
    assert "政务外网覆盖率" in [e.name for e in library.search("全覆盖", None)]
    assert library.search("故障", None)[0].name.startswith("故障")
    assert {e.name for e in library.search("线路 修复", None)} == {"线路故障修复时间"}
    assert library.search("zzz", None) == [] and library.search("满意", "没有这个二级") == []
    assert len(library.search("", None)) == len(library)


@pytest.mark.parametrize("template", ["district-2021", "2022-cost", "city-benji", "subtotals"])
def test_every_shipped_usual_value_passes_our_own_value_check(template: str) -> None:
    # A proposal must not fill in what the checks then flag (a blank value is filled from the budget).
    from forms.checks.indicators import value_problem

    form = load_template(template)
    flagged = [
        (e.name, e.typed_value)
        for e in SHIPPED.search("", None)
        if e.value and value_problem(e.typed_value, form) is not None
    ]
    assert flagged == []


def test_value_as_typed_in_a_one_column_form() -> None:
    assert entry("k", "产出指标", "质量指标", "a", "≥", "95", unit="%").typed_value == "≥95%"
    assert entry("k", "产出指标", "数量指标", "b", "＝", "12", unit="个").typed_value == "12个"
    assert entry("k", "产出指标", "时效指标", "c", "定性", "年底前").typed_value == "年底前"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format = 1\nkinds = = [\n", "第 2 行"),
        ("[[kinds]]\nindicators = []\n", "缺少 kind"),
        (ONE % 'name = "x", sign = ">"', "计算符号"),
        (ONE % 'sign = "≥"', "缺少 name"),
        (ONE % 'name = "x", sign = "≥", colour = 1', "colour"),
        (ONE % 'name = "x", sign = "≥", standard = "好"', "绩效标准"),
    ],
)
def test_a_broken_unit_library_says_what_and_where(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / UNIT_LIBRARY).write_text(text, encoding="utf-8")
    with pytest.raises(LibraryError, match=message) as raised:
        build_library(TEMPLATE, tmp_path)
    assert UNIT_LIBRARY in str(raised.value)
    with pytest.raises(LibraryError):
        parse_library(text, UNIT_LIBRARY)


def test_the_units_own_file_and_every_indicator_its_drafts_used_join_the_library(tmp_path: Path) -> None:
    (tmp_path / UNIT_LIBRARY).write_text(
        '[[kinds]]\nkind = "本单位"\nindicators = [{ level1 = "产出指标", level2 = "数量指标", '
        'name = "巡查河道公里数", sign = "≥", value = "120", unit = "公里", keywords = ["河道"] }]\n',
        encoding="utf-8",
    )
    used = new_declaration(year="2021")
    used.performance.indicators[0].name, used.performance.indicators[0].value = "进驻窗口单位", "14个"
    used.performance.indicators[1].name, used.performance.indicators[1].value = "窗口差错率", "不高于1%"
    library = build_library(TEMPLATE, tmp_path, IndicatorHelp([used, used]))
    first = library.search("", "数量指标")
    assert first[0].name == "巡查河道公里数" and first[0].typed_value == "≥120公里"
    # A used name the shipped file has keeps the shipped explanation and comes before the rest.
    assert first[1].name == "进驻窗口单位" and first[1].explanation
    mine = library.search("窗口差错", "质量指标")[0]
    assert (mine.kind, mine.typed_value, mine.level1) == (USED_KIND, "≤1%", "产出指标")
    assert "用过2次" in mine.keywords


def proposal_draft() -> object:
    draft = new_declaration(year="2022")
    draft.project.name = "行政审批服务局软硬件运维费"
    draft.project.overview = "保障政务服务平台、门户网站和机房设备正常运行。"
    draft.expenses.lines = [ExpenseLine(item="政务平台软件服务费"), ExpenseLine(item="12345平台维护")]
    draft.funding.total_this_year = "48.588"
    return draft


def test_a_proposal_matches_the_projects_words_and_covers_every_level2() -> None:
    draft = proposal_draft()
    library = Library(*shipped_library())
    proposed = propose(draft, library, TEMPLATE)
    assert {e.level2 for e in proposed} == {c for g in TEMPLATE.indicator_groups for c in g.categories}
    assert sum(e.kind == "信息化运维" for e in proposed) >= 8
    cost = entry_row(next(e for e in proposed if e.level2 == "成本指标"), TEMPLATE, draft)
    assert (cost.name, cost.value) == ("运维费用控制在预算内", "≤48.588万元")
    # Nothing the draft already has is proposed again.
    draft.performance.indicators[0].name = "运维业务系统数量"
    assert "运维业务系统数量" not in [e.name for e in propose(draft, library, TEMPLATE)]


def test_merging_fills_untyped_rows_adds_the_rest_and_never_touches_typed_ones() -> None:
    rows = new_declaration().performance.indicators
    rows[0].name = "我写的"
    rows[1].value = "98%"  # a value typed without a name is typed too
    proposed = [
        Indicator(level1="产出指标", level2="数量指标", name="a", value="1个"),
        Indicator(level1="产出指标", level2="质量指标", name="b", value="100%"),
        Indicator(level1="产出指标", level2="时效指标", name="c", value="年底前"),
        Indicator(level1="产出指标", level2="时效指标", name="d", value="≤2小时"),
    ]
    filled, added = merge_rows(rows, proposed)
    assert (filled, added) == (1, 3)
    assert [(r.level2, r.name, r.value) for r in rows[:6]] == [
        ("数量指标", "我写的", ""),
        ("数量指标", "a", "1个"),
        ("质量指标", "", "98%"),
        ("质量指标", "b", "100%"),
        ("时效指标", "c", "年底前"),
        ("时效指标", "d", "≤2小时"),
    ]


def test_a_template_with_unit_and_note_columns_gets_them_filled() -> None:
    wide = TEMPLATE.model_copy(update={"indicator_columns": ("value", "unit", "standard", "note")})
    row = entry_row(shipped_library()[0][6], wide)  # 系统正常运行率 ≥ 99 %
    assert (row.name, row.value, row.unit, row.standard) == ("系统正常运行率", "≥99", "%", "行业标准")
    assert row.note and "故障停机" in row.note


@pytest.mark.parametrize(
    ("now", "before", "shown"),
    [
        ("90%", "90%", "90%="),
        ("≥90%", "≥95%", "≥95%↓"),
        ("≥98%", "≥95%", "≥95%"),
        ("≤30万元", "≤25万元", "≤25万元↓"),
        ("12个", "14个", "14个↓"),
        ("年底前", "年底前", "年底前="),
        ("90%", "90次", "90次"),
        ("", "14个", "14个"),
        ("14个", "", ""),
    ],
)
def test_last_years_value_is_compared_with_this_years(now: str, before: str, shown: str) -> None:
    assert compare_last_year(now, before) == shown


def test_last_years_draft_is_the_same_project_a_year_earlier() -> None:
    last = new_declaration(year="2021年度")
    last.project.name = "政务大厅租金"
    last.performance.indicators[0].name, last.performance.indicators[0].value = "进驻窗口单位", "14个"
    other = new_declaration(year="2021")
    other.project.name = "别的项目"
    help = IndicatorHelp([last, other])
    this = new_declaration(year="2022")
    this.project.name = " 政务大厅租金 "
    assert help.previous(this) == {"进驻窗口单位": "14个"}
    this.year = "2023"
    assert help.previous(this) is None
    this.year = "不是年份"
    assert help.previous(this) is None


def test_picking_onto_a_row_with_a_typed_value_keeps_it_and_says_so() -> None:
    picked = Indicator(level1="产出指标", level2="质量指标", name="系统正常运行率", value="≥99", unit="%")
    row = Indicator(level1="产出指标", level2="质量指标", name="旧名", value="≥98", unit="%")
    assert fill_row(row, picked) == "≥98"
    assert (row.name, row.value, row.unit) == ("系统正常运行率", "≥98", "%")
    empty = Indicator(level1="产出指标", level2="数量指标")
    assert fill_row(empty, picked) is None
    assert (empty.level2, empty.name, empty.value, empty.unit) == ("质量指标", "系统正常运行率", "≥99", "%")


@given(st.text(max_size=12), st.sampled_from([None, "数量指标", "服务对象满意度", ""]))
@examples(100)
@example("线路 修复", None)
@example(" ", "数量指标")
@example("[bold]", None)
def test_search_returns_exactly_the_entries_holding_every_word(typed: str, level2: str | None) -> None:
    library = SHIPPED
    found = library.search(typed, level2)
    words = typed.casefold().split()
    pool = library.search("", level2)
    assert sorted(map(id, found)) == sorted(id(e) for e in pool if all(w in e.haystack for w in words))
    starts = [e for e in found if e.name.casefold().startswith(typed.strip().casefold())]
    assert found[: len(starts)] == starts  # names starting with the text come first


TYPED = st.lists(st.tuples(st.integers(0, 8), st.text(max_size=6), st.text(max_size=4)), max_size=6)
"""(skeleton row, 三级 name, 指标值) typed into a new draft."""


@given(st.text(max_size=20), st.text(max_size=20), TYPED)
@examples(100)
@example("政务大厅租金", "物业 保洁", [(0, "", "3个"), (8, "满意度", "")])
def test_a_proposal_never_changes_a_typed_row(name: str, item: str, typed: list[tuple[int, str, str]]) -> None:
    draft = new_declaration(year="2022")
    draft.project.name = name
    draft.expenses.lines = [ExpenseLine(item=item)]
    for row, text, value in typed:
        draft.performance.indicators[row].name, draft.performance.indicators[row].value = text, value
    before = [(r.level2, r.name, r.value) for r in draft.performance.indicators if r.name.strip() or r.value.strip()]
    proposed = [entry_row(e, TEMPLATE, draft) for e in propose(draft, SHIPPED, TEMPLATE)]
    filled, added = merge_rows(draft.performance.indicators, proposed)
    after = [(r.level2, r.name, r.value) for r in draft.performance.indicators]
    assert all(row in after for row in before)
    assert filled + added == len(proposed) and len(after) == 9 + added
