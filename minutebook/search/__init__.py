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
    search/<tier>/positions/<prefix>.json.gz  word positions of the same terms, for phrases and
                                          for plain searches of several words (words side by
                                          side count extra), fetched beside the postings
    search/<tier>/words/<letter>.json.gz  the tier's words starting with <letter>: per term, the
                                          word as the archive most often writes it and how many
                                          documents hold it; fetched only when a query word is in
                                          no document, to find close spellings ("did you mean")
    search/docs/<n>.json.gz               what result n shows: title, address, date, snippet text
    search/facets/<facet>.json.gz         which documents fall under each value of one facet

A tier's files depend on its meetings and the registries alone: they are products under the
tier's key, and what meta.json needs of a tier is work under the same key (products.py), so a
build handed earlier work keeps an unchanged tier's files as they are without even making its
documents, and makes only the rest, with meta.json and the facets, which are small.

Files are gzip-compressed here, so every static server sends them small; the page inflates them
with the browser's DecompressionStream.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial

from ..archive import Archive
from ..parallel import map_chunks
from ..products import Product, Reuse, finished, fresh, key_of
from .documents import KINDS, SearchDocument, meeting_documents, registry_documents
from .facets import FACETS, Members, facet_members, facet_tables, runs
from .index import FIELDS, LUNR_JS_VERSION, SEARCH_PIPELINE, Postings, build_postings
from .shards import Shard, plan_tier, shard_json, shard_name, to_json
from .tiers import Tier, plan_tiers
from .vocabulary import vocabulary

SEARCH_DIR = "search/"
FORMAT_VERSION = 3


@dataclass(frozen=True)
class TierSummary:
    """What meta.json needs of one tier, kept by the build so an unchanged tier is not remade."""

    name: str
    digest: str  # of everything the tier's files are made from
    content: str  # of the files themselves
    base: int  # number of its first document
    documents: int
    dated: int  # its documents with a date, which come before the others
    length_sums: tuple[int, ...]  # per field, the total of its documents' field lengths
    shards: tuple[tuple[str, str], ...]  # (term prefix, file name)
    facets: Members  # its documents under each facet value
    procedural: tuple[int, ...]  # numbers of its documents that are boilerplate (documents.is_procedural)
    people: tuple[int, ...]  # numbers of its documents that are people's pages
    words: tuple[str, ...]  # first letters of its words files (search/<tier>/words/<letter>.json.gz)
    paths: tuple[str, ...]  # its files, inside the output folder


@dataclass(frozen=True)
class SearchIndex:
    tiers: tuple[TierSummary, ...]
    products: tuple[Product, ...]  # every file of the index, compressed


def search_index(archive: Archive, reuse: Reuse = fresh) -> SearchIndex:
    """The search files of the archive; a tier `reuse` holds is not made again."""
    # A meeting's documents follow from its content (the digest the renderer trusts too), the
    # registries, the municipal year's start and, through embargoes, the build date.
    shared = key_of(
        FORMAT_VERSION,
        archive.build_date,
        archive.start_month,
        archive.committees,
        archive.people,
        archive.topics,
    )
    summaries: list[TierSummary] = []
    products: list[Product] = []
    for tier in plan_tiers(archive):
        key = key_of(
            "search tier",
            shared,
            tier.name,
            tier.registry,
            [(meeting.url, archive.versions.get(meeting.url, meeting.digest)) for meeting in tier.meetings],
        )
        tier_files = cache(partial(_documents_and_files, archive, tier, key))
        summary = reuse(key, partial(_first, tier_files))
        products += [Product(path, key, partial(_tier_file, tier_files, path)) for path in summary.paths]
        summaries.append(summary)
    tables = facet_tables([summary.facets for summary in summaries], archive)
    facets = {f"{SEARCH_DIR}facets/{name}.json.gz": to_json(table) for name, table in tables.items()}
    # Changes whenever a file does, kept or not, so browsers never mix files of two builds.
    build = key_of([summary.content for summary in summaries], _files_digest(facets))[:12]
    products += [finished(path, _compress(data)) for path, data in facets.items()]
    meta = {
        "format": FORMAT_VERSION,
        "lunr": LUNR_JS_VERSION,
        "build": build,
        "documents": sum(summary.documents for summary in summaries),
        # Documents numbered below this have a date, oldest first; people and topics follow.
        "dated": max((summary.base + summary.dated for summary in summaries if summary.dated), default=0),
        "fields": [field.name for field in FIELDS],
        "boosts": [field.boost for field in FIELDS],
        # The total length of each field over all documents: lunr weighs a term's count against
        # the field's length in a document relative to the average.
        "lengths": [sum(summary.length_sums[f] for summary in summaries) for f in range(len(FIELDS))],
        "pipeline": list(SEARCH_PIPELINE),
        "tiers": [
            [summary.name, summary.base, [list(shard) for shard in summary.shards]] for summary in summaries
        ],
        "facets": [[facet.name, facet.label] for facet in FACETS if facet.name in tables],
        # Boilerplate items (apologies, "no other business"...), which plain searches rank last,
        # as (gap, length) runs like the facets': a few numbers a meeting, small when compressed.
        "procedural": runs(sorted(number for summary in summaries for number in summary.procedural)),
        # Per tier, the first letters its words files cover.
        "words": [list(summary.words) for summary in summaries],
        # People's pages, the same way: a search asking "who ..." ranks them higher.
        "people": runs(sorted(number for summary in summaries for number in summary.people)),
    }
    products.append(finished(f"{SEARCH_DIR}meta.json.gz", _compress(to_json(meta))))
    return SearchIndex(tuple(summaries), tuple(products))


