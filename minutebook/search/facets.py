"""Facets: which documents fall under each committee, municipal year, kind, topic and person.

Each facet is one file the search page fetches only when the reader opens that facet or a
shared address selects a value in it. Document numbers run oldest meeting first, so a
committee or a year is a few long runs of numbers; sets are written as runs:

    {"values": [["scrutiny-board-2", "Scrutiny Board 2", [0, 65]], ...]}
        key, label, then (gap from the end of the last run, run length) pairs
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..archive import Archive
from ..model import municipal_year_label
from .documents import KINDS, SearchDocument, person_label, topic_label


@dataclass(frozen=True)
class Facet:
    name: str  # also the URL parameter: ?committee=scrutiny-board-2
    label: str
    keys: Callable[[SearchDocument], Iterable[str]]  # the values a document has
    value_label: Callable[[Archive, str], str]
    order: Callable[[str, str], str | int]  # sort key of a value, from its key and label (one type a facet)


_KIND_ORDER = {kind: number for number, kind in enumerate(KINDS)}

FACETS = (
    Facet(
        "committee",
        "Committee",
        lambda doc: [doc.committee.slug] if doc.committee else [],
        lambda archive, key: next(c.short_name for c in archive.committees if c.slug == key),
        lambda key, label: label.lower(),
    ),
    Facet(
        "year",
        "Municipal year",
        lambda doc: [str(doc.municipal_year)] if doc.municipal_year is not None else [],
        lambda archive, key: municipal_year_label(int(key)),
        lambda key, label: -int(key),
    ),
    Facet(
        "kind",
        "Kind",
        lambda doc: [doc.kind],
        lambda archive, key: KINDS[key],
        lambda key, label: _KIND_ORDER[key],
    ),
    Facet("topic", "Topic", lambda doc: doc.topics, topic_label, lambda key, label: label.lower()),
    Facet("person", "Person", lambda doc: doc.people, person_label, lambda key, label: label.lower()),
)


def runs(numbers: list[int]) -> list[int]:
    """Sorted document numbers -> (gap, length) pairs."""
    spans: list[list[int]] = []  # [first, last] of each run of consecutive numbers
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    encoded: list[int] = []
    end = 0
    for first, last in spans:
        encoded += (first - end, last - first + 1)
        end = last + 1
    return encoded


# Facet name -> value key -> the numbers of the documents under it, ascending.
Members = dict[str, dict[str, array]]


def facet_members(documents: list[SearchDocument], first: int) -> Members:
    """Which of these documents, numbered from `first`, fall under each value of each facet."""
    members: Members = {}
    for facet in FACETS:
        values: dict[str, array] = {}
        for number, doc in enumerate(documents, start=first):
            for key in dict.fromkeys(facet.keys(doc)):
                values.setdefault(key, array("I")).append(number)
        if values:
            members[facet.name] = values
    return members


def facet_tables(tiers: list[Members], archive: Archive) -> dict[str, dict]:
    """Facet name -> its file's content, for the facets that have at least one value, from the
    members of each tier, oldest first (so numbers stay ascending)."""
    tables = {}
    for facet in FACETS:
        members: dict[str, list[int]] = {}
        for tier in tiers:
            for key, numbers in tier.get(facet.name, {}).items():
                members.setdefault(key, []).extend(numbers)
        labelled = [(key, facet.value_label(archive, key)) for key in members]
        if labelled:
            tables[facet.name] = {
                "values": [
                    [key, label, runs(members[key])]
                    for key, label in sorted(labelled, key=lambda value: facet.order(*value))
                ]
            }
    return tables
