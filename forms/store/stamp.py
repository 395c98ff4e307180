"""The stamp of shenbao's rules: a digest that changes whenever a cached verdict or report could.

The folder index (``forms.store.index``) and the bureau cache
(``forms.workflows.bureau_cache``) keep what the form model's code decided;
both are thrown away when this stamp differs from the one they were written with.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import forms


@cache
def rules_stamp() -> str:
    """A digest of the form model's source and templates: it changes whenever a verdict could."""
    digest = hashlib.sha256()
    root = Path(forms.__file__).parent  # the whole package, subpackages too: checks may live anywhere in it
    for source in sorted([*root.rglob("*.py"), *root.glob("templates/*.toml")]):
        digest.update(source.relative_to(root).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]
