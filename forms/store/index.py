"""A persistent index of a drafts folder: each draft's headline figures and findings, cached on disk.

Listing or validating thousands of drafts should not parse and check every
file every time. The index (``.shenbao-index.json`` in the drafts folder) keeps,
per file, what ``shenbao list`` and ``shenbao validate`` print, keyed by the
file's size, modification time, inode and change time; a file whose key
changed is read again. Files that are not readable drafts are kept too, with
their reason (a stray ``notes.toml`` would otherwise be read at every start);
``chmod`` changes the change time, so a file made readable is read again. The
whole index is thrown away when shenbao's own rules change (a stamp
over the source of the form model and its templates), so a cached verdict is
never older than the code judging it. The file is safe to delete, is rebuilt
when missing, damaged or stale, and is never required: a folder shenbao cannot
write to is simply read every time.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

# Pydantic-free imports: with every file unchanged, a listing never needs the form model.
from forms.checks.findings import Finding
from forms.model.review_text import review_text
from forms.store.files import DraftError, draft_paths, write_atomic
from forms.store.glance import Facts, IndexEntry, facts_from  # defined beside glance; Facts, IndexEntry re-exported
from forms.store.safe_io import UnsafeFile, read_regular, sweep_temporaries
from forms.store.stamp import rules_stamp  # re-exported: the index's stamp is the rules' stamp

if TYPE_CHECKING:
    from forms.model.declaration import Declaration

INDEX_NAME = ".shenbao-index.json"
"""The index file inside the drafts folder (hidden: never listed as a draft)."""
_FORMAT = 3
"""3: a readable draft's entry has its ``facts`` (``forms.model.facts``); an index of another format is rebuilt."""
MAX_INDEX_BYTES = 64 * 1024 * 1024
"""10,000 drafts take about 4 MB of index; a larger file is not ours and is not read."""
_SETTLE_SECONDS = 2.0
"""A file changed this recently is not indexed: on file systems with coarse
timestamps a second edit of the same size within the same tick would look unchanged."""


def scan(folder: Path, *, write: bool = True, counts: bool = False) -> list[IndexEntry]:
    """Every draft file of ``folder``, from the index where a file is unchanged, sorted by name.

    Args:
        folder: the drafts folder.
        write: save the refreshed index when anything changed (ignored when the folder is read-only).
        counts: entries from the index carry only ``IndexEntry.counts``, not their findings
            (a bureau's thousands of drafts: making each finding costs more than all else).
    """
    index = FolderIndex(folder)
    entries = []
    for path in draft_paths(folder):
        entry = index.lookup(path, findings=not counts) or _read(path, index)
        entries.append(entry)
    if write:
        index.save()
        sweep_temporaries(folder)  # a command that writes the folder tidies what killed writers left, as the app does
    return entries


