"""Search documents -> postings: for each term, the documents holding it, how often and where.

The index files hold lunr's raw counts, not its weights: per term and field, the documents
holding the term, how often it occurs in each (tf) and the field's length there. search.js turns
them into lunr's BM25 weights with the figures of the whole collection (how many documents, the
average length of each field, how many documents hold the term), by the same arithmetic as
lunr.py's Builder; the equivalence tests hold the two to each other. A weight depends on every
document in the archive, a count on its own document only: so the files of one tier (tiers.py)
depend on that tier's documents alone, and adding a meeting does not rewrite the rest.

The work is split so that it scales: `analyse_documents` turns each document into term counts on
its own (in worker processes for a big tier), and `build_postings` gathers them, keeping postings
in compact arrays so memory grows with the postings, not with Python objects per occurrence.
"""

from __future__ import annotations

import os
from array import array
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Iterable, Iterator

from .analyse import FieldTerms, analyse
from .documents import SearchDocument

LUNR_JS_VERSION = "2.3.9"
SEARCH_PIPELINE = ("stemmer",)


@dataclass(frozen=True)
class Field:
    name: str
    boost: int


# Titles and topics weigh more than the body; people named weigh a little more than the body.
FIELDS = (Field("title", 10), Field("topics", 5), Field("people", 2), Field("body", 1))

# Below this many documents, starting worker processes costs more than it saves.
_PARALLEL_FROM = 2000

AnalysedDocument = tuple[FieldTerms, ...]  # one per field, in FIELDS order


@dataclass(frozen=True)
class FieldPostings:
    """The documents holding a term in one field, numbered from the start of their tier."""

    refs: array  # document numbers, ascending
    counts: array  # how often the term occurs in each (lunr's tf)
    positions: array  # token numbers: counts[0] of them for the first document, and so on


@dataclass(frozen=True)
class Term:
    """One term: its rank (lunr numbers terms in the order it first meets them; search.js needs
    that order to add up scores as lunr does), and per field the documents holding it."""

    rank: int
    fields: tuple[FieldPostings | None, ...]  # None where no document has the term in that field


@dataclass(frozen=True)
class Postings:
    """The postings of a run of documents, and each document's field lengths (lunr counts the
    tokens left after stop words), which BM25 weighs a term's count against."""

    documents: int
    lengths: tuple[array, ...]  # per field, per document
    terms: dict[str, Term]


def analyse_fields(texts: tuple[str, ...]) -> AnalysedDocument:
    return tuple(analyse(text) for text in texts)


def analyse_documents(documents: list[SearchDocument], workers: int | None = None) -> Iterator[AnalysedDocument]:
    """Each document's terms, in document order, one at a time."""
    texts = [tuple(doc.field_text(field.name) for field in FIELDS) for doc in documents]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 2 or len(texts) < _PARALLEL_FROM:
        yield from map(analyse_fields, texts)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(analyse_fields, texts, chunksize=64)


def build_postings(analysed: Iterable[AnalysedDocument]) -> Postings:
    lengths = tuple(array("I") for _ in FIELDS)
    # term -> [rank, then per field None or (refs, counts, positions)]
    found: dict[str, list] = {}
    count = 0
    for ref, doc in enumerate(analysed):
        count += 1
        for f, field_terms in enumerate(doc):
            lengths[f].append(field_terms.length)
            for term, places in field_terms.positions.items():
                entry = found.get(term)
                if entry is None:
                    entry = found[term] = [len(found), None, None, None, None]
                slot = entry[f + 1]
                if slot is None:
                    slot = entry[f + 1] = (array("I"), array("I"), array("I"))
                slot[0].append(ref)
                slot[1].append(len(places))
                slot[2].extend(places)
    terms = {
        term: Term(rank, tuple(FieldPostings(*slot) if slot else None for slot in slots))
        for term, (rank, *slots) in found.items()
    }
    return Postings(count, lengths, terms)
