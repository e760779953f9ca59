from pathlib import Path

import pytest

from minutebook.config import PROJECT_ROOT, contrast_ratio, load_config
from minutebook.diagnostics import Diagnostics


def write_config(tmp_path: Path, text: str) -> Path:
    (tmp_path / "content").mkdir(exist_ok=True)
    path = tmp_path / "site_config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_config_gets_sensible_defaults(tmp_path):
    diagnostics = Diagnostics()
    config = load_config(
        write_config(tmp_path, "council:\n  name: Town Council\nsite:\n  title: Minutes\n"), diagnostics
    )
    # The site builds; only what needs the site's full address (feeds, calendars, data) is left out.
    assert [(d.level.value, d.code) for d in diagnostics.items] == [("warning", "base-url-missing")]
    assert config.time_zone == "Europe/London" and config.municipal_year_start_month == 5
    assert config.base_path == "/" and not config.has_public_address


def test_unknown_keys_and_bad_values_are_all_reported(tmp_path):
    diagnostics = Diagnostics()
    text = (
        "council:\n  name: Town Council\n"
        "site:\n  title: Minutes\n  base_url: example.org\n  time_zone: Europe/Londn\n  municipal_year_start_month: 13\n  languge: en\n"
        'theme:\n  brand_colour: "#ffff00"\n'
    )
    load_config(write_config(tmp_path, text), diagnostics)
    found = {(d.code, d.pos.line) for d in diagnostics.items}
    assert found == {("base-url", 5), ("time-zone", 6), ("month", 7), ("unknown-field", 8), ("contrast", 10)}
    assert "did you mean 'language'" in next(d.hint for d in diagnostics.items if d.code == "unknown-field")


def test_contrast_ratio_matches_wcag_examples():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#1d70b8", "#ffffff"), 2) == 5.17


def errors_for(tmp_path: Path, text: str, base_url: str | None = None) -> set[tuple[str, int]]:
    diagnostics = Diagnostics()
    load_config(write_config(tmp_path, text), diagnostics, base_url)
    return {(d.code, d.pos.line) for d in diagnostics.errors}


@pytest.mark.parametrize(
    "website",
    [
        "javascript:alert(1)",  # the footer link of every page would run it
        "JavaScript:alert(document.domain)",
        "data:text/html,<script>alert(1)</script>",
        "www.coventry.gov.uk",
        "'https://www.coventry.gov.uk/\" onmouseover=\"alert(1)'",
        "https://",
    ],
)
def test_the_council_website_must_be_an_http_address(tmp_path, website):
    text = f"council:\n  name: Town Council\n  website: {website}\nsite:\n  title: Minutes\n"
    assert errors_for(tmp_path, text) == {("website", 3)}


def test_a_council_website_in_full_is_accepted(tmp_path):
    diagnostics = Diagnostics()
    config = load_config(
        write_config(
            tmp_path,
            "council:\n  name: Town Council\n  website: https://www.coventry.gov.uk/?q=a%22b\nsite:\n  title: Minutes\n",
        ),
        diagnostics,
    )
    assert diagnostics.errors == [] and config.council_website == "https://www.coventry.gov.uk/?q=a%22b"


@pytest.mark.parametrize(
    "base_url",
    [
        "'https://minutes.example.org/\"><script>alert(1)</script>/'",  # a quote ended the Atom feed's HTML attributes
        "https://minutes.example.org/a b/",
        "https://minutes.example.org/?page=1",
        "javascript:alert(1)//",
        "https://[minutes.example.org/",  # urlsplit raises on an unclosed '['
    ],
)
def test_base_url_must_be_a_clean_web_address(tmp_path, base_url):
    text = f"council:\n  name: Town Council\nsite:\n  title: Minutes\n  base_url: {base_url}\n"
    assert errors_for(tmp_path, text) == {("base-url", 5)}


@pytest.mark.parametrize(
    "override, accepted",
    [
        ("/preview/", True),
        ("https://staging.example.org/minutes/", True),
        ('/preview/"><script>alert(1)</script>', False),
        ("//evil.example/", False),
        ("javascript:alert(1)", False),
    ],
)
def test_the_base_url_option_is_checked_too(tmp_path, override, accepted):
    found = errors_for(tmp_path, "council:\n  name: Town Council\nsite:\n  title: Minutes\n", override)
    assert found == (set() if accepted else {("base-url", 0)})