def _documents_and_files(archive: Archive, tier: Tier, key: str) -> tuple[TierSummary, dict[str, bytes]]:
    return _tier_files(tier, tier_documents(archive, tier), key)


def _first(tier_files: Callable[[], tuple[TierSummary, dict[str, bytes]]]) -> TierSummary:
    return tier_files()[0]


def _tier_file(tier_files: Callable[[], tuple[TierSummary, dict[str, bytes]]], path: str) -> bytes:
    return tier_files()[1][path]


def tier_documents(archive: Archive, tier: Tier) -> list[SearchDocument]:
    """A tier's documents, in order: a document's number is the tier's base plus its place."""
    return meeting_documents(archive, tier.meetings) + (registry_documents(archive) if tier.registry else [])


def search_files(archive: Archive) -> dict[str, bytes]:
    """Every file of the search index, keyed by its path inside the output folder."""
    return {product.path: product.make() for product in search_index(archive).products}


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


@dataclass(frozen=True)
class _TierJob:
    """What the workers writing a tier's files need; forked from the build, they inherit it."""

    tier: Tier
    documents: list[SearchDocument]
    postings: Postings
    encoded: dict[str, bytes]  # each term's postings as its shard holds them


def _tier_files(
    tier: Tier, documents: list[SearchDocument], digest: str
) -> tuple[TierSummary, dict[str, bytes]]:
    postings = build_postings(documents)
    shards, encoded = plan_tier(postings)
    job = _TierJob(tier, documents, postings, encoded)
    files: dict[str, bytes] = {}
    for made in map_chunks(_shard_files, job, shards, chunk_size=64):
        files.update(made)
    for made in map_chunks(_fragment_files, job, range(len(documents)), chunk_size=1024):
        files.update(made)
    words = vocabulary(documents, postings)
    for letter, table in words.items():
        files[f"{SEARCH_DIR}{tier.name}/words/{shard_name(letter)}.json.gz"] = _compress(to_json(table))
    summary = TierSummary(
        name=tier.name,
        digest=digest,
        content=_files_digest(files),
        base=tier.base,
        documents=postings.documents,
        dated=sum(1 for doc in documents if doc.date),
        length_sums=tuple(sum(lengths) for lengths in postings.lengths),
        shards=tuple((shard.prefix, shard.name) for shard in shards),
        facets=facet_members(documents, tier.base),
        paths=tuple(sorted(files)),
        procedural=tuple(tier.base + n for n, doc in enumerate(documents) if doc.procedural),
        words=tuple(sorted(words)),
        people=tuple(tier.base + n for n, doc in enumerate(documents) if doc.kind == "person"),
    )
    return summary, files


def _shard_files(job: _TierJob, shards: Sequence[Shard]) -> list[tuple[str, bytes]]:
    folder = f"{SEARCH_DIR}{job.tier.name}/"
    made = []
    for shard in shards:
        terms, positions = shard_json(job.postings, job.encoded, shard)
        made += [
            (f"{folder}terms/{shard.name}.json.gz", _compress(terms)),
            (f"{folder}positions/{shard.name}.json.gz", _compress(positions)),
        ]
    return made


def _fragment_files(job: _TierJob, places: Sequence[int]) -> list[tuple[str, bytes]]:
    return [
        (
            f"{SEARCH_DIR}docs/{job.tier.base + place}.json.gz",
            _compress(to_json(fragment(job.documents[place]))),
        )
        for place in places
    ]


def _files_digest(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode("utf-8") + b"\0" + hashlib.sha256(files[path]).digest())
    return digest.hexdigest()


def _compress(data: bytes) -> bytes:
    # mtime=0 keeps the output byte-for-byte the same from one build to the next.
    return gzip.compress(data, compresslevel=6, mtime=0)
