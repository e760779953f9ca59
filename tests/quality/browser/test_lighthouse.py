"""Lighthouse's SEO category on pages of each kind of the seed archive, served at a domain root
and built for that address: every audit passes, a score of 100.

Lighthouse is the npm package pinned in package.json (package-lock.json), which scripts/setup.sh
test installs with `npm ci`; it runs Debian's chromium (CHROME_PATH), never a downloaded browser.
It runs here as a whole rather than as a copy of its checks, so the score is Lighthouse's own and
follows its audits as they are: a title, a meta description, a status of 200, a page crawlers may
index, links crawlers can follow, with descriptive text, a valid robots.txt, canonical and
hreflang links, image alt text."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.conftest import ROOT
from tests.support.browser import chromium_path

pytestmark = pytest.mark.browser

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = [
    "",
    "search/?q=young+carers",
    "meetings/2020/2020-01-09-scrutiny-board-2/",
    "meetings/2020/2020-01-09-scrutiny-board-2/libraries-update-briefing-note/",
    "people/a-brennan/",
]


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_seo_score_is_100(mounts, page, tmp_path, figures):
    if not LIGHTHOUSE.exists():
        pytest.skip("Lighthouse is not installed (scripts/setup.sh test installs it with npm ci)")
    chromium = chromium_path()
    if not chromium:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    report = tmp_path / "lighthouse.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            mounts["seed"].url(page),
            "--only-categories=seo",
            "--output=json",
            f"--output-path={report}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--no-enable-error-reporting",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": chromium},
        check=True,
        timeout=300,
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    seo = result["categories"]["seo"]
    audits = {ref["id"]: result["audits"][ref["id"]] for ref in seo["auditRefs"]}
    failed = {
        name: audit.get("explanation") or audit["title"]
        for name, audit in audits.items()
        if audit["scoreDisplayMode"] not in ("manual", "notApplicable", "informative") and audit["score"] != 1
    }
    figures["pages scored by Lighthouse for SEO"] += 1
    assert failed == {}
    assert seo["score"] == 1
