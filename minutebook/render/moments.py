"""When a meeting happens, as moments in the council's time zone, for feeds, calendars and data.

Feeds and calendars never use the clock of the machine that builds them: every time they carry
comes from the meetings themselves, so two builds of the same content are byte for byte the same.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from ..model import Meeting


def starts_at(meeting: Meeting, zone: ZoneInfo) -> dt.datetime | None:
    return dt.datetime.combine(meeting.date, meeting.start, tzinfo=zone) if meeting.start else None


def ends_at(meeting: Meeting, zone: ZoneInfo) -> dt.datetime | None:
    if meeting.start and meeting.end and meeting.end > meeting.start:
        return dt.datetime.combine(meeting.date, meeting.end, tzinfo=zone)
    return None


def latest_moment(meeting: Meeting, zone: ZoneInfo) -> dt.datetime:
    """The last moment the archive knows of: the close, the start, or the start of the day."""
    return (
        ends_at(meeting, zone)
        or starts_at(meeting, zone)
        or dt.datetime.combine(meeting.date, dt.time(), tzinfo=zone)
    )


def iso_moment(meeting: Meeting, zone: ZoneInfo, which: str) -> str | None:
    """'2020-02-13T10:00:00+00:00' (with the UK offset of that day), the date alone when the time
    is not known, or None for an unknown end."""
    moment = starts_at(meeting, zone) if which == "start" else ends_at(meeting, zone)
    if moment:
        return moment.isoformat()
    return meeting.date.isoformat() if which == "start" else None
