"""Facets: which documents fall under each committee, municipal year, kind, topic and person.

Each facet is one file the search page fetches only when the reader opens that facet or a
shared address selects a value in it. Document numbers run oldest meeting first, so a
committee or a year is a few long runs of numbers; sets are written as runs:

    {"values": [["scrutiny-board-2", "Scrutiny Board 2", [0, 65]], ...]}
        key, label, then (gap from the end of the last run, run length) pairs
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..model import municipal_year_label
from .documents import KINDS, SearchDocument, topic_label


@dataclass(frozen=True)
class Facet:
    name: str  # also the URL parameter: ?committee=scrutiny-board-2
    label: str
    values: Callable[[SearchDocument], Iterable[tuple[str, str]]]  # (key, label) pairs of a document
    order: Callable[[tuple[str, str]], object]  # sort key of a (key, label) pair


_KIND_ORDER = {kind: number for number, kind in enumerate(KINDS)}

FACETS = (
    Facet("committee", "Committee", lambda doc: [(doc.committee.slug, doc.committee.short_name)], lambda v: v[1].lower()),
    Facet("year", "Municipal year", lambda doc: [(str(doc.municipal_year), municipal_year_label(doc.municipal_year))], lambda v: -int(v[0])),
    Facet("kind", "Kind", lambda doc: [(doc.kind, KINDS[doc.kind])], lambda v: _KIND_ORDER[v[0]]),
    Facet("topic", "Topic", lambda doc: [(slug, topic_label(slug)) for slug in doc.topics], lambda v: v[1].lower()),
    # People become a facet as soon as documents name registered people.
    Facet("person", "Person", lambda doc: [(key, key) for key in doc.people], lambda v: v[1].lower()),
)


def runs(numbers: list[int]) -> list[int]:
    """Sorted document numbers -> (gap, length) pairs."""
    encoded: list[int] = []
    end = 0
    start = previous = None
    for number in numbers:
        if previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            encoded += (start - end, previous - start + 1)
            end = previous + 1
        start = previous = number
    if start is not None:
        encoded += (start - end, previous - start + 1)
    return encoded


def facet_tables(documents: list[SearchDocument]) -> dict[str, dict]:
    """Facet name -> its file's content, for the facets that have at least one value."""
    tables = {}
    for facet in FACETS:
        members: dict[tuple[str, str], list[int]] = {}
        for number, doc in enumerate(documents):
            for value in dict.fromkeys(facet.values(doc)):
                members.setdefault(value, []).append(number)
        if members:
            tables[facet.name] = {"values": [[key, label, runs(members[key, label])] for key, label in sorted(members, key=facet.order)]}
    return tables
