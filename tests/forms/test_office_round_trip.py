"""Issue 11's acceptance test: every example draft, exported to Word or Excel and imported back, is the same draft.

Same TOML bytes apart from the ``[imported]`` table (the source file's name), and
nothing left over: the export's own printing (labels, ☑/□, （盖章）, 年 月 日) is
recognised as printing by the importer, every value lands in its field.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from repo_paths import DRAFTS

from forms.importing.importer import import_file
from forms.render.formats import export_bytes
from forms.store.drafts import dumps, load_draft
from forms.store.files import draft_paths

EXAMPLES = draft_paths(DRAFTS)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_export_then_import_gives_the_same_draft(path: Path, fmt: str, tmp_path: Path) -> None:
    draft = load_draft(path)
    exported = tmp_path / f"{path.stem}.{fmt}"
    exported.write_bytes(export_bytes(draft, fmt))  # type: ignore[arg-type]
    result = import_file(exported)
    assert not result.error
    assert len(result.forms) == 1
    back = result.forms[0].draft
    assert back.imported is not None
    assert back.imported.source == exported.name
    assert back.imported.leftovers == []
    back.imported = draft.imported
    assert dumps(back) == path.read_text("utf-8")
