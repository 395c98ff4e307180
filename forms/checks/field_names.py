"""A draft's dotted field paths in the form's own words (``funding.sources.0.source`` → “资金来源第 1 行…”).

Used wherever a field must be named to an operator: the rollover's list of
old-year mentions (command line and app) and the recovery prompt.
"""

from __future__ import annotations

from forms.checks.findings import label as template_label
from forms.model.declaration import Declaration
from forms.model.template import TemplateError, load_template

_TABLES = {
    "funding.sources": "资金来源",
    "expenses.lines": "支出明细",
    "implementation.schedule": "进度计划",
    "performance.indicators": "绩效指标",
}
# Fields printed under a template label of another key (in a table, ``field@table``).
_LABEL_KEYS = {
    "name@performance.indicators": "level3",
    "basis@expenses.lines": "explanation",
    "total_basis": "explanation",
}


def describe(path: str, draft: Declaration) -> str:
    """A dotted field path in words, e.g. ``performance.indicators.2.value`` → “绩效指标第 3 行指标值”."""
    try:
        template = draft.form_template()
    except TemplateError:
        template = load_template()
    parts = path.split(".")
    field = parts[-1]
    table = next((t for t in _TABLES if path.startswith(f"{t}.")), None)
    key = _LABEL_KEYS.get(f"{field}@{table}", _LABEL_KEYS.get(field, field))
    label = template_label(template, key)
    if table is not None and len(parts) > 2 and parts[2].isdigit():
        return f"{_TABLES[table]}第 {int(parts[2]) + 1} 行{label}"
    return label
