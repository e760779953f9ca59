"""Gaps in the archive made visible: a meeting the minutes mention ("the meeting held on
9 February 2023"), or a work programme lists ("19th March 2020 - cancelled"), that the archive does
not hold is listed in its committee's municipal year, and in its calendar year, as a known meeting
without papers, with the minute or the work programme it is known from."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..archive import Archive
from ..model import Committee, Document, Item, Meeting
from ..resolve.references import MEETING_REFERENCE, MONTHS

_TAG = re.compile(r"<[^>]+>")
# A work programme lists each meeting as an entry that starts with its date, the business under
# it: "<li>19th March 2020 - cancelled". The entry runs to the end of its line.
_PROGRAMME_ENTRY = re.compile(
    r"<li>(?P<entry>(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>"
    + "|".join(m.capitalize() for m in MONTHS)
    + r"),?\s+(?P<year>\d{4})\b[^<\n]*)"
)


@dataclass(frozen=True)
class Listing:
    """A work programme's entry for a meeting, as printed, and the meeting whose papers hold it."""

    meeting: Meeting
    document: Document
    entry: str


@dataclass(frozen=True)
class KnownMeeting:
    date: dt.date
    committee: Committee
    sources: tuple[tuple[Meeting, Item], ...]  # the minutes that mention it
    listings: tuple[Listing, ...]  # the work programmes that list it


def known_meetings(archive: Archive, committee: Committee) -> list[KnownMeeting]:
    """The committee's meetings that its minutes mention or its work programmes list, and the
    archive lacks, in date order."""
    committee_slug = committee.slug
    held = {meeting.date for meeting in archive.by_committee.get(committee_slug, ())}
    found: dict[dt.date, list[tuple[Meeting, Item]]] = {}
    listed: dict[dt.date, list[Listing]] = {}
    for meeting in archive.by_committee.get(committee_slug, ()):
        for document in meeting.published_documents:
            if document.kind != "work-programme":
                continue
            for match in _PROGRAMME_ENTRY.finditer(document.html):
                date = _date(match)
                listing = Listing(meeting, document, match.group("entry").strip())
                if date is not None and date not in held and listing not in listed.setdefault(date, []):
                    listed[date].append(listing)
        for item in meeting.items:
            text = _TAG.sub("", " ".join(segment.html for segment in item.segments))
            if "held" not in text:
                continue
            for match in MEETING_REFERENCE.finditer(text):
                date = _date(match)
                if (
                    date is not None
                    and date not in held
                    and (meeting, item) not in found.setdefault(date, [])
                ):
                    found[date].append((meeting, item))
    return [
        KnownMeeting(date, committee, tuple(found.get(date, ())), tuple(listed.get(date, ())))
        for date in sorted(found.keys() | listed.keys())
    ]


def _date(match: re.Match[str]) -> dt.date | None:
    """The date a match names; None for one that does not exist (31 September)."""
    try:
        return dt.date(
            int(match.group("year")), MONTHS.index(match.group("month").lower()) + 1, int(match.group("day"))
        )
    except ValueError:
        return None
