"""What the draft subcommands print alike: findings as lines, paths and unreadable files said safely, a failure.

Plain text for terminals and scripts; only ``forms`` is imported.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from forms.checks.runner import Finding
from forms.render.width import clean
from tui.cli import EXIT_UNREADABLE

SEVERITY = {"error": "错误", "warning": "警告"}


def finding_lines(findings: Iterable[Finding]) -> Iterator[str]:
    """Findings as indented lines: severity, message, and the field path for scripts."""
    for finding in findings:
        where = f"  [{finding.path}]" if finding.path else ""
        yield f"  {SEVERITY[finding.severity]}  {clean(finding.message)}{where}"


def shown(path: Path) -> str:
    """A path as it may be printed: no escape sequence, and no undecodable byte, from a file's name."""
    return clean(str(path))


def unreadable(reason: str) -> str:
    """The status of a file that is not a readable draft, said once (some reasons already say 无法读取)."""
    return reason if reason.startswith("无法读取") else f"无法读取：{reason}"


def fail(message: str) -> int:
    print(f"shenbao：{clean(message)}", file=sys.stderr)
    return EXIT_UNREADABLE
