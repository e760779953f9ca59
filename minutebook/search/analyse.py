"""Text -> index terms, exactly as lunr's indexing pipeline makes them.

lunr.py defines what the index holds: its tokenizer (lower case, split on white space and
hyphens), its trimmer, its English stop words and then the stemmer (lunr.js's, see stemmer.py).
This module does the same work with whole-string operations instead of lunr.py's character
loop and Token objects, so an archive of thousands of meetings indexes in seconds; tests check
it against lunr.py's own Builder token for token.

Before any of that, text is folded: accents dropped ("Zürich" -> "zurich"), apostrophes removed
("children's" -> "childrens", which stems to "children") and odd spaces and dashes made plain.
search.js folds queries the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.tokenizer import SEPARATOR_CHARS
from lunr.trimmer import full_re as TRIMMER

from .stemmer import stem

_APOSTROPHES = "'`\u2018\u2019\u02bc"
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_TOKEN = re.compile("[^" + re.escape(SEPARATOR_CHARS) + "]+")
# str.split() also splits on these, which lunr's tokenizer keeps inside tokens.
_SPLIT_ONLY_SPACES = re.compile("[\x1c-\x1f\x85]")


class _FoldTable(dict):
    """str.translate table that works out each character's folding the first time it meets it."""

    def __missing__(self, code: int) -> str | int | None:
        category = unicodedata.category(chr(code))
        folded: str | int | None = code
        if category == "Mn" or chr(code) in _APOSTROPHES:
            folded = None
        elif category in ("Zs", "Zl", "Zp"):
            folded = " "
        elif category == "Pd":
            folded = "-"
        self[code] = folded
        return folded


_UNICODE_FOLD = _FoldTable()


def _fold_run(match: re.Match) -> str:
    return match.group().translate(_UNICODE_FOLD)


def fold(text: str) -> str:
    """Accents, apostrophes, spaces and dashes as search.js's fold() treats them."""
    if not text.isascii():
        # Only the letters outside ASCII need the table; translating every character is slow.
        text = _NOT_ASCII.sub(_fold_run, unicodedata.normalize("NFKD", text))
    return text.replace("'", "").replace("`", "")


def tokens(text: str) -> list[str]:
    """lunr's tokenizer on folded text: lower case, split on white space and hyphens."""
    lowered = fold(text).lower()
    if _SPLIT_ONLY_SPACES.search(lowered):
        return _TOKEN.findall(lowered)
    return lowered.replace("-", " ").split()


@dataclass(frozen=True)
class FieldTerms:
    """One field of one document after the pipeline: its length and, per term in the order lunr
    first meets them, where it occurs (token numbers, counting stop words, so phrases can be
    checked)."""

    length: int
    positions: dict[str, list[int]]


def token_term(token: str) -> str | None:
    """One token through trimmer, stop word filter and stemmer: its index term, or None for a stop word."""
    match = TRIMMER.match(token)
    if match:
        token = match.group(1)
    if token in STOP_WORDS:
        return None
    return stem(token)


# Tokens repeat far more than they vary, so each one's term is worked out once per process.
_TERM_OF: dict[str, str | None] = {}
_TERM_CACHE_LIMIT = 1 << 20


def analyse(text: str) -> FieldTerms:
    """lunr.Tokenizer -> trimmer -> stopWordFilter -> stemmer, on folded text."""
    found = tokens(text)
    term_of = _TERM_OF
    try:
        terms = [term_of[token] for token in found]
    except KeyError:
        if len(term_of) > _TERM_CACHE_LIMIT:
            term_of.clear()
        for token in found:
            if token not in term_of:
                term_of[token] = token_term(token)
        terms = [term_of[token] for token in found]
    positions: dict[str | None, list[int]] = {}
    for number, term in enumerate(terms):
        if term in positions:
            positions[term].append(number)
        else:
            positions[term] = [number]
    stop_words = positions.pop(None, ())
    return FieldTerms(len(terms) - len(stop_words), positions)  # type: ignore[arg-type]
