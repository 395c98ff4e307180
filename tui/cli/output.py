"""What the draft subcommands print alike: findings as lines, paths and unreadable files said safely, a failure.

Plain text for terminals and scripts; only ``forms`` is imported.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from forms.render.width import clean
from forms.store.output import OutputError, write_output
from tui.cli import EXIT_OK, EXIT_UNREADABLE

if TYPE_CHECKING:  # the checks bring the form model (pydantic), which a warm summary never needs
    from forms.checks.runner import Finding

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


def deliver(text: str, output: Path | None, *, overwrite: bool, csv: bool = False) -> int:
    """A report written to ``output`` (by the one output rule) or printed; a refusal said as a failure.

    The csv module ends rows with CRLF for spreadsheets; a terminal wants LF.
    """
    if output is None:
        sys.stdout.write(text.replace("\r\n", "\n") if csv else text)
        return EXIT_OK
    try:
        write_output(output, text.encode("utf-8"), overwrite=overwrite)
    except OutputError as problem:
        return fail(str(problem))
    print(f"已写入 {clean(str(output))}", file=sys.stderr)
    return EXIT_OK
