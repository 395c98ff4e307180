"""What shenbao imports before its first screen paints, and whether the subcommands load Textual.

The app runs in the pty with ``PYTHONPROFILEIMPORTTIME=1`` and its stderr sent
to a file; the file's length at the moment the list paints splits the import
log into "before first paint" and "after". (Import profiling slows imports, so
these runs are for finding culprits, never for the time figures.)
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.bench import apps
from tests.bench.process import bench_env

LATER = re.compile(
    r"^(tui\.screens\.(editor|help)|tui\.sections\.|tui\.widgets\.(amount|grid|stepper|choice)"
    # forms.render and forms.checks are packages now: their width and findings modules serve the list's first rows.
    r"|forms\.(render\.(?!width$)|checks\.(?!findings$)|importing|workflows)"
    r"|textual\.widgets\._(text_area|tree|markdown|select)|tree_sitter|markdown_it|pygments)"
)
"""Modules the drafts list does not need to paint (the editor, rendering, checks, importing)."""
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def parse_importtime(log: str) -> list[tuple[str, int, int, int]]:
    """``(module, self µs, cumulative µs, depth)`` for each line of a ``-X importtime`` log, in order."""
    return [(m.group(4), int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2) for m in _LINE.finditer(log)]


def first_paint_imports(folder: Path) -> dict[str, object]:
    """Imports before the drafts list painted, until it settled, and on opening the editor.

    Textual draws on stderr, where the import log goes too, so the log is read
    from the terminal output itself: its position relative to the first paint
    is then exact.
    """
    profiled = bench_env({"PYTHONPROFILEIMPORTTIME": "1"})
    app, _rows = apps.launch_shenbao(folder, apps.first_row_text(folder), env=profiled)
    with app:
        at_paint = app.mark()
        app.settle(0.3)
        settled = app.mark()
        app.press_until(apps.OPEN_DRAFT, apps.EDITOR_READY)
        app.settle(0.3)
        logs = [app.since(0, at_paint), app.since(at_paint, settled), app.since(settled)]
    before, worker, editor = (parse_importtime(log.decode("utf-8", errors="replace")) for log in logs)
    return {
        "before_paint": _summary(before),
        "after_paint_until_settled": _summary(worker),
        "on_opening_editor": _summary(editor),
        "not_needed_before_paint": [
            name for name, *_ in before if LATER.match(name) and name not in textual_own_imports()
        ],
    }


def textual_own_imports() -> set[str]:
    """The modules ``textual.app`` itself imports (its command palette brings ``_select``, ``_tree`` …).

    Every Textual app pays for these, the bare one too, so they are not shenbao's to avoid.
    """
    code = "import textual.app\nfrom textual.widgets import Input, Label"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, env=bench_env(), check=True
    )
    return {name for name, *_ in parse_importtime(result.stderr)}


def _summary(entries: list[tuple[str, int, int, int]]) -> dict[str, object]:
    top = sorted((e for e in entries if e[3] == 0), key=lambda e: -e[2])[:12]
    packages: dict[str, int] = {}
    for name, own, _cumulative, _depth in entries:
        package = name.split(".")[0]
        packages[package] = packages.get(package, 0) + own
    heaviest = sorted(packages.items(), key=lambda item: -item[1])[:10]
    return {
        "modules": len(entries),
        "self_ms": round(sum(e[1] for e in entries) / 1000, 1),
        "by_package_ms": {package: round(own / 1000, 1) for package, own in heaviest},
        "top_level": [(name, round(cumulative / 1000, 1)) for name, _s, cumulative, _d in top],
    }


def importers(log: str, module: str) -> list[str]:
    """The chain of imports that first loaded ``module`` (outermost first), from a ``-X importtime`` log.

    The log lists a module after everything it imported, indented one level
    deeper, so the importer of a line is the next line below with less indentation.
    """
    entries = parse_importtime(log)
    index = next((i for i, entry in enumerate(entries) if entry[0] == module), None)
    if index is None:
        return []
    chain = [module]
    depth = entries[index][3]
    for name, _own, _cumulative, level in entries[index + 1 :]:
        if level < depth:
            chain.insert(0, name)
            depth = level
    return chain


def subcommands_import_textual(folder: Path) -> dict[str, bool]:
    """For each subcommand, whether running it loaded any ``textual`` module."""
    out = {}
    for command in (["list"], ["validate"], ["export", "--force", "x"], ["--help"]):
        code = (
            "import sys\nfrom tui.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('TEXTUAL' if any(m.split('.')[0] == 'textual' for m in sys.modules) else 'CLEAN')\n"
        )
        argv = [sys.executable, "-c", code, *command, "--drafts", str(folder)]
        result = subprocess.run(argv, capture_output=True, text=True, env=bench_env(), check=False, timeout=300)
        out[" ".join(command)] = result.stderr.rstrip().endswith("TEXTUAL")
    return out
