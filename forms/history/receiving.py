"""The bureau's side of a hand-in: a unit's bundle fetched into that unit's folder and merged.

The first bundle of a unit is cloned into a new subfolder of the bureau folder
(named after the unit in the bundle's ``_profile.toml``); later ones are fetched
and merged there. A draft the bureau changed since the unit's last hand-in (a
review state, an opinion: anything) that the unit changed too is never merged
silently, even where git could merge the lines: the bureau's file stays as it
is, the unit's version is written beside it (“政务大厅租金（单位提交 1206-0930）.toml”),
and the conflict is reported, as the app does for a draft changed on disk.
“Since the last hand-in” is since the two histories' common ancestor, so a
unit that has taken the bureau's return in first is not held to it.
"""

from __future__ import annotations

import getpass
import re
import tempfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from forms.history.bundle import bundle_heads, commit_pending
from forms.history.commit import FALLBACK_AUTHOR, git_config, identity, write_ignore
from forms.history.repo import HistoryError, is_repo, run_git, write_commit_graph
from forms.history.review_claims import claims
from forms.store.files import DRAFT_SUFFIX, write_atomic
from forms.store.safe_io import TomlProblem, parse_toml

INCOMING = "refs/shenbao/incoming"
"""Where a received bundle's newest version is kept in the unit's repository."""
COPY_NOTE = "单位提交"
"""Added to the file name of the unit's version kept beside a draft both sides changed."""
RETURN_NOTE = "收到的版本"
"""The same, when a folder receives into itself (a unit taking the bureau's return)."""


@dataclass(frozen=True)
class Conflict:
    """A draft both the bureau and the unit changed: both versions are kept."""

    path: Path
    """The draft as the bureau has it (left unchanged; may be gone if the bureau deleted it)."""
    copy: Path | None
    """The unit's version, written beside it (``None``: the unit deleted the draft)."""
    review: bool = False
    """Kept apart because the unit's version changes the bureau's review record (``forms.history.review_claims``)."""


@dataclass
class Received:
    """What a receive did."""

    folder: Path
    """The unit's folder in the bureau folder."""
    unit: str
    """The unit's name (from its profile, else the folder's)."""
    created: bool = False
    """The folder was made by this receive (the unit's first hand-in)."""
    up_to_date: bool = False
    """The bundle brought nothing new."""
    changed: list[str] = field(default_factory=list)
    """Drafts the unit added, changed or deleted that were merged."""
    conflicts: list[Conflict] = field(default_factory=list)
    """Drafts both sides changed (both kept, nothing merged)."""
    own: bool = False
    """Received into the drafts folder itself (a unit taking the bureau's return), not into a unit's subfolder."""


def receive(bundle: Path, bureau: Path, *, unit: str | None = None, author: str | None = None) -> Received:
    """Fetch the hand-in ``bundle`` into its unit's folder in ``bureau``, merging with what is there.

    Args:
        bundle: the file ``shenbao bundle`` wrote.
        bureau: the bureau folder (one subfolder per unit), or a folder whose own history the bundle
            continues (a unit taking the bureau's return).
        unit: the unit's folder name, when the bundle's profile does not name it (or to override it).
        author: who receives (default: git's ``user.name``, else the login name).

    Raises:
        HistoryError: not a bundle; not this unit's history; a folder that exists without history; git failed.
    """
    heads = bundle_heads(bundle)
    source = str(bundle.resolve())
    if unit is None and _shares_history(bureau, source):
        target = bureau  # a unit taking the bureau's return (or two copies of one folder)
    else:
        name = unit or _unit_in(source, heads["HEAD"])
        if not name:
            raise HistoryError(f"{bundle.name} 的单位信息中没有填报单位，请用 --unit 指定收入哪个单位的文件夹")
        target = bureau / folder_name(name)
    who = author or _receiver(bureau)
    if not target.exists():
        bureau.mkdir(parents=True, exist_ok=True)
        run_git(bureau, "clone", "--quiet", "--no-hardlinks", source, str(target))
        run_git(target, "remote", "remove", "origin")
        write_ignore(target)
        run_git(target, "update-ref", INCOMING, heads["HEAD"])
        done = Received(target, unit or target.name, created=True, changed=_names(target, None, "HEAD"))
        _set_aside(target, claims(target, None, "HEAD", done.changed), done, who)
        write_commit_graph(target)
        return done
    if not is_repo(target):
        raise HistoryError(f"{target} 已存在但没有修改记录（不是 git 仓库），未收入；请改名或删除后再收")
    commit_pending(target, "接收前保存本地的修改", who)
    run_git(target, "fetch", "--quiet", "--no-tags", source, f"+HEAD:{INCOMING}")
    done = _merge(target, unit or target.name, who, own=target == bureau)
    if not done.up_to_date:
        write_commit_graph(target)
    return done


