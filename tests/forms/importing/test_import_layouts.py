"""How much of other units' layouts the importer gets right, field by field, measured on fixtures.

Each fixture in tests/data/import/layouts/ is one layout (cells one per line,
``|``-terminated cells, space-separated columns, Word's table-to-text, text run
together, forms back to back, two-sided and extra-column indicator tables, a
copied web page, printed blanks and amounts with words). Beside it,
``NAME.expected.toml`` names the template and lists, per form, every field the
source fills, transcribed by hand from the source.

Per form the test counts the fields in the source, those mapped right, those
mapped wrong (a different value, or a value where the source has none) and
those missing; it asserts that nothing is mapped wrong and that at least 90% is
mapped right on every layout, and prints the table (``pytest -s`` shows it).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from repo_paths import DATA

from forms.importing.importer import import_file
from forms.model.declaration import Declaration

FOLDER = DATA / "import" / "layouts"
SOURCES = sorted(p for p in FOLDER.iterdir() if not p.name.endswith(".expected.toml"))
_SKIP = {"schema_version", "template", "state", "imported", "parent"}
"""Not fields of the source: the file's bookkeeping, and a funding row's subtotal (the template's)."""


@dataclass
class Count:
    """One form's measurement."""

    source: int = 0
    right: int = 0
    wrong: int = 0
    missing: int = 0
    problems: list[str] | None = None


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Leaf fields by dotted path; funding rows keyed by their source, a list of strings one field."""
    found: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in _SKIP:
                found |= flatten(item, f"{prefix}{key}.")
    elif isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        found[prefix.rstrip(".")] = value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found |= flatten(item, f"{prefix}{index}.")
    elif value not in (None, "", []):
        found[prefix.rstrip(".")] = value
    return found


def _as_expected(draft: Declaration) -> dict[str, Any]:
    dumped = draft.model_dump()
    dumped["funding"]["sources"] = {row["source"]: row for row in dumped["funding"]["sources"]}
    for row in dumped["funding"]["sources"].values():
        del row["source"]
    return dumped


def measure(expected: dict[str, Any], draft: Declaration) -> Count:
    """Fields of ``expected`` against the imported ``draft``."""
    want, got = flatten(expected), flatten(_as_expected(draft))
    count = Count(source=len(want), problems=[])
    for path, value in want.items():
        if got.get(path) == value:
            count.right += 1
        elif path in got:
            count.wrong += 1
            count.problems.append(f"wrong {path}: {got[path]!r} (source {value!r})")
        else:
            count.missing += 1
            count.problems.append(f"missing {path}: {value!r}")
    for path in got.keys() - want.keys():
        count.wrong += 1
        count.problems.append(f"not in source {path}: {got[path]!r}")
    return count


def _expected(source: Path) -> dict[str, Any]:
    # NAME.expected.toml beside NAME.txt; beside a Word or Excel file, NAME.docx.expected.toml.
    stem = source.name if source.suffix in (".docx", ".xlsx") else source.stem
    return tomllib.loads(source.with_name(stem + ".expected.toml").read_text("utf-8"))


def _run(source: Path) -> tuple[dict[str, Any], list[Count], int]:
    expected = _expected(source)
    result = import_file(source)
    assert not result.error, result.error
    assert [form.draft.template for form in result.forms] == [expected["template"]] * len(result.forms)
    assert len(result.forms) == len(expected["forms"]), [f.draft.project.name for f in result.forms]
    counts = [measure(want, form.draft) for want, form in zip(expected["forms"], result.forms, strict=True)]
    leftovers = sum(len(form.draft.imported.leftovers) for form in result.forms if form.draft.imported)
    return expected, counts, leftovers


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_layout_maps_nothing_wrong_and_nine_in_ten_right(source: Path) -> None:
    _, counts, _ = _run(source)
    problems = [p for count in counts for p in count.problems or []]
    assert sum(count.wrong for count in counts) == 0, problems
    right, total = sum(c.right for c in counts), sum(c.source for c in counts)
    assert right >= 0.9 * total, problems


def test_totals_table() -> None:
    lines = [f"{'布局 / 文件':<34}{'表':>3}{'源字段':>7}{'正确':>6}{'错误':>6}{'缺失':>6}{'未导入':>7}  布局"]
    totals = Count()
    for source in SOURCES:
        expected, counts, leftovers = _run(source)
        for number, count in enumerate(counts, start=1):
            lines.append(
                f"{source.name:<34}{number:>3}{count.source:>7}{count.right:>6}{count.wrong:>6}{count.missing:>6}"
                + (f"{leftovers:>7}  {expected['layout']}" if number == 1 else "")
            )
            for field in ("source", "right", "wrong", "missing"):
                setattr(totals, field, getattr(totals, field) + getattr(count, field))
    share = totals.right / totals.source if totals.source else 0
    lines.append(f"{'合计':<34}{'':>3}{totals.source:>7}{totals.right:>6}{totals.wrong:>6}{totals.missing:>6}")
    lines.append(f"正确率 {share:.1%}")
    print("\n" + "\n".join(lines))
    assert totals.wrong == 0 and share >= 0.9
