"""Atom feeds of published minutes: the whole archive, and one per committee, person and topic.

Entry ids are the absolute addresses of the minutes (a meeting page, or a minute's anchor on it),
which never change once published, so feed readers never show an entry twice. Entry times come
from the meetings, never from the clock, so rebuilding the same content gives the same feeds.
A feed is planned as the meetings and minutes it lists, so a rebuild writes only the feeds whose
entries changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import jinja2
from feedgen.feed import FeedGenerator
from markupsafe import Markup

from ..archive import Archive
from ..config import SiteConfig
from ..model import Item, Meeting
from ..products import Product, key_of
from . import site_links
from .fingerprint import meeting_key
from .moments import latest_moment
from .published import ATOM, Subscription

# Readers only need what is new; the archive pages hold the rest.
FEED_LIMIT = 50
SITE_FEED = "feed.atom"


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    updated: dt.datetime
    summary: str
    html: str
    category: str


@dataclass(frozen=True)
class Feed:
    subscription: Subscription
    subtitle: str
    entries: tuple[tuple[Meeting, Item | None], ...]  # a meeting's minutes, or one minute of it


def feed_url(page_url: str) -> str:
    return f"{page_url}{SITE_FEED}"


class _EntryWriter:
    """Renders each entry once: a meeting appears in several feeds with the same id and content."""

    def __init__(self, env: jinja2.Environment, config: SiteConfig):
        self.template = env.get_template("feed_entry.html")
        self.config = config
        self.meetings: dict[str, Entry] = {}

    def _html(self, meeting: Meeting, item: Item | None) -> str:
        absolute = self.config.absolute_url
        return self.template.render(
            meeting=meeting,
            item=item,
            url=absolute,
            markup=lambda html: Markup(site_links(html, absolute)),
        ).strip()

    def entry(self, meeting: Meeting, item: Item | None) -> Entry:
        return self.item(meeting, item) if item else self.meeting(meeting)

    def meeting(self, meeting: Meeting) -> Entry:
        if meeting.url not in self.meetings:
            numbers = (
                f"{meeting.items[0].number} to {meeting.items[-1].number}"
                if len(meeting.items) > 1
                else str(meeting.items[0].number)
            )
            self.meetings[meeting.url] = Entry(
                id=self.config.absolute_url(meeting.url),
                title=f"Minutes: {meeting.title}",
                link=self.config.absolute_url(meeting.url),
                updated=latest_moment(meeting, self.config.zone),
                summary=f"Minutes {numbers}: " + "; ".join(item.title for item in meeting.items),
                html=self._html(meeting, None),
                category=meeting.committee.name,
            )
        return self.meetings[meeting.url]

    def item(self, meeting: Meeting, item: Item) -> Entry:
        address = self.config.absolute_url(f"{meeting.url}#{item.anchor}")
        return Entry(
            id=address,
            title=f"{item.title}: minute {item.number}, {meeting.title}",
            link=address,
            updated=latest_moment(meeting, self.config.zone),
            summary=" ".join(resolution.text for resolution in item.resolutions) or item.title,
            html=self._html(meeting, item),
            category=meeting.committee.name,
        )


def _newest(meetings) -> list[Meeting]:
    with_minutes = [meeting for meeting in meetings if meeting.has_minutes]
    return list(reversed(with_minutes))[:FEED_LIMIT]


def plan_feeds(archive: Archive, config: SiteConfig) -> list[Feed]:
    short = config.council_short_name

    def feed(
        page_url: str, title: str, subtitle: str, entries: Sequence[tuple[Meeting, Item | None]]
    ) -> Feed:
        return Feed(Subscription(feed_url(page_url), page_url, title, ATOM), subtitle, tuple(entries))

    feeds = [
        feed(
            "",
            f"{short} - all committees - meetings",
            f"Minutes of {config.council_name} committee meetings, newest first.",
            [(m, None) for m in _newest(archive.meetings)],
        )
    ]
    for committee in archive.committees:
        meetings = archive.by_committee.get(committee.slug, ())
        feeds.append(
            feed(
                f"committees/{committee.slug}/",
                f"{short} - {committee.name} - meetings",
                f"Minutes of the meetings of the {committee.name}, newest first.",
                [(m, None) for m in _newest(meetings)],
            )
        )
    for person in archive.people:
        involved = {appearance.meeting.url for appearance in archive.appearances.get(person.slug, [])}
        involved |= {mention.meeting.url for mention in archive.mentions.get(person.slug, ())}
        involved_in = [m for m in archive.meetings if m.url in involved]
        feeds.append(
            feed(
                person.url,
                f"{short} - {person.name} - meetings",
                f"Minutes of the meetings {person.name} attended, sent apologies to, or is named in, newest first.",
                [(m, None) for m in _newest(involved_in)],
            )
        )
    for topic in archive.topics:
        items = [
            (entry.meeting, entry.item) for entry in archive.topic_entries.get(topic.slug, []) if entry.item
        ]
        feeds.append(
            feed(
                topic.url,
                f"{short} - {topic.title} - minutes",
                f"Minutes on {topic.title}, newest first.",
                items[:FEED_LIMIT],
            )
        )
    return feeds


def render_feed(feed: Feed, writer: _EntryWriter, config: SiteConfig, fallback_updated: dt.datetime) -> bytes:
    entries = [writer.entry(meeting, item) for meeting, item in feed.entries]
    generator = FeedGenerator()
    subscription = feed.subscription
    generator.id(config.absolute_url(subscription.url))
    generator.title(subscription.title)
    generator.subtitle(feed.subtitle)
    generator.language(config.language)
    generator.author(
        {"name": config.council_name, **({"uri": config.council_website} if config.council_website else {})}
    )
    generator.link(href=config.absolute_url(subscription.page_url), rel="alternate", type="text/html")
    generator.link(href=config.absolute_url(subscription.url), rel="self", type=ATOM)
    generator.generator("minutebook")
    generator.updated(max((entry.updated for entry in entries), default=fallback_updated))
    for entry in entries:
        written = generator.add_entry(order="append")
        written.id(entry.id)
        written.title(entry.title)
        written.link(href=entry.link, rel="alternate", type="text/html")
        written.updated(entry.updated)
        written.published(entry.updated)
        written.summary(entry.summary)
        written.content(entry.html, type="html")
        written.category(term=entry.category)
    return generator.atom_str(pretty=True)


def feed_files(
    archive: Archive, config: SiteConfig, env: jinja2.Environment, shared: str
) -> tuple[list[Product], list[Subscription]]:
    """Every Atom feed, keyed by its path, and the subscriptions the pages offer. `shared`: what
    every page is made from (see render/fingerprint.py)."""
    writer = _EntryWriter(env, config)
    fallback = (
        latest_moment(archive.meetings[-1], config.zone)
        if archive.meetings
        else dt.datetime.combine(archive.build_date, dt.time(), tzinfo=config.zone)
    )
    keys: dict[str, str] = {}

    def key_of_meeting(meeting: Meeting) -> str:
        if meeting.url not in keys:
            keys[meeting.url] = meeting_key(shared, archive, meeting)
        return keys[meeting.url]

    files = []
    feeds = plan_feeds(archive, config)
    for feed in feeds:
        feed_key = key_of(
            "feed",
            shared,
            feed.subscription,
            feed.subtitle,
            fallback,
            [(key_of_meeting(m), item.number if item else None) for m, item in feed.entries],
        )
        files.append(
            Product(feed.subscription.url, feed_key, partial(render_feed, feed, writer, config, fallback))
        )
    return files, [feed.subscription for feed in feeds]
