"""Inline completions for one-line fields, through Textual's own ``Suggester``.

A field that offers completions shows the rest of the first candidate that
starts with what has been typed, dimmed after the cursor; → (or End) takes it,
exactly as Textual's ``Input`` does, and the field's Changed event then writes
it into the draft like typing would. Nothing is mounted or rebuilt per
keystroke: the suggestion is a few dimmed cells of the same line.

Candidates are asked for by the field's draft path at the moment of asking
(``performance.indicators.3.value``), so a row that moved, or a 二级指标 that
was just picked, is always judged as it is now. The section that composes the
field supplies them (``CompletionSource``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.suggester import Suggester

if TYPE_CHECKING:
    from textual.widget import Widget

CompletionSource = Callable[[str, str], Iterable[str]]
"""Candidates for a field, best first, given its draft path and the text typed so far."""


def completion(candidates: Iterable[str], typed: str) -> str | None:
    """The first candidate that completes ``typed``: longer, and starting with it, case aside.

    Candidates holding control or invisible format characters (a hand-edited
    draft; the ones ``tui.widgets.field.visible`` replaces) are never offered:
    Textual draws a suggestion's tail as it is, outside the field's safe drawing.
    """
    folded = typed.casefold()
    for candidate in candidates:
        if len(candidate) <= len(typed) or candidate[: len(typed)].casefold() != folded:
            continue
        if all(unicodedata.category(char) not in ("Cc", "Cf") for char in candidate):
            return candidate
    return None


class FieldSuggester(Suggester):
    """Completions for one field, from a source asked by the field's current draft path."""

    def __init__(self, source: CompletionSource, field: Widget) -> None:
        # Candidates change as the draft does (a budget total, a picked 二级): never cached.
        # Case is folded here rather than by Textual, so the typed part keeps its length.
        super().__init__(use_cache=False, case_sensitive=True)
        self.source = source
        """Where the candidates come from."""
        self.field = field
        """The field asking (its ``name`` is its draft path)."""

    async def get_suggestion(self, value: str) -> str | None:
        """Textual's hook: the completion of ``value``, or ``None``."""
        return self.suggest(value)

    def suggest(self, value: str) -> str | None:
        """The completion of ``value`` now, or ``None``; never raises.

        A completion is optional help: a source that cannot answer (a row
        deleted a moment ago, a draft in an odd state) offers nothing, and
        typing goes on as usual. Textual asks from a worker that would stop
        the app on an exception.
        """
        path = self.field.name or ""
        if not path:
            return None
        try:
            return completion(self.source(path, value), value)
        except Exception:  # see the docstring: help must never break typing
            return None
