"""Stage 5: the archive -> the search index, written as small files under search/.

    documents (documents.py)  one per minute item, meeting, agenda item, published document
 -> terms     (analyse.py)    lunr's pipeline: tokenizer, trimmer, stop words, stemmer
 -> index     (index.py)      lunr's term numbers and BM25 weights
 -> files     (shards.py, facets.py, here)

What the search page (theme/js/search.js) fetches:

    search/meta.json.gz            fields, shard prefixes, facet names (small, fetched first)
    search/terms/<prefix>.json.gz  postings of the terms starting with <prefix>
    search/positions/<prefix>.json.gz  word positions of the same terms, for phrases only
    search/docs/<n>.json.gz        what result n shows: title, address, date, text for the snippet
    search/facets/<facet>.json.gz  which documents fall under each value of one facet

Files are gzip-compressed here, so every static server sends them small; the page inflates them
with the browser's DecompressionStream.
"""

from __future__ import annotations

import gzip
import hashlib

from ..archive import Archive
from .documents import KINDS, SearchDocument, search_documents
from .facets import FACETS, facet_tables
from .index import FIELDS, LUNR_JS_VERSION, SEARCH_PIPELINE, analyse_documents, build_index
from .shards import shard_files, to_json

SEARCH_DIR = "search/"
FORMAT_VERSION = 1


def search_files(archive: Archive, workers: int | None = None) -> dict[str, bytes]:
    """Every file of the search index, keyed by its path inside the output folder."""
    documents = search_documents(archive)
    index = build_index(analyse_documents(documents, workers))
    shards, terms, positions = shard_files(index)
    files: dict[str, bytes] = {}
    for name in terms:
        files[f"{SEARCH_DIR}terms/{name}.json.gz"] = _compress(terms[name])
        files[f"{SEARCH_DIR}positions/{name}.json.gz"] = _compress(positions[name])
    for number, doc in enumerate(documents):
        files[f"{SEARCH_DIR}docs/{number}.json.gz"] = _compress(to_json(fragment(doc)))
    tables = facet_tables(documents, archive)
    for name, table in tables.items():
        files[f"{SEARCH_DIR}facets/{name}.json.gz"] = _compress(to_json(table))
    build = hashlib.sha256(b"".join(hashlib.sha256(files[path]).digest() for path in sorted(files))).hexdigest()[:12]
    meta = {
        "format": FORMAT_VERSION,
        "lunr": LUNR_JS_VERSION,
        "build": build,
        "documents": len(documents),
        # Documents numbered below this have a date, oldest first; people and topics follow.
        "dated": sum(1 for doc in documents if doc.date),
        "fields": [field.name for field in FIELDS],
        "pipeline": list(SEARCH_PIPELINE),
        "shards": [[shard.prefix, shard.name] for shard in shards],
        "facets": [[facet.name, facet.label] for facet in FACETS if facet.name in tables],
    }
    files[f"{SEARCH_DIR}meta.json.gz"] = _compress(to_json(meta))
    return files


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


def _compress(data: bytes) -> bytes:
    # mtime=0 keeps the output byte-for-byte the same from one build to the next.
    return gzip.compress(data, compresslevel=9, mtime=0)
