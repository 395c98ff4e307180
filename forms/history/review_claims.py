"""A unit's hand-in may not take the bureau's review steps: drafts whose review record the unit changed.

A draft's review record (its ``[review]`` table, ``forms.workflows.review``) is
the bureau's: 退回 and 通过 are its steps. A unit adds one kind of step only,
重新打开 of an approved draft (F4 in the editor, which records it). A hand-in
whose version of a draft changes the record in any other way (an approval or a
return the bureau never made, a step removed or reworded, another current state)
would overwrite the bureau's review states if merged, even when git could merge
the lines. ``claims`` names those drafts; ``forms.history.receiving`` keeps the
bureau's version and writes the unit's beside it, as for a draft both sides changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from forms.history.repo import read_objects
from forms.store.files import DRAFT_SUFFIX
from forms.store.safe_io import TomlProblem, parse_toml

_GONE = object()
"""A draft that is not readable TOML at that version: the drafts list says so; nothing to say about its record."""
_MISSING = object()
"""A draft missing at that version (not yet made, or deleted)."""


def claims(target: Path, base: str | None, tip: str, names: list[str]) -> list[str]:
    """The drafts among ``names`` whose review record ``tip`` changes beyond a unit's 重新打开, since ``base``.

    ``base`` is the last version both sides share (``None``: the bureau has none, a unit's first hand-in).
    """
    drafts = [n for n in names if n.endswith(DRAFT_SUFFIX) and not Path(n).name.startswith(("_", "."))]
    if not drafts:
        return []
    before = _records(target, base, drafts) if base is not None else dict.fromkeys(drafts)
    after = _records(target, tip, drafts)
    return [n for n in drafts if after[n] is not _GONE and not allowed(before[n], after[n])]


def allowed(before: Any, after: Any) -> bool:
    """Whether ``after`` is the bureau's record ``before`` with at most the unit's reopenings added.

    Records are the raw ``review`` tables (``None`` when the draft has none).
    """
    if before is _GONE or before is _MISSING:
        before = None
    if after is _MISSING:
        return before is None  # a reviewed draft deleted by the unit would take the bureau's verdict with it
    if after == before:
        return True
    if not isinstance(after, dict) or not isinstance(after.get("history"), list):
        return False
    kept = before.get("history", []) if isinstance(before, dict) else []
    steps = after["history"]
    added = steps[len(kept) :]
    if steps[: len(kept)] != kept or not added or any(_action(step) != "reopened" for step in added):
        return False
    last = added[-1]
    top = (after.get("state"), after.get("reviewer", ""), after.get("date", ""), after.get("opinion", ""))
    return top == ("reopened", last.get("by", ""), last.get("date", ""), last.get("opinion", ""))


def _action(step: object) -> object:
    return step.get("action") if isinstance(step, dict) else None


def _records(target: Path, rev: str, names: list[str]) -> dict[str, Any]:
    """Each draft's ``review`` table at ``rev`` (``None``: none; ``_MISSING``; ``_GONE``: not TOML)."""
    found = read_objects(target, [f"{rev}:{name}" for name in names])
    return {name: _review(found[f"{rev}:{name}"]) if f"{rev}:{name}" in found else _MISSING for name in names}


def _review(raw: bytes) -> Any:
    try:
        data = parse_toml(raw.decode("utf-8-sig"), what="草稿")
    except (TomlProblem, UnicodeDecodeError):
        return _GONE
    return data.get("review")
