"""Every way the seed minutes name a person resolves to one registry entry; nothing is guessed."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutebook.contentformat import TITLES, NameParts
from minutebook.diagnostics import SourcePos
from minutebook.model import Person, PersonKind
from minutebook.resolve.names import NameIndex
from minutebook.resolve.people import _MENTION


def person(name: str, kind: PersonKind = PersonKind.COUNCILLOR, aliases=(), full_name: str = "") -> Person:
    slug = name.lower().replace("councillor ", "").replace(" ", "-")
    return Person(slug, name, kind, full_name, "", "", tuple(aliases), (), SourcePos("people.yaml", 1))


PEOPLE = (
    person("Councillor K Sandhu"),
    person("Councillor B Kaur"),
    person("Councillor A Lucas", aliases=["Councillor Mrs Lucas"]),
    person("Councillor C Thomas", aliases=["Councillor CE Thomas"]),
    person("P Thomas", PersonKind.GUEST),
    person("Mrs S Hanson", PersonKind.CO_OPTED),
    person("John Gregg", PersonKind.OFFICER),
    person("Students from Coventry College", PersonKind.GROUP),
)
INDEX = NameIndex(PEOPLE)


def resolves(written: str, context=frozenset()) -> str | None:
    found = INDEX.resolve(written, set(context)).person
    return found.name if found else None


def test_every_way_the_seeds_write_a_name():
    assert resolves("Councillor K Sandhu") == "Councillor K Sandhu"
    assert resolves("Councillor Sandhu") == "Councillor K Sandhu"
    assert resolves("Cllr. Sandhu") == "Councillor K Sandhu"
    assert resolves("Councillor Kaur") == "Councillor B Kaur"
    assert resolves("Councillor Mrs Lucas") == "Councillor A Lucas"
    assert resolves("Councillor CE Thomas") == "Councillor C Thomas"
    assert resolves("C Thomas") == "Councillor C Thomas"
    assert resolves("Mrs S Hanson") == "Mrs S Hanson"
    assert resolves("S Hanson") == "Mrs S Hanson"
    assert resolves("J Gregg") == "John Gregg"
    assert resolves("John Gregg") == "John Gregg"
    assert resolves("Students from Coventry College") == "Students from Coventry College"


def test_initials_keep_two_people_with_one_surname_apart():
    assert resolves("P Thomas") == "P Thomas"
    assert resolves("Councillor Thomas") == "Councillor C Thomas"  # only one councillor Thomas
    result = INDEX.resolve("Thomas")
    assert result.person is None and result.problem == "ambiguous"
    assert set(result.suggestions) == {"Councillor C Thomas", "P Thomas"}


def test_a_surname_shared_by_two_councillors_needs_the_meeting_to_decide():
    index = NameIndex((*PEOPLE, person("Councillor R Kaur")))
    assert index.resolve("Councillor Kaur").problem == "ambiguous"
    assert index.resolve("Councillor Kaur", {"r-kaur", "k-sandhu"}).person.name == "Councillor R Kaur"
    assert index.resolve("Councillor B Kaur").person.name == "Councillor B Kaur"


def test_unknown_names_come_with_the_closest_people():
    result = INDEX.resolve("Councillor K Sandu")
    assert result.person is None and result.problem == "unknown"
    assert result.suggestions[0] == "Councillor K Sandhu"
    assert INDEX.resolve("J Gregory").person is None
    assert INDEX.resolve("Councillor J Gregg").person is None  # John Gregg is an officer, not a councillor


@pytest.mark.parametrize("title", ["", *TITLES])
def test_a_councillor_named_in_a_minute_with_any_title_is_found(title):
    written = " ".join(word for word in ("Councillor", title, "Lucas") if word)
    mention = _MENTION.search(f"The Chair thanked {written} for the report.")
    assert mention and mention.group(0) == written
    assert resolves(mention.group(0)) == "Councillor A Lucas"


def test_name_parts():
    parts = NameParts.parse("Councillor Mrs A Lucas")
    assert (parts.councillor, parts.initials, parts.surname) == (True, "A", "lucas")
    assert NameParts.parse("John Gregg").given == ("john",)


surnames = st.text(string.ascii_lowercase, min_size=3, max_size=10).map(str.capitalize)
initials = st.text(string.ascii_uppercase, min_size=1, max_size=2)


@given(st.lists(st.tuples(initials, surnames), min_size=1, max_size=12, unique_by=lambda p: (p[0][0], p[1])))
def test_any_registry_resolves_its_own_names_and_rejects_ambiguity(entries):
    people = tuple(person(f"Councillor {i} {s}") for i, s in entries)
    index = NameIndex(people)
    for (given_initials, surname), expected in zip(entries, people, strict=True):
        assert index.resolve(f"Councillor {given_initials} {surname}").person == expected
        same_surname = [p for p in people if p.name.endswith(" " + surname)]
        result = index.resolve(f"Councillor {surname}")
        if len(same_surname) == 1:
            assert result.person == expected
        else:
            assert result.person is None and result.problem == "ambiguous"
            assert index.resolve(f"Councillor {surname}", {expected.slug}).person == expected


def test_names_in_other_scripts_resolve_only_to_their_own_person():
    """Names were compared by their ASCII letters alone, so a name with none matched anyone
    else's name with none: '王芳' resolved, silently, to Ольга Петрова."""
    index = NameIndex((person("Ольга Петрова"), person("Councillor K Sandhu")))
    assert index.resolve("Ольга Петрова").person.name == "Ольга Петрова"
    assert index.resolve("Петрова").person.name == "Ольга Петрова"
    missing = index.resolve("王芳")
    assert missing.person is None and missing.problem == "unknown"
