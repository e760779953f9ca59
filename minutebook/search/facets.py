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

from ..archive import Archive
from ..model import municipal_year_label
from .documents import KINDS, SearchDocument, person_label, topic_label


@dataclass(frozen=True)
class Facet:
    name: str  # also the URL parameter: ?committee=scrutiny-board-2
    label: str
    keys: Callable[[SearchDocument], Iterable[str]]  # the values a document has
    value_label: Callable[[Archive, str], str]
    order: Callable[[str, str], object]  # sort key of a value, from its key and label


_KIND_ORDER = {kind: number for number, kind in enumerate(KINDS)}

FACETS = (
    Facet("committee", "Committee", lambda doc: [doc.committee.slug] if doc.committee else [],
          lambda archive, key: next(c.short_name for c in archive.committees if c.slug == key), lambda key, label: label.lower()),
    Facet("year", "Municipal year", lambda doc: [str(doc.municipal_year)] if doc.municipal_year is not None else [],
          lambda archive, key: municipal_year_label(int(key)), lambda key, label: -int(key)),
    Facet("kind", "Kind", lambda doc: [doc.kind], lambda archive, key: KINDS[key], lambda key, label: _KIND_ORDER[key]),
    Facet("topic", "Topic", lambda doc: doc.topics, topic_label, lambda key, label: label.lower()),
    Facet("person", "Person", lambda doc: doc.people, person_label, lambda key, label: label.lower()),
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


def facet_tables(documents: list[SearchDocument], numbers: list[int], archive: Archive) -> dict[str, dict]:
    """Facet name -> its file's content, for the facets that have at least one value.

    `numbers` are the documents' numbers in the index, ascending (tiers leave gaps between them)."""
    tables = {}
    for facet in FACETS:
        members: dict[str, list[int]] = {}
        for number, doc in zip(numbers, documents):
            for key in dict.fromkeys(facet.keys(doc)):
                members.setdefault(key, []).append(number)
        labelled = [(key, facet.value_label(archive, key)) for key in members]
        if labelled:
            tables[facet.name] = {"values": [[key, label, runs(members[key])] for key, label in sorted(labelled, key=lambda value: facet.order(*value))]}
    return tables
