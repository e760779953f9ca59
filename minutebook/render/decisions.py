"""The decisions register: every resolution the minutes record, newest meeting first (a meeting's
in minute order), at /decisions/, with one static page per committee, municipal year and topic
(plain links, so the filters work without JavaScript), an Atom feed and data/<year>/decisions.csv.

A decision is one RESOLVED block of a minute, shown as the minutes print it (labels included).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from ..archive import Archive
from ..config import SiteConfig
from ..model import Item, Meeting, Resolution, municipal_year_label
from . import Page, topics_named
from .contexts import DecisionsPage
from .moments import latest_moment
from .published import ATOM, Subscription

REGISTER = "decisions/"
DECISIONS_FEED = f"{REGISTER}feed.atom"


@dataclass(frozen=True)
class Decision:
    meeting: Meeting
    item: Item
    resolution: Resolution
    position: int  # of the resolution in its minute, from 1, as in resolutions.json ids
    municipal_year: int

    @property
    def anchor_url(self) -> str:
        return f"{self.meeting.url}#{self.item.anchor}"


@dataclass(frozen=True)
class Filter:
    kind: str  # "committee", "year" or "topic"
    value: str
    label: str
    url: str


def all_decisions(archive: Archive) -> list[Decision]:
    """Every resolution, newest meeting first; within a meeting, in the order of its minutes."""
    decisions = []
    for meeting in sorted(archive.meetings, key=lambda m: m.date, reverse=True):
        for item in meeting.items:
            for position, resolution in enumerate(item.resolutions, start=1):
                decisions.append(
                    Decision(meeting, item, resolution, position, archive.municipal_year(meeting))
                )
    return decisions


def register_filters(archive: Archive, decisions: list[Decision]) -> list[tuple[Filter, list[Decision]]]:
    """Each filter value that has decisions, with its decisions: committees, municipal years
    (newest first), topics."""
    filters: list[tuple[Filter, list[Decision]]] = []
    for committee in archive.committees:
        chosen = [d for d in decisions if d.meeting.committee.slug == committee.slug]
        if chosen:
            filters.append(
                (
                    Filter(
                        "committee", committee.slug, committee.name, f"{REGISTER}committees/{committee.slug}/"
                    ),
                    chosen,
                )
            )
    for year in sorted({d.municipal_year for d in decisions}, reverse=True):
        filters.append(
            (
                Filter("year", str(year), municipal_year_label(year), f"{REGISTER}{year}/"),
                [d for d in decisions if d.municipal_year == year],
            )
        )
    for topic in archive.topics:
        chosen = [d for d in decisions if topic.slug in d.item.topics]
        if chosen:
            filters.append(
                (Filter("topic", topic.slug, topic.title, f"{REGISTER}topics/{topic.slug}/"), chosen)
            )
    return filters


def by_meeting(decisions: list[Decision]) -> tuple[tuple[Meeting, tuple[Decision, ...]], ...]:
    """The decisions grouped by meeting, in the register's order."""
    groups: list[tuple[Meeting, list[Decision]]] = []
    for decision in decisions:
        if not groups or groups[-1][0].url != decision.meeting.url:
            groups.append((decision.meeting, []))
        groups[-1][1].append(decision)
    return tuple((meeting, tuple(listed)) for meeting, listed in groups)


def register_page(
    archive: Archive, decisions: list[Decision], filters: tuple[Filter, ...], current: Filter | None
) -> DecisionsPage:
    return DecisionsPage(
        tuple(decisions),
        by_meeting(decisions),
        filters,
        current,
        topics_named(archive, [decision.item.topics for decision in decisions]),
    )


def plan_decision_pages(archive: Archive) -> list[Page]:
    decisions = all_decisions(archive)
    filters = register_filters(archive, decisions)
    available = tuple(f for f, _ in filters)
    pages = [
        Page(REGISTER, "decisions.html", register_page(archive, decisions, available, None), "Decisions")
    ]
    titles = {
        "committee": "Decisions of the {}",
        "year": "Decisions in municipal year {}",
        "topic": "Decisions on {}",
    }
    for chosen, subset in filters:
        pages.append(
            Page(
                chosen.url,
                "decisions.html",
                register_page(archive, subset, available, chosen),
                titles[chosen.kind].format(chosen.label),
            )
        )
    return pages


def decisions_subscription(config: SiteConfig) -> Subscription:
    return Subscription(
        DECISIONS_FEED, REGISTER, f"{config.council_short_name} - all committees - decisions", ATOM
    )


def decisions_feed(archive: Archive, config: SiteConfig, limit: int = 50) -> bytes:
    """The newest `limit` decisions; an entry's id is its minute's address and its position there."""
    decisions = all_decisions(archive)[:limit]
    subscription = decisions_subscription(config)
    generator = FeedGenerator()
    generator.id(config.absolute_url(subscription.url))
    generator.title(subscription.title)
    generator.subtitle(
        f"Resolutions in the minutes of {config.council_name} committee meetings, newest first."
    )
    generator.language(config.language)
    generator.author(
        {"name": config.council_name, **({"uri": config.council_website} if config.council_website else {})}
    )
    generator.link(href=config.absolute_url(REGISTER), rel="alternate", type="text/html")
    generator.link(href=config.absolute_url(subscription.url), rel="self", type=ATOM)
    generator.generator("minutebook")
    updated = [latest_moment(d.meeting, config.zone) for d in decisions]
    fallback = dt.datetime.combine(archive.build_date, dt.time(), tzinfo=config.zone)
    generator.updated(max(updated, default=fallback))
    for decision, moment in zip(decisions, updated, strict=True):
        address = config.absolute_url(decision.anchor_url)
        entry = generator.add_entry(order="append")
        entry.id(f"{address}/resolution-{decision.position}")
        entry.title(f"{decision.item.title}: minute {decision.item.number}, {decision.meeting.title}")
        entry.link(href=address, rel="alternate", type="text/html")
        entry.updated(moment)
        entry.published(moment)
        entry.summary(decision.resolution.text)
        entry.category(term=decision.meeting.committee.name)
    return generator.atom_str(pretty=True)
