"""iCalendar files of meetings: the whole archive and each committee (to subscribe to), and one per
meeting (to add to a calendar).

Each meeting keeps one UID for ever, made from its address. When a meeting is postponed or
cancelled its event is published with STATUS:CANCELLED and a higher SEQUENCE, so calendars that
subscribed earlier replace the event instead of keeping the old one. The sequence is worked out
from the status (scheduled and held 0, postponed 1, cancelled 2), so it only ever rises as a
meeting moves along that path, and rebuilding never changes it.

A meeting whose date has passed without its minutes reaching the archive is not confirmed: the
archive does not record that it took place (whatever status the clerk gave it), so its event is
STATUS:TENTATIVE and its description says there are no minutes in the archive.

A calendar is its header followed by its events, each event's lines as the event alone would
write them; so each event is work under its meeting's key (products.py), and a rebuild
makes only the calendars whose meetings changed.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, partial
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from ..archive import Archive
from ..config import SiteConfig
from ..model import Meeting, MeetingStatus, minutes_missing
from ..products import Product, Reuse, key_of
from .fingerprint import meeting_key
from .moments import ends_at, starts_at
from .published import ICALENDAR, Subscription

CALENDAR_FILE = "meetings.ics"
_END = b"END:VCALENDAR\r\n"
SEQUENCE = {
    MeetingStatus.SCHEDULED: 0,
    MeetingStatus.HELD: 0,
    MeetingStatus.POSTPONED: 1,
    MeetingStatus.CANCELLED: 2,
}
CALLED_OFF = (MeetingStatus.POSTPONED, MeetingStatus.CANCELLED)
# How often subscribed calendars should look for changes.
REFRESH = dt.timedelta(hours=12)


def meeting_calendar_url(meeting: Meeting) -> str:
    """'meetings/2020/2020-02-13-scrutiny-board-2/2020-02-13-scrutiny-board-2.ics': a file name that
    says what it is once downloaded."""
    return f"{meeting.url}{meeting.url.rstrip('/').rsplit('/', 1)[-1]}.ics"


def event_uid(meeting: Meeting, config: SiteConfig) -> str:
    return f"{meeting.url.strip('/').replace('/', '-')}@{urlsplit(config.base_url).netloc}"


def _event_lines(meeting: Meeting, config: SiteConfig, build_date: dt.date) -> bytes:
    return meeting_event(meeting, config, build_date).to_ical()


def meeting_event(meeting: Meeting, config: SiteConfig, build_date: dt.date | None = None) -> icalendar.Event:
    """`build_date`: the day the archive is built; a meeting before it with no minutes in the
    archive is TENTATIVE, not CONFIRMED."""
    zone = config.zone
    page = config.absolute_url(meeting.url)
    event = icalendar.Event()
    event.add("uid", event_uid(meeting, config))
    # The stamp must not come from the clock (builds are reproducible): the start of the meeting day.
    event.add("dtstamp", dt.datetime.combine(meeting.date, dt.time(), tzinfo=zone).astimezone(dt.UTC))
    start, end = starts_at(meeting, zone), ends_at(meeting, zone)
    if start:
        event.add("dtstart", start)
        if end:
            event.add("dtend", end)
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    called_off = meeting.status in CALLED_OFF
    event.add(
        "summary",
        f"{meeting.status.value.capitalize()}: {meeting.committee.name}"
        if called_off
        else meeting.committee.name,
    )
    unrecorded = build_date is not None and minutes_missing(meeting, build_date)
    event.add("status", "CANCELLED" if called_off else "TENTATIVE" if unrecorded else "CONFIRMED")
    event.add("sequence", SEQUENCE[meeting.status])
    event.add("class", "PUBLIC")
    event.add("url", page, parameters={"VALUE": "URI"})
    location = "; ".join(
        part for part in (meeting.venue, "Held remotely" if meeting.remote else "", meeting.webcast) if part
    )
    if location:
        event.add("location", location)
    if meeting.webcast:
        event.add(
            "conference", meeting.webcast, parameters={"VALUE": "URI", "FEATURE": "VIDEO", "LABEL": "Webcast"}
        )
    event.add("description", _description(meeting, page, unrecorded))
    return event


def _description(meeting: Meeting, page: str, unrecorded: bool = False) -> str:
    lines = []
    if meeting.status in CALLED_OFF:
        lines.append(f"This meeting was {meeting.status.value}.")
    if unrecorded:
        lines.append(
            "There are no minutes of this meeting in this archive, so it does not record whether or how the meeting took place."
        )
    if meeting.status_note:
        lines.append(f"Clerk's note: {meeting.status_note}")
    if meeting.webcast:
        lines.append(f"Webcast: {meeting.webcast}")
    if meeting.agenda and meeting.agenda.items:
        lines.append("Agenda:")
        lines += [f"{item.number}. {item.title}" for item in meeting.agenda.items]
    lines.append(f"Agenda, minutes and papers: {page}")
    return "\n".join(lines)


@cache
def _time_zone(zone: ZoneInfo, first_year: int, last_year: int) -> icalendar.Timezone:
    """The zone's rules for the years the events fall in (a VTIMEZONE covering them, from tzdata)."""
    return icalendar.Timezone.from_tzinfo(
        zone, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1)
    )


