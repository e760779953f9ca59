"""The accessibility statement UK public sector bodies must publish: its parts, its contact from
site_config.yaml, and a link to it in the footer of every page."""

from __future__ import annotations

import re

from tests.conftest import build_site, copy_fixture


def statement(site) -> str:
    return (site / "accessibility/index.html").read_text(encoding="utf-8")


def test_the_statement_has_the_parts_the_regulations_ask_for(seed_site):
    html = statement(seed_site)
    headings = [
        heading.replace("&#39;", "'") for heading in re.findall(r"<h2 id=\"[a-z-]+\">([^<]+)</h2>", html)
    ]
    assert headings == [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    ]
    assert (
        "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018"
        in html
    )
    assert "Equality and Human Rights Commission (EHRC)" in html
    assert (
        'href="https://www.equalityadvisoryservice.com/">contact the Equality Advisory and Support Service (EASS)</a>'
        in html
    )
    assert "This website is partially compliant with the" in html  # the default compliance status
    # No contact in the seed's site_config.yaml: people are sent to the council's website, not to an invented address.
    assert (
        'contact <a href="https://www.coventry.gov.uk">Coventry City Council</a> through its website' in html
    )
    assert "mailto:" not in html


def test_every_page_links_to_the_statement_from_its_footer(seed_site):
    pages = [
        path
        for path in seed_site.rglob("*.html")
        if "/help/" not in path.as_posix() or path.name == "index.html"
    ]
    assert len(pages) > 100
    for path in pages:
        footer = path.read_text(encoding="utf-8").split('<footer class="site-footer">', 1)[1]
        assert re.search(r'<a href="(?:[^"]*accessibility/|\./)">Accessibility statement</a>', footer), path


def test_the_contact_and_dates_come_from_site_config(tmp_path):
    config = copy_fixture("basic", tmp_path / "site")
    config.write_text(
        config.read_text(encoding="utf-8")
        + (
            "accessibility:\n  email: access@example.org\n  phone: 01234 567890\n  compliance: fully\n"
            "  prepared: 2024-09-01\n  reviewed: 2025-09-02\n  tested: 2025-08-15\n"
        ),
        encoding="utf-8",
    )
    result = build_site(config, tmp_path / "out")
    assert not result.failed, [d.format() for d in result.diagnostics]
    html = statement(tmp_path / "out")
    assert (
        html.count('<a href="mailto:access@example.org">access@example.org</a>') == 2
    )  # for formats, and for problems
    assert '<a href="tel:01234567890">01234 567890</a>' in html
    assert "This website is fully compliant with the" in html and "Non-accessible content" not in html
    assert (
        "This statement was prepared on 1 September 2024. It was last reviewed on 2 September 2025." in html
    )
    assert "This website was last tested on 15 August 2025." in html
