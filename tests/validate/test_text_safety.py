"""Characters no output can carry (C0 controls but tab and newline, DELETE, U+FFFE, U+FFFF, lone
surrogates) are refused wherever text is written, each with its file and line; odd characters
that are accepted reach every output in a form it can parse.

A minute with U+001F in it once crashed the feed writer with a traceback. One build per kind of
field puts every character in at once, each on its own line or entry, and checks each is reported."""

from __future__ import annotations

import csv
import gzip
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from lxml import etree

from tests.conftest import build_site, copy_fixture

MEETING = "content/meetings/2021/2021-06-10-planning.md"
PAPER = "content/meetings/2021/2021-06-10-planning/mill-lane-report.md"
REFUSED = [chr(c) for c in range(0x20) if chr(c) not in "\t\n"] + ["\x7f", "\ufffe", "\uffff", "\ud800"]
# Accepted: XML, HTML, iCalendar, JSON and CSV can all carry these, and must.
ACCEPTED = [
    "\t",
    "\x80",
    "\x85",
    "\x9f",
    "\u00ad",
    "\u200b",
    "\u202e",
    "\u2028",
    "\u2029",
    "\ufdd0",
    "\ufeff",
    "\U0001fffe",
]


def escaped(character: str) -> str:
    """The character as a YAML double-quoted escape: the only way such a character gets into YAML."""
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8", errors="surrogatepass")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8", errors="surrogatepass")


def lines_of(path: Path, marker: str) -> list[int]:
    return [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="surrogatepass").split("\n"), 1)
        if marker in line
    ]


# Each kind puts the characters into a copy of the site and returns, for each, where it should be reported.
def in_body(site: Path, characters: list[str], relative: str = MEETING) -> dict[str, tuple[str, int]]:
    path = site / relative
    # Typed into the file. A carriage return typed there is read as a line break; a lone
    # surrogate cannot be written as UTF-8 (a file with its bytes is refused as not UTF-8 before
    # anything else). Only YAML escapes bring those in.
    characters = [c for c in characters if c != "\r" and not "\ud800" <= c <= "\udfff"]
    append(
        path, "".join(f"\nMarker {index} {character} text.\n" for index, character in enumerate(characters))
    )
    return dict(zip(characters, ((relative, line) for line in lines_of(path, "Marker ")), strict=True))


def in_paper(site: Path, characters: list[str]) -> dict[str, tuple[str, int]]:
    return in_body(site, characters, PAPER)


def in_item_titles(site: Path, characters: list[str]) -> dict[str, tuple[str, int]]:
    path = site / MEETING
    items = "".join(
        f'    - number: {100 + index}\n      title: "Marker {escaped(c)} title"\n'
        for index, c in enumerate(characters)
    )
    replace(path, "attendance:\n", items + "attendance:\n")
    return dict(zip(characters, ((MEETING, line) for line in lines_of(path, "Marker ")), strict=True))


def in_a_text_field(site: Path, characters: list[str]) -> dict[str, tuple[str, int]]:
    path = site / MEETING
    groups = "".join(f'      - name: "Marker {escaped(c)} group"\n' for c in characters)
    replace(path, "    topics: [housing]\n", "    topics: [housing]\n    task_groups:\n" + groups)
    return dict(zip(characters, ((MEETING, line) for line in lines_of(path, "Marker ")), strict=True))


def in_people(site: Path, characters: list[str]) -> dict[str, tuple[str, int]]:
    path = site / "content/people.yaml"
    append(
        path,
        "".join(
            f'- name: "Marker {index} {escaped(c)}"\n  kind: guest\n' for index, c in enumerate(characters)
        ),
    )
    return dict(
        zip(characters, (("content/people.yaml", line) for line in lines_of(path, "Marker ")), strict=True)
    )


def in_topics(site: Path, characters: list[str]) -> dict[str, tuple[str, int]]:
    path = site / "content/topics.yaml"
    append(
        path,
        "".join(
            f'- slug: marker-{index}\n  title: "Marker {escaped(c)}"\n' for index, c in enumerate(characters)
        ),
    )
    return dict(
        zip(characters, (("content/topics.yaml", line) for line in lines_of(path, "Marker ")), strict=True)
    )


def in_committees(site: Path, characters: list[str]) -> dict[str, tuple[str, int]]:
    for index, character in enumerate(characters):
        (site / f"content/committees/marker-{index}.yaml").write_text(
            f'name: "Marker {escaped(character)}"\n', encoding="utf-8"
        )
    return {c: (f"content/committees/marker-{index}.yaml", 1) for index, c in enumerate(characters)}


KINDS = [in_body, in_paper, in_item_titles, in_a_text_field, in_people, in_topics, in_committees]


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_every_refused_character_is_reported_with_its_file_and_line(tmp_path, kind):
    config = copy_fixture("basic", tmp_path / "site")
    expected = kind(config.parent, REFUSED)
    assert len(expected) >= len(REFUSED) - 2
    result = build_site(config, tmp_path / "out")
    assert result.failed and not (tmp_path / "out").exists()
    reported: dict[tuple[str, int], list] = {}
    for d in result.diagnostics:
        reported.setdefault((d.pos.path, d.pos.line), []).append(d)
    for character, where in expected.items():
        # A lone surrogate escaped in YAML may be refused by the YAML reader itself.
        named = [
            d
            for d in reported.get(where, [])
            if d.hint
            and (
                d.code == "yaml" or (d.code == "control-character" and f"U+{ord(character):04X}" in d.message)
            )
        ]
        assert named, f"U+{ord(character):04X} at {where} not reported:\n" + "\n".join(
            d.format() for d in result.diagnostics
        )


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_accepted_odd_characters_reach_every_output_in_a_form_it_parses(tmp_path, kind):
    config = copy_fixture("basic", tmp_path / "site")
    kind(config.parent, ACCEPTED)
    out = tmp_path / "out"
    result = build_site(config, out)
    assert not result.failed, "\n".join(d.format() for d in result.diagnostics)
    checked = 0
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        name = path.name.removesuffix(".gz")
        if name.endswith((".html", ".atom", ".xml", ".ics", ".json", ".csv")):
            parse(name, data.decode("utf-8"))
            checked += 1
    assert checked > 30


def parse(name: str, text: str) -> None:
    if name.endswith(".html"):
        HTMLParser().feed(text)
        # The characters XML cannot carry are the ones HTML calls parse errors too.
        assert not any(c in text for c in REFUSED if c != "\r"), name
    elif name.endswith((".atom", ".xml")):
        etree.fromstring(text.encode("utf-8"))
    elif name.endswith(".ics"):
        icalendar.Calendar.from_ical(text)
    elif name.endswith(".json"):
        json.loads(text)
    else:
        list(csv.reader(io.StringIO(text, newline="")))


def test_messages_quoting_refused_text_can_be_printed_as_utf8(tmp_path):
    """Other checks quote the text they refuse ('there is no topic ...'); with a lone surrogate
    in it, the message could not have been written to a UTF-8 terminal or log."""
    config = copy_fixture("basic", tmp_path / "site")
    replace(config.parent / MEETING, "topics: [housing]", 'topics: ["hous\\ud800ing"]')
    result = build_site(config, tmp_path / "out")
    assert result.failed and {"control-character", "unknown-topic"} <= {d.code for d in result.diagnostics}
    for diagnostic in result.diagnostics:
        diagnostic.format().encode("utf-8")  # shown escaped, as \ud800
