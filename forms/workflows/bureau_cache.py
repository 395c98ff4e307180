"""One file that keeps what a bureau summary needs of every unit, so an unchanged bureau is read in one go.

Each unit folder has its own index (``forms.store.index``), and a summary could
ask all of them; but each index holds every finding's message, and fifty of
them are megabytes of JSON decoded to use a dozen fields a draft. The bureau
cache (``.shenbao-bureau.json`` in the bureau folder) keeps just those fields,
per unit, with a digest of what they were read from: the unit's draft file
names and each file's stat key (the index's key: size, modification time,
inode, change time) and its profile's. A unit whose digest is unchanged is
taken from the cache; any other is read through its own index and written
back, so after a unit's bundle is received the next summary reads that unit alone.

The last report printed is kept too, with the options it was made with: it is
given again only when every unit of the folder is unchanged, so the same
question over the same files gives the same answer without summing again.

Three lines: a small JSON header (format, rules stamp, each unit's name and
digest, the digests of the other two lines), the units' rows, the report.
Checking an unchanged bureau reads the header only. Like the index, the cache
is thrown away when shenbao's rules change (the same stamp, which covers the
renderers), is never required (a read-only bureau is read every time), and
keeps no unit with a file changed in the last two seconds (coarse timestamps).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from forms.store.files import DRAFT_SUFFIX, write_atomic
from forms.store.safe_io import UnsafeFile, read_regular
from forms.store.stamp import rules_stamp
from forms.workflows.profile_fields import PROFILE_FILE

CACHE_NAME = ".shenbao-bureau.json"
"""The cache file inside the bureau folder (hidden, and in the ``.gitignore`` shenbao writes)."""
_FORMAT = 1
MAX_CACHE_BYTES = 64 * 1024 * 1024
"""A bureau of 9,000 drafts takes about 2 MB; a larger file is not ours and is not read."""
_SETTLE_SECONDS = 2.0
"""As the index: a file changed this recently may change again within the same timestamp tick."""

Row = list
"""One draft as kept: ``[file name, problem, line]`` or ``[file name, 项目名称, 年度, 合计, 状态, 审核, 审核意见,
errors, warnings, facts]`` (``forms.workflows.bureau`` makes and reads them)."""


class BureauCache:
    """The cache of one bureau folder.

    ``unchanged`` looks at a unit's files; ``rows`` gives an unchanged unit's rows,
    ``keep`` takes a unit just read; ``report`` / ``keep_report`` the last report; ``save`` writes.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        """The bureau folder."""
        self._head, self._raw_rows, self._raw_report = _read(self.folder)
        self._rows: dict[str, list[Row]] | None = None
        self._seen: dict[str, str | None] = {}
        self._fresh: dict[str, tuple[str, str, list[Row]]] = {}
        self._report: tuple[list, str, bool] | None = None
        self._changed = False
        self._now = time.time()

    def unchanged(self, place: str, folder: Path) -> bool:
        """Whether the unit in ``folder`` (``place``: its subfolder's name, ``""`` for the bureau itself) is as kept.

        Its files are looked at once per cache: asking again gives the same answer.
        """
        if place not in self._seen:
            self._seen[place] = _digest(folder, self._now)
        return self._as_kept(place)

    def rows(self, place: str) -> tuple[str, list[Row]] | None:
        """An unchanged unit's name and rows (after ``unchanged``); ``None`` when the cache is damaged."""
        if self._rows is None:
            self._rows = _decode(self._raw_rows, self._head.get("rows"))
        rows = self._rows.get(place)
        unit = self._head["units"][place][0]
        if not isinstance(rows, list) or not isinstance(unit, str):
            return None
        self._fresh[place] = (unit, self._head["units"][place][1], rows)
        return unit, rows

    def keep(self, place: str, unit: str, rows: list[Row]) -> None:
        """Remember a unit just read, unless a file of it changed too recently to trust (see ``unchanged``)."""
        digest = self._seen.get(place)
        if digest is not None:
            self._fresh[place] = (unit, digest, rows)

    def report(self, options: list) -> tuple[str, bool] | None:
        """The last report made with ``options``, when every unit is looked at and unchanged, none new or gone.

        The text, and whether the reviewer's checks found something.
        """
        units = self._head.get("units", {})
        if not self._seen or set(self._seen) != set(units):
            return None
        if not all(self._as_kept(place) for place in self._seen):
            return None
        report = _decode(self._raw_report, self._head.get("report"))
        if report.get("options") != options or not isinstance(report.get("text"), str):
            return None
        return report["text"], bool(report.get("found"))

    def _as_kept(self, place: str) -> bool:
        digest = self._seen.get(place)
        kept = self._head["units"].get(place) if self._head else None
        return digest is not None and isinstance(kept, list) and len(kept) == 2 and kept[1] == digest

    def keep_report(self, options: list, text: str, found: bool) -> None:
        """Remember the report just made; kept only when every unit looked at was kept with it."""
        if self._seen and len(self._fresh) == len(self._seen):
            self._report = (options, text, found)
            self._changed = True

    def save(self) -> None:
        """Write the cache when it changed; a bureau folder that cannot be written is left alone."""
        units = {place: [unit, digest] for place, (unit, digest, _rows) in self._fresh.items()}
        if units == self._head.get("units") and not self._changed:
            return
        report = {} if self._report is None else dict(zip(("options", "text", "found"), self._report, strict=True))
        try:
            # A name that is not UTF-8 is a str with surrogates (os.fsdecode): written back as its bytes.
            rows = _dump({place: rows for place, (_unit, _digest, rows) in self._fresh.items()})
            made = _dump(report)
            head = {"format": _FORMAT, "rules": rules_stamp(), "units": units, "rows": _sha(rows), "report": _sha(made)}
            write_atomic(self.folder / CACHE_NAME, b"\n".join((_dump(head), rows, made)))
        except (OSError, UnicodeEncodeError):
            pass  # read-only or full: the cache is a speed-up, never a requirement


