"""One committee's meetings resolved together.

Everything that ties one meeting to another happens inside a committee: a minute number or a
meeting date refers to the same committee's minutes, the membership at a meeting comes from that
committee's agendas of the year, and an action is updated by a later meeting of the committee
that made it. So a committee is resolved on its own, and only the committees whose meetings
changed are resolved again; what the other committees resolved last time is kept.

Within a committee, a meeting is linked again only when it changed, or when a question its
references asked of the committee's minutes (is there a minute 44 of 2019?) now has another
answer. Every question and its answer are kept to check that.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..archive import Backlink, TopicEntry
from ..diagnostics import Diagnostic, Diagnostics, SourcePos
from ..model import (
    Meeting,
    NamedPerson,
    Person,
    Segment,
    evolve,
    municipal_year,
)
from ..products import key_of
from .actions import Action, find_actions
from .attendance import Appearance, Membership, YearAttendance, appearances_and_years, memberships
from .people import (
    Authored,
    CommitteeMembership,
    Declared,
    Mention,
    PeopleResolver,
    TaskGroupPlace,
    VotePart,
    declarations_by_person,
    posts_held,
    task_groups_by_person,
    votes_by_person,
)
from .references import MinuteIndex, Target, link_references

_APPROVAL = re.compile(r"\b(?:approved|agreed|signed)\b", re.IGNORECASE)


def target_href(target: Target) -> str:
    return f"site:/{target.meeting.url}" + (f"#{target.item.anchor}" if target.item else "")


@dataclass(frozen=True)
class ReferenceFact:
    """A reference from one meeting of a committee to another meeting or minute of it."""

    source_item: int | None  # the minute it is in; None for agenda text
    agenda_item: int | None  # the agenda item it is in
    target_url: str
    target_item: int | None  # None: the meeting as a whole
    approves: bool  # made by a 'Minutes' item that approves the target meeting's minutes


@dataclass(frozen=True)
class LinkRecord:
    """One meeting as linked, and what linking it found and asked."""

    meeting: Meeting  # as linked
    source_version: str  # the version of the checked meeting it was linked from
    version: str  # of the linked meeting: its source and every answer its references got
    lookups: tuple[tuple, ...]
    references: tuple[ReferenceFact, ...]
    mentioned: tuple[tuple[str, int], ...]  # (person slug, minute number), in the order found
    authored: tuple[tuple[str, str], ...]  # (person slug, document slug)
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class PersonPart:
    """What one committee's meetings say about one person, each list in meeting order."""

    appearances: tuple[Appearance, ...] = ()
    years: tuple[YearAttendance, ...] = ()  # newest first
    declarations: tuple[Declared, ...] = ()
    task_groups: tuple[TaskGroupPlace, ...] = ()
    votes: tuple[VotePart, ...] = ()
    mentions: tuple[Mention, ...] = ()
    authored: tuple[Authored, ...] = ()
    memberships: tuple[CommitteeMembership, ...] = ()  # first year first


@dataclass(frozen=True)
class ResolvedCommittee:
    slug: str
    records: tuple[LinkRecord, ...]  # the committee's published meetings, in archive order
    membership_at: dict[str, Membership]
    actions: tuple[Action, ...]
    backlinks: dict[tuple[str, int], list[Backlink]]
    approvals: dict[str, Backlink]
    people: dict[str, PersonPart]
    topics: dict[str, tuple[TopicEntry, ...]]  # topic slug -> its entries, newest meeting first
    diagnostics: tuple[Diagnostic, ...]  # the committee's own problems (the meetings' are in their records)

    @property
    def meetings(self) -> tuple[Meeting, ...]:
        return tuple(record.meeting for record in self.records)