def _shares_history(folder: Path, source: str) -> bool:
    """Whether ``folder`` has history of its own that the bundle continues (else it is a bureau folder)."""
    if not is_repo(folder):
        return False
    run_git(folder, "fetch", "--quiet", "--no-tags", source, f"+HEAD:{INCOMING}")
    shared = run_git(folder, "merge-base", "HEAD", INCOMING, ok=(0, 1)).returncode == 0
    if not shared:  # a bureau folder kept in git as a whole: the unit goes into its own subfolder
        run_git(folder, "update-ref", "-d", INCOMING)
    return shared


def _merge(target: Path, unit: str, who: str, *, own: bool) -> Received:
    done = Received(target, unit, own=own)
    found = run_git(target, "merge-base", "HEAD", INCOMING, ok=(0, 1))
    base = found.stdout.decode().strip()
    if not base:
        raise HistoryError(f"这份交换文件与 {target} 的记录没有共同的起点：可能不是这个单位的，未收入")
    incoming = run_git(target, "rev-parse", INCOMING).stdout.decode().strip()
    head = run_git(target, "rev-parse", "HEAD").stdout.decode().strip()
    if base == incoming:
        done.up_to_date = True
        return done
    theirs = _names(target, base, INCOMING)
    claimed = [] if own else claims(target, base, INCOMING, theirs)  # a unit taking the return takes its steps
    if base == head and not claimed:
        run_git(target, "merge", "--quiet", "--ff-only", INCOMING)
        done.changed = theirs
        return done
    ours = set(_names(target, base, "HEAD"))
    both = [name for name in theirs if name in ours and name not in claimed]
    env = identity(target, who)
    run_git(target, "merge", "--quiet", "--no-ff", "--no-commit", INCOMING, ok=(0, 1), env=env)
    unmerged = run_git(target, "diff", "--name-only", "-z", "--diff-filter=U").stdout.decode("utf-8", "replace")
    both += [name for name in unmerged.split("\0") if name and name not in both]
    note = f"{RETURN_NOTE if own else COPY_NOTE} {_stamp()}"
    both = [name for name in both if name not in claimed]
    done.conflicts += [_keep_both(target, name, note) for name in both]
    done.conflicts += [replace(_keep_both(target, name, note), review=True) for name in claimed]
    done.changed = [name for name in theirs if name not in both and name not in claimed]
    run_git(target, "commit", "--quiet", "--no-verify", "-m", _message(done), env=env)
    return done


def _set_aside(target: Path, claimed: list[str], done: Received, who: str) -> None:
    """A first hand-in's drafts that carry review steps the bureau never took: moved aside, under the copy's name."""
    if not claimed:
        return
    note = f"{COPY_NOTE} {_stamp()}"
    done.conflicts += [_move_aside(target, name, note) for name in claimed]
    done.changed = [name for name in done.changed if name not in claimed]
    run_git(target, "commit", "--quiet", "--no-verify", "-m", _message(done), env=identity(target, who))


