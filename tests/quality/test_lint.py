"""The code's habits, checked on every `make test`: ruff's lint rules and its formatting over the
tree, and mypy over the package, with the settings in pyproject.toml. The tools are pinned in
requirements-dev.txt; a missing one fails the run (never skips it), since a skipped check would
let the tree drift unnoticed."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _run(tool: str, *args: str) -> str:
    if importlib.util.find_spec(tool) is None:
        pytest.fail(
            f"{tool} is not installed in {sys.prefix}: run `make test`, which installs requirements-dev.txt"
        )
    result = subprocess.run(
        [sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"`{tool} {' '.join(args)}` complains:\n{result.stdout}{result.stderr}"
    return result.stdout


def test_ruff_lint_finds_nothing():
    _run("ruff", "check", ".")


def test_the_tree_is_formatted_as_ruff_formats_it():
    _run("ruff", "format", "--check", ".")


def test_mypy_finds_no_type_errors_in_the_package():
    output = _run("mypy")  # the files and settings are pyproject.toml's [tool.mypy]
    # A configuration that pointed mypy at nothing would pass too: it must have read every module.
    checked = re.search(r"in (\d+) source files?", output)
    modules = list((ROOT / "minutebook").rglob("*.py"))
    assert checked and int(checked.group(1)) == len(modules), output
