"""Search documents -> the lunr index: term numbers, postings and BM25 weights, as lunr.py computes them.

The work is split so that it scales: `analyse_documents` turns each document into term counts on
its own (in worker processes for big archives; the result depends only on the document, so it
can later be cached by content hash), and `build_index` then does the little that needs the
whole collection: numbering terms, inverse document frequency and average field lengths.

The arithmetic copies lunr.py's Builder expression for expression, so every weight is the same
float; `to_lunr_json` writes the same JSON as lunr.py's `Index.serialize()`, and a test holds
the two to it.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

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
class Term:
    """One term of the index: lunr's term number, and per field the documents holding it."""

    index: int
    # Per field: (document number, weight, token positions), by document number. lunr rounds
    # weights to three decimals, so they are kept as whole thousandths: weight / 1000 is the
    # very float lunr.py stores.
    postings: tuple[tuple[tuple[int, int, tuple[int, ...]], ...], ...]


@dataclass(frozen=True)
class SearchIndex:
    documents: int
    terms: dict[str, Term]


def analyse_fields(texts: tuple[str, ...]) -> AnalysedDocument:
    return tuple(analyse(text) for text in texts)


def analyse_documents(documents: list[SearchDocument], workers: int | None = None) -> list[AnalysedDocument]:
    texts = [tuple(doc.field_text(field.name) for field in FIELDS) for doc in documents]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 2 or len(texts) < _PARALLEL_FROM:
        return [analyse_fields(t) for t in texts]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(analyse_fields, texts, chunksize=256))


def build_index(analysed: list[AnalysedDocument]) -> SearchIndex:
    count = len(analysed)
    average = [sum(doc[f].length for doc in analysed) / count if count else 0.0 for f in range(len(FIELDS))]
    term_numbers: dict[str, int] = {}
    occurrences: dict[str, list[list[tuple[int, tuple[int, ...]]]]] = {}
    for ref, doc in enumerate(analysed):
        for f, field_terms in enumerate(doc):
            for term, places in field_terms.positions.items():
                if term not in term_numbers:
                    term_numbers[term] = len(term_numbers)
                    occurrences[term] = [[] for _ in FIELDS]
                occurrences[term][f].append((ref, places))

    # The length part of the BM25 denominator, per field and field length, as lunr.py computes it.
    length_parts: list[dict[int, float]] = [{} for _ in FIELDS]
    terms: dict[str, Term] = {}
    for term, per_field in occurrences.items():
        # lunr counts a document once per field that holds the term.
        idf = _idf(sum(len(entries) for entries in per_field), count)
        postings = []
        for f, entries in enumerate(per_field):
            boost, average_length, parts = FIELDS[f].boost, average[f], length_parts[f]
            row = []
            for ref, places in entries:
                length = analysed[ref][f].length
                part = parts.get(length)
                if part is None:
                    part = parts[length] = K1 * (1 - B + B * (length / average_length))
                tf = len(places)
                # lunr.py Builder._create_field_vectors, operation for operation (documents have no boost).
                score = idf * ((K1 + 1) * tf) / (part + tf)
                score *= boost
                row.append((ref, round(round(score, 3) * 1000), places))
            postings.append(tuple(row))
        terms[term] = Term(term_numbers[term], tuple(postings))
    return SearchIndex(count, terms)


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
        for f, field in enumerate(FIELDS):
            posting[field.name] = {str(ref): {} for ref, _, _ in entry.postings[f]}
            for ref, weight, _ in entry.postings[f]:
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