@dataclass
class ResolveContext:
    """What resolving any committee needs from the rest of the archive: the registries."""

    people: tuple[Person, ...]
    start_month: int
    resolver: PeopleResolver = field(init=False)
    by_slug: dict[str, Person] = field(init=False)
    _holders: dict[int, dict[str, Person]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.resolver = PeopleResolver(self.people, Diagnostics())
        self.by_slug = {person.slug: person for person in self.people}

    def holders(self, year: int) -> dict[str, Person]:
        if year not in self._holders:
            self._holders[year] = posts_held(self.people, year)
        return self._holders[year]


class _RecordedLookups:
    """The minute index as one meeting's references see it, remembering each question and answer."""

    def __init__(self, index: MinuteIndex):
        self.index = index
        self.answers: list[tuple] = []

    def minute(self, meeting: Meeting, number: int, series: int | None, same_meeting: bool) -> Target | None:
        target = self.index.minute(meeting, number, series, same_meeting)
        self.answers.append(("minute", number, series, same_meeting, _address(target)))
        return target

    def meeting_on(self, meeting: Meeting, date: dt.date) -> Target | None:
        target = self.index.meeting_on(meeting, date)
        self.answers.append(("meeting", date, _address(target)))
        return target


def _address(target: Target | None) -> tuple | None:
    return (target.meeting.url, target.item.number if target.item else None) if target else None


def _same_answers(record: LinkRecord, index: MinuteIndex) -> bool:
    """Whether every question the meeting's references asked gets the same answer from `index`."""
    for question in record.lookups:
        if question[0] == "minute":
            _, number, series, same_meeting, answer = question
            if _address(index.minute(record.meeting, number, series, same_meeting)) != answer:
                return False
        elif _address(index.meeting_on(record.meeting, question[1])) != question[2]:
            return False
    return True


def resolve_committee(
    slug: str,
    sources: list[tuple[Meeting, str]],
    context: ResolveContext,
    earlier: tuple[LinkRecord, ...] = (),
) -> ResolvedCommittee:
    """Resolve the committee's published meetings (`sources`: each checked meeting and its
    version, in archive order). `earlier`: the records of an earlier resolution of the committee
    with the same registries and settings; a meeting linked there from the same version is kept
    when every question its references asked of the committee's minutes gets the same answer."""
    index_problems = Diagnostics()
    # Questions are answered by minute numbers, dates and addresses, which naming people leaves alone.
    index = MinuteIndex(tuple(meeting for meeting, _ in sources), index_problems)

    def link(meeting: Meeting, version: str) -> LinkRecord:
        problems = Diagnostics()
        context.resolver.diagnostics = problems
        named = context.resolver.meeting(meeting)
        record = _link(named, version, index, context, problems)
        context.resolver.diagnostics = Diagnostics()
        return record

    kept = {record.meeting.url: record for record in earlier}

    def linked(meeting: Meeting, version: str) -> LinkRecord:
        record = kept.get(meeting.url)
        if record is not None and record.source_version == version and _same_answers(record, index):
            return record
        return link(meeting, version)

    records = tuple(linked(meeting, version) for meeting, version in sources)
    return _assemble(slug, records, context, index_problems)


def _link(
    meeting: Meeting, source_version: str, index: MinuteIndex, context: ResolveContext, problems: Diagnostics
) -> LinkRecord:
    resolver = context.resolver
    holders = context.holders(municipal_year(meeting.date, context.start_month))
    lookups = _RecordedLookups(index)
    references: list[ReferenceFact] = []
    mentioned: dict[tuple[str, int], None] = {}
    items = []
    for item in meeting.items:
        body = " ".join(segment.html for segment in item.segments)
        approving = item.title.lower().startswith("minutes") and bool(_APPROVAL.search(body))
        segments = []
        for segment in item.segments:
            html, found = link_references(
                segment.html, meeting, item, lookups, target_href, item.pos, problems
            )
            references += [
                ReferenceFact(
                    item.number,
                    None,
                    r.target.meeting.url,
                    r.target.item.number if r.target.item else None,
                    approving and r.target.item is None,
                )
                for r in found
            ]
            html, named = resolver.link_mentions(html, meeting, item, holders)
            for person in dict.fromkeys(named):
                mentioned.setdefault((person.slug, item.number))
            resolution = evolve(segment.resolution, html=html) if segment.resolution else None
            segments.append(Segment(html, resolution))
        items.append(evolve(item, segments=tuple(segments)))
    agenda = meeting.agenda
    if agenda:
        agenda_items = []
        for agenda_item in agenda.items:
            subitems = []
            for html in agenda_item.subitems_html:
                html, found = link_references(
                    html, meeting, None, lookups, target_href, agenda_item.pos, problems
                )
                references += [
                    ReferenceFact(
                        None,
                        agenda_item.number,
                        r.target.meeting.url,
                        r.target.item.number if r.target.item else None,
                        False,
                    )
                    for r in found
                ]
                subitems.append(html)
            agenda_items.append(evolve(agenda_item, subitems_html=tuple(subitems)))
        agenda = evolve(agenda, items=tuple(agenda_items))
    authored = []
    for document in meeting.published_documents:
        for author in document.authors:
            writer = resolver.author(author, document)
            if writer:
                authored.append((writer.slug, document.slug))
    whole = evolve(meeting, items=tuple(items), agenda=agenda)
    # The linked meeting follows from what it was read from and what its references found.
    version = key_of(source_version, lookups.answers)
    return LinkRecord(
        whole,
        source_version,
        version,
        tuple(lookups.answers),
        tuple(references),
        tuple(mentioned),
        tuple(authored),
        tuple(problems.items),
    )


def _assemble(
    slug: str, records: tuple[LinkRecord, ...], context: ResolveContext, index_problems: Diagnostics
) -> ResolvedCommittee:
    meetings = tuple(record.meeting for record in records)
    problems = Diagnostics()
    problems.extend(index_problems.items)
    backlinks, approvals = _backlinks_and_approvals(records)
    actions = find_actions(meetings, problems).get(slug, [])

    def named_in(meeting: Meeting, written: str) -> NamedPerson | None:
        match = context.resolver.index.resolve(written, {a.person.slug for a in meeting.attendance})
        if match.person is None:
            return None
        return NamedPerson(
            written=written,
            name=written,
            role="",
            pos=SourcePos(meeting.source_label),
            slug=match.person.slug,
        )

    membership_at = memberships(meetings, context.by_slug, context.start_month, named_in)
    appearances, years = appearances_and_years(meetings, membership_at, context.start_month)
    lists: dict[str, dict[str, list]] = {}

    def add(kind: str, found: dict[str, list]) -> None:
        for person, entries in found.items():
            lists.setdefault(person, {})[kind] = entries

    add("appearances", appearances)
    add("years", years)
    add("declarations", declarations_by_person(meetings))
    add("task_groups", task_groups_by_person(meetings))
    add("votes", votes_by_person(meetings))
    add("mentions", _mentions(records))
    add("authored", _authored(records))
    add("memberships", _memberships(meetings, membership_at, context.start_month))
    people = {
        person: PersonPart(**{kind: tuple(entries) for kind, entries in parts.items()})
        for person, parts in lists.items()
    }
    return ResolvedCommittee(
        slug,
        records,
        membership_at,
        tuple(actions),
        backlinks,
        approvals,
        people,
        _topic_entries(meetings),
        tuple(problems.items),
    )


def _mentions(records: tuple[LinkRecord, ...]) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for record in records:
        meeting = record.meeting
        for person, number in record.mentioned:
            found.setdefault(person, []).append(
                Mention(meeting, next(item for item in meeting.items if item.number == number))
            )
    return found


def _authored(records: tuple[LinkRecord, ...]) -> dict[str, list[Authored]]:
    found: dict[str, list[Authored]] = {}
    for record in records:
        meeting = record.meeting
        documents = {document.slug: document for document in meeting.published_documents}
        for person, slug in record.authored:
            found.setdefault(person, []).append(Authored(meeting, documents[slug]))
    return found


def _memberships(
    meetings: tuple[Meeting, ...], membership_at: dict[str, Membership], start_month: int
) -> dict[str, list[CommitteeMembership]]:
    """Each seat a person held, once a year; a year in which they chaired says so, and a year
    known only from agendas (no minutes record them) says that too."""
    seen: dict[str, dict[int, CommitteeMembership]] = {}
    recorded: set[tuple[str, int]] = set()  # (person, year) the minutes record as a member
    for meeting in meetings:
        membership = membership_at[meeting.url]
        for seat in membership.seats:
            year = municipal_year(meeting.date, start_month)
            if membership.source_meeting is None:
                recorded.add((seat.person.slug, year))
            how = seat.group[:-1] + (" (Chair)" if "Chair" in seat.note.split("; ") else "")
            held = seen.setdefault(seat.person.slug, {})
            if year not in held:
                held[year] = CommitteeMembership(meeting.committee, year, how, meeting)
            elif "Chair" in how:
                held[year] = evolve(held[year], how=how)
    return {
        person: [
            entry if (person, year) in recorded else evolve(entry, how=f"{entry.how}, as listed on an agenda")
            for year, entry in held.items()
        ]
        for person, held in seen.items()
    }


def _backlinks_and_approvals(
    records: tuple[LinkRecord, ...],
) -> tuple[dict[tuple[str, int], list[Backlink]], dict[str, Backlink]]:
    backlinks: dict[tuple[str, int], list[Backlink]] = {}
    approvals: dict[str, Backlink] = {}
    for record in records:
        source_meeting = record.meeting
        for fact in record.references:
            source = Backlink(source_meeting.url, source_meeting.date, fact.source_item, fact.agenda_item)
            if fact.target_item is not None:
                listed = backlinks.setdefault((fact.target_url, fact.target_item), [])
                if source not in listed:
                    listed.append(source)
            elif fact.source_item is not None:
                if fact.approves:
                    approvals[fact.target_url] = source
            elif fact.agenda_item is not None:
                approvals.setdefault(fact.target_url, source)
    return backlinks, approvals


def _topic_entries(meetings: tuple[Meeting, ...]) -> dict[str, tuple[TopicEntry, ...]]:
    """Every item, agenda item (where there are no minutes) and paper on each topic, newest first."""
    entries: dict[str, list[TopicEntry]] = {}
    for meeting in reversed(meetings):
        covered: set[str] = set()
        for item in meeting.items:
            for topic in item.topics:
                entries.setdefault(topic, []).append(TopicEntry(meeting, item, None, None))
                covered.add(topic)
        if meeting.agenda and not meeting.items:
            for agenda_item in meeting.agenda.items:
                for topic in agenda_item.topics:
                    entries.setdefault(topic, []).append(TopicEntry(meeting, None, agenda_item, None))
                    covered.add(topic)
        for document in meeting.published_documents:
            for topic in document.topics:
                if topic not in covered:
                    entries.setdefault(topic, []).append(TopicEntry(meeting, None, None, document))
    return {topic: tuple(found) for topic, found in entries.items()}