class FolderIndex:
    """The index of one folder for a caller that reads the files itself, one by one (the app's store).

    ``scan`` reads and checks changed files on its own; the app's store must read
    every file through itself (it remembers which files it could not read and
    never writes those), so it asks ``lookup`` first and hands what it read back
    with ``remember``; ``save`` then writes the index once, at the end of a listing.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        """The drafts folder."""
        self._stored = _read_index(folder)
        self._fresh: dict[str, dict] = {}
        self._now = time.time()

    def lookup(self, path: Path, *, findings: bool = True) -> IndexEntry | None:
        """What the index knows of an unchanged file (a draft, or why it is none); ``None`` when it must be read.

        Without ``findings``, the entry has ``counts`` in their place.
        """
        key = _key(path)
        record = self._stored.get(path.name)
        if key is None or record is None or record.get("key") != key:
            return None
        if "problem" not in record and facts_from(record.get("facts")) is None:
            return None  # from before the bureau's checks kept their facts (or edited by hand): read again
        try:
            entry = _entry(path, record, findings=findings)
        except (TypeError, ValueError):  # an index edited by hand: the file is simply read again
            return None
        self._keep(path, key, record)
        return entry

    def remember(
        self,
        path: Path,
        findings: list[Finding],
        *,
        name: str,
        year: str,
        total: str,
        state: str,
        review: tuple[str, str] = ("", ""),
        facts: Facts | None = None,
    ) -> None:
        """Record a readable draft just read and checked (kept only once its file has settled).

        ``review`` is its review state and line (``forms.model.review_text``), blank when none;
        ``facts`` what the bureau's checks need of it (``forms.model.facts``).
        """
        key = _key(path)
        if key is not None:
            record = {"name": name, "year": year, "total": total, "state": state}
            if review[0]:
                record["review"], record["review_note"] = review
            record["findings"] = [[f.severity, f.path, f.message] for f in findings]
            if facts is not None:
                record["facts"] = facts.stored()
            self._keep(path, key, {"key": key, **record})

    def remember_problem(self, path: Path, reason: str, line: int | None = None) -> None:
        """Record a file that is not a readable draft, with why (kept only once its file has settled)."""
        key = _key(path)
        if key is not None:
            self._keep(path, key, {"key": key, "problem": reason, "line": line})

    def save(self) -> None:
        """Write the index when it changed; a folder that cannot be written is left alone."""
        if self._fresh != self._stored and self.folder.is_dir():
            _write_index(self.folder, self._fresh)
            self._stored = dict(self._fresh)

    def _keep(self, path: Path, key: list[int], record: dict) -> None:
        if self._now - key[1] / 1e9 > _SETTLE_SECONDS:
            self._fresh[path.name] = record


def _read(path: Path, index: FolderIndex) -> IndexEntry:
    from forms.checks.runner import check
    from forms.model.facts import facts_of
    from forms.model.money import format_amount
    from forms.model.totals import budget_total
    from forms.store.drafts import load_draft

    try:
        draft = load_draft(path)
    except DraftError as error:
        index.remember_problem(path, error.reason, error.line)
        key = _key(path)
        return IndexEntry(path, problem=error.reason, line=error.line, modified=key[1] / 1e9 if key else 0.0)
    findings = check(draft)
    total = format_amount(budget_total(draft))
    review = review_of(draft)
    figures = {"name": draft.project.name, "year": draft.year, "total": total, "state": draft.state}
    facts = facts_of(draft)
    index.remember(path, findings, **figures, review=review, facts=facts)
    key = _key(path)
    modified = key[1] / 1e9 if key else 0.0
    return IndexEntry(
        path,
        **figures,
        findings=tuple(findings),
        modified=modified,
        review=review[0],
        review_note=review[1],
        facts=facts,
    )


def review_of(draft: Declaration) -> tuple[str, str]:
    """A draft's review state and its line, blank when it has no review."""
    review = draft.review
    if review is None:
        return "", ""
    return review.state, review_text(review.state, review.opinion, review.reviewer, review.date)


def _entry(path: Path, record: dict, *, findings: bool = True) -> IndexEntry:
    key = record["key"]
    found = record.get("findings", [])
    if findings:
        listed = {"findings": tuple(Finding(str(s), str(p), str(m)) for s, p, m in found)}
    else:
        severities = [severity for severity, _path, _message in found]
        listed = {"counts": (severities.count("error"), severities.count("warning"))}
    return IndexEntry(
        path=path,
        name=str(record.get("name", "")),
        year=str(record.get("year", "")),
        total=str(record.get("total", "")),
        state=str(record.get("state", "")),
        problem=_text_or_none(record.get("problem")),
        review=str(record.get("review", "")),
        review_note=str(record.get("review_note", "")),
        line=record.get("line") if isinstance(record.get("line"), int) else None,
        modified=key[1] / 1e9,
        facts=facts_from(record.get("facts")),
        **listed,
    )


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _key(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns]


def _read_index(folder: Path) -> dict[str, dict]:
    # Through the safe reader: anyone who can write the folder can make the index a FIFO or a device.
    # File names that are not UTF-8 were written as their own bytes (surrogateescape) and come back the same.
    try:
        raw = read_regular(folder / INDEX_NAME, MAX_INDEX_BYTES, what="索引")
        data = json.loads(raw.decode("utf-8", "surrogateescape"))
    except (UnsafeFile, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT or data.get("rules") != rules_stamp():
        return {}
    files = data.get("files")
    if not isinstance(files, dict) or not all(isinstance(v, dict) for v in files.values()):
        return {}
    return files


def _write_index(folder: Path, files: dict[str, dict]) -> None:
    data = {"format": _FORMAT, "rules": rules_stamp(), "files": files}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        # A name that is not UTF-8 is a str with surrogates (os.fsdecode): written back as its bytes.
        write_atomic(folder / INDEX_NAME, text.encode("utf-8", "surrogateescape"))
    except (OSError, UnicodeEncodeError):
        pass  # a read-only or full folder: the index is a speed-up, never a requirement


def forget(folder: Path) -> None:
    """Delete the index (the next scan rebuilds it)."""
    try:
        os.unlink(folder / INDEX_NAME)
    except FileNotFoundError:
        pass
