"""Search documents -> postings: for each term, the documents holding it, how often and where.

The index files hold lunr's raw counts, not its weights: per term and field, the documents
holding the term, how often it occurs in each (tf) and the field's length there. search.js turns
them into lunr's BM25 weights with the figures of the whole collection (how many documents, the
average length of each field, how many documents hold the term), by the same arithmetic as
lunr.py's Builder; the equivalence tests hold the two to each other. A weight depends on every
document in the archive, a count on its own document only: so the files of one tier (tiers.py)
depend on that tier's documents alone, and adding a meeting does not rewrite the rest.

The work is split so that it scales: each document is analysed on its own, runs of documents
become postings in worker processes for a big tier, and the runs are merged in order. Postings
live in compact arrays, so memory grows with the postings, not with Python objects per
occurrence, and a run's postings are quick to send back from a worker.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..parallel import cores, map_chunks
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

# Below this many documents, starting worker processes costs more than it saves; each worker's
# run is at least this long, so merging runs stays cheap.
_PARALLEL_FROM = 2000
_CHUNK_MIN = 500

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


def analyse_fields(doc: SearchDocument) -> AnalysedDocument:
    return tuple(analyse(doc.field_text(field.name)) for field in FIELDS)


def build_postings(documents: list[SearchDocument]) -> Postings:
    """The postings of the documents: for a big tier, forked workers each analyse a run of them
    and send back its postings (compact arrays, quick to send), which are merged in order."""
    chunk = max(_CHUNK_MIN, -(-len(documents) // (cores() * 4)))
    return merge(
        map_chunks(
            _run_postings, documents, range(len(documents)), chunk_size=chunk, serial_below=_PARALLEL_FROM
        )
    )


def _run_postings(documents: list[SearchDocument], places: Sequence[int]) -> Postings:
    return collect(analyse_fields(documents[place]) for place in places)


def collect(analysed: Iterable[AnalysedDocument]) -> Postings:
    """Analysed documents, in order -> their postings."""
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


def merge(parts: Iterable[Postings]) -> Postings:
    """The postings of consecutive runs of documents -> the postings of them all. Terms are
    ranked in the order the runs first hold them, which is the order lunr first meets them."""
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    lengths = tuple(array("I") for _ in FIELDS)
    found: dict[str, list] = {}  # term -> per field None or (refs, counts, positions)
    count = 0
    for part in parts:
        for merged, more in zip(lengths, part.lengths, strict=True):
            merged.extend(more)
        for term, entry in part.terms.items():
            slots = found.get(term)
            if slots is None:
                slots = found[term] = [None] * len(FIELDS)
            for f, postings in enumerate(entry.fields):
                if postings is None:
                    continue
                refs = array("I", [ref + count for ref in postings.refs])
                if slots[f] is None:
                    slots[f] = (refs, array("I", postings.counts), array("I", postings.positions))
                else:
                    slots[f][0].extend(refs)
                    slots[f][1].extend(postings.counts)
                    slots[f][2].extend(postings.positions)
        count += part.documents
    terms = {
        term: Term(rank, tuple(FieldPostings(*slot) if slot else None for slot in slots))
        for rank, (term, slots) in enumerate(found.items())
    }
    return Postings(count, lengths, terms)
