"""Shared fixtures: built sites (the seed archive and small fixture sites) and a CI rule that a
skipped test fails the run, because under CI a missing browser or tool is a failure."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import seed, settings
from hypothesis.database import DirectoryBasedExampleDatabase, ReadOnlyDatabase

from minutebook.pipeline import BuildOptions, BuildResult, build
from tests.support.browser import CHROMIUM_ARGS, chromium_path
from tests.support.injection import write_injection_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUILD_DATE = dt.date(2026, 11, 1)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
FIGURES = pytest.StashKey[Counter]()

# Property tests are deterministic in `make test`, for everyone, not only under CI: the committed
# examples below are replayed first (and never changed by a test run), then each test explores
# from one fixed seed. `make fuzz` (scripts/fuzz.py) explores with fresh seeds and records every
# failing example it finds here, so it is replayed from then on. (The seed is given to each test
# rather than with --hypothesis-seed, which would switch the example database off.)
EXAMPLES = Path(__file__).resolve().parent / "hypothesis-examples"
PROPERTY_SEED = 20261202
FUZZING = os.environ.get("MINUTEBOOK_HYPOTHESIS_PROFILE") == "fuzz"
settings.register_profile(
    "deterministic",
    database=ReadOnlyDatabase(DirectoryBasedExampleDatabase(EXAMPLES)),
    print_blob=True,
    deadline=None,
)
settings.register_profile(
    "fuzz", database=DirectoryBasedExampleDatabase(EXAMPLES), print_blob=True, deadline=None
)
settings.load_profile("fuzz" if FUZZING else "deterministic")


def build_site(config: Path, out: Path, **options) -> BuildResult:
    options.setdefault("build_date", BUILD_DATE)
    return build(BuildOptions(config_path=config, out=out, **options))


def copy_fixture(name: str, destination: Path) -> Path:
    """A fixture site copied somewhere a test may change it; returns its site_config.yaml."""
    shutil.copytree(FIXTURES / name, destination, dirs_exist_ok=True)
    return destination / "site_config.yaml"


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The real archive in content/, built once for the session."""
    out = tmp_path_factory.mktemp("seed") / "_site"
    result = build_site(ROOT / "site_config.yaml", out)
    assert not result.failed, "\n".join(d.format() for d in result.diagnostics)
    return out


def _built_fixture(tmp_path_factory, name: str) -> Path:
    out = tmp_path_factory.mktemp(name) / "_site"
    result = build_site(FIXTURES / name / "site_config.yaml", out)
    assert not result.failed, "\n".join(d.format() for d in result.diagnostics)
    return out


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory) -> Path:
    return _built_fixture(tmp_path_factory, "basic")


@pytest.fixture(scope="session")
def leaks_site(tmp_path_factory) -> Path:
    """The fixture site with a marker in every private, draft and embargoed field (tests/quality/test_leaks.py)."""
    return _built_fixture(tmp_path_factory, "leaks")


@pytest.fixture(scope="session")
def injection_config(tmp_path_factory) -> Path:
    """A site with a cross-site scripting payload in every text field (tests/support/injection.py)."""
    return write_injection_site(tmp_path_factory.mktemp("injection") / "site")


@pytest.fixture(scope="session")
def injection_site(injection_config, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("injection-out") / "_site"
    result = build_site(injection_config, out)
    assert not result.failed, "\n".join(d.format() for d in result.diagnostics)
    return out


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright, one for the whole run (Playwright's sync API allows
    only one at a time)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright's Python package is not installed (make test installs it)"
    )
    executable = chromium_path()
    if executable is None:
        pytest.skip(
            "Debian's chromium is not installed (make test installs it when run as root: apt-get install chromium)"
        )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def figures(request) -> Counter:
    """Counts the quality checks record, printed after the run: figures["broken links"] += n, or
    figures["pages checked with axe", "meeting phone"] += 1 for a total with its parts."""
    return request.config.stash.setdefault(FIGURES, Counter())


def pytest_collection_modifyitems(items):
    """Mark the property tests, so that `make fuzz` can run them alone (`-m property`), and give
    each the fixed seed unless fuzzing."""
    for item in items:
        test = getattr(getattr(item, "obj", None), "__func__", getattr(item, "obj", None))
        if getattr(test, "is_hypothesis_test", False):
            item.add_marker(pytest.mark.property)
            if not FUZZING:
                seed(PROPERTY_SEED)(test)


def pytest_terminal_summary(terminalreporter, config):
    counts = config.stash.get(FIGURES, None)
    if not counts:
        return
    totals: dict[str, list] = {}
    for key, count in counts.items():
        name, part = (key, None) if isinstance(key, str) else key
        totals.setdefault(name, []).append((part, count))
    terminalreporter.section("quality figures")
    for name, parts in sorted(totals.items()):
        detail = ", ".join(
            f"{part} {count}"
            for part, count in sorted(parts, key=lambda item: str(item[0]))
            if part is not None
        )
        terminalreporter.write_line(
            f"{name}: {sum(count for _, count in parts)}" + (f" ({detail})" if detail else "")
        )


def pytest_sessionfinish(session, exitstatus):
    if not IN_CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(
            f"CI: {len(skipped)} test(s) were skipped; under CI a skip is a failure", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
