"""Decisions first: a meeting page opens with what was decided; the register at /decisions/ lists
every resolution newest first, labels as printed, with static filter pages (no JavaScript), an
Atom feed and a CSV that match it."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser

from tests.support.opendata import csv_rows, records

BASE = "https://democracy.example.gov.uk/minutes/"
FEBRUARY = "meetings/2020/2020-02-13-scrutiny-board-2/"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def resolutions(site: Path) -> list[dict]:
    return records(site, "resolutions")


def register_entries(html: str) -> list[tuple[str, int]]:
    """(meeting address, minute) of each decision listed, in page order."""
    return [
        (meeting, int(minute))
        for meeting, minute in re.findall(
            r'<p class="decision__minute"><a href="\.\./((?:\.\./)*meetings/[^"#]+)#minute-(\d+)"', html
        )
    ]


def test_first_decision_comes_before_attendance(seed_site):
    html = page(seed_site, FEBRUARY)
    first_decision = html.index('class="resolution"')
    assert first_decision < html.index('id="attendance"')
    assert first_decision < html.index('id="membership"')
    decisions = html[html.index('id="decisions"') : html.index('id="attendance"')]
    assert 'href="#minute-41"' in decisions and 'href="#minute-44"' in decisions
    # The membership, repeated after the minutes' attendance, is collapsed.
    membership = html[html.index('id="membership"') : html.index('id="minutes"')]
    assert "<details" in membership


def test_a_meeting_without_minutes_has_no_decisions_section(seed_site):
    meetings = records(seed_site, "meetings")
    without = next(m for m in meetings if not m["minutes_in_archive"])
    html = (seed_site / without["url"].removeprefix(BASE) / "index.html").read_text(encoding="utf-8")
    assert 'id="decisions"' not in html


def test_register_lists_every_resolution_newest_first(seed_site):
    html = page(seed_site, "decisions/")
    listed = [(meeting.lstrip("./"), minute) for meeting, minute in register_entries(html)]
    expected = sorted(resolutions(seed_site), key=lambda r: r["date"], reverse=True)
    assert listed == [(r["url"].removeprefix(BASE).split("#")[0], r["minute"]) for r in expected]
    assert len(listed) == len(resolutions(seed_site)) == 12
    dates = [r["date"] for r in expected]
    assert dates == sorted(dates, reverse=True)


def test_register_keeps_the_printed_labels(seed_site):
    html = page(seed_site, "decisions/")
    start = html.index(f'{FEBRUARY}#minute-44">Minute 44: ')
    entry = html[start : html.index("</li>\n", html.index('class="resolution"', start))]
    # 4(a) and 4(b): points a) and b) under point 4., as printed.
    assert re.search(
        r'<span class="point-label">4\.</span> the following information be circulated:<ul class="resolution-points">'
        r'<li><span class="point-label">a\)</span> the link to access the working together guide 2018</li>'
        r'<li><span class="point-label">b\)</span> the 1-minute guide</li>',
        entry,
    )


def test_filters_are_plain_links_to_static_pages(seed_site):
    html = page(seed_site, "decisions/")
    nav = html[
        html.index('aria-label="Filter decisions"') : html.index(
            "</nav>", html.index('aria-label="Filter decisions"')
        )
    ]
    links = re.findall(r'href="([^"]+)"', nav)
    assert "committees/scrutiny-board-2/" in links and "2019/" in links and "topics/safeguarding/" in links
    everything = {(r["url"].removeprefix(BASE).split("#")[0], r["minute"]) for r in resolutions(seed_site)}
    for link in links:
        target = (seed_site / "decisions" / link / "index.html").resolve()
        assert target.exists(), link
        listed = {(m.replace("../", ""), n) for m, n in register_entries(target.read_text(encoding="utf-8"))}
        assert listed <= everything and listed
    year = {(m.replace("../", ""), n) for m, n in register_entries(page(seed_site, "decisions/2019/"))}
    assert year == {
        (r["url"].removeprefix(BASE).split("#")[0], r["minute"])
        for r in resolutions(seed_site)
        if "2019-05-01" <= r["date"] < "2020-05-01"
    }
    topic = page(seed_site, "decisions/topics/safeguarding/")
    assert "<script src" not in topic and 'aria-current="page">Safeguarding' in topic


def test_register_is_linked_from_the_home_page(seed_site):
    assert 'href="decisions/"' in page(seed_site, "")


def test_decisions_feed_parses(seed_site):
    feed = feedparser.parse((seed_site / "decisions/feed.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    expected = sorted(resolutions(seed_site), key=lambda r: r["date"], reverse=True)
    assert [entry.link for entry in feed.entries] == [r["url"] for r in expected]
    assert len({entry.id for entry in feed.entries}) == len(expected)
    assert 'href="../decisions/feed.atom"' in page(seed_site, "data/")


def test_decisions_csv_matches_the_register(seed_site):
    # The register links the spreadsheets' section of the data page, which lists each year's file.
    assert 'href="../data/#decisions-csv"' in page(seed_site, "decisions/")
    data_page = page(seed_site, "data/")
    section = data_page[data_page.index('id="decisions-csv"') :]
    assert 'href="2020/decisions.csv"' in section[: section.index("</section>")]
    rows = csv_rows(seed_site, "decisions.csv")
    listed = register_entries(page(seed_site, "decisions/"))
    assert sorted(
        (row["url"].removeprefix(BASE).split("#")[0], int(row["minute"])) for row in rows
    ) == sorted((m.lstrip("./"), n) for m, n in listed)
    minute_44 = next(row for row in rows if row["minute"] == "44")
    assert (
        "4. the following information be circulated:" in minute_44["text"]
        and "a) the link" in minute_44["text"]
    )


def test_the_register_is_in_the_main_navigation_of_every_page(seed_site):
    nav = re.compile(r'<nav class="site-nav" aria-label="Main">(.*?)</nav>', re.S)
    for url, link in (("", "decisions/"), (FEBRUARY, "../../../decisions/"), ("people/", "../decisions/")):
        links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav.search(page(seed_site, url)).group(1))
        assert (link, "Decisions") in links
        assert [text for _, text in links] == [
            "Committees",
            "Meetings by year",
            "Decisions",
            "People",
            "Topics",
        ]
    register = nav.search(page(seed_site, "decisions/")).group(1)
    assert '<a href="./" aria-current="page">Decisions</a>' in register
