"""The build's date in the council's time zone, and embargoes read and compared there."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from minutebook.clock import Clock, Embargo, read_embargo
from minutebook.diagnostics import Diagnostics, SourcePos

LONDON = ZoneInfo("Europe/London")
AUCKLAND = ZoneInfo("Pacific/Auckland")


def read(value, raw=None, zone=LONDON):
    diagnostics = Diagnostics()
    return read_embargo(value, raw, SourcePos("m.md", 3, 16), "embargo_until", zone, diagnostics), diagnostics


def test_today_is_the_council_date():
    late = dt.datetime(2026, 1, 15, 23, 30, tzinfo=dt.UTC)
    assert Clock.at(late, LONDON).today == dt.date(2026, 1, 15)
    assert Clock.at(late, AUCKLAND).today == dt.date(2026, 1, 16)


def test_an_embargo_time_without_an_offset_is_council_time():
    embargo, diagnostics = read("2026-07-01 09:30", "2026-07-01 09:30")
    assert diagnostics.items == [] and embargo.moment == dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC)
    assert embargo.holds(Clock.at(dt.datetime(2026, 7, 1, 8, 29, tzinfo=dt.UTC), LONDON))
    assert not embargo.holds(Clock.at(dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC), LONDON))


def test_a_date_embargo_lifts_at_the_council_midnight():
    embargo, _ = read(dt.date(2026, 1, 16))
    assert embargo == Embargo(dt.date(2026, 1, 16))
    late = dt.datetime(2026, 1, 15, 23, 30, tzinfo=dt.UTC)
    assert embargo.holds(Clock.at(late, LONDON)) and not embargo.holds(Clock.at(late, AUCKLAND))


def test_a_written_offset_is_kept_and_nonsense_is_an_error():
    embargo, _ = read("2026-07-01T10:00:00+01:00", "2026-07-01T10:00:00+01:00", AUCKLAND)
    assert embargo.moment == dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)
    _, diagnostics = read("next tuesday", "next tuesday")
    assert [(d.code, d.pos.line) for d in diagnostics.errors] == [("date", 3)]