@pytest.mark.parametrize(
    "language, accepted",
    [
        ("en-GB", True),
        ("cy", True),
        ("ga-IE", True),
        ("zh-Hant-TW", True),
        ("sr-Latn-RS", True),
        ("de-CH-1996", True),
        ('en"><script>alert(1)</script>', False),
        ("en GB", False),
        ("e", False),
        ("en_GB", False),
    ],
)
def test_language_must_be_a_bcp47_tag(tmp_path, language, accepted):
    text = f"council:\n  name: Town Council\nsite:\n  title: Minutes\n  language: '{language}'\n"
    assert errors_for(tmp_path, text) == (set() if accepted else {("language", 5)})


def test_accessibility_contact_is_read_and_checked(tmp_path):
    diagnostics = Diagnostics()
    base = (
        "council:\n  name: Town Council\nsite:\n  title: Minutes\n  base_url: https://minutes.example.org/\n"
    )
    good = (
        base
        + "accessibility:\n  email: access@town.gov.uk\n  phone: 024 7683 3333\n  compliance: fully\n  prepared: 2024-09-01\n  reviewed: 2025-09-01\n"
    )
    config = load_config(write_config(tmp_path, good), diagnostics)
    assert diagnostics.items == []
    a11y = config.accessibility
    assert (
        a11y.email,
        a11y.phone,
        a11y.compliance,
        a11y.prepared.isoformat(),
        a11y.reviewed.isoformat(),
        a11y.tested,
    ) == ("access@town.gov.uk", "024 7683 3333", "fully", "2024-09-01", "2025-09-01", None)
    # Left out: a partially compliant statement that sends people to the council's website.
    assert load_config(write_config(tmp_path, base), Diagnostics()).accessibility.compliance == "partially"
    bad = (
        base
        + "accessibility:\n  email: Access Team <access@town>\n  phone: ring us\n  compliance: mostly\n  prepared: 2025-09-01\n  reviewed: 2024-09-01\n  contact: x\n"
    )
    diagnostics = Diagnostics()
    config = load_config(write_config(tmp_path, bad), diagnostics)
    assert {(d.code, d.pos.line) for d in diagnostics.items} == {
        ("email", 7),
        ("phone", 8),
        ("choice", 9),
        ("date", 11),
        ("unknown-field", 12),
    }
    assert config.accessibility.email == "" and config.accessibility.phone == ""


def test_the_project_is_the_checkout_build_py_runs_from():
    # Archives made elsewhere (build.py synth) fall back on its templates, theme and handbook.
    assert Path(__file__).resolve().parent.parent == PROJECT_ROOT


def test_an_archive_without_a_project_to_fall_back_on_names_each_missing_folder(tmp_path, monkeypatch):
    monkeypatch.setattr("minutebook.config.PROJECT_ROOT", None)  # as when the package is installed
    path = write_config(tmp_path, "council:\n  name: Town Council\nsite:\n  title: Minutes\n")
    diagnostics = Diagnostics()
    load_config(path, diagnostics)
    errors = {d.message: d.hint for d in diagnostics.items if d.level.value == "error"}
    assert errors == {
        f"the templates folder {tmp_path / 'templates'} does not exist": "copy the project's templates/ folder next to site_config.yaml, or set paths: templates: in site_config.yaml",
        f"the theme folder {tmp_path / 'theme'} does not exist": "copy the project's theme/ folder next to site_config.yaml, or set paths: theme: in site_config.yaml",
        f"the handbook configuration {tmp_path / 'mkdocs.yml'} does not exist": "copy the project's mkdocs.yml and docs/ (the handbook) next to site_config.yaml, or set paths: handbook: to its mkdocs.yml",
    }
    for folder in ("templates", "theme"):
        (tmp_path / folder).mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Handbook\n", encoding="utf-8")
    diagnostics = Diagnostics()
    config = load_config(path, diagnostics)
    assert not diagnostics.errors
    assert (config.templates_dir, config.theme_dir) == (tmp_path / "templates", tmp_path / "theme")
