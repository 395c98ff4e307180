"""Where the tests find the repository: its root, the example drafts and the test data.

Import from here (``from repo_paths import DRAFTS``) rather than counting ``Path(__file__).parents``: a test
that moves keeps working. tests/conftest.py puts this folder on ``sys.path`` for every test.
"""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
"""The tests folder."""
REPO = TESTS.parent
"""The repository root (pyproject.toml, drafts/, forms/, tui/)."""
DRAFTS = REPO / "drafts"
"""The example drafts shipped with shenbao."""
DATA = TESTS / "data"
"""Test data: the reference forms, bad files, import variants, golden renders."""
