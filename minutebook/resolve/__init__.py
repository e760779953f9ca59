"""Stage 3: the validated meetings -> one connected archive.

Names are resolved to people, references in the text become links (with backlinks on their
targets), minutes are tied to the meeting that approved them, requests become tracked actions, and
attendance is worked out per person and per meeting.

All of that happens within a committee (committee.py), so each committee is resolved on its own;
what a person's or topic's page lists is then merged from every committee's part (here), in the
archive's order. A resolved committee is work keyed by the committee and what it is resolved
with (products.py): handed earlier work, a build takes a committee whose meetings are unchanged
as it was, and revises the others from their last resolution, re-linking only the meetings that
changed or whose references now find something else, so adding or editing one meeting resolves
one committee.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from ..archive import Archive, TopicEntry, index_archive
from ..diagnostics import Diagnostics
from ..model import Meeting, meeting_order
from ..products import Reuse, fresh, key_of
from ..validate import ValidatedSite
from .attendance import Appearance, YearAttendance
from .committee import (
    LinkRecord,
    PersonPart,
    ResolveContext,
    ResolvedCommittee,
    resolve_committee,
    target_href,
)
from .people import Authored, CommitteeMembership, Declared, Mention, TaskGroupPlace, VotePart

__all__ = [
    "LinkRecord",
    "PersonPart",
    "PersonRecord",
    "ResolveContext",
    "Resolved",
    "ResolvedCommittee",
    "merge_person",
    "merge_topic",
    "resolve_committee",
    "resolve_site",
    "target_href",
]

# The lists of a person's record that follow the meetings' order.
_IN_MEETING_ORDER = ("appearances", "declarations", "task_groups", "votes", "mentions", "authored")


@dataclass(frozen=True)
class PersonRecord:
    """What the whole archive says about one person, merged from every committee's part: each list
    in the meetings' order unless its comment says otherwise."""

    appearances: tuple[Appearance, ...]
    declarations: tuple[Declared, ...]
    task_groups: tuple[TaskGroupPlace, ...]
    votes: tuple[VotePart, ...]
    mentions: tuple[Mention, ...]
    authored: tuple[Authored, ...]
    years: tuple[YearAttendance, ...]  # by committee (slug order), newest year first within each
    memberships: tuple[CommitteeMembership, ...]  # newest year first, then by committee name


def merge_person(parts: Iterable[tuple[str, PersonPart]]) -> PersonRecord:
    """One person's record from each committee's part of it (committee slug, part)."""
    ordered = sorted(parts, key=lambda pair: pair[0])
    merged: dict[str, tuple] = {}
    for kind in _IN_MEETING_ORDER:
        lists = [getattr(part, kind) for _, part in ordered if getattr(part, kind)]
        merged[kind] = (
            tuple(heapq.merge(*lists, key=lambda entry: meeting_order(entry.meeting)))
            if len(lists) > 1
            else tuple(lists[0])
            if lists
            else ()
        )
    # First held first where year and committee name tie.
    memberships = sorted(
        (entry for _, part in ordered for entry in part.memberships),
        key=lambda entry: (-entry.year, entry.committee.name, meeting_order(entry.first_meeting)),
    )
    return PersonRecord(
        **merged,
        years=tuple(row for _, part in ordered for row in part.years),
        memberships=tuple(memberships),
    )


def merge_topic(parts: Iterable[tuple[str, tuple[TopicEntry, ...]]]) -> tuple[TopicEntry, ...]:
    """A topic's entries from each committee's (newest first), newest first."""
    lists = [entries for _, entries in sorted(parts, key=lambda pair: pair[0]) if entries]
    if len(lists) == 1:
        return tuple(lists[0])
    return tuple(heapq.merge(*lists, key=lambda entry: meeting_order(entry.meeting), reverse=True))


@dataclass(frozen=True)
class Resolved:
    archive: Archive
    committees_resolved: int  # committees this call resolved, rather than took from earlier work


