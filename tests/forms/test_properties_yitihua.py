"""The 一体化 round trip over generated indicator sets: export (xlsx, JSON, CSV), read back, the same indicators.

Indicators are drawn on district-2021 and on a two-sided, weighted shape of it
(the format-2 fields a province's template uses), with names and values from
hostile text, the 指标值 forms the parser knows, and random characters. JSON
carries any text; the .xlsx and CSV carry text as every export cleans it
(``office_text``: controls shown as ␛, bidi and zero-width characters dropped),
so they are drawn from text that cleaning leaves alone. What is compared is
``arranged`` (the draft's own order with the skeleton), as importing lays rows
out. Every failure found becomes an ``@example`` here.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from property_settings import examples

from forms.importing.yitihua import read_indicator_bytes
from forms.model.declaration import Declaration, Indicator
from forms.model.indicator_value import parse_indicator_value
from forms.model.template import Template, load_template
from forms.render.form_layout import office_text
from forms.render.yitihua import render_yitihua_csv, render_yitihua_json
from forms.render.yitihua_xlsx import render_yitihua_xlsx
from forms.workflows.indicator_import import arranged, compare

DISTRICT = load_template()
TWO_SIDED = DISTRICT.model_copy(
    update={"sides": ("总体", "年度"), "indicator_columns": ("value", "unit", "note", "weight"), "weight_total": "100"}
)
VALUES = [
    "≥90%", "90%", "不低于95%", "52万元", "≤52.5万元", "1个工作日", "100兆", "年底前", "2022年6月底前", "每月末",
    "1.12次；2.4次", "90-95%", "良好", "有所提升", "控制在50万元以内", "=1+1", "-5", "'=x", "@cmd", "+3",
]  # fmt: skip
HOSTILE = [
    "[bold]x[/]", "\x1b[31m", "\x1b]0;x\x07", "\u202e", "\u200b", "\ufeff", "\x00", "\r\n", "\n", "\t", "\x85",
    "\u2028", '"', "'", ",", "，", "|", "\\", "一级指标：产出指标", "二级：x", "*", "_", " ", "　", "\U0001f600",
]  # fmt: skip
"""Text that has broken terminals, CSV quoting, the grid's heading rows or a parser somewhere
(``draft_strategies.HOSTILE`` in spirit; that module builds whole drafts, which this property does not need)."""
_ANY = st.characters(exclude_categories=("Cs",))


def texts(clean: bool) -> st.SearchStrategy[str]:
    """Field text: random characters or hostile pieces; only what cleaning keeps when ``clean``."""
    raw = st.one_of(
        st.text(_ANY, max_size=12),
        st.lists(st.sampled_from(HOSTILE + VALUES), max_size=3).map("".join),
    )
    return raw.filter(lambda t: office_text(t) == t and "\r" not in t) if clean else raw


@st.composite
def indicator_sets(draw: st.DrawFn, template: Template, clean: bool) -> list[Indicator]:
    """1–12 indicators on ``template``: known 一级/二级 mostly, sometimes others; every format-2 field it has."""
    known = [(g.name, c) for g in template.indicator_groups for c in g.categories]
    known += [(blank, c) for blank in ("", " ") for _, c in known[:3]]  # a 二级 whose 一级 is left blank
    text = texts(clean)
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        level1, level2 = draw(st.one_of(st.sampled_from(known), st.tuples(text, text)))
        value = draw(st.one_of(st.sampled_from(VALUES), text))
        parsed = parse_indicator_value(value)
        said = parsed.unit if parsed is not None and parsed.quantified else None
        # A row's own unit is kept where it says more than its value does (a 定性 row's unit field is its text).
        unit = draw(st.none() | text.filter(lambda u, said=said: u.strip() != "" and u != said)) if said else None
        optional = text.filter(lambda t: t != "")
        rows.append(
            Indicator(
                level1=level1,
                level2=level2,
                name=draw(text),
                value=value,
                unit=unit,
                note=draw(st.none() | optional),
                weight=draw(st.none() | st.sampled_from(["10", "20.5", "0", "7.25", "十"])) if template.sides else None,
                side=draw(st.sampled_from(template.sides)) if template.sides else None,
            )
        )
    return rows


def _round_trip(rows: list[Indicator], template: Template, form: str) -> None:
    draft = Declaration()
    draft.performance.indicators = rows
    if form == "xlsx":
        data = render_yitihua_xlsx(draft, template=template)
    elif form == "csv":
        data = render_yitihua_csv(draft, template=template).encode()
    else:
        data = render_yitihua_json(draft, template=template).encode()
    back = arranged(read_indicator_bytes(data, template), template)
    want = arranged(rows, template)
    assert back == want
    assert compare(want, back, template).total == 0


@examples(60, 2_000)
@given(st.sampled_from([DISTRICT, TWO_SIDED]).flatmap(lambda t: st.tuples(st.just(t), indicator_sets(t, False))))
def test_json_round_trips_any_indicator_set(case: tuple[Template, list[Indicator]]) -> None:
    _round_trip(case[1], case[0], "json")


@examples(40, 2_000)
@given(st.sampled_from([DISTRICT, TWO_SIDED]).flatmap(lambda t: st.tuples(st.just(t), indicator_sets(t, True))))
def test_csv_round_trips_any_clean_indicator_set(case: tuple[Template, list[Indicator]]) -> None:
    _round_trip(case[1], case[0], "csv")


@examples(15, 1_000)
@example((DISTRICT, [Indicator(level1="", level2=" '=x-5", name="H")]))  # a heading's spaces were stripped
@given(st.sampled_from([DISTRICT, TWO_SIDED]).flatmap(lambda t: st.tuples(st.just(t), indicator_sets(t, True))))
def test_xlsx_round_trips_any_clean_indicator_set(case: tuple[Template, list[Indicator]]) -> None:
    _round_trip(case[1], case[0], "xlsx")
