"""The reference the search index is held to: lunr.py's own Builder over the same documents."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from lunr.builder import Builder
from lunr.stemmer import stemmer as lunr_stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.trimmer import trimmer

from minutebook.archive import Archive
from minutebook.config import load_config
from minutebook.diagnostics import Diagnostics
from minutebook.resolve import resolve_site
from minutebook.search.analyse import fold
from minutebook.search.documents import SearchDocument
from minutebook.search.index import FIELDS, LUNR_JS_VERSION, SEARCH_PIPELINE, Postings
from minutebook.search.stemmer import stem
from minutebook.validate import validate_site


def lunr_js_stemmer(token, i=None, tokens=None):
    return token.update(lambda text, metadata: stem(text))


# Registered under its own label so lunr.py does not warn; only the search pipeline is serialised.
lunr_js_stemmer.label = "lunrJsStemmer"


def lunr_py_index(documents: list[SearchDocument], refs: list[int] | None = None) -> dict:
    """lunr.py's serialised index of the documents, refs being their numbers (by default 0, 1, ...)."""
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter, lunr_js_stemmer)
    builder.search_pipeline.add(lunr_stemmer)
    builder.ref("id")
    for field in FIELDS:
        builder.field(field.name, boost=field.boost)
    for number, doc in zip(refs if refs is not None else range(len(documents)), documents, strict=True):
        builder.add({"id": number, **{field.name: fold(doc.field_text(field.name)) for field in FIELDS}})
    return builder.build().serialize()


def load_archive(config_path: Path, build_date: dt.date) -> Archive:
    diagnostics = Diagnostics()
    config = load_config(config_path, diagnostics)
    validated = validate_site(config, build_date, diagnostics)
    archive = resolve_site(validated, config.municipal_year_start_month, build_date, diagnostics).archive
    assert not diagnostics.errors, [d.format() for d in diagnostics.errors]
    return archive


def weighed_index(tiers: list[tuple[int, Postings]]) -> dict:
    """lunr.py's Index.serialize() rebuilt from tiers' raw counts (each with the number of its
    first document), weighed as search.js weighs them: what the shards promise to hold."""
    documents = sum(postings.documents for _, postings in tiers)
    averages = [
        sum(sum(postings.lengths[f]) for _, postings in tiers) / documents for f in range(len(FIELDS))
    ]
    keys: dict[str, int] = {}
    hits: dict[str, list[list[tuple[int, int, int]]]] = {}
    for base, postings in tiers:
        for term, entry in postings.terms.items():
            keys[term] = min(keys.get(term, base + entry.rank), base + entry.rank)
            fields = hits.setdefault(term, [[] for _ in FIELDS])
            for f, field in enumerate(entry.fields):
                if field:
                    fields[f] += [
                        (base + ref, tf, postings.lengths[f][ref])
                        for ref, tf in zip(field.refs, field.counts, strict=True)
                    ]
    numbers = {term: number for number, term in enumerate(sorted(keys, key=keys.get))}
    vectors: dict[str, list[tuple[int, float]]] = {
        f"{field.name}/{base + ref}": []
        for base, postings in tiers
        for ref in range(postings.documents)
        for field in FIELDS
    }
    inverted = []
    for term in sorted(hits):
        with_term = sum(len(field) for field in hits[term])
        x = (documents - with_term + 0.5) / (with_term + 0.5)
        idf = math.log(1 + abs(x))
        posting: dict = {}
        for f, field in enumerate(FIELDS):
            posting[field.name] = {}
            for ref, tf, length in sorted(hits[term][f]):
                posting[field.name][str(ref)] = {}
                score = idf * ((1.2 + 1) * tf) / (1.2 * (1 - 0.75 + 0.75 * (length / averages[f])) + tf)
                vectors[f"{field.name}/{ref}"].append((numbers[term], round(score * field.boost, 3)))
        posting["_index"] = numbers[term]
        inverted.append([term, posting])
    field_vectors = [
        [name, [x for pair in sorted(elements) for x in pair]] for name, elements in vectors.items()
    ]
    return {
        "version": LUNR_JS_VERSION,
        "fields": [field.name for field in FIELDS],
        "fieldVectors": field_vectors,
        "invertedIndex": inverted,
        "pipeline": list(SEARCH_PIPELINE),
    }