def resolve_site(
    validated: ValidatedSite,
    start_month: int,
    build_date: dt.date,
    diagnostics: Diagnostics,
    reuse: Reuse = fresh,
) -> Resolved:
    """The archive resolved. A committee's meetings follow from their versions, the registries and
    the build date (a document's embargo may lift), which key the work `reuse` may hold."""
    context = ResolveContext(validated.people, start_month)
    setting = key_of(validated.committees, validated.people, start_month, build_date)
    by_committee: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in validated.meetings:
        by_committee[meeting.committee.slug].append(meeting)
    made = 0

    def resolve(
        slug: str, sources: list[tuple[Meeting, str]], earlier: ResolvedCommittee | None = None
    ) -> ResolvedCommittee:
        nonlocal made
        made += 1
        return resolve_committee(slug, sources, context, earlier.records if earlier else ())

    def same_meetings(resolved: ResolvedCommittee, sources: list[tuple[Meeting, str]]) -> bool:
        return [(r.meeting.url, r.source_version) for r in resolved.records] == [
            (m.url, version) for m, version in sources
        ]

    resolved_committees = []
    for slug in sorted(by_committee):
        sources = [(m, validated.versions.get(m.url, m.digest)) for m in by_committee[slug]]
        # Keyed by the committee and what it is resolved with; a committee whose meetings changed
        # is revised from its last resolution, re-linking only the meetings that need it.
        resolved_committees.append(
            reuse(
                key_of("committee", setting, slug),
                partial(resolve, slug, sources),
                partial(same_meetings, sources=sources),
                partial(resolve, slug, sources),
            )
        )
    for resolved_committee in resolved_committees:
        diagnostics.extend(resolved_committee.diagnostics)
        for record in resolved_committee.records:
            diagnostics.extend(record.diagnostics)
    return Resolved(assemble_archive(validated, start_month, build_date, resolved_committees), made)


def assemble_archive(
    validated: ValidatedSite,
    start_month: int,
    build_date: dt.date,
    resolved_committees: list[ResolvedCommittee],
) -> Archive:
    records: dict[str, LinkRecord] = {
        record.meeting.url: record
        for resolved_committee in resolved_committees
        for record in resolved_committee.records
    }
    meetings = tuple(records[meeting.url].meeting for meeting in validated.meetings)
    people_parts: dict[str, list[tuple[str, PersonPart]]] = defaultdict(list)
    topic_parts: dict[str, list[tuple[str, tuple[TopicEntry, ...]]]] = defaultdict(list)
    for resolved_committee in resolved_committees:
        for slug, part in resolved_committee.people.items():
            people_parts[slug].append((resolved_committee.slug, part))
        for slug, entries in resolved_committee.topics.items():
            topic_parts[slug].append((resolved_committee.slug, entries))
    people = {slug: merge_person(parts) for slug, parts in people_parts.items()}
    lists = {
        kind: {slug: getattr(record, kind) for slug, record in people.items() if getattr(record, kind)}
        for kind in (*_IN_MEETING_ORDER, "years", "memberships")
    }
    # Mentions and papers keyed in the order the archive first names each person.
    for kind in ("mentions", "authored"):
        lists[kind] = dict(sorted(lists[kind].items(), key=lambda pair: _first_named(pair, kind, records)))
    return index_archive(
        committees=validated.committees,
        meetings=meetings,
        start_month=start_month,
        build_date=build_date,
        people=validated.people,
        topics=validated.topics,
        backlinks={
            key: value
            for resolved_committee in resolved_committees
            for key, value in resolved_committee.backlinks.items()
        },
        approvals={
            key: value
            for resolved_committee in resolved_committees
            for key, value in resolved_committee.approvals.items()
        },
        actions={
            resolved_committee.slug: resolved_committee.actions for resolved_committee in resolved_committees
        },
        membership_at={
            key: value
            for resolved_committee in resolved_committees
            for key, value in resolved_committee.membership_at.items()
        },
        appearances=lists["appearances"],
        attendance_years=lists["years"],
        declarations=lists["declarations"],
        mentions=lists["mentions"],
        task_groups=lists["task_groups"],
        votes=lists["votes"],
        authored=lists["authored"],
        topic_entries={slug: merge_topic(parts) for slug, parts in topic_parts.items()},
        versions={record.meeting.url: record.version for record in records.values()},
        committee_memberships=lists["memberships"],
    )


def _first_named(
    pair: tuple[str, tuple[Mention, ...] | tuple[Authored, ...]], kind: str, records: dict[str, LinkRecord]
) -> tuple:
    slug, entries = pair
    meeting = entries[0].meeting
    named = records[meeting.url].mentioned if kind == "mentions" else records[meeting.url].authored
    return meeting_order(meeting), next(index for index, (person, _) in enumerate(named) if person == slug)
