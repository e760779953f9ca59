"""The archive -> tiers: the index is cut by date, so that adding a meeting rewrites a small part of it.

    archive   meetings before 1 January of the newest meeting's year
    year      meetings from then until the start of the newest meeting's quarter
    latest    meetings of the newest meeting's quarter, then people and topics (no date)

Each tier is indexed on its own: its term shards, position shards and result fragments are
made from its documents alone. So adding or correcting a recent meeting rewrites "latest" only;
the first meeting of a new quarter rebuilds "year", and of a new year "archive" (once a year,
the cost of a build from nothing), as does correcting an old meeting. The browser loads a
query's shards from every tier and puts them together; what BM25 needs from the whole collection
(how many documents, how long each field is on average) is in meta.json, and how many documents
hold a term it adds up from the tiers' postings.

Document numbers (lunr's refs) are the tier's base plus the document's place in the tier, so
they run oldest first across the archive, and a change in one tier never renumbers another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..archive import Archive
from ..model import Meeting

TIER_NAMES = ("archive", "year", "latest")
# Room for four million documents a tier (a hundred thousand meetings or so) below 2**32, so
# refs stay what JavaScript orders as array indexes: lunr's order of equal scores is theirs.
TIER_CAPACITY = 1 << 22


@dataclass(frozen=True)
class Tier:
    name: str
    number: int  # place in TIER_NAMES
    meetings: tuple[Meeting, ...]
    registry: bool  # people and topics follow the meetings

    @property
    def base(self) -> int:
        return self.number * TIER_CAPACITY


def plan_tiers(archive: Archive) -> list[Tier]:
    """The non-empty tiers, oldest first."""
    if archive.meetings:
        newest = max(meeting.date for meeting in archive.meetings)
        year_start = dt.date(newest.year, 1, 1)
        quarter_start = dt.date(newest.year, (newest.month - 1) // 3 * 3 + 1, 1)
    else:
        year_start = quarter_start = dt.date.min
    groups: dict[str, list[Meeting]] = {name: [] for name in TIER_NAMES}
    for meeting in archive.meetings:
        name = (
            "archive" if meeting.date < year_start else "year" if meeting.date < quarter_start else "latest"
        )
        groups[name].append(meeting)
    registry = bool(archive.people or archive.topics)
    tiers = []
    for number, name in enumerate(TIER_NAMES):
        has_registry = registry and name == "latest"
        if groups[name] or has_registry:
            tiers.append(Tier(name, number, tuple(groups[name]), has_registry))
    return tiers
