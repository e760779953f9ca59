"""Search documents -> the lunr index: term numbers, postings and BM25 weights, as lunr.py computes them.

The work is split so that it scales: `analyse_documents` turns each document into term counts on
its own (in worker processes for big archives; the result depends only on the document, so it
can later be cached by content hash), and `build_index` then does the little that needs the
whole collection: numbering terms, inverse document frequency and average field lengths. It
takes the analysed documents one at a time and keeps postings in compact arrays, so memory
grows with the postings, not with Python objects per occurrence.

The arithmetic copies lunr.py's Builder expression for expression, so every weight is the same
float; `to_lunr_json` writes the same JSON as lunr.py's `Index.serialize()`, and a test holds
the two to it.
"""

from __future__ import annotations

import math
import os
from array import array
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Iterable, Iterator

from .analyse import FieldTerms, analyse
from .documents import SearchDocument

LUNR_JS_VERSION = "2.3.9"
SEARCH_PIPELINE = ("stemmer",)
K1 = 1.2
B = 0.75


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
    """The documents holding a term in one field, by document number.

    lunr rounds weights to three decimals, so they are kept as whole thousandths: weight / 1000
    is the very float lunr.py stores."""

    refs: array  # document numbers, ascending
    counts: array  # how often the term occurs in each
    weights: array  # lunr's weight, in thousandths
    positions: array  # token numbers: counts[0] of them for the first document, and so on


@dataclass(frozen=True)
class Term:
    """One term of the index: lunr's term number, and per field the documents holding it."""

    index: int
    fields: tuple[FieldPostings | None, ...]  # None where no document has the term in that field


@dataclass(frozen=True)
class SearchIndex:
    documents: int
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


def build_index(analysed: Iterable[AnalysedDocument]) -> SearchIndex:
    lengths = [array("I") for _ in FIELDS]
    # term -> [term number, then per field None or (refs, counts, positions)]
    found: dict[str, list] = {}
    count = 0
    for ref, doc in enumerate(analysed):
        count += 1
        for f, field_terms in enumerate(doc):
            lengths[f].append(field_terms.length)
            for term, places in field_terms.positions.items():
                entry = found.get(term)
                if entry is None:
                    # lunr numbers terms in the order it first meets them.
                    entry = found[term] = [len(found), None, None, None, None]
                slot = entry[f + 1]
                if slot is None:
                    slot = entry[f + 1] = (array("I"), array("I"), array("I"))
                slot[0].append(ref)
                slot[1].append(len(places))
                slot[2].extend(places)

    average = [sum(field_lengths) / count if count else 0.0 for field_lengths in lengths]
    # The length part of the BM25 denominator, per field and field length, as lunr.py computes it.
    length_parts: list[dict[int, float]] = [{} for _ in FIELDS]
    terms: dict[str, Term] = {}
    for term, (number, *slots) in found.items():
        # lunr counts a document once per field that holds the term.
        idf = _idf(sum(len(slot[0]) for slot in slots if slot), count)
        fields = []
        for f, slot in enumerate(slots):
            if slot is None:
                fields.append(None)
                continue
            refs, counts, positions = slot
            boost, average_length, parts, field_lengths = FIELDS[f].boost, average[f], length_parts[f], lengths[f]
            weights = array("I")
            for ref, tf in zip(refs, counts):
                length = field_lengths[ref]
                part = parts.get(length)
                if part is None:
                    part = parts[length] = K1 * (1 - B + B * (length / average_length))
                # lunr.py Builder._create_field_vectors, operation for operation (documents have no boost).
                score = idf * ((K1 + 1) * tf) / (part + tf)
                score *= boost
                weights.append(_thousandths(score))
            fields.append(FieldPostings(refs, counts, weights, positions))
        terms[term] = Term(number, tuple(fields))
    return SearchIndex(count, terms)


def _thousandths(score: float) -> int:
    """round(score, 3) * 1000 as a whole number, as lunr.py rounds weights.

    Python's round(x, 3) is exact but slow; multiplying by 1000 first is off by far less than
    one part in a million, so it gives the same whole number unless the score sits on a tie."""
    scaled = score * 1000
    whole = round(scaled)
    if abs(abs(scaled - whole) - 0.5) < 1e-6:
        return round(round(score, 3) * 1000)
    return whole


def _idf(documents_with_term: int, document_count: int) -> float:
    # lunr.idf
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))


def to_lunr_json(index: SearchIndex) -> dict:
    """The whole index as lunr.py's Index.serialize() writes it, document numbers as refs.

    Used as the reference the shards are tested against, and by the benchmark."""
    vectors: dict[str, list[tuple[int, float]]] = {}
    for ref in range(index.documents):
        for field in FIELDS:
            vectors[f"{field.name}/{ref}"] = []
    inverted = []
    for term in sorted(index.terms):
        entry = index.terms[term]
        posting: dict = {}
        for field, postings in zip(FIELDS, entry.fields):
            posting[field.name] = {}
            if postings:
                for ref, weight in zip(postings.refs, postings.weights):
                    posting[field.name][str(ref)] = {}
                    vectors[f"{field.name}/{ref}"].append((entry.index, weight / 1000))
        posting["_index"] = entry.index
        inverted.append([term, posting])
    field_vectors = [[name, [x for pair in sorted(elements) for x in pair]] for name, elements in vectors.items()]
    return {
        "version": LUNR_JS_VERSION,
        "fields": [field.name for field in FIELDS],
        "fieldVectors": field_vectors,
        "invertedIndex": inverted,
        "pipeline": list(SEARCH_PIPELINE),
    }
