"""The connected archive each page's context is gathered from (render/contexts.py), with the indexes
they need."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import (
    AgendaItem,
    AttendanceRole,
    Committee,
    Document,
    Item,
    Meeting,
    MeetingStatus,
    Person,
    Topic,
    municipal_year,
)

if TYPE_CHECKING:  # the resolve stage makes these records, and builds the archive from them
    from .resolve.actions import Action
    from .resolve.attendance import Appearance, Membership, Seat, YearAttendance
    from .resolve.people import Authored, CommitteeMembership, Declared, Mention, TaskGroupPlace, VotePart


@dataclass(frozen=True)
class Neighbours:
    previous: Meeting | None
    next: Meeting | None


@dataclass(frozen=True)
class Backlink:
    """Where a reference came from: a minute, or an agenda item, of a meeting."""

    meeting_url: str
    date: dt.date
    item: int | None
    agenda_item: int | None


@dataclass(frozen=True)
class TopicEntry:
    meeting: Meeting
    item: Item | None
    agenda_item: AgendaItem | None
    document: Document | None


@dataclass(frozen=True)
class RelatedTopic:
    topic: Topic
    shared: int  # items on both topics


@dataclass(frozen=True)
class MembershipGrid:
    """Everyone who was a member at any of some meetings (first listed first), and each one's seat
    at each meeting, keyed by (person slug, meeting address)."""

    seats: tuple[Seat, ...]
    seat_at: dict[tuple[str, str], Seat]


@dataclass(frozen=True)
class Archive:
    """Everything that will be published, oldest meeting first, with derived indexes."""

    committees: tuple[Committee, ...]
    meetings: tuple[Meeting, ...]
    start_month: int
    build_date: dt.date
    people: tuple[Person, ...] = ()
    topics: tuple[Topic, ...] = ()
    by_committee: dict[str, tuple[Meeting, ...]] = field(default_factory=dict)
    by_year: dict[int, tuple[Meeting, ...]] = field(default_factory=dict)
    by_url: dict[str, Meeting] = field(default_factory=dict)
    neighbours: dict[str, Neighbours] = field(default_factory=dict)
    # (meeting address, minute number) -> the minutes and agenda items that refer to that minute
    backlinks: dict[tuple[str, int], list[Backlink]] = field(default_factory=dict)
    approvals: dict[str, Backlink] = field(default_factory=dict)  # meeting address -> where agreed
    actions: dict[str, tuple[Action, ...]] = field(default_factory=dict)  # committee slug -> its actions
    membership_at: dict[str, Membership] = field(default_factory=dict)  # meeting address -> its members
    # Person slug -> what the meetings record of them, each in meeting order.
    appearances: dict[str, tuple[Appearance, ...]] = field(default_factory=dict)
    attendance_years: dict[str, tuple[YearAttendance, ...]] = field(default_factory=dict)
    declarations: dict[str, tuple[Declared, ...]] = field(default_factory=dict)
    mentions: dict[str, tuple[Mention, ...]] = field(default_factory=dict)
    task_groups: dict[str, tuple[TaskGroupPlace, ...]] = field(default_factory=dict)
    votes: dict[str, tuple[VotePart, ...]] = field(default_factory=dict)
    authored: dict[str, tuple[Authored, ...]] = field(default_factory=dict)
    topic_entries: dict[str, tuple[TopicEntry, ...]] = field(default_factory=dict)  # newest first
    people_by_slug: dict[str, Person] = field(default_factory=dict)
    topics_by_slug: dict[str, Topic] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)  # meeting address -> digest of its content
    # Person slug -> the seats they held, newest year first.
    committee_memberships: dict[str, tuple[CommitteeMembership, ...]] = field(default_factory=dict)

    def municipal_year(self, meeting: Meeting) -> int:
        return municipal_year(meeting.date, self.start_month)

    def municipal_year_of(self, date: dt.date) -> int:
        return municipal_year(date, self.start_month)

    def by_municipal_year(self, meetings: tuple[Meeting, ...]) -> list[tuple[int, tuple[Meeting, ...]]]:
        """Groups newest year first, meetings within a year in date order."""
        groups: dict[int, list[Meeting]] = defaultdict(list)
        for meeting in meetings:
            groups[self.municipal_year(meeting)].append(meeting)
        return [(year, tuple(groups[year])) for year in sorted(groups, reverse=True)]

    def latest_with_minutes(self, limit: int) -> tuple[Meeting, ...]:
        held = [m for m in self.meetings if m.has_minutes]
        return tuple(reversed(held[-limit:]))

    def meetings_attended(self, slug: str) -> tuple[Meeting, ...]:
        """The meetings whose minutes record the person there (in any capacity, apologies and
        absences aside), oldest first: the count the people list shows and the person's page."""
        return tuple(dict.fromkeys(a.meeting for a in self.appearances.get(slug, ()) if a.attended))

    def upcoming(self) -> tuple[Meeting, ...]:
        return tuple(
            m for m in self.meetings if m.date >= self.build_date and m.status is not MeetingStatus.HELD
        )

    def related_topics(self, topic: Topic) -> tuple[RelatedTopic, ...]:
        """Declared relations first, then topics that share items with this one, most shared first."""
        shared: Counter[str] = Counter()
        for entry in self.topic_entries.get(topic.slug, []):
            source = entry.item or entry.agenda_item or entry.document
            if source is not None:
                shared.update(t for t in source.topics if t != topic.slug)
        ordered = list(topic.related) + [
            slug for slug, _ in shared.most_common() if slug not in topic.related
        ]
        return tuple(
            RelatedTopic(self.topics_by_slug[slug], shared.get(slug, 0))
            for slug in ordered
            if slug in self.topics_by_slug
        )

    def membership_grid(self, meetings: tuple[Meeting, ...]) -> MembershipGrid:
        """Who sat at `meetings`, as a grid of people by meeting."""
        members: dict[str, Seat] = {}
        seats: dict[tuple[str, str], Seat] = {}
        for meeting in meetings:
            for seat in self.membership_at[meeting.url].seats:
                members.setdefault(seat.person.slug, seat)
                seats[(seat.person.slug, meeting.url)] = seat
        return MembershipGrid(tuple(members.values()), seats)

    def person_committees(self, slug: str) -> tuple[CommitteeMembership, ...]:
        """Each membership the archive records of the person, newest year first."""
        return self.committee_memberships.get(slug, ())


