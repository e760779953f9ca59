"""Text in a meeting file cannot become markup, script or a template expression on any page:
every payload in tests/support/injection.py, in every text field, leaves no sign in the HTML
and is shown as the clerk typed it. (tests/quality/browser/test_injection.py checks the live pages.)"""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.support.injection import (
    MARKDOWN_PAYLOADS,
    PAYLOADS,
    committee_slug,
    find_formulas,
    find_injected,
    find_injected_in_feed,
)


def test_no_payload_leaves_a_sign_in_any_page(injection_site, figures):
    pages = sorted(injection_site.rglob("*.html"))
    assert len(pages) > 3 * len(PAYLOADS)
    found = {
        page.relative_to(injection_site).as_posix(): signs
        for page in pages
        if (signs := find_injected(page.read_text(encoding="utf-8")))
    }
    figures["injection payloads tried"] = len(PAYLOADS) + len(MARKDOWN_PAYLOADS)
    figures["injection pages checked (raw HTML)"] = len(pages)
    assert found == {}


def test_no_payload_breaks_out_of_a_feed_calendar_or_data_file(injection_site, figures):
    found = {}
    for path in sorted(injection_site.rglob("*")):
        name, text = path.relative_to(injection_site).as_posix(), None
        if path.suffix in (".atom", ".rss", ".xml"):
            text = path.read_text(encoding="utf-8")
            signs = find_injected_in_feed(text)
        elif path.suffix == ".ics":
            # After unfolding, every line is one property: a payload never starts a line of its own.
            text = path.read_text(encoding="utf-8").replace("\r\n ", "").replace("\r\n\t", "")
            signs = [
                line for line in text.split("\r\n") if line and not re.match(r"^[A-Z][A-Z0-9-]*[;:]", line)
            ]
        elif path.suffix == ".json":
            text = path.read_text(encoding="utf-8")
            json.loads(text)
            signs = []
        elif path.suffix == ".csv" and name.startswith("data/"):  # the open data, not the clerks' attachments
            text = path.read_text(encoding="utf-8")
            signs = [f"formula {cell!r}" for cell in find_formulas(text)]
        else:
            continue
        figures["injection feeds, calendars and data files checked"] += 1
        if signs:
            found[name] = signs
    assert found == {}


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_each_payload_is_shown_as_typed(injection_site, index):
    """The payload reached the page (so the test above saw it) as text, escaped, not dropped."""
    payload = PAYLOADS[index]
    page = next(injection_site.glob(f"meetings/2025/*-{committee_slug(index)}/index.html")).read_text(
        encoding="utf-8"
    )
    venue = page.split("<dt>Place</dt><dd>", 1)[1].split("</dd>", 1)[0]
    assert html.unescape(venue) == payload


@pytest.mark.parametrize(
    "snippet, sign",
    [
        ('<p onclick="x()">', "event handler onclick"),
        ('<a href=" jav&#x09;ascript:x()">', "href="),
        ('<div class="xss">', "injected attribute class"),
        ("<script>x()</script>", "inline"),
        ('<script src="https://cdn.example/x.js"></script>', "elsewhere"),
        ("<iframe></iframe>", "<iframe> element"),
        ('<meta http-equiv="refresh" content="0">', "http-equiv"),
        ("<p>117649</p>", "template syntax"),
        (
            '<script type="application/ld+json">{"name": "</script><script>x()</script>"}</script>',
            "not one JSON value",
        ),
    ],
)
def test_the_checker_sees_each_sign(snippet, sign):
    found = find_injected(f"<!DOCTYPE html><html><body>{snippet}</body></html>")
    assert any(sign in entry for entry in found), found


def test_the_checkers_see_signs_in_feeds_and_spreadsheets():
    feed = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">&lt;img src=x onerror=alert(1)&gt;</content></entry></feed>'
    assert any("onerror" in sign for sign in find_injected_in_feed(feed))
    assert find_formulas('name,group\r\nA,"=HYPERLINK(""x"")"\r\n') == ['=HYPERLINK("x")']


def test_the_checker_passes_a_clean_page(basic_site):
    for page in basic_site.rglob("*.html"):
        assert find_injected(page.read_text(encoding="utf-8")) == [], page
