"""Every shipped template loads, lays out a new draft that round-trips; format-1 drafts stay byte for byte."""

from __future__ import annotations

import pytest
from repo_paths import DRAFTS

from forms.model.declaration import new_declaration
from forms.model.template import Template, available_templates, load_template
from forms.render.form_layout import place
from forms.render.form_table import form_table
from forms.render.parts import UNICODE_MARKS
from forms.store.drafts import dumps, loads

NEW = ["2022-cost", "city-benji", "subtotals"]


def test_the_new_templates_are_shipped() -> None:
    assert set(NEW) <= set(available_templates())


@pytest.mark.parametrize("template_id", available_templates())
def test_new_draft_round_trips_and_fits_its_layout(template_id: str) -> None:
    draft = new_declaration(template_id, year="2023")
    text = dumps(draft)
    again = loads(text)
    assert dumps(again) == text
    assert again.model_dump(exclude={"schema_version"}) == draft.model_dump(exclude={"schema_version"})
    template = load_template(template_id)
    # The printed table fits the template's own grid (LayoutError otherwise).
    placed = place(form_table(draft, template, UNICODE_MARKS), template.layout)
    assert placed.columns == len(template.layout.columns_cm)
    if template_id in NEW:
        assert template.synonyms, "the importer reads synonyms from every template"


def test_subtotal_rows_name_their_parent() -> None:
    draft = new_declaration("subtotals")
    parents = {row.source: row.parent for row in draft.funding.sources}
    assert parents["一般公共预算"] == parents["国有资本经营预算"] == "财政拨款小计"
    assert parents["事业收入"] == "自有资金小计"
    assert parents["财政拨款小计"] is None and parents["其他收入"] is None
    assert "expenses" not in load_template("subtotals").sections


def test_two_sided_template_lays_out_the_skeleton_per_side() -> None:
    template = load_template("city-benji")
    draft = new_declaration("city-benji")
    per_side = sum(len(g.categories) for g in template.indicator_groups)
    assert [i.side for i in draft.performance.indicators] == ["实施期"] * per_side + ["本年度"] * per_side
    assert all(i.unit == "" and i.weight is None for i in draft.performance.indicators)
    assert template.year_side() == "本年度" and template.period_may_cross_year


def test_cost_template_has_cost_as_its_own_level1_with_weights() -> None:
    template = load_template("2022-cost")
    groups = {g.name: g for g in template.indicator_groups}
    assert groups["成本指标"].categories == ("经济成本指标", "社会成本指标", "生态环境成本指标")
    assert groups["成本指标"].weight_range == ("0", "20") and groups["产出指标"].weight_range == ("40", "50")
    assert template.weight_total == "100" and template.has("weight") and template.has("expenses")
    assert template.column_label("unit") == "计量单位" and template.column_label("value") == "指标值"


def test_a_subtotal_naming_an_unknown_row_fails_on_load() -> None:
    data = load_template("subtotals").model_dump()
    data["funding_subtotals"] = {"财政拨款小计": ["不存在的来源"]}
    with pytest.raises(ValueError, match="不存在的来源"):
        Template.model_validate(data)


@pytest.mark.parametrize("path", sorted(DRAFTS.glob("*.toml")), ids=lambda p: p.stem)
def test_example_drafts_stay_format_1_byte_for_byte(path) -> None:
    text = path.read_text("utf-8")
    draft = loads(text)
    assert draft.required_schema() == 1
    assert dumps(draft) == text
