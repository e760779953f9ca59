"""The archive -> search documents: one per minute item, meeting, agenda item, published document,
person and topic.

A document is what one search result opens: a minute item's hit is `meeting/#minute-40`, not the
top of a long page, and a published paper is one document per section (`paper/#section-5-volunteers`,
its headings' anchors, markup.section_ids), with what comes before its first heading as the
paper's own document, so a hit in a long briefing note opens at the section that matched. Only what the archive publishes is here: the model never holds drafts,
embargoed meetings, confidential notes or private documents, so neither does the index.

Documents of meetings come first, oldest meeting first, and that order is the order of the
numbers the index gives them (tiers.py), so sorting results by date is sorting by number; people
and topics, which have no date, come after them. A meeting's documents depend only on the
meeting and the registries (committees, people, topics), so an unchanged meeting's documents
are unchanged. Each kind of document has its own small function.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..archive import Archive
from ..markup import html_to_text, sections
from ..model import AgendaItem, Committee, Document, Item, Meeting, Person, Topic


@dataclass(frozen=True)
class SearchDocument:
    url: str  # the page and anchor a hit opens, relative to the site root
    title: str
    kind: str  # a key of KINDS
    # Searchable text, one string per field of the index (see index.FIELDS).
    topics_text: str
    people_text: str
    body: str
    # What a result shows and the facets it falls under.
    context: str  # where it comes from: "Scrutiny Board 2, 13 February 2020"
    number: str = ""  # minute or agenda number
    committee: Committee | None = None  # None for people and topics
    date: dt.date | None = None
    municipal_year: int | None = None
    topics: tuple[str, ...] = ()  # topic slugs
    people: tuple[str, ...] = ()  # person slugs

    @property
    def procedural(self) -> bool:
        """Boilerplate rather than substance: apologies, declarations, approving the last minutes,
        excluding the press and public, "no other business". Search ranks it after the rest."""
        return is_procedural(self.kind, self.title, self.body)

    def field_text(self, field: str) -> str:
        return {
            "title": self.title,
            "topics": self.topics_text,
            "people": self.people_text,
            "body": self.body,
        }[field]


KINDS = {
    "decision": "Decision",
    "minute": "Other minute",
    "declarations": "Declarations of interest",
    "apologies": "Apologies",
    "previous-minutes": "Minutes of the last meeting",
    "agenda": "Agenda item",
    "meeting": "Meeting",
    "briefing-note": "Briefing note",
    "report": "Report",
    "work-programme": "Work programme",
    "minutes-extract": "Minutes extract",
    "appendix": "Appendix",
    "presentation": "Presentation",
    "other": "Other document",
    "person": "Person",
    "topic": "Topic",
}

_ITEM_KINDS = (
    (re.compile(r"\bdeclarations? of interest", re.IGNORECASE), "declarations"),
    (re.compile(r"^apologies\b", re.IGNORECASE), "apologies"),
    (re.compile(r"^minutes\b", re.IGNORECASE), "previous-minutes"),
)


_PROCEDURAL_KINDS = {"apologies", "declarations", "previous-minutes"}
_PROCEDURAL_TITLE = re.compile(
    r"^(apologies|declarations? of interests?|minutes|exclusion of (the )?press and public|any other (private |urgent )?(public )?business|late items)\b",
    re.IGNORECASE,
)
# What such an item says when nothing follows: "There were no other items of business.", or an
# agenda's standing wording ("... which the Chair decides to take as a matter of urgency ...").
_BOILERPLATE = re.compile(
    r"^\s*(there (were|was) no (other |further )?(items|matters|business)|no (other |further )?(items|business)|none\b|any other items of (public |private )?business which|to (agree|approve|confirm|sign) the minutes|to exclude the press and public|resolved that(,)? (under|in accordance with) .{0,80}(press|public))",
    re.IGNORECASE,
)
_BOILERPLATE_EXCLUSION = re.compile(r"exclude the press and public", re.IGNORECASE)


def is_procedural(kind: str, title: str, body: str) -> bool:
    """Apologies, declarations, the last meeting's minutes; and "any other business" or the
    exclusion of the press and public when its text is only the standing wording."""
    if kind in _PROCEDURAL_KINDS:
        return True
    if kind not in ("decision", "minute", "agenda") or not _PROCEDURAL_TITLE.match(title.strip()):
        return False
    text = body.strip()
    return (
        not text
        or bool(_BOILERPLATE.match(text))
        or bool(_BOILERPLATE_EXCLUSION.search(text) and len(text) < 1200)
    )


def meeting_documents(archive: Archive, meetings: Sequence[Meeting]) -> list[SearchDocument]:
    """The documents of these meetings, in their order."""
    named = _people_named(archive, meetings)
    documents: list[SearchDocument] = []
    for meeting in meetings:
        documents.extend(_meeting_documents(archive, meeting, named))
    return documents


def registry_documents(archive: Archive) -> list[SearchDocument]:
    """People, then topics: the documents without a date."""
    committees = {committee.slug: committee.name for committee in archive.committees}
    return [_person_document(person, committees) for person in archive.people] + [
        _topic_document(topic) for topic in archive.topics
    ]


def topic_label(archive: Archive, slug: str) -> str:
    topic = archive.topics_by_slug.get(slug)
    return topic.title if topic else slug.replace("-", " ").capitalize()


def person_label(archive: Archive, slug: str) -> str:
    person = archive.people_by_slug.get(slug)
    return person.name if person else slug


def item_kind(item: Item) -> str:
    for pattern, kind in _ITEM_KINDS:
        if pattern.search(item.title):
            return kind
    return "decision" if item.resolutions else "minute"


def _people_named(archive: Archive, meetings: Sequence[Meeting]) -> dict[tuple[str, str], list[str]]:
    """(meeting address, minute number or document slug) -> slugs of the registered people it
    names, for these meetings."""
    urls = {meeting.url for meeting in meetings}
    named: dict[tuple[str, str], list[str]] = {}
    for slug, mentions in archive.mentions.items():
        for mention in mentions:
            if mention.meeting.url in urls:
                named.setdefault((mention.meeting.url, str(mention.item.number)), []).append(slug)
    for slug, papers in archive.authored.items():
        for paper in papers:
            if paper.meeting.url in urls:
                named.setdefault((paper.meeting.url, paper.document.slug), []).append(slug)
    for meeting in meetings:
        for declaration in meeting.declarations:
            if declaration.member.slug:
                for number in declaration.items:
                    named.setdefault((meeting.url, str(number)), []).append(declaration.member.slug)
    return named


def _meeting_documents(
    archive: Archive, meeting: Meeting, named: dict[tuple[str, str], list[str]]
) -> Iterator[SearchDocument]:
    context = f"{meeting.committee.short_name}, {meeting.date.day} {meeting.date.strftime('%B %Y')}"

    def document(
        url: str,
        title: str,
        kind: str,
        body: str,
        number: str = "",
        topics: tuple[str, ...] = (),
        people: tuple[str, ...] = (),
        within: str = "",
    ) -> SearchDocument:
        people = tuple(dict.fromkeys(people))
        return SearchDocument(
            url=url,
            title=title,
            kind=kind,
            topics_text="\n".join(topic_label(archive, t) for t in topics),
            people_text="\n".join(person_label(archive, p) for p in people),
            body=body,
            context=f"{within}, {context}" if within else context,
            number=number,
            committee=meeting.committee,
            date=meeting.date,
            municipal_year=archive.municipal_year(meeting),
            topics=topics,
            people=people,
        )

    attendees = tuple(a.person.slug for a in meeting.attendance if a.person.slug)
    yield document(meeting.url, meeting.title, "meeting", _meeting_body(meeting), people=attendees)
    if not meeting.items and meeting.agenda:
        for agenda_item in meeting.agenda.items:
            yield document(
                f"{meeting.url}#{agenda_item.anchor}",
                agenda_item.title,
                "agenda",
                _agenda_body(agenda_item),
                str(agenda_item.number),
                agenda_item.topics,
            )
    for item in meeting.items:
        people = tuple(named.get((meeting.url, str(item.number)), ()))
        yield document(
            f"{meeting.url}#{item.anchor}",
            item.title,
            item_kind(item),
            item.text,
            str(item.number),
            item.topics,
            people,
        )
    for published in meeting.published_documents:
        people = tuple(named.get((meeting.url, published.slug), ()))
        url = f"{meeting.url}{published.slug}/"
        (_, _, lead), *parts = sections(published.html)
        yield document(
            url,
            published.title,
            published.kind,
            _document_body(published, lead),
            topics=published.topics,
            people=people,
        )
        above = ""  # the headings of empty sections, such as a heading straight over a subheading
        for anchor, heading, text in parts:
            if not text:
                above = f"{above}\n{heading}".strip()
                continue
            body = f"{above}\n{text}" if above else text
            above = ""
            yield document(
                f"{url}#{anchor}",
                heading,
                published.kind,
                body,
                topics=published.topics,
                people=people,
                within=published.title,
            )


def _meeting_body(meeting: Meeting) -> str:
    # A cancelled or postponed meeting says so, for "meeting cancelled March 2020".
    status = {"cancelled": "Meeting cancelled", "postponed": "Meeting postponed"}.get(
        meeting.status.value, ""
    )
    lines = [
        meeting.committee.name,
        f"{meeting.date.strftime('%A')} {meeting.date.day} {meeting.date.strftime('%B %Y')}",
        status,
        meeting.venue,
        meeting.status_note,
    ]
    lines += [ref.title for ref in meeting.document_refs if ref.document or ref.attachment]
    # Registered people are in the people field already; the body keeps the others' names.
    lines += [attendee.person.written for attendee in meeting.attendance if not attendee.person.slug]
    return "\n".join(line for line in lines if line)


def _agenda_body(item: AgendaItem) -> str:
    lines = [
        item.paper,
        *(html_to_text(html) for html in item.subitems_html),
        html_to_text(item.description_html),
    ]
    return "\n".join(line for line in lines if line)


def _document_body(document: Document, lead: str) -> str:
    lines = [document.subject, document.to, document.sender, lead]
    return "\n".join(line for line in lines if line)


def _person_document(person: Person, committees: dict[str, str]) -> SearchDocument:
    about = [person.kind.label, person.job_title, person.organisation]
    # "Chair, Education and Children's Services Scrutiny Board (2)": a role with what it chairs.
    roles = [
        f"{role.title}, {committees[role.committee]}" if role.committee in committees else role.title
        for role in person.roles
    ]
    lines = [person.full_name, *person.aliases, *about, *roles]
    return SearchDocument(
        url=person.url,
        title=person.name,
        kind="person",
        topics_text="",
        people_text=person.name,
        body="\n".join(line for line in lines if line),
        context=", ".join(part for part in about if part),
        people=(person.slug,),
    )


def _topic_document(topic: Topic) -> SearchDocument:
    return SearchDocument(
        url=topic.url,
        title=topic.title,
        kind="topic",
        topics_text=topic.title,
        people_text="",
        body=topic.description,
        context="",
        topics=(topic.slug,),
    )
