"""Stage 3: the validated meetings -> one connected archive.

Names are resolved to people, references in the text become links (with backlinks on their
targets), minutes are tied to the meeting that approved them, requests become tracked actions, and
attendance is worked out per person and per meeting.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ..archive import Archive, Backlink, TopicEntry, index_archive
from ..diagnostics import Diagnostics, SourcePos
from ..model import Item, Meeting, NamedPerson, Segment
from ..validate import ValidatedSite
from .actions import find_actions
from .attendance import appearances_and_years, memberships
from .people import PeopleResolver, declarations_by_person, posts_held, task_groups_by_person, votes_by_person, year_of
from .references import MinuteIndex, Reference, Target, link_references

_APPROVAL = re.compile(r"\b(?:approved|agreed|signed)\b", re.IGNORECASE)


def target_href(target: Target) -> str:
    return f"site:/{target.meeting.url}" + (f"#{target.item.anchor}" if target.item else "")


def resolve_site(validated: ValidatedSite, start_month: int, build_date: dt.date, diagnostics: Diagnostics) -> Archive:
    resolver = PeopleResolver(validated.people, diagnostics)
    people = {person.slug: person for person in validated.people}
    meetings = tuple(resolver.meeting(meeting) for meeting in validated.meetings)

    authored: dict[str, list[tuple[Meeting, object]]] = {}
    for meeting in meetings:
        for document in meeting.published_documents:
            for author in document.authors:
                person = resolver.author(author, document)
                if person:
                    authored.setdefault(person.slug, []).append((meeting, document))

    index = MinuteIndex(meetings, diagnostics)
    references: list[Reference] = []
    mentions: dict[str, list[tuple[Meeting, Item]]] = {}
    linked = []
    for meeting in meetings:
        holders = posts_held(validated.people, year_of(meeting, start_month))
        items = []
        for item in meeting.items:
            segments = []
            for segment in item.segments:
                html, found = link_references(segment.html, meeting, item, index, target_href, item.pos, diagnostics)
                references += found
                html, named = resolver.link_mentions(html, meeting, item, holders)
                for person in dict.fromkeys(named):
                    if (meeting, item) not in mentions.get(person.slug, []):
                        mentions.setdefault(person.slug, []).append((meeting, item))
                resolution = dataclasses.replace(segment.resolution, html=html) if segment.resolution else None
                segments.append(Segment(html, resolution))
            items.append(dataclasses.replace(item, segments=tuple(segments)))
        agenda = meeting.agenda
        if agenda:
            agenda_items = []
            for agenda_item in agenda.items:
                subitems = []
                for html in agenda_item.subitems_html:
                    html, found = link_references(html, meeting, None, index, target_href, agenda_item.pos, diagnostics)
                    references += [dataclasses.replace(r, text=f"agenda:{agenda_item.number}") for r in found]
                    subitems.append(html)
                agenda_items.append(dataclasses.replace(agenda_item, subitems_html=tuple(subitems)))
            agenda = dataclasses.replace(agenda, items=tuple(agenda_items))
        linked.append(dataclasses.replace(meeting, items=tuple(items), agenda=agenda))
    meetings = tuple(linked)

    backlinks, approvals = _backlinks_and_approvals(references)
    actions = find_actions(meetings, diagnostics)

    def named_in(meeting: Meeting, written: str) -> NamedPerson | None:
        resolution = resolver.index.resolve(written, {a.person.slug for a in meeting.attendance})
        if resolution.person is None:
            return None
        return NamedPerson(written=written, name=written, role="", pos=SourcePos(meeting.source_label), slug=resolution.person.slug)

    membership_at = memberships(meetings, people, start_month, named_in)
    appearances, years = appearances_and_years(meetings, membership_at, start_month)

    return index_archive(
        committees=validated.committees,
        meetings=meetings,
        start_month=start_month,
        build_date=build_date,
        people=validated.people,
        topics=validated.topics,
        backlinks=backlinks,
        approvals=approvals,
        actions=actions,
        membership_at=membership_at,
        appearances=appearances,
        attendance_years=years,
        declarations=declarations_by_person(meetings),
        mentions=mentions,
        task_groups=task_groups_by_person(meetings),
        votes=votes_by_person(meetings),
        authored=authored,
        topic_entries=_topic_entries(meetings),
    )


def _backlinks_and_approvals(references: list[Reference]):
    backlinks: dict[tuple[str, int], list[Backlink]] = {}
    approvals: dict[str, Backlink] = {}
    for reference in references:
        target = reference.target
        agenda_number = int(reference.text.split(":", 1)[1]) if reference.text.startswith("agenda:") else None
        source = Backlink(reference.source.url, reference.source.date, reference.source_item.number if reference.source_item else None, agenda_number)
        if target.item is not None:
            backlinks.setdefault((target.meeting.url, target.item.number), [])
            if source not in backlinks[(target.meeting.url, target.item.number)]:
                backlinks[(target.meeting.url, target.item.number)].append(source)
        elif reference.source_item is not None:
            body = " ".join(segment.html for segment in reference.source_item.segments)
            if reference.source_item.title.lower().startswith("minutes") and _APPROVAL.search(body):
                approvals[target.meeting.url] = source
        elif agenda_number is not None:
            approvals.setdefault(target.meeting.url, source)
    return backlinks, approvals


def _topic_entries(meetings: tuple[Meeting, ...]) -> dict[str, list[TopicEntry]]:
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
    return entries

