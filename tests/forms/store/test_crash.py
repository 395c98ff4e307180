"""kill -9 at any moment: drafts stay whole, journals stay readable, locks of the dead are cleared.

A child process saves in a tight loop and is SIGKILLed after a random delay,
many times over; after every kill the draft parses and is exactly one of the
versions written, never an older one than before the child started. Children
are forked (no interpreter start-up), so hundreds of cycles take seconds.
``SHENBAO_CRASH_CYCLES=N`` runs N cycles per test instead of the default.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from forms.model.declaration import Declaration, ExpenseLine, new_declaration
from forms.store.conflicts import load_draft_checked, save_draft_checked
from forms.store.drafts import draft_paths, load_draft, save_draft
from forms.store.journal import Journal
from forms.store.locks import Lock, acquire, holder, lock_path
from forms.store.recovery import discard, pending_recovery
from forms.store.safe_io import TEMPORARY, sweep_temporaries

CYCLES = int(os.environ.get("SHENBAO_CRASH_CYCLES", "100"))
"""Kill cycles per test."""
SAVES_PER_LIFE = 6
"""A child lives up to this many saves' time, so kills land before, during and between saves."""


def version(number: int) -> Declaration:
    """Version ``number`` of the draft: sizes differ, so a torn file could not pass for another version."""
    draft = new_declaration(year="2021")
    draft.project.name = f"版本 {number}"
    draft.project.overview = "项目概况。" * (number % 7 * 40)
    draft.funding.sources[0].this_year = str(number)
    draft.expenses.lines = [ExpenseLine(item=f"第{i}项", this_year=str(i)) for i in range(number % 5)]
    return draft


def version_of(path: Path) -> int:
    """The version the file holds; fails unless it parses and is exactly that version."""
    draft = load_draft(path)
    number = int(draft.project.name.removeprefix("版本 "))
    assert draft == version(number), f"{path.name} holds a damaged version {number}"
    return number


def save_time(folder: Path) -> float:
    """Seconds one save takes here (fsync dominates, and differs a hundredfold between disks)."""
    start = time.perf_counter()
    for number in range(5):
        save_draft(version(number), folder / "timing.toml")
    (folder / "timing.toml").unlink()
    return (time.perf_counter() - start) / 5


def kill_at_random(work: Callable[[], None], rng: random.Random, life: float) -> None:
    """Fork a child running ``work`` forever and SIGKILL it within ``life`` seconds (sometimes at once)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            while True:
                work()
        finally:
            os._exit(1)
    if rng.random() > 0.1:
        time.sleep(rng.uniform(0, life))
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, "the child stopped by itself"


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMPORARY.fullmatch(p.name))


@pytest.mark.parametrize("checked", [False, True], ids=["save_draft", "save_draft_checked"])
def test_drafts_survive_kill_9_mid_save(tmp_path: Path, checked: bool) -> None:
    rng = random.Random(5)
    path = tmp_path / "a.toml"
    life = shortest = SAVES_PER_LIFE * save_time(tmp_path)
    save_draft(version(0), path)
    latest, torn_saves = 0, 0
    for _ in range(CYCLES):
        before = temporaries(tmp_path)

        def save_next(state: dict[str, object] = {}) -> None:  # noqa: B006 - the child's own counter
            if "number" not in state:
                state["number"] = version_of(path)
                state["print"] = load_draft_checked(path)[1]
            state["number"] = int(state["number"]) + 1  # type: ignore[call-overload]
            if checked:
                state["print"] = save_draft_checked(version(int(state["number"])), path, state["print"])  # type: ignore[arg-type,call-overload]
            else:
                save_draft(version(int(state["number"])), path)  # type: ignore[call-overload]

        kill_at_random(save_next, rng, life)
        now = version_of(path)
        assert now >= latest, "a kill brought back an older version"
        # A busy machine saves more slowly: children that saved nothing get longer to live.
        life = min(life * 1.15, 1.0) if now == latest else max(life * 0.95, shortest)
        latest = now
        left = temporaries(tmp_path)
        assert len(left) <= len(before) + 1, "more than the one save in flight left a file"
        torn_saves += len(left) - len(before)
        assert draft_paths(tmp_path) == [path]
    assert latest > CYCLES // 4 and torn_saves > 0, "the kills did not land among saves"
    assert len(sweep_temporaries(tmp_path, older_than=0)) == torn_saves
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]
    print(f"\n{CYCLES} kills, {latest} versions saved, {torn_saves} kills landed mid-save")


def test_journals_survive_kill_9_mid_record(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "a.toml"
    life = shortest = SAVES_PER_LIFE * save_time(tmp_path)
    base = save_draft_checked(version(0), path, None)
    texts = torn = 0
    for _ in range(CYCLES // 2):

        def type_on(state: dict[str, object] = {}) -> None:  # noqa: B006 - the child's own journal
            journal = state.setdefault("journal", Journal(path, base))
            state["n"] = int(state.get("n", 0)) + 1  # type: ignore[call-overload]
            journal.record("project.overview", "字" * int(state["n"]) * 50, sync=int(state["n"]) % 3 == 0)  # type: ignore[union-attr,call-overload]

        kill_at_random(type_on, rng, life)
        found_before = texts
        for found in pending_recovery(tmp_path):
            assert set(found.problems) <= {"最后一条记录不完整，已忽略"}, found.problems
            torn += len(found.problems)
            assert found.owner_state == "dead" and found.draft_path == path
            for entry in found.entries:
                assert entry.field == "project.overview" and set(entry.text) <= {"字"} and len(entry.text) % 50 == 0
                texts += 1
            discard(found)
        # A busy machine (CI, shared cores) starts children slowly: give them longer when none got to type.
        life = min(life * 1.15, 1.0) if texts == found_before else max(life * 0.95, shortest)
    assert texts > CYCLES // 4
    assert draft_paths(tmp_path) == [path] and load_draft(path) == version(0)
    print(f"\n{CYCLES // 2} kills, {texts} journals offered back, {torn} with a torn last line")


def test_locks_of_processes_killed_at_any_moment_are_cleared(tmp_path: Path) -> None:
    rng = random.Random(11)
    path = tmp_path / "a.toml"
    life = SAVES_PER_LIFE * save_time(tmp_path)
    for _ in range(CYCLES // 2):

        def lock_and_unlock() -> None:
            result = acquire(path)
            assert isinstance(result, Lock)
            result.release()

        kill_at_random(lock_and_unlock, rng, life)
        found = holder(path)
        assert found is None or found.state == "dead", found
        lock = acquire(path)
        assert isinstance(lock, Lock)
        lock.release()
        assert not lock_path(path).exists()
    swept = sweep_temporaries(tmp_path, older_than=0)
    assert list(tmp_path.iterdir()) == []
    print(f"\n{CYCLES // 2} kills while locking, every lock cleared, {len(swept)} temporary files swept")
