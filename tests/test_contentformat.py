"""The content format (minutebook/contentformat.py): names read one way by the build and the
importer, and meeting files written one way by `import`, `new` and `synth` and read back by the build."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from minutebook.contentformat import (
    ADDRESS_TITLES,
    TITLE_WORDS,
    TITLES,
    NameParts,
    meeting_file_text,
    read_meeting_file,
    scalar,
    split_role,
    with_role,
    write_meeting_file,
)
from minutebook.diagnostics import Diagnostics
from minutebook.importer.registry import person_key
from minutebook.importer.text import split_names
from minutebook.load import load_source_file
from minutebook.validate.registry import slug_for_name

# The two lists the build and the importer kept before there was one: both are still titles.
RESOLVER_TITLES = [
    "councillor",
    "councillors",
    "cllr",
    "cllrs",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "di",
    "ds",
    "dc",
    "pc",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
]
IMPORTER_TITLES = [
    "Councillor",
    "Cllr",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Professor",
    "Prof",
    "Rev",
    "Revd",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "DI",
    "DS",
    "DCI",
    "Supt",
    "Inspector",
    "Sergeant",
]


def test_the_one_list_holds_both_old_lists():
    assert set(RESOLVER_TITLES) <= TITLE_WORDS
    assert {title.lower() for title in IMPORTER_TITLES} <= TITLE_WORDS
    assert {title.lower() for title in TITLES} | {"councillors", "cllrs"} == TITLE_WORDS


def test_addresses_leave_out_the_titles_they_always_did():
    """The titles the old list of the resolver holds are those people's addresses always left
    out: 'Lord Smith' keeps the address earlier builds gave it."""
    assert {title.lower() for title in ADDRESS_TITLES} == set(RESOLVER_TITLES) - {"councillors", "cllrs"}
    assert slug_for_name("Councillor Mrs A Lucas") == "a-lucas"
    assert slug_for_name("Lord Smith") == "lord-smith"


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("dot", ["", "."])
def test_every_title_is_read_the_same_by_the_build_and_the_import(title, dot):
    written = f"{title}{dot} A Lucas"
    parts = NameParts.parse(written)
    assert (parts.initials, parts.surname, parts.given) == ("A", "lucas", ())
    assert parts.councillor == (title.lower() in ("councillor", "cllr"))
    address = "a-lucas" if title in ADDRESS_TITLES else f"{title.lower()}-a-lucas"
    assert slug_for_name(written) == address
    assert person_key(written) == "a lucas"
    # After "Councillors", a name with its own title keeps it and does not take the shared one.
    assert split_names(f"Councillors B Kaur and {written}") == ["Councillor B Kaur", written]


@pytest.mark.parametrize("title", ["Councillor", "Cllr", "Mrs", "Dr", "Lady", "DS"])
def test_titles_after_a_title_are_titles_too(title):
    written = f"Councillor {title} Lucas"
    assert NameParts.parse(written).surname == "lucas"
    assert person_key(written) == "lucas"


def test_a_name_that_is_only_a_title_keeps_it():
    assert NameParts.parse("Councillor").surname == "councillor"
    assert slug_for_name("Councillor") == "councillor"


@pytest.mark.parametrize(
    "written, dash, expected",
    [
        ("Councillor K Sandhu (Chair)", False, ("Councillor K Sandhu", "Chair")),
        ("  Councillor K Sandhu  ", False, ("Councillor K Sandhu", "")),
        ("(Chair)", False, ("(Chair)", "")),
        ("P Thomas - Chief Executive", False, ("P Thomas - Chief Executive", "")),
        ("P Thomas - Chief Executive", True, ("P Thomas", "Chief Executive")),
        ("A Smith (Children and Families) (Chair)", True, ("A Smith (Children and Families)", "Chair")),
    ],
)
def test_split_role(written, dash, expected):
    assert split_role(written, dash=dash) == expected


_WORDS = st.lists(st.text("abcXYZ'’", min_size=1, max_size=8), min_size=1, max_size=4).map(" ".join)


@given(name=_WORDS, role=st.none() | _WORDS, dash=st.booleans())
def test_a_name_written_with_its_role_reads_back_as_both(name, role, dash):
    assert split_role(with_role(name, role or "", dash=dash), dash=dash) == (name, role or "")


# Characters YAML allows in a file, less line breaks: names are written one per line.
_PRINTABLE = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\ufffe\uffff\x85\u2028\u2029"
)


@given(st.text(_PRINTABLE, min_size=1))
def test_values_are_written_so_yaml_reads_them_back_unchanged(value):
    assert yaml.safe_load(f"key: {scalar(value)}") == {"key": value}


def _read(path):
    diagnostics = Diagnostics()
    source = load_source_file(path, path.name, diagnostics)
    assert not diagnostics.items
    return source


_VALUES = st.text(_PRINTABLE, min_size=1, max_size=40)
_BODY = st.lists(st.text("abc XYZ.,1\n", min_size=1, max_size=30), max_size=3).map(
    lambda lines: "".join(f"## {n}. Item\n\n{line.strip() or 'Text'}\n\n" for n, line in enumerate(lines, 1))
)


@given(venue=_VALUES, names=st.lists(_VALUES, max_size=4), body=st.none() | _BODY)
def test_a_meeting_written_then_read_gives_the_same_data(tmp_path_factory, venue, names, body):
    lines = ["committee: scrutiny-board-2", "date: 2023-06-15", f"venue: {scalar(venue)}"]
    if names:
        lines += ["attendance:", "  members:"] + [f"    - {scalar(name)}" for name in names]
    path = tmp_path_factory.mktemp("meeting") / "meetings" / "2023" / "2023-06-15-scrutiny-board-2.md"
    write_meeting_file(path, meeting_file_text("\n".join(lines) + "\n", body))
    source = _read(path)
    expected = {"committee": "scrutiny-board-2", "date": dt.date(2023, 6, 15), "venue": venue}
    if names:
        expected["attendance"] = {"members": names}
    assert source.meta.data == expected
    assert source.body == ("" if body is None else f"\n{body}")
    assert source.body_line == len(lines) + 3
    assert read_meeting_file(path) == (expected, source.body)


def test_a_dumped_front_matter_reads_back_too(tmp_path):
    """synth writes its front matter with yaml.dump; the same envelope carries it."""
    front = {
        "committee": "planning",
        "date": dt.date(2021, 3, 4),
        "start": "10:00",
        "items": {3: {"topics": []}},
    }
    path = tmp_path / "meeting.md"
    write_meeting_file(path, meeting_file_text(yaml.safe_dump(front, sort_keys=False), ""))
    assert path.read_bytes().endswith(b"---\n\n")
    assert _read(path).meta.data == front


def test_writing_never_replaces_a_file_when_asked_not_to(tmp_path):
    path = tmp_path / "meetings" / "2023" / "meeting.md"
    write_meeting_file(path, meeting_file_text("committee: a\n"))
    with pytest.raises(FileExistsError):
        write_meeting_file(path, "other", exclusive=True)
    assert path.read_bytes() == b"---\ncommittee: a\n---\n"
    write_meeting_file(path, meeting_file_text("committee: b\n", "Text\n"))
    assert path.read_bytes() == b"---\ncommittee: b\n---\n\nText\n"


@pytest.mark.parametrize(
    "text",
    [
        "committee: a\n",  # no front matter
        "---\ncommittee: [a\n---\n",  # broken YAML
        "---\n- a list\n---\n",  # not fields
    ],
)
def test_a_file_the_build_cannot_read_has_no_fields(tmp_path, text):
    path = tmp_path / "meeting.md"
    path.write_text(text, encoding="utf-8")
    assert read_meeting_file(path)[0] == {}
