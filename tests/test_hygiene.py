"""The form model stays free of the UI: importing forms or running a subcommand never loads Textual."""

import subprocess
import sys

import pytest

HEADLESS = [
    "forms",
    "forms.model.declaration",
    "forms.model.money",
    "forms.store.drafts",
    "forms.model.template",
    "forms.model.totals",
    "forms.checks.runner",
    "forms.render.formats",
    "forms.importing.importer",
    "forms.workflows.profile",
    "forms.workflows.rollover",
    "forms.workflows.suggestions",
    "forms.workflows.summary",
    "forms.render.summary",
    "forms.render.chart",
    "tui.cli",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_module_does_not_import_textual(module: str) -> None:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('tui.app'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if "ModuleNotFoundError" in result.stderr and module.split(".")[-1] in result.stderr:
        pytest.skip(f"{module} not written yet")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_no_forms_module_loads_textual_or_the_app() -> None:
    """Every module of ``forms``, subpackages included, found from the tree (the list above names the main ones)."""
    from pathlib import Path

    import forms

    root = Path(forms.__file__).parent
    names = sorted(
        ".".join(("forms", *p.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
        for p in root.rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_subcommands_do_not_import_textual(tmp_path) -> None:
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"main(['list', '--drafts', {str(tmp_path)!r}])\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stdout.strip().endswith("CLEAN"), result.stdout + result.stderr


def test_forms_sources_never_name_tui() -> None:
    from pathlib import Path

    import forms

    for source in Path(forms.__file__).parent.rglob("*.py"):
        text = source.read_text("utf-8")
        assert "import textual" not in text and "from textual" not in text, source
        assert "from tui" not in text and "import tui" not in text, source


def test_the_app_alone_loads_no_subcommand_module() -> None:
    code = (
        "import sys\n"
        "import tui.cli\n"
        "tui.cli._run_app = lambda drafts: print('APP', drafts)\n"
        "tui.cli.main(['--drafts', 'somewhere'])\n"
        "print(sorted(m for m in sys.modules if m in tui.cli.COMMANDS.values() or m == 'forms.importing.importer'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stdout.splitlines() == ["APP somewhere", "[]"], result.stderr


def test_one_subcommand_loads_only_its_module(tmp_path) -> None:
    code = (
        "import sys\n"
        "from tui.cli import COMMANDS, main\n"
        f"main(['list', '--drafts', {str(tmp_path)!r}])\n"
        "print(sorted(m for m in sys.modules if m in COMMANDS.values()) == [COMMANDS['list']])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stdout.splitlines()[-1] == "True", result.stdout + result.stderr
