"""Who a process is, whether it still runs, and where its side files go.

Locks and recovery journals record the process that wrote them, so a later
process can tell a live holder from one that died (``kill -9``, a dropped SSH
session, a reboot). A pid alone is not enough: pids are reused. On Linux a
process is named by its boot (``/proc/sys/kernel/random/boot_id``), its pid
namespace and its pid with the pid's start time (field 22 of
``/proc/<pid>/stat``); without ``/proc`` only the pid is compared.

A process on another host cannot be checked from here: its state is
``"unknown"``, never guessed. "Another host" is a different host name, or the
same name on a different machine (``/etc/machine-id``: containers and cloned
servers are often all called ``localhost``), or another pid namespace.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

Liveness = Literal["alive", "dead", "unknown"]
"""What can be said about a recorded process from this one."""

NAME_MAX = 255
"""Longest file name, in bytes, on the file systems drafts live on."""


@dataclass(frozen=True)
class Identity:
    """A process as recorded in a lock or journal."""

    user: str
    """Login name of the process's user."""
    host: str
    """Host name, as ``socket.gethostname()`` gives it."""
    pid: int
    """Process id."""
    started: int | None
    """Start time of the pid in clock ticks since boot (``None`` without ``/proc``)."""
    boot: str | None
    """Boot id: a reboot kills every process of the previous boot."""
    pidns: str | None
    """Pid namespace: containers on one host may share a host name but not pids."""
    machine: str | None = None
    """Machine id (``/etc/machine-id``): tells two machines of the same name apart, across reboots."""

    def as_dict(self) -> dict[str, Any]:
        """Plain data for a JSON file."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Identity:
        """Read what ``as_dict`` wrote; raises ``ValueError`` on anything else."""
        if not isinstance(data, dict):
            raise ValueError("not a table")
        user, host, pid = data.get("user"), data.get("host"), data.get("pid")
        started, boot, pidns, machine = (data.get(key) for key in ("started", "boot", "pidns", "machine"))
        if not (isinstance(user, str) and isinstance(host, str)):
            raise ValueError("user and host must be text")
        if not _is_int(pid) or pid <= 0:
            raise ValueError("pid must be a positive integer")
        if started is not None and not _is_int(started):
            raise ValueError("started must be an integer")
        if not all(value is None or isinstance(value, str) for value in (boot, pidns, machine)):
            raise ValueError("boot, pidns and machine must be text")
        return cls(user, host, pid, started, boot, pidns, machine)


def current() -> Identity:
    """This process (computed per call: a forked child is another process)."""
    pid = os.getpid()
    return Identity(_user(), socket.gethostname(), pid, start_ticks(pid), _boot_id(), _pidns(), _machine_id())


def liveness(who: Identity) -> Liveness:
    """Whether the recorded process still runs, as far as this host can tell."""
    here = current()
    if who.host != here.host or _differ(who.machine, here.machine) or _differ(who.pidns, here.pidns):
        return "unknown"
    if who.boot and here.boot and who.boot != here.boot:
        return "dead"  # the host rebooted since
    try:
        os.kill(who.pid, 0)
    except ProcessLookupError:
        return "dead"
    except PermissionError:
        pass  # alive, owned by another user
    except OSError:
        return "unknown"
    if who.started is not None:
        now = start_ticks(who.pid)
        if now is not None and now != who.started:
            return "dead"  # the pid was reused by a later process
    if _zombie(who.pid):
        return "dead"  # killed, not yet reaped by its parent (or by a container's init that never reaps)
    return "alive"


def start_ticks(pid: int) -> int | None:
    """Start time of ``pid`` in clock ticks since boot, or ``None`` when unknown."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces or ")".
    fields = raw[raw.rfind(b")") + 2 :].split()
    try:
        return int(fields[19])
    except (IndexError, ValueError):
        return None


def _zombie(pid: int) -> bool:
    # A killed process stays in the process table until its parent waits for it; kill(pid, 0) still succeeds.
    try:
        raw = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
    return raw[raw.rfind(b")") + 2 :][:1] in (b"Z", b"X")


def sidecar(path: Path, suffix: str) -> Path:
    """The hidden side file of ``path`` (``.a.toml.lock`` for ``a.toml``).

    Hidden, so ``draft_paths`` never lists it. A draft name too long to take
    the dot and suffix is named by its hash instead.
    """
    name = f".{path.name}{suffix}"
    if len(os.fsencode(name)) > NAME_MAX - 16:  # room for a temporary file's extra characters
        digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:32]
        name = f".{digest}{suffix}"
    return path.parent / name


def _differ(recorded: str | None, here: str | None) -> bool:
    return bool(recorded and here and recorded != here)


def _machine_id() -> str | None:
    for path in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            return Path(path).read_text("ascii").strip() or None
        except (OSError, UnicodeDecodeError):
            continue
    return None


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text("ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def _pidns() -> str | None:
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
