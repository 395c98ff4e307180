"""Hypothesis settings for every property test: a quick, deterministic run by default, a long one on request.

Use ``@examples(quick)`` (or ``@examples(quick, long)``) on every ``@given`` test.

* **Default run** (CI, ``pytest``): ``quick`` examples, ``derandomize=True``.
  Derandomized, a property tries the same examples on every run, so CI can
  neither pass nor fail by luck: a change that breaks a property breaks it
  every time, and a run that passes says the same thing each time. What random
  search once found is not left to luck either: every failure becomes an
  ``@example`` beside its property and is replayed on every run.
* **Long run** (``SHENBAO_LONG=1``): ``long`` examples (10,000 by default; use
  1,000 for a property where one example writes a Word or Excel file), freshly
  random on each run so it explores new ground, with the failing example's
  reproduction blob printed. The same variable switches on the project's other
  long tests (``@long_only``, i.e. ``pytest.mark.skipif(os.environ.get("SHENBAO_LONG") != "1", ...)``)::

      SHENBAO_LONG=1 python3 -m pytest tests/forms/test_properties*.py -p no:cacheprovider

  Whatever it finds becomes an ``@example`` and a fix.
* ``SHENBAO_EXAMPLES=N`` overrides the count of either run (e.g. a quick look
  at 2,000 examples without the full long run).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

LONG = os.environ.get("SHENBAO_LONG") == "1"
"""True in the long run."""
LONG_REASON = "long run: set SHENBAO_LONG=1"
"""The ``skipif`` reason for tests that only run in the long run."""
long_only = pytest.mark.skipif(not LONG, reason=LONG_REASON)
"""Mark a test that runs only in the long run."""

_OVERRIDE = int(os.environ.get("SHENBAO_EXAMPLES", "0") or "0")
_RELAXED = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


def examples(quick: int, long: int = 10_000) -> settings:
    """Settings for one property: ``quick`` derandomized examples, or ``long`` random ones with ``SHENBAO_LONG=1``."""
    count = _OVERRIDE or (long if LONG else quick)
    if LONG:
        return settings(max_examples=count, deadline=None, suppress_health_check=_RELAXED, print_blob=True)
    return settings(max_examples=count, deadline=None, suppress_health_check=_RELAXED, derandomize=True)
