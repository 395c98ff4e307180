"""Shared by every test: the repository's paths as fixtures (modules import them from ``repo_paths``).

Being at tests/ top level, this file's folder is on ``sys.path`` (pytest's default import mode), which is
what lets any test, however deep, ``from repo_paths import DRAFTS``.
"""

from pathlib import Path

import pytest
from repo_paths import DATA, DRAFTS, REPO


@pytest.fixture
def repo_root() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture
def examples_folder() -> Path:
    """The example drafts folder (read it; copy before writing)."""
    return DRAFTS


@pytest.fixture
def data_folder() -> Path:
    """tests/data."""
    return DATA
