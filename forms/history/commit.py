"""Commits on the events that matter (定稿, 改回草稿, import, rollover, delete), never on a keystroke or a save.

``record(folder, paths, message)`` is the one call the rest of shenbao makes:
it does nothing when the drafts folder has no history, and otherwise commits
exactly the named drafts (added, changed or deleted) with a Chinese message and
the operator as author. ``init_repo`` gives a folder history: ``git init``, a
``.gitignore`` for shenbao's side files (locks, recovery journals, the index,
temporary files, the trash) and a first commit of what the folder holds.

The author is the 填表人 of the unit profile (``_profile.toml``), else git's own
``user.name``, else the login name: the person whose changes these are, on a
machine where nobody ever configured git.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from pathlib import Path

from forms.history.repo import HistoryError, is_repo, relative, run_git, write_commit_graph
from forms.store.safe_io import TomlProblem, UnsafeFile, parse_toml, read_regular

GITIGNORE = """\
# shenbao：这些文件不进入修改记录（编辑锁、恢复记录、索引、临时文件、回收站、导出的文件）
.*.lock
.*.lock.break
.*.swp
*.tmp
.shenbao-index.json
.shenbao-bureau.json
.trash/
.replaced/
exports/
"""
"""The ``.gitignore`` ``init_repo`` writes: every file shenbao makes beside the drafts (names from forms.store)."""
PROFILE_FILE = "_profile.toml"
"""The unit profile (as ``forms.workflows.profile`` names it), read here for the operator's name only."""
FALLBACK_AUTHOR = "shenbao"
"""The author when no profile, git configuration or login name says who is working."""


def record(folder: Path, paths: Iterable[Path], message: str, author: str | None = None) -> str | None:
    """Commit the drafts ``paths`` of ``folder`` as one event; the new commit's id, or ``None``.

    Nothing happens (``None``) when ``folder`` has no history of its own, or when
    none of ``paths`` changed since the last commit. Only ``paths`` are committed:
    a draft being typed elsewhere in the folder waits for its own event. A path
    that no longer exists is committed as deleted.

    Args:
        folder: the drafts folder (the top of the repository).
        paths: the drafts (or the profile) the event touched.
        message: what happened, in Chinese (“定稿：政务大厅租金”).
        author: who did it; by default the operator (``operator``).

    Raises:
        HistoryError: git is missing or failed; the drafts themselves are untouched.
    """
    folder = Path(folder)
    if not is_repo(folder):
        return None
    names = sorted({relative(folder, Path(p)) for p in paths})
    if not names:
        return None
    present = [n for n in names if (folder / n).exists()]
    gone = [n for n in names if n not in present]
    if gone:  # a deleted draft is committed only if git knew it; one never committed has no history to close
        listed = run_git(folder, "ls-files", "-z", "--", *gone).stdout.decode("utf-8", "surrogateescape")
        present += [n for n in listed.split("\0") if n]
    if not present:
        return None
    run_git(folder, "add", "-A", "--", *present)
    if run_git(folder, "diff", "--cached", "--quiet", "--", *present, ok=(0, 1)).returncode == 0:
        return None  # the same bytes as committed: nothing happened worth a version
    who = author or operator(folder)
    run_git(folder, "commit", "--quiet", "--no-verify", "-m", message, "--", *present, env=identity(folder, who))
    return run_git(folder, "rev-parse", "HEAD").stdout.decode().strip()


def init_repo(folder: Path, author: str | None = None) -> str | None:
    """Give ``folder`` history: ``git init``, the ``.gitignore``, and a first commit of what it holds.

    A folder that already has history is left as it is, apart from the ignore
    rules it lacks. Returns the first commit's id (``None`` when nothing was committed).

    Raises:
        HistoryError: git is missing or failed.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fresh = not is_repo(folder)
    if fresh:
        run_git(folder, "init", "--quiet")
    write_ignore(folder)
    run_git(folder, "add", "-A", "--", ".")
    staged = run_git(folder, "diff", "--cached", "--quiet", ok=(0, 1)).returncode == 1
    if not staged:
        return None
    count = len([p for p in folder.glob("*.toml") if not p.name.startswith((".", "_"))])
    message = f"开始记录修改：{count} 份草稿" if fresh else "更新不纳入记录的文件列表（.gitignore）"
    run_git(folder, "commit", "--quiet", "--no-verify", "-m", message, env=identity(folder, author or operator(folder)))
    write_commit_graph(folder)
    return run_git(folder, "rev-parse", "HEAD").stdout.decode().strip()


def write_ignore(folder: Path) -> None:
    """Add to ``folder``'s ``.gitignore`` the rules of ``GITIGNORE`` it lacks (writing it when missing)."""
    path = folder / ".gitignore"
    try:
        old = path.read_text("utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        raise HistoryError(f"无法读取 {path}：{error}") from None
    have = {line.strip() for line in old.splitlines()}
    missing = [line for line in GITIGNORE.splitlines() if line and not line.startswith("#") and line not in have]
    if not missing:
        return
    text = GITIGNORE if not old else old.rstrip("\n") + "\n" + "\n".join(missing) + "\n"
    try:
        path.write_text(text, "utf-8")
    except OSError as error:
        raise HistoryError(f"无法写入 {path}：{error.strerror or error}") from None


def operator(folder: Path) -> str:
    """Who is working in ``folder``: the profile's 填表人, else git's ``user.name``, else the login name."""
    try:
        data = parse_toml(read_regular(Path(folder) / PROFILE_FILE, 1 << 20).decode("utf-8"), what="单位信息")
    except (UnsafeFile, TomlProblem, UnicodeDecodeError):
        data = {}
    name = data.get("filled_by")
    if isinstance(name, str) and name.strip():
        return _one_line(name)
    configured = git_config(folder).get("user.name", "")
    if configured:
        return configured
    try:
        return getpass.getuser() or FALLBACK_AUTHOR
    except (OSError, KeyError):
        return FALLBACK_AUTHOR


def identity(folder: Path, author: str) -> dict[str, str]:
    """Environment naming ``author`` as author and committer (git's own e-mail when it has one)."""
    email = git_config(folder).get("user.email", "")
    name = _one_line(author) or FALLBACK_AUTHOR
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }


def git_config(folder: Path) -> dict[str, str]:
    """git's ``user.name`` and ``user.email`` as configured for ``folder`` (empty when unset or unreadable)."""
    if not Path(folder).is_dir():
        folder = Path.home() if Path.home().is_dir() else Path("/")
    try:
        done = run_git(folder, "config", "-z", "--get-regexp", r"^user\.(name|email)$", ok=(0, 1))
    except HistoryError:
        return {}
    found: dict[str, str] = {}
    for entry in done.stdout.decode("utf-8", "replace").split("\0"):
        key, _, value = entry.partition("\n")
        if key and value.strip():
            found[key] = _one_line(value)
    return found


def _one_line(text: str) -> str:
    # git refuses names with <, > or a newline; a 填表人 typed with one still names the author.
    return " ".join(text.replace("<", "").replace(">", "").split())
