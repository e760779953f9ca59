"""The archive -> search documents: one per minute item, meeting, agenda item and published document.

A document is what one search result opens: a minute item's hit is `meeting/#minute-40`, not the
top of a long page. Only what the archive publishes is here: the model never holds drafts,
embargoed meetings, confidential notes or private documents, so neither does the index.

Documents come oldest meeting first, and that order is the document number the index uses, so
sorting results by date is sorting by number. Each kind of document has its own small function;
people and topic pages will add theirs to `search_documents`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator

from ..archive import Archive
from ..markup import html_to_text
from ..model import AgendaItem, Committee, Document, Item, Meeting


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
    committee: Committee
    date: dt.date
    municipal_year: int
    context: str  # where it comes from: "Scrutiny Board 2, 13 February 2020"
    number: str  # minute or agenda number, "" for others
    topics: tuple[str, ...]  # topic slugs
    people: tuple[str, ...] = ()  # person keys, once the archive has a people registry

    def field_text(self, field: str) -> str:
        return {"title": self.title, "topics": self.topics_text, "people": self.people_text, "body": self.body}[field]


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
}

_ITEM_KINDS = (
    (re.compile(r"\bdeclarations? of interest", re.IGNORECASE), "declarations"),
    (re.compile(r"^apologies\b", re.IGNORECASE), "apologies"),
    (re.compile(r"^minutes\b", re.IGNORECASE), "previous-minutes"),
)


def search_documents(archive: Archive) -> list[SearchDocument]:
    documents: list[SearchDocument] = []
    for meeting in archive.meetings:
        documents.extend(_meeting_documents(meeting, archive.municipal_year(meeting)))
    return documents


def topic_label(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def item_kind(item: Item) -> str:
    for pattern, kind in _ITEM_KINDS:
        if pattern.search(item.title):
            return kind
    return "decision" if item.resolutions else "minute"


def _meeting_documents(meeting: Meeting, year: int) -> Iterator[SearchDocument]:
    context = f"{meeting.committee.short_name}, {meeting.date.day} {meeting.date.strftime('%B %Y')}"

    def document(url: str, title: str, kind: str, body: str, number: str = "", topics: tuple[str, ...] = (), people: tuple[str, ...] = ()) -> SearchDocument:
        return SearchDocument(
            url=url, title=title, kind=kind,
            topics_text="\n".join(topic_label(t) for t in topics), people_text="\n".join(people), body=body,
            committee=meeting.committee, date=meeting.date, municipal_year=year,
            context=context, number=number, topics=topics,
        )

    yield document(meeting.url, meeting.title, "meeting", _meeting_body(meeting), people=tuple(a.person.written for a in meeting.attendance))
    if not meeting.items and meeting.agenda:
        for agenda_item in meeting.agenda.items:
            yield document(f"{meeting.url}#{agenda_item.anchor}", agenda_item.title, "agenda", _agenda_body(agenda_item), str(agenda_item.number))
    for item in meeting.items:
        declared = tuple(d.member.written for d in meeting.declarations if item.number in d.items)
        yield document(f"{meeting.url}#{item.anchor}", item.title, item_kind(item), item.text, str(item.number), item.topics, declared)
    for published in meeting.published_documents:
        yield document(f"{meeting.url}{published.slug}/", published.title, published.kind, _document_body(published), people=published.authors)


def _meeting_body(meeting: Meeting) -> str:
    lines = [meeting.committee.name, f"{meeting.date.strftime('%A')} {meeting.date.day} {meeting.date.strftime('%B %Y')}", meeting.venue, meeting.status_note]
    lines += [ref.title for ref in meeting.document_refs if ref.document or ref.attachment]
    return "\n".join(line for line in lines if line)


def _agenda_body(item: AgendaItem) -> str:
    lines = [item.paper, *item.subitems, html_to_text(item.description_html)]
    return "\n".join(line for line in lines if line)


def _document_body(document: Document) -> str:
    lines = [document.subject, document.to, document.sender, document.text]
    return "\n".join(line for line in lines if line)
