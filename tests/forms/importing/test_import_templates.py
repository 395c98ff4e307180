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
