"""A draft file's headline figures read straight from its TOML, without the form model.

The drafts list's first frame must not wait for pydantic and the checks (a
fifth of a second on a cold start): ``glance`` reads a file through the safe
reader and takes 项目名称, 年度, 状态 and 本年度申请合计 from the parsed TOML,
leaving the checks to the list's worker. ``toml_data`` is the model-free half
of ``forms.store.drafts.loads``, so a file's problem reads the same from both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from forms.checks.findings import Finding
from forms.model.review_text import review_fields
from forms.store.files import DraftError
from forms.store.safe_io import TomlProblem, UnsafeFile, parse_toml, read_regular, strip_bom


@dataclass(frozen=True)
class Facts:
    """What a bureau's cross-unit checks need of a draft (``forms.workflows.bureau_checks``), kept in the index.

    With these, a bureau summary over warm indexes parses no draft at all.
    """

    indicators: str
    """A digest of the draft's indicator set as the copied-set check compares it (order-independent)."""
    count: int
    """How many indicators that set holds."""
    basis: bool
    """Whether any 测算依据 is given (for the whole of 支出明细, or for a line)."""
    last_year: str
    """上年度 合计 as ``format_amount`` writes it; blank when unknown."""

    def stored(self) -> list[object]:
        """As the index and the bureau cache keep it (``facts_from`` reads it back)."""
        return [self.indicators, self.count, self.basis, self.last_year]


def facts_from(value: object) -> Facts | None:
    """``Facts.stored`` read back; ``None`` when absent or not of that shape (the draft is then read whole)."""
    if not isinstance(value, list) or len(value) != 4:
        return None
    indicators, count, basis, last_year = value
    if not (isinstance(indicators, str) and type(count) is int and type(basis) is bool and isinstance(last_year, str)):
        return None
    return Facts(indicators, count, basis, last_year)


@dataclass(frozen=True)
class IndexEntry:
    """What the index knows about one draft file."""

    path: Path
    """The file."""
    name: str = ""
    """项目名称."""
    year: str = ""
    """年度, as typed."""
    total: str = ""
    """本年度申请合计, formatted; blank when unknown."""
    state: str = ""
    """``draft`` or ``final``; blank when unreadable."""
    findings: tuple[Finding, ...] = ()
    """The checks' findings."""
    problem: str | None = None
    """Why the file is not a readable draft; ``None`` when it is."""
    line: int | None = None
    """The line of the problem, when known."""
    modified: float = 0.0
    """Modification time (seconds since the epoch)."""
    checked: bool = True
    """Whether ``findings`` are the checks' (``False``: a glance at the file, checks still to run)."""
    review: str = ""
    """The bureau's review state (``returned`` / ``approved`` / ``reopened``), blank when none."""
    review_note: str = ""
    """The review in one line (``forms.model.review_text``), blank when none."""
    counts: tuple[int, int] | None = None
    """(errors, warnings) among the findings, set instead of ``findings`` when a caller asked only for counts."""
    facts: Facts | None = None
    """What the bureau's checks need; ``None`` when not known (a glance, or an index written before them)."""


MAX_DRAFT_BYTES = 2 * 1024 * 1024
"""A real draft is a few KB; anything this large is not one, and is not parsed."""
SCHEMA_VERSION = 2
"""The newest draft format this program reads (``forms.model.declaration`` checks it is the same)."""


def read_draft_bytes(path: Path) -> bytes:
    """The bytes of a draft file, read without trusting what the name points at.

    A link out of the folder, a named pipe (which would block a plain read
    forever), a device or a folder named ``x.toml`` is refused with a reason,
    and no more than ``MAX_DRAFT_BYTES`` are ever read.

    Raises:
        DraftError: the file cannot be read as a draft's bytes.
    """
    try:
        return read_regular(path, MAX_DRAFT_BYTES, what="草稿")
    except UnsafeFile as problem:
        raise DraftError(path, problem.reason) from None


