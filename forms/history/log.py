"""A draft's history read from git: every version, who made it and when, and which fields it changed.

Three git processes whatever the length of the history: ``git log --raw``
lists the commits that touched the file with the blob before and after each,
one ``git diff-tree`` asks whether the file came from another name (then the
log goes on under that name), and one ``git cat-file --batch`` hands over every blob. Each
version is compared with the file as it was in that commit's parent, so a
history with merges (two clones, a bureau receiving a unit's bundle) shows each
side's changes under the commit that made them. Merge commits that only join
the two sides show no change of their own and are left out.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forms.history.fields import Change, changes
from forms.history.repo import read_objects, relative, require_repo, run_git
from forms.store.files import DraftError
from forms.store.glance import decode, toml_data

NULL = "0" * 40
"""git's name for “no blob”: the file did not exist on that side."""
_HEAD = "%x1e%H%x1f%an%x1f%at%x1f%s"


@dataclass(frozen=True)
class Version:
    """One commit that changed a draft."""

    commit: str
    """The commit's id."""
    author: str
    """Who made it."""
    when: int
    """When, in seconds since the epoch."""
    subject: str
    """The commit message's first line (“定稿：政务大厅租金”)."""
    path: str
    """The draft's file name in that commit."""
    status: str
    """git's letter: A added, M modified, D deleted, R renamed, C copied."""
    changes: list[Change] = field(default_factory=list)
    """The fields that differ from the version before (none for a rename alone)."""
    problem: str = ""
    """Why this version (or the one before) cannot be read as a draft, e.g. a conflicted merge."""

    @property
    def stamp(self) -> str:
        """The local date and time, to the minute."""
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.when))


def history(folder: Path, draft: Path, *, limit: int | None = None) -> list[Version]:
    """The versions of ``draft`` in ``folder``'s history, newest first, through renames.

    Args:
        folder: the drafts folder (the top of a repository, or a folder inside one).
        draft: the draft file (it may have been deleted since).
        limit: at most this many versions (all by default).

    Raises:
        GitMissing, NotARepo: no git, or no history.
        HistoryError: git failed.
    """
    require_repo(folder, top=False)
    name, start = relative(folder, draft), "HEAD"
    entries: list[tuple[Any, ...]] = []
    # Not ``--follow``: it walks every commit diffing whole trees, where a plain path-limited
    # log uses git's changed-path filters. A rename is rare (an untitled draft named once);
    # where the oldest version found was added, one diff says whether it came from another name.
    while limit is None or len(entries) < limit:
        args = ["log", "--raw", "--no-abbrev", "-z", "--no-color", "--relative", f"--format={_HEAD}", start]
        if limit is not None:
            args.append(f"--max-count={limit - len(entries)}")
        found = list(_entries(run_git(folder, *args, "--", name).stdout))
        entries += found
        if not found or found[-1][4] != "A":
            break
        renamed = _renamed_from(folder, found[-1][0], name)
        if renamed is None:
            break
        old_name, old_sha = renamed
        entries[-1] = (*found[-1][:4], "R", old_sha, *found[-1][6:])
        name, start = old_name, f"{found[-1][0]}^"
    blobs = _blobs(folder, {sha for entry in entries for sha in entry[5:7] if sha != NULL})
    return [_version(entry, blobs) for entry in entries]


def _renamed_from(folder: Path, commit: str, name: str) -> tuple[str, str] | None:
    """The old name and blob of ``name`` when ``commit`` renamed it (else ``None``)."""
    raw = run_git(folder, "diff-tree", "-r", "-M", "--raw", "-z", "--no-abbrev", "--relative", commit).stdout
    items = raw.split(b"\0")
    for at, item in enumerate(items):
        meta = item.decode("utf-8", "replace").split()
        if len(meta) == 5 and meta[4].startswith("R") and at + 2 < len(items):
            if items[at + 2].decode("utf-8", "replace") == name:
                return items[at + 1].decode("utf-8", "replace"), meta[2]
    return None


def _entries(raw: bytes) -> Any:
    """``(commit, author, when, subject, status, old blob, new blob, path)`` per commit that changed the file."""
    for record in raw.split(b"\x1e"):
        if not record.strip(b"\0\n"):
            continue
        head, _, rest = record.partition(b"\0")
        commit, author, when, subject = head.decode("utf-8", "replace").split("\x1f", 3)
        items = rest.lstrip(b"\n").split(b"\0")
        if not items or not items[0].startswith(b":"):
            continue  # a merge that only joins the two sides
        meta = items[0].decode().split()
        status = meta[4][:1]
        path = items[2] if status in "RC" and len(items) > 2 else items[1]
        yield commit, author, int(when), subject, status, meta[2], meta[3], path.decode("utf-8", "replace")


def _blobs(folder: Path, shas: set[str]) -> dict[str, bytes]:
    return read_objects(folder, sorted(shas))


def _version(entry: tuple[Any, ...], blobs: dict[str, bytes]) -> Version:
    commit, author, when, subject, status, old_sha, new_sha, path = entry
    old, old_problem = _parsed(old_sha, blobs, path)
    new, new_problem = _parsed(new_sha, blobs, path)
    problem = new_problem or (f"上一版本{old_problem}" if old_problem else "")
    found = [] if problem else changes(old, new)
    return Version(commit, author, when, subject, path, status, found, problem)


def _parsed(sha: str, blobs: dict[str, bytes], path: str) -> tuple[dict[str, Any] | None, str]:
    if sha == NULL:
        return None, ""
    raw = blobs.get(sha)
    if raw is None:
        return None, "在仓库中找不到"
    try:
        return toml_data(decode(raw, path), path), ""
    except DraftError as error:
        where = f"第 {error.line} 行：" if error.line else ""
        return None, f"无法读取：{where}{error.reason}"
