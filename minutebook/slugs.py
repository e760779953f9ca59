"""Addresses made from names and titles: 'Councillor K Sandhu' -> 'k-sandhu', 'Ольга Петрова' ->
'olga-petrova', '王芳' -> 'wang-fang'. Every slug the archive makes comes from `slugify`.

A name written in Latin letters keeps exactly the slug earlier versions gave it, accents and
all ('Siân Lloyd' -> 'si-n-lloyd'), because those slugs are published addresses that others link
to. A name with letters of any other script is transliterated first (anyascii), so it gets a
readable address instead of an empty one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from anyascii import anyascii

# Generated slugs are cut to this many characters: a file name may have at most 255 bytes, and
# people, topics and meetings put a slug into a name beside other text.
MAX_SLUG = 80
# A slug a clerk writes (a 'slug:' field, a committee's file name) may be longer, up to this: the
# longest meeting address, 'YYYY-MM-DD-' and the committee's slug, still fits in 255 bytes.
MAX_WRITTEN_SLUG = 200
_DIGEST = 8  # hex digits of the whole slug added to a cut one, so two long names stay apart
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Scripts written without spaces between syllables: each character is a syllable of its own,
# and anyascii would run them together ('王芳' -> 'WangFang').
_SYLLABLE_SCRIPTS = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "HANGUL SYLLABLE")


def slugify(text: str, fallback: str = "item", max_length: int = MAX_SLUG) -> str:
    """A non-empty slug of lower-case ASCII letters, digits and single hyphens, at most
    `max_length` characters. Text with nothing to make a slug of ('???') gets `fallback` and a
    short digest of the text, so two such texts still get different slugs."""
    if _needs_transliteration(text):
        text = _transliterate(text)
    slug = _NOT_SLUG.sub("-", text.lower()).strip("-")
    if not slug:
        return f"{fallback}-{_digest(text)}"
    return cap(slug, max_length)


def cap(slug: str, max_length: int = MAX_SLUG) -> str:
    """Cut a long slug at a hyphen and end it with a digest of the whole, so that two slugs that
    differ only after the cut stay different."""
    if len(slug) <= max_length:
        return slug
    room = max_length - _DIGEST - 1
    head = slug[: room + 1]
    cut = head.rfind("-")
    head = (head[:cut] if cut > 0 else slug[:room]).strip("-")
    return f"{head}-{_digest(slug)}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST]


def _needs_transliteration(text: str) -> bool:
    """Whether the text has a letter or digit outside ASCII that is not a Latin letter."""
    for character in text:
        if character.isascii() or not character.isalnum():
            continue
        if not unicodedata.name(character, "").startswith("LATIN"):
            return True
    return False


def _transliterate(text: str) -> str:
    parts = []
    for character in text:
        ascii_text = anyascii(character)
        if unicodedata.name(character, "").startswith(_SYLLABLE_SCRIPTS):
            ascii_text = f" {ascii_text} "
        parts.append(ascii_text)
    # anyascii marks soft signs and some vowels with ' and ` ("Ol'ga"): part of the word, not a break.
    return re.sub(r"['`’]", "", "".join(parts))
