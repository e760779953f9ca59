"""References in the minutes -> links: 'Further to minute 84/16', 'minute 41 above', '(Minute 44 below
refers)', 'minutes 41 and 44', 'the minutes of the meeting held on 13 February 2020'.

A reference to something in the archive becomes a link and is remembered on its target ("Referred
to by ..."); one to something outside the archive stays plain text and is reported as a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ..diagnostics import Diagnostics, SourcePos
from ..model import Item, Meeting

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_NUMBER = r"\d+(?:/\d{2})?"
MINUTE_REFERENCE = re.compile(
    rf"\b(?P<word>[Mm]inutes?)\s+(?P<numbers>{_NUMBER}(?:(?:\s*,\s*|\s+and\s+|\s*&amp;\s*){_NUMBER})*)(?P<direction>\s+(?:above|below))?"
)
MEETING_REFERENCE = re.compile(
    r"(?P<lead>\bmeeting\s+held\s+on\s+(?:the\s+)?)"
    r"(?P<date>(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>"
    + "|".join(m.capitalize() for m in MONTHS)
    + r"),?\s+(?P<year>\d{4}))"
)
_TAG = re.compile(r"(<[^>]+>)")


@dataclass(frozen=True)
class Target:
    meeting: Meeting
    item: Item | None  # None: the meeting as a whole


@dataclass(frozen=True)
class Reference:
    source: Meeting
    source_item: Item | None  # None for agenda text
    target: Target
    text: str


class MinuteLookups(Protocol):
    """What linking references asks of the index: MinuteIndex, or a wrapper that records the answers."""

    def minute(
        self, meeting: Meeting, number: int, series: int | None, same_meeting: bool
    ) -> Target | None: ...

    def meeting_on(self, meeting: Meeting, date: dt.date) -> Target | None: ...


class MinuteIndex:
    """Finds items by (committee, minute series, number) and meetings by (committee, date)."""

    def __init__(self, meetings: tuple[Meeting, ...], diagnostics: Diagnostics):
        self.items: dict[tuple[str, int, int], tuple[Meeting, Item]] = {}
        self.meetings: dict[tuple[str, dt.date], Meeting] = {}
        for meeting in meetings:
            self.meetings.setdefault((meeting.committee.slug, meeting.date), meeting)
            for item in meeting.items:
                key = (meeting.committee.slug, meeting.minute_series, item.number)
                if key in self.items:
                    other = self.items[key][0]
                    diagnostics.error(
                        item.pos,
                        "duplicate-minute",
                        f"minute {item.number} of the {meeting.minute_series} series is also in {other.source_label}",
                        "check the minute number, or set 'minute_series:' on the meeting that continues another year's numbering",
                    )
                    continue
                self.items[key] = (meeting, item)

    def minute(self, meeting: Meeting, number: int, series: int | None, same_meeting: bool) -> Target | None:
        if series is None or same_meeting:
            for item in meeting.items:
                if item.number == number and (series is None or series == meeting.minute_series):
                    return Target(meeting, item)
            if same_meeting:
                return None
        found = self.items.get(
            (meeting.committee.slug, meeting.minute_series if series is None else series, number)
        )
        return Target(*found) if found else None

    def meeting_on(self, meeting: Meeting, date: dt.date) -> Target | None:
        found = self.meetings.get((meeting.committee.slug, date))
        return Target(found, None) if found else None


def series_from_suffix(suffix: str) -> int:
    """'16' in '84/16' is the municipal year 2016/17."""
    year = int(suffix)
    return 2000 + year if year < 70 else 1900 + year


def link_references(
    html: str,
    meeting: Meeting,
    item: Item | None,
    index: MinuteLookups,
    href: Callable[[Target], str],
    pos: SourcePos,
    diagnostics: Diagnostics,
) -> tuple[str, list[Reference]]:
    """Turn the references in sanitised HTML into links; return the new HTML and what was found."""
    references: list[Reference] = []

    def link(text: str, target: Target | None, description: str) -> str:
        if target is None:
            diagnostics.warning(
                pos, "reference-outside-archive", f"{description} is not in the archive, so it is not linked"
            )
            # The archive's words, not the minutes': set apart and labelled.
            why = (
                "this archive has no papers for that meeting"
                if description.startswith("the meeting")
                else "that minute is not in this archive"
            )
            return f'{text} <span class="archive-note">(not a link: {why})</span>'

        if (
            target.item is not None
            and item is not None
            and target.meeting is meeting
            and target.item.number == item.number
        ):
            return text
        references.append(Reference(meeting, item, target, text))
        return f'<a href="{href(target)}">{text}</a>'

    def minutes(match: re.Match) -> str:
        same_meeting = bool(match.group("direction"))
        pieces = re.split(rf"({_NUMBER})", match.group("numbers"))
        out = []
        for index_in_list, piece in enumerate(pieces):
            if index_in_list % 2 == 0:
                out.append(piece)
                continue
            number, _, suffix = piece.partition("/")
            series = series_from_suffix(suffix) if suffix else None
            target = index.minute(meeting, int(number), series, same_meeting)
            text = f"{match.group('word')} {piece}" if index_in_list == 1 else piece
            linked = link(text, target, f"minute {piece}")
            if index_in_list == 1:
                out = [linked]
            else:
                out.append(linked)
        return "".join(out) + (match.group("direction") or "")

    def meeting_date(match: re.Match) -> str:
        try:
            date = dt.date(
                int(match.group("year")),
                MONTHS.index(match.group("month").lower()) + 1,
                int(match.group("day")),
            )
        except ValueError:
            return match.group(0)
        return match.group("lead") + link(
            match.group("date"),
            index.meeting_on(meeting, date),
            f"the meeting of {date.day} {date.strftime('%B %Y')}",
        )

    result = []
    inside_link = 0
    for chunk in _TAG.split(html):
        if chunk.startswith("<"):
            if re.match(r"<a[\s>]", chunk):
                inside_link += 1
            elif chunk.startswith("</a"):
                inside_link -= 1
            result.append(chunk)
        elif inside_link or not chunk:
            result.append(chunk)
        else:
            # Most text names no minute and no meeting; looking for the words first is far cheaper.
            if "inute" in chunk:
                chunk = MINUTE_REFERENCE.sub(minutes, chunk)
            if "held" in chunk:
                chunk = MEETING_REFERENCE.sub(meeting_date, chunk)
            result.append(chunk)
    return "".join(result), references
