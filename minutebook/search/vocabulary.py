"""A tier's words, for the search page's fallbacks when a query word is in no document.

Per first letter, a small table: for each term of the tier (the stemmed form the index holds),
the word as the archive most often writes it ("safeguarding" for the term "safeguard") and how
many documents hold the term. search.js fetches the table of a word's first letter only when
that word has no exact term, finds the close spellings in it (one edit away, as lunr's word~1)
and offers them as "Did you mean ...?", searching with them meanwhile. Numbers and words of
fewer than three letters are left out: a typing slip in them has too many neighbours.
"""

from __future__ import annotations

from collections import Counter

from lunr.trimmer import full_re as TRIMMER

from .analyse import token_term, tokens
from .documents import SearchDocument
from .index import FIELDS, Postings

MIN_LENGTH = 3


def vocabulary(documents: list[SearchDocument], postings: Postings) -> dict[str, dict[str, list]]:
    """first letter -> {term: [the word as most often written, documents holding the term]}."""
    written: dict[str, Counter] = {}
    for doc in documents:
        for field in FIELDS:
            for token in tokens(doc.field_text(field.name)):
                match = TRIMMER.match(token)
                word = match.group(1) if match else token
                if len(word) < MIN_LENGTH or not word.isalpha():
                    continue
                term = token_term(word)
                if term is not None:
                    written.setdefault(term, Counter())[word] += 1
    tables: dict[str, dict[str, list]] = {}
    for term in sorted(written):
        entry = postings.terms.get(term)
        if entry is None:
            continue
        holding: set[int] = set()
        for field_postings in entry.fields:
            if field_postings is not None:
                holding.update(field_postings.refs)
        word = max(written[term].items(), key=lambda item: (item[1], -len(item[0]), item[0]))[0]
        tables.setdefault(term[0], {})[term] = [word, len(holding)]
    return tables