def decode(raw: bytes, path: Path | str) -> str:
    """A draft file's text: UTF-8, with or without Notepad's byte-order mark.

    Raises:
        DraftError: not UTF-8.
    """
    try:
        return strip_bom(raw).decode("utf-8")
    except UnicodeDecodeError:
        raise DraftError(path, "不是 UTF-8 编码的文本（若为 GBK 编码，请先转换为 UTF-8）") from None


CONFLICT_REASON = (
    "含合并冲突标记（第 {line} 行起，git 合并未完成）：两方的内容都在文件里，"
    "请保留需要的内容并删去 <<<<<<< ======= >>>>>>> 标记行"
)
"""Why a draft a git merge left conflicted cannot be read (both sides are still in the file)."""
_MARKER = re.compile(r"^(?:<{7}|>{7})(?: |$)", re.MULTILINE)


def conflict_marker(text: str) -> int | None:
    """The line of the first git conflict marker (``<<<<<<<`` or ``>>>>>>>`` at a line's start), if any."""
    found = _MARKER.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def toml_data(text: str, path: Path | str) -> dict[str, Any]:
    """Draft text parsed as TOML, with a schema this program reads (the fields are not checked here).

    Raises:
        DraftError: nested too deep, not TOML, no schema, or a newer schema.
    """
    text = text.removeprefix("\ufeff")
    try:
        data = parse_toml(text, what="草稿")
    except TomlProblem as problem:
        marker = conflict_marker(text)
        if marker is not None:
            raise DraftError(path, CONFLICT_REASON.format(line=marker)) from None
        raise DraftError(path, problem.reason, line=problem.line) from None
    schema = data.get("schema")
    if schema is None:
        raise DraftError(path, "不是 shenbao 草稿（缺少 schema 版本号）")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise DraftError(path, f"schema 应为整数，实为 {schema!r}", line=key_line(text, "schema"), field="schema")
    if schema > SCHEMA_VERSION:
        raise DraftError(
            path,
            f"此文件由较新版本的 shenbao 写入（格式版本 {schema}，本程序只认识到 {SCHEMA_VERSION}），请升级后再打开",
            field="schema",
        )
    return data


def glance(path: Path, modified: float = 0.0) -> IndexEntry:
    """What the list shows of a file before its checks: its figures, or why it is not a draft.

    The entry is marked unchecked (``checked=False``); a file the form model
    would still refuse (a field of the wrong kind) shows its figures until the
    worker's full read says so.
    """
    try:
        data = toml_data(decode(read_draft_bytes(path), path), path)
    except DraftError as error:
        return IndexEntry(path, problem=error.reason, line=error.line, modified=modified)
    project = data.get("project")
    name = project.get("name", "") if isinstance(project, dict) else ""
    review, note = review_fields(data.get("review"))
    return IndexEntry(
        path,
        name=_text(name),
        year=_text(data.get("year", "")),
        total=_total(data.get("funding")),
        state=_text(data.get("state", "draft")),
        modified=modified,
        checked=False,
        review=review,
        review_note=note,
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _total(funding: object) -> str:
    # As forms.model.totals.budget_total: the declared 合计, else the sum of the sources that parse.
    from forms.model.money import amount_or_none, format_amount

    if not isinstance(funding, dict):
        return ""
    try:
        declared = amount_or_none(_text(funding.get("total_this_year", "")))
        if declared is not None:
            return format_amount(declared)
        sources = funding.get("sources")
        rows = sources if isinstance(sources, list) else []
        amounts = [(row, amount_or_none(_text(row.get("this_year", "")))) for row in rows if isinstance(row, dict)]
        filled = {_text(row.get("source", "")) for row, value in amounts if value is not None}
        # A row of a subtotal counts through it, itself only when the subtotal is blank (as top_level_texts).
        values = [value for row, value in amounts if _text(row.get("parent", "")) not in filled]
        found = [value for value in values if value is not None]
        return format_amount(sum(found, Decimal(0))) if found else ""
    except (ArithmeticError, ValueError):  # an amount the checks will flag: no headline figure until then
        return ""


def key_line(text: str, key: str) -> int | None:
    """The line where ``key = …`` is written in TOML ``text`` (1-based), if it is."""
    pattern = re.compile(rf"(^|[{{,\s]){re.escape(key)}\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line):
            return number
    return None
