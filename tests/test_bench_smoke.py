"""A quick run of the benchmark harness (tests/bench), so it keeps working between full runs.

Only that the harness measures something sane is checked here (bytes and
times above zero, text found, verdicts computed); speed itself is measured by
``python3 -m tests.bench.run``, never asserted in tests.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest
from repo_paths import REPO

ROOT = REPO
if str(ROOT) not in sys.path:  # ``tests.bench`` is imported from the repository root
    sys.path.insert(0, str(ROOT))

from tests.bench import apps, gen_drafts, measure_library, measure_many, measure_yitihua, report  # noqa: E402
from tests.bench.keys import key_bytes  # noqa: E402
from tests.bench.pty_driver import PtyApp  # noqa: E402
from tests.bench.terminal_text import frames, rows_touched, strip_sequences  # noqa: E402


def _missing(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is None
    except ModuleNotFoundError:
        return True


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "drafts"
    gen_drafts.generate(folder, 20, broken_share=0)
    return folder


def test_terminal_text_is_what_a_person_reads() -> None:
    output = "\x1b[?1049h\x1b[3;5H\x1b[38;5;12m项目\x1b[0m名称\x1b]0;title\x07 ok\x1b(B\x1b[?2026$p\x1b[4"
    assert strip_sequences(output) == "项目名称 ok"
    assert rows_touched(b"\x1b[3;1Hab\x1b[3;9Hc\x1b[7;1Hd") == 2
    assert frames([0.0, 0.001, 0.002, 0.05, 0.051]) == 2
    assert key_bytes("tab") == b"\t" and key_bytes("ctrl+q") == b"\x11" and key_bytes("f6") == b"\x1b[17~"
    assert key_bytes("电") == "电".encode()


def test_bare_input_paints_echoes_a_key_and_stays_quiet() -> None:
    app, painted = apps.launch_bare()
    with app:
        assert 0 < painted < 20
        app.settle(0.2, 10)
        assert app.total_bytes > 1000  # a whole 80×24 screen
        key = app.press("x")
        assert key.bytes > 0 and key.seconds is not None and key.seconds > 0 and key.frames >= 1
        assert "x" in app.text()
        assert app.idle(0.5) == (0, 0)
        assert app.full_repaint().rows >= 20
    assert app.status is not None  # shut down, not left running


def test_blinking_cursor_is_seen_as_idle_bytes() -> None:
    app, _painted = apps.launch_bare(blink=True)
    with app:
        app.settle(0.2, 10)
        sent, bursts = app.idle(1.2)
    assert sent > 0 and bursts >= 1


def test_waiting_is_bounded_when_text_never_comes() -> None:
    with PtyApp([sys.executable, "-c", "print('hello')"]) as app:
        with pytest.raises(TimeoutError, match="exited"):
            app.wait_for("never shown", timeout=5)
        assert "hello" in app.text()


def test_generated_drafts_are_deterministic_and_readable(drafts: Path, tmp_path: Path) -> None:
    from forms.store.drafts import draft_paths, load_draft

    again = tmp_path / "again"
    gen_drafts.generate(again, 20, broken_share=0)
    paths = draft_paths(drafts)
    assert len(paths) == 20
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in draft_paths(again)]
    names = {load_draft(p).project.name for p in paths}
    assert len(names) == 20


def test_command_line_figures(drafts: Path) -> None:
    times = measure_many.command_line(drafts, runs=1)
    assert all(len(v) == 1 and v[0] > 0 for v in times.values())
    rows = report.cli_rows(times, measure_many.export_rate(drafts))
    assert {row.verdict for row in rows} <= {"PASS", "FAIL", "info"}
    assert "shenbao list" in report.table(rows)


@pytest.mark.skipif(_missing("tui.app"), reason="the app (tui/app.py) is not there yet")
def test_yitihua_rules_are_timed_on_and_off_on_a_cold_folder(drafts: Path, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    shutil.copytree(drafts, folder)
    samples = measure_yitihua.rules_on_off(folder, runs=1)
    assert all(len(samples[name]) == 1 and samples[name][0] > 0 for name in ("on", "off", "on_cpu", "off_cpu"))
    for row in measure_yitihua.rows(samples, 20):
        assert row.verdict in ("PASS", "FAIL") and row.ratio is not None
    assert not (folder / ".shenbao-index.json").exists()  # cold: no index left behind for the next run


def test_shenbao_list_and_editor_are_recognised(drafts: Path) -> None:
    app, listed = apps.launch_shenbao(drafts, apps.first_row_text(drafts))
    with app:
        assert listed > 0
        assert app.seen_at(apps.LIST_HEADER) is not None
        if _missing("tui.screens.editor"):
            pytest.skip("the editor (tui/screens/editor.py) is not there yet")
        assert app.press_until(apps.OPEN_DRAFT, apps.EDITOR_READY) > 0
        assert app.press(apps.NEXT_SECTION).bytes > 0


def _key(bytes_: int, ms: float, frames_: int = 1, rows: int = 2) -> dict[str, object]:
    return {"key": "tab", "bytes": bytes_, "seconds": ms / 1000, "frames": frames_, "rows": rows}


def test_report_turns_samples_into_verdicts() -> None:
    typing = {"bare": [_key(900, 4)] * 3, "bare_blink": [_key(900, 4)], "app": [_key(950, 5)] * 3}
    moving = {
        "fields": 3,
        "bare": [_key(8000, 35, 2, 24), _key(60000, 200, 12, 24)],
        "app": {"0": [{**_key(1500, 8), "repaint": 6000}, {**_key(7000, 20, 1, 24), "repaint": 6000}]},
        "switches": [{**_key(5000, 30, 1, 22), "repaint": 6000}],
    }
    many = {
        name: {"first": [0.2], "paint": [t], "loaded": [t], "load_bytes": [9], "scroll": [[_key(900, 5)]], "rss": [6.0]}
        for name, t in (("10", 0.3), ("10000", 0.9))
    }
    rows = [
        *report.typing_rows({**typing, "after_typing_bytes": [80]}),
        *report.moving_rows(moving),
        *report.idle_rows({"bare_blink": 1700.0, "bare": 0.0, "list": 0.0, "editor": 12.5}),
        *report.many_rows(many, "10", "10000"),
    ]
    verdicts = {row.item: row.verdict for row in rows}
    assert verdicts["项目名称: bytes per typed character"] == "PASS"  # 950 / 900 ≤ 1.1
    assert verdicts["Tab: median bytes"] == "FAIL"  # (1500 + 7000) / 2 > 4096
    assert verdicts["Tab that scrolls: max bytes / repaint"] == "FAIL"  # 7000 B > a 6000 B repaint
    assert verdicts["editor: idle"] == "FAIL" and verdicts["drafts list: idle"] == "PASS"
    assert verdicts["list painted, 10000 drafts"] == "FAIL"  # 3× the small folder
    assert "FAIL" in report.table(rows)


@pytest.mark.skipif(_missing("tui.screens.editor"), reason="the editor (tui/screens/editor.py) is not there yet")
def test_the_documented_command_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.bench import run

    results = tmp_path / "results.json"
    only = "startup,folders"
    argv = ["--only", only, "--runs", "1", "--count", "20", "--drafts-dir", str(tmp_path), "--json", str(results)]
    run.main(argv)
    out = capsys.readouterr().out
    assert "shenbao: drafts list painted" in out and "list painted: examples, cold" in out
    rows = json.loads(results.read_text("utf-8"))["rows"]
    assert rows and all(row["verdict"] in {"PASS", "FAIL", "info"} for row in rows)


def test_quick_fails_only_on_a_slow_start_up_on_a_quiet_machine() -> None:
    from tests.bench.run import quick_status

    slow = [report.Row("list painted", 0.5, "s", 0.2, 1.5, startup=True), report.Row("typing", 9.0, "s", 1.0, 1.5)]
    assert quick_status(slow, [0.4, 0.6]) == 1
    assert quick_status(slow, [0.4, 1.3]) == 0  # too busy to judge
    fine = [report.Row("list painted", 0.38, "s", 0.2, 1.5, startup=True), slow[1]]  # 1.9×: over 1.5, under 2
    assert quick_status(fine, [0.1, 0.1]) == 0


def test_picker_bench_times_every_key_typed_over_2000_entries() -> None:
    raw = measure_library.picker_filter(runs=1)
    keys = sum(len(text) for _, text in measure_library.QUERIES)
    assert raw["entries"] == 2000 and len(raw["search"]) == 2 * keys and len(raw["refilter"]) == keys
    rows = report.picker_rows(raw)
    assert rows[0].verdict in ("PASS", "FAIL") and all(row.value and row.value > 0 for row in rows)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_history_bench_measures_every_summary_case_on_a_small_bureau(tmp_path: Path) -> None:
    from tests.bench import history

    rows = history.measure(tmp_path, runs=1, units=2, projects=6, years=2)  # the log bench reads 项目05
    items = {row.item: row for row in rows}
    for item in (
        "bureau: summary --all-units, nothing changed",
        "bureau: summary, one unit's draft changed",
        "bureau: summary, no bureau cache",
    ):
        assert items[item].value and items[item].value > 0 and items[item].baseline, item
    assert items["bureau: summary --all-units, nothing changed"].verdict in ("PASS", "FAIL")
