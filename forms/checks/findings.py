"""The result type of the checks, shared by ``forms.checks.runner`` and its helper modules.

Kept apart from ``forms.checks.runner`` so the helper modules can build findings
without importing the module that imports them, and pydantic-free, so the app's
drafts list can count a draft's errors from the on-disk index before the form
model is imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from forms.model.template import Template

Severity = Literal["error", "warning"]

_TRAILING_NOTE = re.compile(r"（[^（）]*）$")
_QUOTE_LIMIT = 40
"""Quoted user text is cut here so one odd cell cannot flood a findings list."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a reviewer would query in a draft.

    Attributes:
        severity: ``"error"`` (the form is wrong) or ``"warning"`` (worth a second look).
        path: dotted field path the UI jumps to (``funding.total_this_year``); ``""`` when no field fits.
        message: plain Chinese naming the field label and the numbers involved.
    """

    severity: Severity
    path: str
    message: str


def error(path: str, message: str) -> Finding:
    """An error finding."""
    return Finding("error", path, message)


def warning(path: str, message: str) -> Finding:
    """A warning finding."""
    return Finding("warning", path, message)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    """The errors among ``findings``, in order."""
    return [f for f in findings if f.severity == "error"]


def warnings(findings: Iterable[Finding]) -> list[Finding]:
    """The warnings among ``findings``, in order."""
    return [f for f in findings if f.severity == "warning"]


def status_text(findings: Iterable[Finding]) -> str:
    """A short status: “✓”, “3 个警告”, “2 个错误” or “2 个错误，3 个警告”."""
    found = list(findings)
    counts = [(len(errors(found)), "错误"), (len(warnings(found)), "警告")]
    parts = [f"{n} 个{word}" for n, word in counts if n]
    return "，".join(parts) if parts else "✓"


def label(template: Template, key: str) -> str:
    """A template label fit for a sentence: “填报单位（盖章）” → “填报单位”, “合 计” → “合计”."""
    return _TRAILING_NOTE.sub("", template.label(key)).replace(" ", "")


def quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """User text in “quotes” on one line, shortened to ``limit`` characters when longer."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[:limit] + "…"
    return f"“{flat}”"