def index_archive(
    committees: tuple[Committee, ...],
    meetings: tuple[Meeting, ...],
    start_month: int,
    build_date: dt.date,
    people: tuple[Person, ...] = (),
    topics: tuple[Topic, ...] = (),
    **resolved: dict,
) -> Archive:
    """The archive with the indexes that follow from its meetings and registries; `resolved` holds
    the resolve stage's indexes (the Archive fields of those names)."""
    by_committee: dict[str, list[Meeting]] = defaultdict(list)
    by_year: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        by_committee[meeting.committee.slug].append(meeting)
        by_year[meeting.date.year].append(meeting)
    neighbours = {}
    for series in by_committee.values():
        for index, meeting in enumerate(series):
            neighbours[meeting.url] = Neighbours(
                previous=series[index - 1] if index > 0 else None,
                next=series[index + 1] if index + 1 < len(series) else None,
            )
    return Archive(
        committees=committees,
        meetings=meetings,
        start_month=start_month,
        build_date=build_date,
        people=people,
        topics=topics,
        by_committee={slug: tuple(group) for slug, group in by_committee.items()},
        by_year={year: tuple(by_year[year]) for year in sorted(by_year)},
        by_url={meeting.url: meeting for meeting in meetings},
        neighbours=neighbours,
        people_by_slug={person.slug: person for person in people},
        topics_by_slug={topic.slug: topic for topic in topics},
        **resolved,
    )


def latest_membership(meetings: tuple[Meeting, ...]) -> tuple[Meeting | None, list[tuple[str, list[str]]]]:
    """The membership printed on the most recent agenda, or who attended the latest minutes."""
    for meeting in reversed(meetings):
        if meeting.agenda and meeting.agenda.membership:
            return meeting, [
                (heading, [person.written for person in people])
                for heading, people in meeting.agenda.membership
            ]
        present = [
            a for a in meeting.attendance if a.role in (AttendanceRole.MEMBER, AttendanceRole.CO_OPTED)
        ]
        if present:
            groups = [
                (
                    AttendanceRole.MEMBER.heading,
                    [a.person.written for a in present if a.role is AttendanceRole.MEMBER],
                ),
                (
                    AttendanceRole.CO_OPTED.heading,
                    [a.person.written for a in present if a.role is AttendanceRole.CO_OPTED],
                ),
            ]
            return meeting, [(heading, names) for heading, names in groups if names]
    return None, []
