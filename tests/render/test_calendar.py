"""The iCalendar files, read back with the icalendar parser: UIDs, London times, status, sequence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.conftest import build_site, copy_fixture

LONDON = ZoneInfo("Europe/London")
SEED_MEETINGS = [
    "2017-06-29",
    "2017-07-13",
    "2019-11-28",
    "2020-01-09",
    "2020-02-13",
    "2020-03-19",
    "2020-09-24",
    "2020-10-15",
    "2022-03-17",
    "2023-03-16",
]
SEED_CANCELLED = ["2020-03-19", "2020-09-24"]
# Past meetings, not called off, whose minutes the archive does not hold: not confirmed.
SEED_WITHOUT_MINUTES = ["2017-07-13", "2020-01-09", "2020-10-15", "2022-03-17"]


def read_calendar(path: Path) -> icalendar.Calendar:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert calendar["VERSION"] == "2.0" and calendar["METHOD"] == "PUBLISH"
    return calendar


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    found = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert len(found) == len(calendar.walk("VEVENT")), "UIDs must be unique"
    return found


def seed_uid(date: str) -> str:
    return f"meetings-{date[:4]}-{date}-scrutiny-board-2@democracy.example.gov.uk"


def test_site_calendar_has_every_meeting_with_a_stable_uid(seed_site):
    calendar = read_calendar(seed_site / "meetings.ics")
    assert str(calendar["X-WR-CALNAME"]) == "Coventry - all committees - meetings"
    assert set(events(calendar)) == {seed_uid(date) for date in SEED_MEETINGS}
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    # Subscribed calendars look for changes twice a day.
    assert (
        b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in calendar.to_ical()
        and b"X-PUBLISHED-TTL:PT12H" in calendar.to_ical()
    )


def test_committee_calendar_matches_the_site_calendar(seed_site):
    committee = events(read_calendar(seed_site / "committees/scrutiny-board-2/meetings.ics"))
    site = events(read_calendar(seed_site / "meetings.ics"))
    assert {uid: event.to_ical() for uid, event in committee.items()} == {
        uid: event.to_ical() for uid, event in site.items()
    }


def test_times_are_london_times_with_their_zone(seed_site):
    february = events(read_calendar(seed_site / "meetings.ics"))[seed_uid("2020-02-13")]
    assert february["DTSTART"].params["TZID"] == "Europe/London"
    assert february.decoded("DTSTART") == dt.datetime(2020, 2, 13, 10, 0, tzinfo=LONDON)
    assert february.decoded("DTEND") == dt.datetime(2020, 2, 13, 12, 10, tzinfo=LONDON)
    assert february.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    october = events(read_calendar(seed_site / "meetings.ics"))[seed_uid("2020-10-15")]
    assert october.decoded("DTSTART").utcoffset() == dt.timedelta(hours=1)  # British Summer Time
    assert "https://youtu.be/BYBLywsJXkE" in str(october["LOCATION"]) and "Held remotely" in str(
        october["LOCATION"]
    )
    assert str(october["CONFERENCE"]) == "https://youtu.be/BYBLywsJXkE"
    # The archive has no time for this meeting: it is a whole-day event, not a made-up time.
    march = events(read_calendar(seed_site / "meetings.ics"))[seed_uid("2022-03-17")]
    assert march.decoded("DTSTART") == dt.date(2022, 3, 17) and march.decoded("DTEND") == dt.date(2022, 3, 18)


def test_meetings_with_minutes_are_confirmed_cancelled_ones_cancelled_and_the_rest_tentative(seed_site):
    for uid, event in events(read_calendar(seed_site / "meetings.ics")).items():
        cancelled = any(seed_uid(date) == uid for date in SEED_CANCELLED)
        unrecorded = any(seed_uid(date) == uid for date in SEED_WITHOUT_MINUTES)
        assert (str(event["STATUS"]), event.decoded("SEQUENCE")) == (
            ("CANCELLED", 2) if cancelled else ("TENTATIVE", 0) if unrecorded else ("CONFIRMED", 0)
        ), uid
        assert ("no minutes of this meeting in this archive" in str(event["DESCRIPTION"])) == unrecorded, uid
        assert str(event["URL"]).startswith("https://democracy.example.gov.uk/minutes/meetings/")
    march = events(read_calendar(seed_site / "meetings.ics"))[seed_uid("2020-03-19")]
    assert str(march["SUMMARY"]) == "Cancelled: Education and Children's Services Scrutiny Board (2)"
    assert "Health and Social Care Scrutiny Board (5)" in str(march["DESCRIPTION"])


@pytest.mark.parametrize("date", SEED_MEETINGS)
def test_each_meeting_page_offers_its_own_calendar_file(seed_site, date):
    folder = seed_site / "meetings" / date[:4] / f"{date}-scrutiny-board-2"
    html = (folder / "index.html").read_text(encoding="utf-8")
    filename = f"{date}-scrutiny-board-2.ics"
    assert f'<a href="{filename}" type="text/calendar">Add to calendar' in html
    only = events(read_calendar(folder / filename))
    assert list(only) == [seed_uid(date)]
    site = events(read_calendar(seed_site / "meetings.ics"))
    assert only[seed_uid(date)].to_ical() == site[seed_uid(date)].to_ical()


def test_committee_page_offers_a_subscription_and_a_download(seed_site):
    html = (seed_site / "committees/scrutiny-board-2/index.html").read_text(encoding="utf-8")
    assert 'href="webcal://democracy.example.gov.uk/minutes/committees/scrutiny-board-2/meetings.ics"' in html
    assert '<a href="meetings.ics" type="text/calendar">download the calendar file' in html


def test_cancelled_meeting_is_published_as_cancelled(basic_site):
    calendar = read_calendar(basic_site / "meetings.ics")
    event = events(calendar)["meetings-2021-2021-09-09-planning@minutes.example.org"]
    assert str(event["STATUS"]) == "CANCELLED" and event.decoded("SEQUENCE") == 2
    assert str(event["SUMMARY"]) == "Cancelled: Planning Committee"
    assert "There was no business to transact." in str(event["DESCRIPTION"])


def test_a_meeting_called_off_keeps_its_uid_and_raises_its_sequence(tmp_path):
    """A subscriber's calendar replaces an event only if the UID matches and SEQUENCE rises."""
    config = copy_fixture("basic", tmp_path / "site")
    meeting = config.parent / "content/meetings/2021/2021-09-09-planning.md"
    ics = "meetings/2021/2021-09-09-planning/2021-09-09-planning.ics"
    published = []
    for status, note in [
        ("scheduled", ""),
        ("postponed", "Moved to 16 September 2021."),
        ("cancelled", "There was no business to transact."),
    ]:
        meeting.write_text(
            f'---\ncommittee: planning\ndate: 2021-09-09\nstart: "18:00"\nstatus: {status}\n'
            + (f"status_note: {note}\n" if note else "")
            + "---\n"
        )
        result = build_site(config, tmp_path / "out")
        assert not result.failed, [d.format() for d in result.diagnostics]
        (event,) = read_calendar(tmp_path / "out" / ics).walk("VEVENT")
        published.append(
            (str(event["UID"]), event.decoded("SEQUENCE"), str(event["STATUS"]), str(event["SUMMARY"]))
        )
    assert len({uid for uid, *_ in published}) == 1
    assert [sequence for _, sequence, _, _ in published] == [0, 1, 2]
    # Scheduled for a date before the build with no minutes: the archive cannot confirm it took place.
    assert [status for _, _, status, _ in published] == ["TENTATIVE", "CANCELLED", "CANCELLED"]
    assert published[1][3] == "Postponed: Planning Committee"


def test_every_calendar_is_written_as_icalendar_writes_it(seed_site):
    """Calendars are put together from events written one by one (and kept between builds): the
    result must be what icalendar writes for the whole calendar."""
    calendars = sorted(seed_site.rglob("*.ics"))
    assert len(calendars) > len(SEED_MEETINGS)
    for path in calendars:
        data = path.read_bytes()
        assert icalendar.Calendar.from_ical(data).to_ical() == data, path
