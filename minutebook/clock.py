"""The build's date and time, in the council's time zone, and embargoes compared with them.

An archive is published for one council: "today" is the date in its time zone, not on the build
machine (a build at 23:30 UTC in winter is already tomorrow in Auckland, and still today in
London). An embargo is a date (published from the start of that day, council time) or a date and
time ('2024-06-13 09:30', council time unless an offset is written)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .diagnostics import Diagnostics, SourcePos
from .fields import MISSING, Fields, Missing


@dataclass(frozen=True)
class Clock:
    today: dt.date  # in the council's time zone
    now: dt.datetime  # aware
    zone: dt.tzinfo

    @classmethod
    def at(cls, moment: dt.datetime, zone: dt.tzinfo) -> Clock:
        local = moment.astimezone(zone)
        return cls(local.date(), local, zone)

    @classmethod
    def start_of(cls, day: dt.date, zone: dt.tzinfo) -> Clock:
        """A build for a given date (tests, `--date`-like callers) runs at the start of that day: an
        embargo with a time on that day is still in force, never lifted early."""
        return cls(day, dt.datetime.combine(day, dt.time(), zone), zone)


@dataclass(frozen=True)
class Embargo:
    day: dt.date
    moment: dt.datetime | None = None  # aware, when a time was written

    def holds(self, clock: Clock) -> bool:
        if self.moment is None:
            return self.day > clock.today
        return self.moment > clock.now


def read_embargo(
    value: Any, raw: str | None, pos: SourcePos, key: str, zone: dt.tzinfo, diagnostics: Diagnostics
) -> Embargo | Missing | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Embargo(value)
    text = (raw or str(value)).strip().strip("'\"")
    try:
        return Embargo(dt.date.fromisoformat(text))
    except ValueError:
        pass
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        diagnostics.error(
            pos,
            "date",
            f"'{key}: {text}' is not a date, or a date and time",
            "write the date like 2020-02-13, or a date and time in the council's time zone like 2020-02-13 09:30",
        )
        return MISSING
    if moment.tzinfo is None:
        # Written as the clerk reads a clock: the council's time. fold=0 picks the first of an
        # hour that happens twice when the clocks go back.
        moment = moment.replace(tzinfo=zone)
    return Embargo(moment.astimezone(zone).date(), moment)


def embargo_field(fields: Fields, zone: dt.tzinfo, key: str = "embargo_until") -> Embargo | None:
    """The embargo written in `fields`, or None (an invalid one is reported; a blank one is
    reported by the caller as blank-privacy)."""
    embargo = read_embargo(
        fields.value.get(key),
        fields.doc.raw_text(*fields.path, key),
        fields.pos(key),
        key,
        zone,
        fields.diagnostics,
    )
    return None if isinstance(embargo, Missing) else embargo
