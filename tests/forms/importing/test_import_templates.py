"""Each template's own form, exported to Word or Excel, imports back onto that template as the same draft.

The template is not named: the importer picks it by the labels the file prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from template_support import NEW_TEMPLATES, filled

from forms.importing.importer import import_file
from forms.render.formats import export_bytes
from forms.store.drafts import dumps


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_export_then_import_on_the_template_it_prints(template_id: str, fmt: str, tmp_path: Path) -> None:
    draft = filled(template_id)
    exported = tmp_path / f"form.{fmt}"
    exported.write_bytes(export_bytes(draft, fmt))  # type: ignore[arg-type]
    result = import_file(exported)
    assert not result.error and len(result.forms) == 1
    back = result.forms[0].draft
    assert back.template == template_id
    assert back.imported is not None and back.imported.leftovers == []
    back.imported = None
    assert dumps(back) == dumps(draft)


def test_two_sided_table_on_a_one_sided_template_keeps_the_year_and_leaves_the_rest() -> None:
    source = Path(__file__).parents[2] / "data" / "import" / "layouts" / "seven-columns.txt"
    result = import_file(source, template_id="district-2021")
    [form] = result.forms
    rows = [(i.level2, i.name, i.value, i.side) for i in form.draft.performance.indicators]
    assert rows[0] == ("数量指标", "新建保鲜库数量", "40", None)
    assert rows[-1] == ("服务对象满意度", "经营主体满意度", "≥90", None)  # under an 一级 the template lacks
    assert form.draft.imported is not None
    kept = [item.text for item in form.draft.imported.leftovers]
    assert "长期指标值：80" in kept and "计量单位：个" in kept and "年度本级预算金额 | 300" in kept


def test_a_tie_goes_to_the_default_template_and_titles_do_not_count() -> None:
    from forms.importing.choose import choose_template

    # 绩效目标 in a title is not the 绩效目标 label some templates print.
    assert choose_template(["2022年项目支出绩效目标表\n项目名称：甲\n主管部门：乙\n"]) == "district-2021"
    assert choose_template(["项目名称\t甲\n项目支出实施期\t2023.07-2024.01\n年度本级预算金额\t30"]) == "city-benji"
