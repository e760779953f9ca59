"""The Atom feeds, read back with feedparser: titles, stable entry ids, times, content, links."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

BASE = "https://democracy.example.gov.uk/minutes/"
MEETINGS_WITH_MINUTES = [  # newest first, as the feeds list them
    "meetings/2023/2023-03-16-scrutiny-board-2/",
    "meetings/2020/2020-02-13-scrutiny-board-2/",
    "meetings/2019/2019-11-28-scrutiny-board-2/",
    "meetings/2017/2017-06-29-scrutiny-board-2/",
]


def read_feed(site: Path, path: str):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_site_feed_lists_every_meeting_with_minutes_newest_first(seed_site):
    feed = read_feed(seed_site, "feed.atom")
    assert feed.feed.title == "Coventry - all committees - meetings"
    assert feed.feed.id == BASE + "feed.atom"
    assert [entry.id for entry in feed.entries] == [BASE + url for url in MEETINGS_WITH_MINUTES]
    assert [entry.link for entry in feed.entries] == [BASE + url for url in MEETINGS_WITH_MINUTES]
    assert feed.feed.updated == "2023-03-16T17:00:00+00:00"  # the close of the latest meeting
    assert {link.rel: link.href for link in feed.feed.links} == {
        "alternate": BASE,
        "self": BASE + "feed.atom",
    }


def test_committee_feed_title_times_and_content(seed_site):
    feed = read_feed(seed_site, "committees/scrutiny-board-2/feed.atom")
    assert feed.feed.title == "Coventry - Education and Children's Services Scrutiny Board (2) - meetings"
    february = next(entry for entry in feed.entries if "2020-02-13" in entry.id)
    assert (
        february.title
        == "Minutes: Education and Children's Services Scrutiny Board (2), Thursday 13 February 2020"
    )
    # 12:10pm in London in February is 12:10 UTC; the time comes from the minutes, not the clock.
    assert february.updated == "2020-02-13T12:10:00+00:00" and february.published == february.updated
    content = february.content[0].value
    assert "Members: 8" in content and "Apologies: 4" in content
    assert "note the findings of the Serious Case Review" in content
    assert f'href="{BASE}meetings/2020/2020-02-13-scrutiny-board-2/#minute-41"' in content
    # Links the resolve stage made are absolute in a feed: a reader has no page to resolve them from.
    assert "site:/" not in content and 'href="../' not in content
    assert february.summary.startswith("Minutes 37 to 45: Declarations of Interests; Minutes;")
    assert february.tags[0].term == "Education and Children's Services Scrutiny Board (2)"


def test_person_feed_lists_the_meetings_they_were_at(seed_site):
    feed = read_feed(seed_site, "people/k-sandhu/feed.atom")
    assert feed.feed.title == "Coventry - Councillor K Sandhu - meetings"
    ids = [entry.id for entry in feed.entries]
    assert BASE + "meetings/2020/2020-02-13-scrutiny-board-2/" in ids
    assert ids == sorted(ids, reverse=True)
    # The same meeting has the same id and content in every feed it appears in.
    site_entries = {entry.id: entry.content[0].value for entry in read_feed(seed_site, "feed.atom").entries}
    assert all(site_entries[entry.id] == entry.content[0].value for entry in feed.entries)


def test_topic_feed_has_one_entry_per_minute(seed_site):
    feed = read_feed(seed_site, "topics/safeguarding/feed.atom")
    assert feed.feed.title == "Coventry - Safeguarding children - minutes"
    ids = [entry.id for entry in feed.entries]
    assert BASE + "meetings/2020/2020-02-13-scrutiny-board-2/#minute-41" in ids
    assert len(ids) == len(set(ids))
    serious_case_review = next(
        entry for entry in feed.entries if entry.id.endswith("2020-02-13-scrutiny-board-2/#minute-41")
    )
    assert serious_case_review.title.startswith("Serious Case Review: minute 41,")
    assert "note the progress against the recommendations" in serious_case_review.content[0].value


def test_every_committee_person_and_topic_has_a_feed(seed_site):
    people = sorted(p.parent.name for p in (seed_site / "people").glob("*/index.html"))
    assert len(people) == 67
    for folder in ["committees", "people", "topics"]:
        pages = list((seed_site / folder).glob("*/index.html"))
        assert pages
        for page in pages:
            read_feed(seed_site, (page.parent / "feed.atom").relative_to(seed_site).as_posix())


@pytest.mark.parametrize(
    "url", ["", "committees/scrutiny-board-2/", "people/k-sandhu/", "topics/safeguarding/"]
)
def test_listing_pages_link_their_feed_in_the_head_and_visibly(seed_site, url):
    html = (seed_site / url / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" title="Coventry - [^"]+" href="feed.atom">', head
    )
    body = html.split("<main", 1)[1]
    assert '<a href="feed.atom" type="application/atom+xml">Feed of new minutes' in body
    assert 'id="subscribe-heading"' in body
