"""The long kill -9 loop of issue 18: the profile, ``import --replace`` and typing in the editor, killed at random.

Run with ``SHENBAO_LONG=1`` (it takes minutes); ``SHENBAO_KILL_CYCLES=N`` sets
the cycles per kind (default 400 profile, 400 import, 200 editor: 1,000 in all).
After every kill, every file is old or new: each draft and the profile parses
and is exactly one of the versions written, no file is empty or torn, no draft
goes missing, every journal reads back (a torn last record is dropped, as
designed), and the temporary files of the killed saves are all that is left
over (swept at the end). Children are forked, so the interpreter starts once.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from repo_paths import REPO

from forms.store.drafts import draft_paths, load_draft, save_draft
from forms.store.journal import journal_paths
from forms.store.recovery import discard, pending_recovery
from forms.store.safe_io import TEMPORARY, sweep_temporaries
from forms.workflows.profile import UnitProfile, dumps_profile, load_profile, profile_path, save_profile

ROOT = REPO
REFERENCE = ROOT / "tests" / "data" / "2021-declaration-forms.txt"

pytestmark = pytest.mark.skipif(
    os.environ.get("SHENBAO_LONG") != "1", reason="the long kill -9 loop runs with SHENBAO_LONG=1 (minutes)"
)

CYCLES = int(os.environ.get("SHENBAO_KILL_CYCLES", "400"))
"""Kill cycles for the profile and for import; the editor gets half as many (each starts an app)."""


def kill_at_random(work: Callable[[], None], rng: random.Random, life: float) -> None:
    """Fork a child running ``work`` forever and SIGKILL it within ``life`` seconds (sometimes at once)."""
    trace = Path(os.environ.get("TMPDIR", "/tmp")) / f"shenbao-kill-child-{os.getpid()}.txt"
    trace.unlink(missing_ok=True)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            while True:
                work()
        except BaseException:
            import traceback

            trace.write_text(traceback.format_exc())
        finally:
            os._exit(1)
    if rng.random() > 0.1:
        time.sleep(rng.uniform(0, life))
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    why = trace.read_text() if trace.exists() else ""
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"the child stopped by itself: {why}"


def temporaries(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if TEMPORARY.fullmatch(p.name))


def profile_version(number: int) -> UnitProfile:
    return UnitProfile(unit=f"单位{number}", filled_by="填表人" * (number % 9 + 1), leader=f"负责人{number}")


def test_profile_saves_killed_at_random(tmp_path: Path) -> None:
    rng = random.Random(18)
    save_profile(profile_version(0), tmp_path)
    latest = landed = 0
    for _ in range(CYCLES):

        def save_next(state: dict[str, int] = {}) -> None:  # noqa: B006 - the child's own counter
            state["n"] = state.get("n", int(load_profile(tmp_path).unit.removeprefix("单位"))) + 1
            save_profile(profile_version(state["n"]), tmp_path)

        before = temporaries(tmp_path)
        kill_at_random(save_next, rng, 0.05)
        raw = profile_path(tmp_path).read_bytes()
        number = int(load_profile(tmp_path).unit.removeprefix("单位"))
        assert raw == dumps_profile(profile_version(number)).encode("utf-8"), "the profile is torn"
        assert number >= latest, "a kill brought back an older profile"
        latest = number
        landed += temporaries(tmp_path) - before
    swept = len(sweep_temporaries(tmp_path, older_than=0))
    assert swept == landed and sorted(p.name for p in tmp_path.iterdir()) == [profile_path(tmp_path).name]
    _report(f"profile: {CYCLES} kills, {latest} versions saved, {landed} kills mid-save, 0 torn, 0 empty")


def test_import_replace_killed_at_random(tmp_path: Path) -> None:
    from tui.cli import main

    rng = random.Random(19)
    sources = [REFERENCE, tmp_path / "changed.txt"]
    text = REFERENCE.read_text("utf-8")
    sources[1].write_text(text.replace("政务服务中心", "政务服务中心（改）"), "utf-8")
    versions: dict[str, set[bytes]] = {}
    for source in sources:  # every draft as each source makes it: what a file may hold
        scratch = tmp_path / f"scratch-{source.stem}"
        assert main(["import", str(source), "--drafts", str(scratch)]) == 0
        for path in draft_paths(scratch):
            versions.setdefault(path.name, set()).add(path.read_bytes())
        shutil.rmtree(scratch)
    assert any(len(v) == 2 for v in versions.values()), "the two sources must differ"
    folder = tmp_path / "drafts"
    assert main(["import", str(REFERENCE), "--drafts", str(folder)]) == 0
    archived = 0
    for cycle in range(CYCLES):

        def import_again(state: dict[str, int] = {}, first: int = cycle) -> None:  # noqa: B006 - the child's own
            state["n"] = state.get("n", first) + 1
            main(["import", str(sources[state["n"] % 2]), "--drafts", str(folder), "--replace"])

        kill_at_random(import_again, rng, 0.6)
        assert sorted(p.name for p in draft_paths(folder)) == sorted(versions), "a draft went missing or was added"
        for path in draft_paths(folder):
            assert path.read_bytes() in versions[path.name], f"{path.name} is torn"
        kept = list((folder / ".replaced").glob("*.toml")) if (folder / ".replaced").exists() else []
        for path in kept:
            assert any(path.read_bytes() in v for v in versions.values()), f"{path.name} in .replaced is torn"
        archived = len(kept)
    sweep_temporaries(folder, older_than=0)
    sweep_temporaries(folder / ".replaced", older_than=0)
    assert temporaries(folder) == 0
    _report(f"import --replace: {CYCLES} kills, {len(versions)} drafts old-or-new each time, {archived} archived")


def test_typing_in_the_editor_killed_at_random(tmp_path: Path) -> None:
    from textual.widgets import Input

    from tui.app import ShenbaoApp

    rng = random.Random(20)
    folder = tmp_path / "drafts"
    folder.mkdir()
    path = folder / "a.toml"
    draft = load_draft(next(p for p in (ROOT / "drafts").glob("*.toml")))
    draft.project.name = ""
    save_draft(draft, path)
    base = path.read_bytes()
    keys = "abcdefghij"
    journals = saved = 0

    def type_and_save() -> None:
        async def session() -> None:
            app = ShenbaoApp(folder)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.press("enter")
                await pilot.pause()
                field = next(w for w in app.screen.query(Input) if w.name == "project.name")
                field.focus()
                for round_ in range(10_000):
                    await pilot.press(keys[round_ % len(keys)])
                    if round_ % 7 == 6:
                        await pilot.press("ctrl+s")

        asyncio.run(session())

    for _ in range(CYCLES // 2):
        kill_at_random(type_and_save, rng, 4.0)
        raw = path.read_bytes()
        assert raw, "the draft is empty"
        name = load_draft(path).project.name  # parses: not torn
        assert keys.startswith(name[:10]) and all(c in keys for c in name), f"unexpected name {name!r}"
        saved += raw != base
        for found in pending_recovery(folder, include_unknown=True):
            assert set(found.problems) <= {"最后一条记录不完整，已忽略"}, found.problems
            journals += 1
            discard(found)
        assert not any(p.exists() for p in journal_paths(path))
        save_draft(draft, path)  # the next child types into the same draft again
    sweep_temporaries(folder, older_than=0)
    assert draft_paths(folder) == [path] and temporaries(folder) == 0
    cycles = CYCLES // 2
    _report(f"editor: {cycles} kills, {saved} with typing saved, {journals} journals read back, 0 torn, 0 empty")


def _report(line: str) -> None:
    print("\n" + line)
    report = os.environ.get("SHENBAO_KILL_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
