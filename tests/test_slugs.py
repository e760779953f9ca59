"""Addresses made from names and titles (minutebook/slugs.py): never empty, readable in any
script, short enough for a file name, and unchanged for the Latin names earlier builds published."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutebook.importer.text import slugify as import_slug
from minutebook.slugs import MAX_SLUG, slugify
from minutebook.synth.registry import slugify as synth_slug
from minutebook.validate.registry import slug_for_name

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Ольга Петрова", "olga-petrova"),
        ("王芳", "wang-fang"),
        ("김민준", "gim-min-jun"),
        ("Ελένη Παπαδοπούλου", "eleni-papadopoyloy"),
        ("Councillor Ольга Smith", "olga-smith"),
    ],
)
def test_names_without_latin_letters_are_transliterated(name, slug):
    assert slug_for_name(name) == slug


@pytest.mark.parametrize(
    "name, slug",
    [
        # What earlier builds published, accents and all: these addresses must not move.
        ("Councillor K Sandhu", "k-sandhu"),
        ("John Gregg", "john-gregg"),
        ("Mr O'Brien", "o-brien"),
        ("Siân Lloyd", "si-n-lloyd"),
        ("Seán Ó Murchú", "se-n-murch"),
        ("Dafydd ap Gwilym", "dafydd-ap-gwilym"),
        ("Lee Pardy-McLaughlin", "lee-pardy-mclaughlin"),
    ],
)
def test_latin_names_keep_their_published_slugs(name, slug):
    assert slug_for_name(name) == slug


def test_text_with_nothing_to_slug_still_gets_distinct_addresses():
    first, second = slug_for_name("???"), slug_for_name("!!!")
    assert first.startswith("person-") and second.startswith("person-") and first != second
    assert import_slug("").startswith("document-")


def test_long_names_are_cut_at_a_hyphen_and_stay_distinct():
    stem = "-".join(["word"] * 40)
    first, second = slugify(stem + "-one"), slugify(stem + "-two")
    assert len(first) <= MAX_SLUG and len(second) <= MAX_SLUG and first != second
    assert first.startswith("word-word-") and SLUG.match(first)
    assert slugify("a" * 300) != slugify("a" * 301) and len(slugify("a" * 300)) == MAX_SLUG


def test_every_slug_maker_shares_the_rules():
    assert import_slug("Ольга Петрова & Co") == "olga-petrova-and-co"
    assert synth_slug("Ольга O'Neill") == "olga-oneill"
    assert len(import_slug("x " * 100)) <= 60


@given(st.text(max_size=300))
def test_any_text_gives_a_valid_short_slug(text):
    slug = slugify(text)
    assert SLUG.match(slug) and len(slug) <= MAX_SLUG
