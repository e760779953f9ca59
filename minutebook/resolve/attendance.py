"""Who was expected at each meeting, who came, and attendance per person per municipal year.

The record is the minutes: presence, apologies and absence come from a meeting's minutes only. An
agenda gives the membership expected at a meeting, never who came or who stayed away.

Definitions (printed on the pages too):
- membership at a meeting with minutes: the members its minutes record (present, sending
  apologies, or substituted for). At a meeting without minutes in the archive: the membership
  printed on its agenda (or the agenda of another meeting of that municipal year), as expected.
- recorded ("expected" in the code): meetings with minutes at which the minutes record the person
  as a member. Cancelled meetings and meetings without minutes are left out.
- present: recorded meetings they attended. substitute: meetings they attended in another
  member's place (not counted as recorded for them). apologies: recorded meetings they sent
  apologies for. absent: recorded meetings at which the minutes record another member sitting in
  their place, without their apologies.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..model import AttendanceRole, Committee, Meeting, MeetingStatus, NamedPerson, Person, municipal_year

MEMBER_GROUPS = ("Members", "Co-opted members")
_SUBSTITUTE = re.compile(r"^substitute for\s+(?P<name>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Seat:
    """One member of the committee at one meeting, and what the minutes record of them."""

    person: Person
    group: str
    status: str  # present, apologies, absent; "" where the minutes are not in the archive
    note: str = ""


@dataclass(frozen=True)
class Membership:
    source: str  # what the membership was read from, for the page to say
    source_meeting: Meeting | None
    seats: tuple[Seat, ...]
    invited: tuple[Person, ...]


@dataclass(frozen=True)
class Appearance:
    """A person at a meeting: what they were there as, and how it counts."""

    meeting: Meeting
    description: str
    counted: str  # present, substitute, apologies, absent, or "" when not expected
    attended: bool = False  # the minutes record them at the meeting (not apologies, not absent)


@dataclass(frozen=True)
class YearAttendance:
    committee: Committee
    year: int
    expected: tuple[Meeting, ...]
    present: tuple[Meeting, ...]
    substitute: tuple[Meeting, ...]
    apologies: tuple[Meeting, ...]
    absent: tuple[Meeting, ...]

    @property
    def rate(self) -> float | None:
        return len(self.present) / len(self.expected) if self.expected else None


def counts_for_attendance(meeting: Meeting) -> bool:
    return meeting.status is not MeetingStatus.CANCELLED and bool(meeting.attendance)


def substituted_for(named: NamedPerson) -> str:
    match = _SUBSTITUTE.match(named.role)
    return match.group("name") if match else ""


def memberships(
    meetings: tuple[Meeting, ...], people: dict[str, Person], start_month: int, resolve_name
) -> dict[str, Membership]:
    """The membership as it stood at each meeting, keyed by meeting address."""
    agendas_by_year: dict[tuple[str, int], list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        if meeting.agenda and meeting.agenda.membership:
            agendas_by_year[(meeting.committee.slug, municipal_year(meeting.date, start_month))].append(
                meeting
            )
    result = {}
    for meeting in meetings:
        year = municipal_year(meeting.date, start_month)
        candidates = agendas_by_year.get((meeting.committee.slug, year), [])
        if counts_for_attendance(meeting):
            # The minutes record who was there: an agenda, even this meeting's, is not evidence
            # of presence or absence.
            groups = _recorded_groups(meeting, resolve_name)
            result[meeting.url] = _seats(
                meeting, groups, people, "the minutes of this meeting", None, resolve_name
            )
            continue
        if meeting in candidates:
            source_meeting, source = meeting, "the agenda of this meeting"
        elif candidates:
            before = [m for m in candidates if m.date <= meeting.date]
            source_meeting = before[-1] if before else candidates[0]
            source = f"the agenda of {source_meeting.date.day} {source_meeting.date:%B %Y}"
        else:
            source_meeting, source = None, "the minutes of this meeting"
        groups = _printed_groups(source_meeting) if source_meeting else []
        result[meeting.url] = _seats(meeting, groups, people, source, source_meeting, resolve_name)
    return result


def _printed_groups(meeting: Meeting) -> list[tuple[str, NamedPerson]]:
    assert meeting.agenda is not None  # only meetings whose agenda lists the membership are sources
    return [(heading, person) for heading, people in meeting.agenda.membership for person in people]


def _recorded_groups(meeting: Meeting, resolve_name) -> list[tuple[str, NamedPerson]]:
    """Members as the minutes record them: present as members, substituted for, or sending
    apologies other than as a cabinet member."""
    groups: list[tuple[str, NamedPerson]] = []
    listed_elsewhere = {
        a.person.slug
        for a in meeting.attendance
        if a.role in (AttendanceRole.CABINET_MEMBER, AttendanceRole.INVITED, AttendanceRole.OFFICER)
    }
    for attendee in meeting.attendance:
        person = attendee.person
        if attendee.role is AttendanceRole.MEMBER:
            if substituted_for(person):
                absent_member = resolve_name(meeting, substituted_for(person))
                if absent_member is not None:
                    groups.append(("Members", absent_member))
            else:
                groups.append(("Members", person))
        elif attendee.role is AttendanceRole.CO_OPTED:
            groups.append(("Co-opted members", person))
        elif (
            attendee.role is AttendanceRole.APOLOGIES
            and "cabinet member" not in person.role.lower()
            and person.slug not in listed_elsewhere
        ):
            kind = (
                "Co-opted members"
                if not person.name.lower().startswith(("councillor", "cllr"))
                else "Members"
            )
            groups.append((kind, person))
    return groups


def _seats(
    meeting: Meeting,
    groups,
    people: dict[str, Person],
    source: str,
    source_meeting: Meeting | None,
    resolve_name,
) -> Membership:
    present_as: dict[str, NamedPerson] = {}
    apologies = set()
    substitutes = {}
    for attendee in meeting.attendance:
        slug = attendee.person.slug
        if attendee.role is AttendanceRole.APOLOGIES:
            apologies.add(slug)
        elif attendee.role is AttendanceRole.MEMBER and substituted_for(attendee.person):
            absent_member = resolve_name(meeting, substituted_for(attendee.person))
            if absent_member is not None:
                substitutes[absent_member.slug] = attendee.person
        elif attendee.role is not AttendanceRole.OFFICER:
            present_as.setdefault(slug, attendee.person)
    seats, invited, seen = [], [], set()
    recorded = counts_for_attendance(meeting)
    for heading, named in groups:
        person = people.get(named.slug)
        if person is None or person.slug in seen:
            continue
        seen.add(person.slug)
        if heading not in MEMBER_GROUPS:
            invited.append(person)
            continue
        notes = [named.role] if named.role else []
        if not recorded:
            status = ""
        elif person.slug in present_as:
            status = "present"
            role = present_as[person.slug].role
            if role and role not in notes:
                notes.append(role)
        elif person.slug in apologies:
            status = "apologies"
        else:
            status = "absent"
        if person.slug in substitutes:
            notes.append(f"substituted by {substitutes[person.slug].name}")
        seats.append(Seat(person, heading, status, "; ".join(notes)))
    return Membership(source, source_meeting, tuple(seats), tuple(invited))


def appearances_and_years(
    meetings: tuple[Meeting, ...], membership_at: dict[str, Membership], start_month: int
) -> tuple[dict[str, list[Appearance]], dict[str, list[YearAttendance]]]:
    appearances: dict[str, list[Appearance]] = defaultdict(list)
    tallies: dict[tuple[str, str, int], dict[str, list[Meeting]]] = defaultdict(lambda: defaultdict(list))
    committees: dict[str, Committee] = {}
    for meeting in meetings:
        membership = membership_at[meeting.url]
        seats = {seat.person.slug: seat for seat in membership.seats}
        described, already_counted = set(), set()
        year = municipal_year(meeting.date, start_month)
        committees[meeting.committee.slug] = meeting.committee
        for attendee in meeting.attendance:
            slug = attendee.person.slug
            if not slug or (slug, attendee.role) in described:
                continue
            described.add((slug, attendee.role))
            seat = seats.get(slug)
            counted = seat.status if seat and attendee.role is not AttendanceRole.OFFICER else ""
            description = _describe(attendee.role, attendee.person, attendee.group)
            if attendee.role is AttendanceRole.MEMBER and substituted_for(attendee.person):
                counted = "substitute"
            if slug in already_counted:
                counted = ""  # listed twice (say, as a member and as a cabinet member): count once
            elif counted:
                already_counted.add(slug)
            appearances[slug].append(
                Appearance(
                    meeting, description, counted, attended=attendee.role is not AttendanceRole.APOLOGIES
                )
            )
        for seat in membership.seats:
            if seat.status == "absent":
                appearances[seat.person.slug].append(
                    Appearance(
                        meeting,
                        f"{seat.group[:-1]}: absent" + (f" ({seat.note})" if seat.note else ""),
                        "absent",
                    )
                )
            elif not seat.status:
                why = (
                    "the meeting was cancelled"
                    if meeting.status is MeetingStatus.CANCELLED
                    else "the minutes are not in the archive"
                )
                appearances[seat.person.slug].append(
                    Appearance(
                        meeting, f"{seat.group[:-1]}, expected: listed in {membership.source} ({why})", ""
                    )
                )
        if counts_for_attendance(meeting):
            for seat in membership.seats:
                key = (seat.person.slug, meeting.committee.slug, year)
                tallies[key]["expected"].append(meeting)
                if seat.status in ("present", "apologies", "absent"):
                    tallies[key][seat.status].append(meeting)
            for attendee in meeting.attendance:
                if (
                    attendee.role is AttendanceRole.MEMBER
                    and substituted_for(attendee.person)
                    and attendee.person.slug
                ):
                    tallies[(attendee.person.slug, meeting.committee.slug, year)]["substitute"].append(
                        meeting
                    )
    years: dict[str, list[YearAttendance]] = defaultdict(list)
    for (slug, committee, year), tally in sorted(
        tallies.items(), key=lambda kv: (kv[0][0], kv[0][1], -kv[0][2])
    ):
        years[slug].append(
            YearAttendance(
                committee=committees[committee],
                year=year,
                **{
                    kind: tuple(dict.fromkeys(tally.get(kind, [])))
                    for kind in ("expected", "present", "substitute", "apologies", "absent")
                },
            )
        )
    return appearances, years


def _describe(role: AttendanceRole, person: NamedPerson, group: str) -> str:
    base = {
        AttendanceRole.MEMBER: "Member",
        AttendanceRole.CO_OPTED: "Co-opted member",
        AttendanceRole.CABINET_MEMBER: "Cabinet member",
        AttendanceRole.OTHER_MEMBER: "Other member",
        AttendanceRole.INVITED: "By invitation",
        AttendanceRole.OFFICER: f"Officer ({group})" if group else "Officer",
        AttendanceRole.APOLOGIES: "Apologies",
    }[role]
    if person.role:
        if role is AttendanceRole.MEMBER and not substituted_for(person):
            return person.role
        return f"{base} ({person.role})"
    return base
