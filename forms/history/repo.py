"""Running the git command line on a drafts folder: safely, with a timeout, and in words an operator reads.

shenbao keeps no git library and no daemon: every call is one ``git`` process,
never through a shell, with its output parsed in the C locale. Paths are passed
as literal pathspecs, so a project named ``[市级]*`` is a file name, not a
pattern; ``core.quotepath=off`` keeps Chinese names unescaped in what git prints.

A drafts folder has history only when it is itself the top of a git work tree
(``<folder>/.git`` exists): drafts kept inside some larger repository (a
program's source tree, a home folder under git) are never committed to.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

TIMEOUT = 60.0
"""Seconds any one git command may take before it is stopped (a stuck network mount, a hung hook)."""

_BASE = ("-c", "core.quotepath=off", "-c", "core.autocrlf=false", "-c", "commit.gpgsign=false", "--literal-pathspecs")


_ELSEWHERE = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)


class HistoryError(Exception):
    """Git could not do what was asked; the message is plain Chinese for the operator."""


class GitMissing(HistoryError):
    """The ``git`` program is not installed (or not on ``PATH``)."""

    def __init__(self) -> None:
        super().__init__("找不到 git 程序：请先安装 git（例如 apt install git），修改记录和交换功能需要它")


class NotARepo(HistoryError):
    """The drafts folder is not a git repository of its own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(f"{folder} 还没有修改记录（不是 git 仓库）；可用 shenbao init --git 开启")


def git_program() -> str:
    """The path of the ``git`` program.

    Raises:
        GitMissing: git is not installed.
    """
    found = shutil.which("git")
    if found is None:
        raise GitMissing()
    return found


def is_repo(folder: Path) -> bool:
    """Whether ``folder`` is the top of a git work tree (it has its own ``.git``): only then is it committed to.

    No process is started: a folder without history costs one ``lstat``.
    """
    return os.path.lexists(Path(folder) / ".git")


def in_repo(folder: Path) -> bool:
    """Whether ``folder`` is in a git work tree at all (its own, or one above it): its history can be *read*.

    A bureau may keep every unit's folder in one repository; ``shenbao log`` reads
    it there, though shenbao commits only where ``is_repo`` holds. No process is started.
    """
    here = Path(os.path.abspath(folder))
    return any(os.path.lexists(part / ".git") for part in (here, *here.parents))


def run_git(
    folder: Path,
    *args: str,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    ok: Sequence[int] = (0,),
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``git <args>`` in ``folder`` and return the finished process (output as bytes).

    Args:
        folder: the work tree to run in.
        args: git's arguments (never through a shell).
        input: bytes for git's standard input.
        env: variables added to the environment (``LC_ALL=C`` is always set, so output is parseable).
        ok: exit statuses that are not failures (``git diff --quiet`` answers with 1).
        timeout: seconds before git is stopped.

    Raises:
        GitMissing: git is not installed.
        HistoryError: git failed, or took longer than ``timeout``; the message quotes git's own first line.
    """
    command = [git_program(), *_BASE, *args]
    if not Path(folder).is_dir():
        raise HistoryError(f"{folder} 不是文件夹，或无法进入")
    full_env = dict(os.environ)
    full_env.update({"LC_ALL": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"})
    for name in _ELSEWHERE:  # left by a hook or a shell, they would point git at another repository
        full_env.pop(name, None)
    if env:
        full_env.update(env)
    try:
        done = subprocess.run(
            command, cwd=folder, input=input, capture_output=True, env=full_env, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise HistoryError(f"git {args[0]} 超过 {timeout:.0f} 秒没有完成，已停止") from None
    except FileNotFoundError:
        raise GitMissing() from None
    except OSError as error:
        raise HistoryError(f"无法运行 git：{error.strerror or error}") from None
    if done.returncode not in ok:
        raise HistoryError(f"git {args[0]} 失败：{first_line(done.stderr) or f'退出码 {done.returncode}'}")
    return done


def first_line(raw: bytes) -> str:
    """The first non-empty line of git's output, decoded (undecodable bytes shown as �)."""
    for line in raw.decode("utf-8", "replace").splitlines():
        if line.strip():
            return line.strip().removeprefix("fatal: ").removeprefix("error: ")
    return ""


def require_repo(folder: Path, *, top: bool = True) -> None:
    """Make sure git is there and ``folder`` has history (its own; with ``top=False``, one above it will do).

    Raises:
        GitMissing: git is not installed.
        NotARepo: ``folder`` is not the top of a git work tree (or not in one at all).
    """
    git_program()
    if not (is_repo(folder) if top else in_repo(folder)):
        raise NotARepo(folder)


def relative(folder: Path, path: Path) -> str:
    """``path`` as git names it inside ``folder`` (forward slashes); a path outside is refused.

    Raises:
        HistoryError: ``path`` is not inside ``folder``.
    """
    try:
        inside = Path(os.path.abspath(path)).relative_to(os.path.abspath(folder))
    except ValueError:
        raise HistoryError(f"{path} 不在草稿文件夹 {folder} 中") from None
    return inside.as_posix()


def write_commit_graph(folder: Path) -> None:
    """Refresh git's commit-graph with changed-path filters, so ``shenbao log`` skips commits that left a draft alone.

    Run after the occasional bulk events (``init --git``, a bundle, a receive), never per commit;
    later ``git gc`` runs keep the filters. A failure only costs speed, so it is ignored.
    """
    try:
        run_git(folder, "commit-graph", "write", "--reachable", "--changed-paths")
    except HistoryError:
        pass


def read_objects(folder: Path, names: list[str]) -> dict[str, bytes]:
    """The contents of git objects by name (a blob's id, or ``REV:path``), in one ``cat-file --batch``.

    A name git does not find is left out of the result.
    """
    if not names:
        return {}
    asked = "".join(f"{name}\n" for name in names).encode("utf-8", "surrogateescape")
    out = run_git(folder, "cat-file", "--batch", input=asked).stdout
    found: dict[str, bytes] = {}
    at = 0
    for name in names:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":  # else “<name> missing”
            size = int(header[2])
            found[name] = out[at : at + size]
            at += size + 1
    return found