def _digest(folder: Path, now: float) -> str | None:
    """A digest of the unit's draft names and stat keys and its profile's; ``None`` when a file is too new."""
    # Through scandir: each stat is made relative to the open folder, with no path built per file.
    keys = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name == PROFILE_FILE or (name.endswith(DRAFT_SUFFIX) and not name.startswith((".", "_"))):
                    keys.append((name, *_stat_key(entry)))
    except OSError:
        return None  # unlistable: read the unit again
    if keys and now - max(key[2] for key in keys) / 1e9 <= _SETTLE_SECONDS:
        return None
    keys.sort()
    return _sha(repr(keys).encode("utf-8", "surrogateescape"))


def _stat_key(entry: os.DirEntry) -> tuple[int, int, int, int]:
    try:
        info = entry.stat()
    except OSError:
        return (-1, 0, 0, 0)  # a dangling link, or gone while looked at: its unit's read says which
    return info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns


def _read(folder: Path) -> tuple[dict, bytes, bytes]:
    # Through the safe reader: anyone who can write the folder can write this file.
    try:
        raw = read_regular(folder / CACHE_NAME, MAX_CACHE_BYTES, what="汇总缓存")
        head, rows, report = raw.split(b"\n")
        data = json.loads(head)
    except (UnsafeFile, ValueError, RecursionError):
        return {}, b"", b""
    if not isinstance(data, dict) or data.get("format") != _FORMAT or data.get("rules") != rules_stamp():
        return {}, b"", b""
    if not isinstance(data.get("units"), dict):
        return {}, b"", b""
    return data, rows, report


def _decode(raw: bytes, digest: object) -> dict:
    # The digest catches a damaged or hand-edited line in one pass; what it holds is still checked where used.
    if digest != _sha(raw):
        return {}
    try:
        value = json.loads(raw.decode("utf-8", "surrogateescape"))
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogateescape")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