def render_calendar(
    title: str, description: str, meetings: list[Meeting], events: dict[str, bytes], config: SiteConfig
) -> bytes:
    """`events`: each meeting's event as its own iCalendar text (`meeting_event(...).to_ical()`)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{config.council_name}//minutebook//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for name in ("name", "x-wr-calname"):
        calendar.add(name, title)
    for name in ("description", "x-wr-caldesc"):
        calendar.add(name, description)
    calendar.add("x-wr-timezone", config.time_zone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    timed = [meeting.date.year for meeting in meetings if meeting.start]
    if timed:
        calendar.add_component(_time_zone(config.zone, min(timed), max(timed)))
    # Components are written one after another, each ending its last line: the events go where
    # icalendar would write them, just before the calendar's end.
    header = calendar.to_ical().removesuffix(_END)
    return b"".join([header, *(events[meeting.url] for meeting in meetings), _END])


def calendar_files(
    archive: Archive, config: SiteConfig, shared: str, reuse: Reuse
) -> tuple[list[Product], list[Subscription]]:
    """Every calendar file, keyed by its path, and the subscriptions the pages offer. `shared`:
    what every page is made from (see render/fingerprint.py); `reuse` may hold events written before."""
    keys = {meeting.url: meeting_key(shared, archive, meeting) for meeting in archive.meetings}
    events = {
        meeting.url: reuse(
            key_of("event", keys[meeting.url]),
            partial(_event_lines, meeting, config, archive.build_date),
        )
        for meeting in archive.meetings
    }
    short = config.council_short_name
    files: list[Product] = []
    subscriptions = []

    def publish(url: str, page_url: str, title: str, description: str, meetings: list[Meeting]) -> None:
        key = key_of("calendar", shared, url, title, description, [keys[meeting.url] for meeting in meetings])
        files.append(Product(url, key, lambda: render_calendar(title, description, meetings, events, config)))
        subscriptions.append(Subscription(url, page_url, title, ICALENDAR))

    publish(
        CALENDAR_FILE,
        "",
        f"{short} - all committees - meetings",
        f"Meetings of {config.council_name} committees.",
        list(archive.meetings),
    )
    for committee in archive.committees:
        page_url = f"committees/{committee.slug}/"
        publish(
            f"{page_url}{CALENDAR_FILE}",
            page_url,
            f"{short} - {committee.name} - meetings",
            f"Meetings of the {committee.name}.",
            list(archive.by_committee.get(committee.slug, ())),
        )
    for meeting in archive.meetings:
        publish(
            meeting_calendar_url(meeting),
            meeting.url,
            f"{short} - {meeting.title}",
            f"The meeting of the {meeting.title}.",
            [meeting],
        )
    return files, subscriptions
