"""``shenbao new --template ID``: a draft laid out on the chosen template, the profile's default otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.store.drafts import load_draft
from forms.workflows.profile import UnitProfile, profile_findings, save_profile
from tui.cli import main


@pytest.mark.parametrize("template_id", ["2022-cost", "city-benji", "subtotals", "district-2021"])
def test_new_writes_a_draft_of_the_template(tmp_path: Path, template_id: str, capsys) -> None:
    argv = ["--drafts", str(tmp_path), "new", "--template", template_id, "--name", "保鲜库", "--year", "2023"]
    assert main(argv) == 0
    draft = load_draft(tmp_path / "保鲜库.toml")
    template = draft.form_template()
    assert (draft.template, draft.year, draft.project.name) == (template_id, "2023", "保鲜库")
    assert [row.source for row in draft.funding.sources] == list(template.funding_sources)
    assert len(draft.performance.indicators) == max(1, len(template.sides)) * sum(
        len(g.categories) for g in template.indicator_groups
    )
    assert "保鲜库.toml" in capsys.readouterr().out


def test_the_profile_sets_the_default_template_and_fills_the_draft(tmp_path: Path) -> None:
    save_profile(UnitProfile(unit="市农业农村局", year="2024", template="subtotals"), tmp_path)
    assert main(["new", "--drafts", str(tmp_path), "--name", "甲"]) == 0
    draft = load_draft(tmp_path / "甲.toml")
    assert (draft.template, draft.unit, draft.year) == ("subtotals", "市农业农村局", "2024")
    assert main(["new", "--drafts", str(tmp_path), "--name", "乙", "--template", "district-2021"]) == 0
    assert load_draft(tmp_path / "乙.toml").template == "district-2021"


def test_an_unknown_template_is_refused_and_nothing_written(tmp_path: Path, capsys) -> None:
    assert main(["new", "--drafts", str(tmp_path), "--template", "2099"]) == 2
    assert "没有编号为“2099”的表样" in capsys.readouterr().err
    assert not tmp_path.exists() or not list(tmp_path.glob("*.toml"))
    messages = [f.message for f in profile_findings(UnitProfile(template="2099"))]
    assert any("默认表样“2099”不是已有的表样" in m for m in messages)


def test_list_templates(capsys) -> None:
    assert main(["new", "--list-templates"]) == 0
    ids = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert {"district-2021", "2022-cost", "city-benji", "subtotals"} <= set(ids)
