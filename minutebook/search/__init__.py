"""Stage 5: the archive -> the search index, written as small files under search/.

    documents (documents.py)  one per minute item, meeting, agenda item, published document
 -> tiers     (tiers.py)      cut by date, so a new meeting changes the newest tier only
 -> terms     (analyse.py)    lunr's pipeline: tokenizer, trimmer, stop words, stemmer
 -> postings  (index.py)      per term, the documents holding it with lunr's raw counts
 -> files     (shards.py, facets.py, here)

What the search page (theme/js/search.js) fetches:

    search/meta.json.gz                   fields, the collection's figures BM25 needs, each
                                          tier's shard prefixes, facet names (fetched first)
    search/<tier>/terms/<prefix>.json.gz  postings of the tier's terms starting with <prefix>
    search/<tier>/positions/<prefix>.json.gz  word positions of the same terms, for phrases only
    search/docs/<n>.json.gz               what result n shows: title, address, date, snippet text
    search/facets/<facet>.json.gz         which documents fall under each value of one facet

A tier's files depend on its documents alone, so a build keeps an unchanged tier's files as
they are (`search_index` is told which tiers the last build left intact) and makes only the
rest, with meta.json and the facets, which are small.

Files are gzip-compressed here, so every static server sends them small; the page inflates them
with the browser's DecompressionStream.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from typing import Callable

from ..archive import Archive
from ..cache import code_version, digest_of
from .documents import KINDS, SearchDocument, meeting_documents, registry_documents
from .facets import FACETS, facet_tables
from .index import FIELDS, LUNR_JS_VERSION, SEARCH_PIPELINE, analyse_documents, build_postings
from .shards import shard_files, to_json
from .tiers import Tier, plan_tiers

SEARCH_DIR = "search/"
FORMAT_VERSION = 2


@dataclass(frozen=True)
class TierSummary:
    """What meta.json needs of one tier, kept by the build so an unchanged tier is not remade."""

    name: str
    digest: str  # of everything the tier's files are made from
    base: int  # number of its first document
    documents: int
    dated: int  # its documents with a date, which come before the others
    length_sums: tuple[int, ...]  # per field, the total of its documents' field lengths
    shards: tuple[tuple[str, str], ...]  # (term prefix, file name)
    paths: tuple[str, ...]  # its files, inside the output folder


@dataclass(frozen=True)
class SearchIndex:
    tiers: tuple[TierSummary, ...]
    files: dict[str, bytes]  # compressed: every file but those of the tiers kept
    kept: tuple[str, ...]  # files of the tiers kept from the last build


# Given a tier's name and digest: the last build's summary of it if its files are intact, else None.
KeptTier = Callable[[str, str], "TierSummary | None"]


def search_index(archive: Archive, kept_tier: KeptTier = lambda name, digest: None, workers: int | None = None) -> SearchIndex:
    """The search files of the archive, remaking only the tiers `kept_tier` does not vouch for."""
    version = code_version()
    documents: list[SearchDocument] = []
    summaries: list[TierSummary] = []
    files: dict[str, bytes] = {}
    kept: list[str] = []
    for tier, tier_docs in tier_documents(archive):
        documents += tier_docs
        digest = digest_of(version, FORMAT_VERSION, tier.name, tier.base, [_content(doc) for doc in tier_docs])
        summary = kept_tier(tier.name, digest)
        if summary is None:
            summary, made = _tier_files(tier, tier_docs, digest, workers)
            files.update(made)
        else:
            kept += summary.paths
        summaries.append(summary)
    numbers = [summary.base + n for summary in summaries for n in range(summary.documents)]
    tables = facet_tables(documents, numbers, archive)
    facets = {f"{SEARCH_DIR}facets/{name}.json.gz": to_json(table) for name, table in tables.items()}
    # Changes whenever a file does, kept or not, so browsers never mix files of two builds.
    build = digest_of([summary.digest for summary in summaries], sorted(facets.items()))[:12]
    files.update((path, _compress(data)) for path, data in facets.items())
    meta = {
        "format": FORMAT_VERSION,
        "lunr": LUNR_JS_VERSION,
        "build": build,
        "documents": len(documents),
        # Documents numbered below this have a date, oldest first; people and topics follow.
        "dated": max((summary.base + summary.dated for summary in summaries if summary.dated), default=0),
        "fields": [field.name for field in FIELDS],
        "boosts": [field.boost for field in FIELDS],
        # The total length of each field over all documents: lunr weighs a term's count against
        # the field's length in a document relative to the average.
        "lengths": [sum(summary.length_sums[f] for summary in summaries) for f in range(len(FIELDS))],
        "pipeline": list(SEARCH_PIPELINE),
        "tiers": [[summary.name, summary.base, [list(shard) for shard in summary.shards]] for summary in summaries],
        "facets": [[facet.name, facet.label] for facet in FACETS if facet.name in tables],
    }
    files[f"{SEARCH_DIR}meta.json.gz"] = _compress(to_json(meta))
    return SearchIndex(tuple(summaries), files, tuple(kept))


def tier_documents(archive: Archive) -> list[tuple[Tier, list[SearchDocument]]]:
    """Each tier with its documents, in order; a document's number is its tier's base plus its place."""
    return [
        (tier, meeting_documents(archive, tier.meetings) + (registry_documents(archive) if tier.registry else []))
        for tier in plan_tiers(archive)
    ]


def search_files(archive: Archive, workers: int | None = None) -> dict[str, bytes]:
    """Every file of the search index, keyed by its path inside the output folder."""
    return search_index(archive, workers=workers).files


def fragment(doc: SearchDocument) -> dict:
    """What a result shows, fetched only for the results on screen."""
    return {
        "url": doc.url,
        "title": doc.title,
        "kind": KINDS[doc.kind],
        "context": doc.context,
        "date": doc.date.isoformat() if doc.date else "",
        "number": doc.number,
        "text": doc.body,
    }


def _content(doc: SearchDocument) -> tuple:
    """All of a document that reaches the tier's files."""
    return (tuple(doc.field_text(field.name) for field in FIELDS), fragment(doc))


def _tier_files(tier: Tier, documents: list[SearchDocument], digest: str, workers: int | None) -> tuple[TierSummary, dict[str, bytes]]:
    postings = build_postings(analyse_documents(documents, workers))
    shards, terms, positions = shard_files(postings)
    folder = f"{SEARCH_DIR}{tier.name}/"
    files: dict[str, bytes] = {}
    for name in terms:
        files[f"{folder}terms/{name}.json.gz"] = _compress(terms[name])
        files[f"{folder}positions/{name}.json.gz"] = _compress(positions[name])
    for number, doc in enumerate(documents, start=tier.base):
        files[f"{SEARCH_DIR}docs/{number}.json.gz"] = _compress(to_json(fragment(doc)))
    summary = TierSummary(
        name=tier.name, digest=digest, base=tier.base, documents=postings.documents,
        dated=sum(1 for doc in documents if doc.date), length_sums=tuple(sum(lengths) for lengths in postings.lengths),
        shards=tuple((shard.prefix, shard.name) for shard in shards), paths=tuple(sorted(files)),
    )
    return summary, files


def _compress(data: bytes) -> bytes:
    # mtime=0 keeps the output byte-for-byte the same from one build to the next.
    return gzip.compress(data, compresslevel=9, mtime=0)
