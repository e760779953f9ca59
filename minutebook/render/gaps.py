"""Gaps in the archive made visible: a meeting the minutes mention ("the meeting held on
9 February 2023") that the archive does not hold is listed in its committee's municipal year as a
known meeting without papers, with the minute it is known from."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..archive import Archive
from ..model import Item, Meeting
from ..resolve.references import MEETING_REFERENCE, MONTHS

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class KnownMeeting:
    date: dt.date
    sources: tuple[tuple[Meeting, Item], ...]  # the minutes that mention it


def known_meetings(archive: Archive, committee_slug: str) -> list[KnownMeeting]:
    """The committee's meetings that its minutes mention and the archive lacks, in date order."""
    held = {meeting.date for meeting in archive.by_committee.get(committee_slug, ())}
    found: dict[dt.date, list[tuple[Meeting, Item]]] = {}
    for meeting in archive.by_committee.get(committee_slug, ()):
        for item in meeting.items:
            text = _TAG.sub("", " ".join(segment.html for segment in item.segments))
            if "held" not in text:
                continue
            for match in MEETING_REFERENCE.finditer(text):
                try:
                    date = dt.date(
                        int(match.group("year")),
                        MONTHS.index(match.group("month").lower()) + 1,
                        int(match.group("day")),
                    )
                except ValueError:
                    continue
                if date not in held and (meeting, item) not in found.setdefault(date, []):
                    found[date].append((meeting, item))
    return [KnownMeeting(date, tuple(found[date])) for date in sorted(found)]
