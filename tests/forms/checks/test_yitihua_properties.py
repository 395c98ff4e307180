"""The 一体化 rules over any draft, on every template shape with every rule on: they never raise, and point at a row."""

from __future__ import annotations

from draft_strategies import DRAFTS
from hypothesis import given
from hypothesis import strategies as st
from property_settings import examples

from forms.checks.yitihua import yitihua_findings
from forms.model.declaration import Declaration
from forms.model.template import available_templates, load_template

EVERY_RULE = {"spaces": True, "other_quantitative": True, "weights": True, "sides_filled": True}


def every_rule_on(template_id: str):
    template = load_template(template_id)
    return template.model_copy(update={"yitihua": template.yitihua.model_copy(update=EVERY_RULE)})


@examples(60)
@given(DRAFTS, st.sampled_from(available_templates()))
def test_rules_never_raise_and_every_finding_names_a_place(draft: Declaration, template_id: str) -> None:
    rows = len(draft.performance.indicators)
    for finding in yitihua_findings(draft, every_rule_on(template_id)):
        assert finding.severity in ("error", "warning") and finding.message
        parts = finding.path.split(".")
        assert parts[0] == "performance" and parts[1] in ("indicators", "weights")
        if len(parts) > 2 and parts[1] == "indicators":
            assert int(parts[2]) < rows