def _message(done: Received) -> str:
    message = f"接收 {done.unit} 的申报表：合并 {len(done.changed)} 处修改"
    both = sum(1 for c in done.conflicts if not c.review)
    if both:
        message += f"；{both} 份草稿两边都改过，两份都保留"
    if len(done.conflicts) > both:
        message += f"；{len(done.conflicts) - both} 份草稿改动了审核记录，另存未合并"
    return message


def _stamp() -> str:
    return datetime.now().strftime("%m%d-%H%M")


def _keep_both(target: Path, name: str, note: str) -> Conflict:
    """The bureau's version back in place, the unit's written beside it under a new name."""
    path = target / name
    if run_git(target, "cat-file", "-e", f"HEAD:{name}", ok=(0, 1, 128)).returncode == 0:
        run_git(target, "checkout", "HEAD", "--", name)
    else:
        run_git(target, "rm", "--quiet", "--force", "--ignore-unmatch", "--", name)
    shown = run_git(target, "cat-file", "blob", f"{INCOMING}:{name}", ok=(0, 128))
    if shown.returncode:
        return Conflict(path, None)
    copy = _copy_name(path, note)
    write_atomic(copy, shown.stdout)
    run_git(target, "add", "--", copy.name if copy.parent == target else str(copy.relative_to(target)))
    return Conflict(path, copy)


def _move_aside(target: Path, name: str, note: str) -> Conflict:
    """A draft the bureau has no version of, moved under the copy's name: not received as the unit's draft."""
    copy = _copy_name(target / name, note)
    write_atomic(copy, run_git(target, "cat-file", "blob", f"HEAD:{name}").stdout)
    run_git(target, "rm", "--quiet", "--force", "--", name)
    run_git(target, "add", "--", str(copy.relative_to(target)))
    return Conflict(target / name, copy, review=True)


def _copy_name(path: Path, note: str) -> Path:
    stem = path.name.removesuffix(DRAFT_SUFFIX)
    candidate = path.with_name(f"{stem}（{note}）{DRAFT_SUFFIX}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}（{note}）-{number}{DRAFT_SUFFIX}")
        number += 1
    return candidate


def _names(target: Path, base: str | None, tip: str) -> list[str]:
    """Files that differ between ``base`` and ``tip`` (every file of ``tip`` when ``base`` is ``None``)."""
    if base is None:
        raw = run_git(target, "ls-tree", "-r", "-z", "--name-only", tip).stdout
    else:
        raw = run_git(target, "diff", "--name-only", "-z", "--no-renames", base, tip).stdout
    return [n for n in raw.decode("utf-8", "replace").split("\0") if n and n != ".gitignore"]


def _unit_in(source: str, head: str) -> str:
    """The 填报单位 of the bundle's unit profile (``""`` when it has none)."""
    with tempfile.TemporaryDirectory(prefix="shenbao-receive-") as scratch:
        run_git(Path(scratch), "init", "--quiet", "--bare")
        run_git(Path(scratch), "fetch", "--quiet", "--no-tags", source, f"+HEAD:{INCOMING}")
        shown = run_git(Path(scratch), "cat-file", "blob", f"{head}:_profile.toml", ok=(0, 128))
    if shown.returncode:
        return ""
    try:
        data = parse_toml(shown.stdout.decode("utf-8"), what="单位信息")
    except (TomlProblem, UnicodeDecodeError):
        return ""
    unit = data.get("unit")
    return unit.strip() if isinstance(unit, str) else ""


def folder_name(unit: str) -> str:
    """A unit's folder name in the bureau folder: its name, with nothing a path could misread."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]', "_", " ".join(unit.split())).strip(" ._")
    return name[:60] or "未命名单位"


def _receiver(bureau: Path) -> str:
    """Who receives: git's ``user.name`` (the bureau's machine), else the login name."""
    try:
        return git_config(bureau).get("user.name") or getpass.getuser() or FALLBACK_AUTHOR
    except (OSError, KeyError):
        return FALLBACK_AUTHOR
