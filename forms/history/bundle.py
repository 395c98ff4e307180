"""Hand-in without a network: a unit's drafts as one git bundle file, and the bureau taking it in.

``write_bundle`` puts the drafts folder's whole history in one file (for a USB
stick or an e-mail), through the one output rule (``forms.store.output``: no
overwrite without asking, no devices, no folders made). ``receive``
(``forms.history.receiving``) fetches such a file into the unit's folder on the
bureau's side. Drafts changed but not yet committed are committed first
(“上交前保存”), so the file carries what the operator sees.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from forms.history.commit import identity, operator
from forms.history.repo import HistoryError, require_repo, run_git, write_commit_graph
from forms.store.output import write_output

BUNDLE_SUFFIX = ".bundle"
"""The suffix of a hand-in file."""


@dataclass(frozen=True)
class Bundled:
    """What a hand-in file holds."""

    path: Path
    """Where it was written."""
    commits: int
    """How many versions (commits) it carries."""
    drafts: int
    """How many drafts its newest version holds."""
    size: int
    """Its size in bytes."""
    saved_first: bool
    """Uncommitted changes were committed (“上交前保存”) before it was written."""


def commit_pending(folder: Path, message: str, author: str | None = None) -> bool:
    """Commit every change in ``folder`` git does not ignore; whether there was one."""
    run_git(folder, "add", "-A", "--", ".")
    if run_git(folder, "diff", "--cached", "--quiet", ok=(0, 1)).returncode == 0:
        return False
    who = author or operator(folder)
    run_git(folder, "commit", "--quiet", "--no-verify", "-m", message, env=identity(folder, who))
    return True


def write_bundle(folder: Path, target: Path, *, overwrite: bool = False) -> Bundled:
    """Write the history of the drafts folder ``folder`` to the file ``target``.

    Raises:
        GitMissing, NotARepo: no git, or no history (``shenbao init --git``).
        HistoryError: git failed, or there is nothing committed yet.
        OutputError: ``target`` may not be written (exists without ``overwrite``, a device, no such folder…).
    """
    require_repo(folder)
    saved = commit_pending(folder, "上交前保存：记下尚未记录的修改")
    if run_git(folder, "rev-parse", "--verify", "--quiet", "HEAD", ok=(0, 1)).returncode:
        raise HistoryError(f"{folder} 还没有任何已记录的版本，无法打包")
    write_commit_graph(folder)
    refs = ["HEAD"]
    branch = run_git(folder, "symbolic-ref", "--quiet", "HEAD", ok=(0, 1)).stdout.decode().strip()
    if branch:
        refs.append(branch)
    with tempfile.TemporaryDirectory(prefix="shenbao-bundle-") as scratch:
        made = Path(scratch) / f"drafts{BUNDLE_SUFFIX}"
        run_git(folder, "bundle", "create", "--quiet", str(made), *refs)
        data = made.read_bytes()
    written = write_output(target, data, overwrite=overwrite)
    commits = int(run_git(folder, "rev-list", "--count", "HEAD").stdout.decode().strip() or 0)
    listed = run_git(folder, "ls-tree", "-z", "--name-only", "HEAD").stdout.decode("utf-8", "replace").split("\0")
    drafts = sum(1 for name in listed if name.endswith(".toml") and not name.startswith((".", "_")))
    return Bundled(written.path, commits, drafts, len(data), saved)


def bundle_heads(bundle: Path) -> dict[str, str]:
    """The refs a bundle file carries (``HEAD`` → commit id …).

    Raises:
        HistoryError: the file is not a git bundle (or cannot be read).
    """
    if not bundle.is_file():
        raise HistoryError(f"找不到文件 {bundle}（或它不是普通文件）")
    try:
        done = run_git(bundle.parent, "bundle", "list-heads", str(bundle.resolve()))
    except HistoryError:
        raise HistoryError(f"{bundle.name} 不是 shenbao 打包的交换文件（git bundle），或文件已损坏") from None
    heads: dict[str, str] = {}
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        sha, _, ref = line.partition(" ")
        if ref:
            heads[ref] = sha
    if "HEAD" not in heads:
        raise HistoryError(f"{bundle.name} 中没有当前版本（HEAD），请用 shenbao bundle 重新打包")
    return heads
