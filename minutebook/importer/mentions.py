"""Meetings a pack mentions without holding their papers: "the meeting scheduled for the Board on
19th March had been cancelled" in minutes, "24th September 2020 - Meeting cancelled" in a work
programme. Each becomes a draft with status cancelled, quoting the words it came from."""

from __future__ import annotations

import datetime as dt
import re

from .output import MeetingDraft
from .text import MONTHS

_DAY_MONTH = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_IN_MINUTES = re.compile(
    r"meeting\s+scheduled\s+for\s+(?:the\s+)?(?P<committee>[^.]+?)\s+on\s+(?:the\s+)?"
    + _DAY_MONTH
    + r"(?:,?\s+(?P<year>\d{4}))?\s+(?:has|had)\s+been\s+cancelled",
    re.IGNORECASE,
)
_IN_PROGRAMME = re.compile(_DAY_MONTH + r",?\s+(?P<year>\d{4})[\s|\\-]*Meeting\s+cancelled", re.IGNORECASE)


def find_cancellations(meeting: MeetingDraft) -> list[tuple[str, dt.date, str]]:
    """(committee as printed, or "" for this meeting's own committee; date; the words quoted)."""
    found = []
    if meeting.minutes:
        for item in meeting.minutes.items:
            for match in _IN_MINUTES.finditer(" ".join(item.body.split())):
                date = _date(match, meeting.date)
                if date:
                    found.append((match.group("committee"), date, match.group(0)))
    for _, document in meeting.documents:
        if document.kind == "work-programme":
            for match in _IN_PROGRAMME.finditer(document.body):
                date = _date(match, meeting.date)
                if date:
                    found.append(("", date, " ".join(match.group(0).replace("\\", "").split())))
    return found


def _date(match: re.Match, after: dt.date) -> dt.date | None:
    """The date meant; without a year, the first such day after the meeting that mentions it."""
    month, day = MONTHS[match.group("month").lower()], int(match.group("day"))
    years = [int(match.group("year"))] if match.group("year") else [after.year, after.year + 1]
    for year in years:
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return None
        if match.group("year") or date > after:
            return date
    return None
