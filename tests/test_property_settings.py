"""`make test` is deterministic: property tests replay the committed examples without changing
them, then explore from a fixed seed; only `make fuzz` explores anew (scripts/fuzz.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.database import ReadOnlyDatabase

from tests.conftest import EXAMPLES, FUZZING, PROPERTY_SEED


@pytest.mark.skipif(FUZZING, reason="make fuzz explores on purpose")
def test_property_tests_replay_the_committed_examples_and_explore_from_a_fixed_seed(pytestconfig):
    assert isinstance(settings.default.database, ReadOnlyDatabase)
    assert EXAMPLES.is_dir(), "the committed example database is missing"
    # A global --hypothesis-seed would switch the example database off.
    assert pytestconfig.getoption("hypothesis_seed") is None
    assert (
        getattr(test_a_property_test_of_this_module, "_hypothesis_internal_use_seed", None) == PROPERTY_SEED
    )


@given(st.lists(st.integers()))
def test_a_property_test_of_this_module(numbers):
    assert sorted(sorted(numbers)) == sorted(numbers)
