"""The reference the search index is held to: lunr.py's own Builder over the same documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lunr.builder import Builder
from lunr.stemmer import stemmer as lunr_stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.trimmer import trimmer

from minutebook.archive import Archive
from minutebook.config import load_config
from minutebook.diagnostics import Diagnostics
from minutebook.search.analyse import fold
from minutebook.search.documents import SearchDocument
from minutebook.search.index import FIELDS
from minutebook.search.stemmer import stem
from minutebook.resolve import resolve_site
from minutebook.validate import validate_site


def lunr_js_stemmer(token, i=None, tokens=None):
    return token.update(lambda text, metadata: stem(text))


# Registered under its own label so lunr.py does not warn; only the search pipeline is serialised.
lunr_js_stemmer.label = "lunrJsStemmer"


def lunr_py_index(documents: list[SearchDocument]) -> dict:
    """lunr.py's serialised index of the documents, refs being document numbers."""
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter, lunr_js_stemmer)
    builder.search_pipeline.add(lunr_stemmer)
    builder.ref("id")
    for field in FIELDS:
        builder.field(field.name, boost=field.boost)
    for number, doc in enumerate(documents):
        builder.add({"id": number, **{field.name: fold(doc.field_text(field.name)) for field in FIELDS}})
    return builder.build().serialize()


def load_archive(config_path: Path, build_date: dt.date) -> Archive:
    diagnostics = Diagnostics()
    config = load_config(config_path, diagnostics)
    validated = validate_site(config, build_date, diagnostics)
    archive = resolve_site(validated, config.municipal_year_start_month, build_date, diagnostics)
    assert not diagnostics.errors, [d.format() for d in diagnostics.errors]
    return archive
