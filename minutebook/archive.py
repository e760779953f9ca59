"""Stage 3: indexes over the model that pages need: by committee, year, municipal year; neighbours."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .model import AttendanceRole, Committee, Meeting, MeetingStatus, municipal_year


@dataclass(frozen=True)
class Neighbours:
    previous: Meeting | None
    next: Meeting | None


@dataclass(frozen=True)
class Archive:
    """Everything that will be published, oldest meeting first, with derived indexes."""

    committees: tuple[Committee, ...]
    meetings: tuple[Meeting, ...]
    start_month: int
    build_date: dt.date
    by_committee: dict[str, tuple[Meeting, ...]] = field(default_factory=dict)
    by_year: dict[int, tuple[Meeting, ...]] = field(default_factory=dict)
    neighbours: dict[str, Neighbours] = field(default_factory=dict)

    def municipal_year(self, meeting: Meeting) -> int:
        return municipal_year(meeting.date, self.start_month)

    def by_municipal_year(self, meetings: tuple[Meeting, ...]) -> list[tuple[int, tuple[Meeting, ...]]]:
        """Groups newest year first, meetings within a year in date order."""
        groups: dict[int, list[Meeting]] = defaultdict(list)
        for meeting in meetings:
            groups[self.municipal_year(meeting)].append(meeting)
        return [(year, tuple(groups[year])) for year in sorted(groups, reverse=True)]

    def latest_with_minutes(self, limit: int) -> tuple[Meeting, ...]:
        held = [m for m in self.meetings if m.has_minutes]
        return tuple(reversed(held[-limit:]))

    def upcoming(self) -> tuple[Meeting, ...]:
        return tuple(m for m in self.meetings if m.date >= self.build_date and m.status is not MeetingStatus.HELD)


def index_archive(committees: tuple[Committee, ...], meetings: tuple[Meeting, ...], start_month: int, build_date: dt.date) -> Archive:
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
        by_committee={slug: tuple(group) for slug, group in by_committee.items()},
        by_year={year: tuple(by_year[year]) for year in sorted(by_year)},
        neighbours=neighbours,
    )


def latest_membership(meetings: tuple[Meeting, ...]) -> tuple[Meeting | None, list[tuple[str, list[str]]]]:
    """The membership printed on the most recent agenda, or who attended the latest minutes."""
    for meeting in reversed(meetings):
        if meeting.agenda and meeting.agenda.membership:
            return meeting, [(heading, [person.written for person in people]) for heading, people in meeting.agenda.membership]
        present = [a for a in meeting.attendance if a.role in (AttendanceRole.MEMBER, AttendanceRole.CO_OPTED)]
        if present:
            groups = [
                (AttendanceRole.MEMBER.heading, [a.person.written for a in present if a.role is AttendanceRole.MEMBER]),
                (AttendanceRole.CO_OPTED.heading, [a.person.written for a in present if a.role is AttendanceRole.CO_OPTED]),
            ]
            return meeting, [(heading, names) for heading, names in groups if names]
    return None, []
