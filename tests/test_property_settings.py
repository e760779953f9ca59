"""`make test` is deterministic: property tests run with a fixed seed and replay the committed
examples without changing them; only `make fuzz` explores (scripts/fuzz.py)."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings
from hypothesis.database import ReadOnlyDatabase

from tests.conftest import EXAMPLES


@pytest.mark.skipif(os.environ.get("MINUTEBOOK_HYPOTHESIS_PROFILE") == "fuzz", reason="make fuzz explores on purpose")
def test_property_tests_replay_the_committed_examples_with_a_fixed_seed(pytestconfig):
    assert pytestconfig.getoption("hypothesis_seed") is not None, "pytest.ini must fix --hypothesis-seed"
    database = settings.default.database
    assert isinstance(database, ReadOnlyDatabase)
    assert EXAMPLES.is_dir(), "the committed example database is missing"

