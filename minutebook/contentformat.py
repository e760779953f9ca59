"""The content format's names and meeting files, as the build, `import`, `new` and `synth` all read
and write them (docs/format.md).

Names: a name is written as clerks print it, 'Councillor Mrs A Lucas (Chair)' or 'P Thomas - Chief
Executive': `split_role` reads the role off and `with_role` writes it on. The titles before a name
are one list, so the build's resolver and the importer's matching agree on what is a title and
what is a name; a person's address leaves out the titles it always has (ADDRESS_TITLES).

Meeting files: '---', the YAML front matter, '---', then a blank line and the minutes in Markdown.
The build reads them with load.load_source_file, and so does `read_meeting_file` for the import
and synth, which only look through an archive; every writer composes them with
`meeting_file_text`, quotes values with `scalar` and writes them with `write_meeting_file`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .diagnostics import Diagnostics
from .load import load_source_file

# Titles a name may start with, as printed. Police ranks are here because officers attend as
# guests ('DI Smith'); 'Councillor' and 'Cllr' also mark a councillor.
TITLES = (
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
    "DC",
    "DCI",
    "PC",
    "Supt",
    "Inspector",
    "Sergeant",
)
COUNCILLOR_TITLES = frozenset({"councillor", "councillors", "cllr", "cllrs"})
# The titles a person's address, made from the name, leaves out: those the first builds left out.
# A title added to TITLES since stays in the address ('Lord Smith' is people/lord-smith/), so that
# no address an archive has published moves.
ADDRESS_TITLES = (
    "Councillor",
    "Cllr",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "DI",
    "DS",
    "DC",
    "PC",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Rev",
)
# Lower case, with the plurals that share one title among several names ('Councillors A and B').
TITLE_WORDS = frozenset(title.lower() for title in TITLES) | COUNCILLOR_TITLES

_ADDRESS_TITLE = re.compile(r"^(?:" + "|".join(ADDRESS_TITLES) + r")\.?\s+", re.IGNORECASE)
_INITIALS = re.compile(r"^[A-Z]{1,3}$")
_TRAILING_ROLE = re.compile(r"^(?P<name>.*?)\s*\((?P<role>[^()]*)\)\s*$")


def split_role(written: str, dash: bool = False) -> tuple[str, str]:
    """'Councillor K Sandhu (Chair)' -> ('Councillor K Sandhu', 'Chair'); with `dash`, also
    'P Thomas - Chief Executive' -> ('P Thomas', 'Chief Executive'), as officers are listed."""
    name, role = written.strip(), ""
    match = _TRAILING_ROLE.match(name)
    if match and match.group("name"):
        name, role = match.group("name").strip(), match.group("role").strip()
    elif dash and " - " in name:
        name, role = (part.strip() for part in name.split(" - ", 1))
    return name, role


def with_role(name: str, role: str = "", dash: bool = False) -> str:
    """The written form `split_role` reads back: ('Councillor K Sandhu', 'Chair') -> 'Councillor K
    Sandhu (Chair)'; with `dash`, ('P Thomas', 'Chief Executive') -> 'P Thomas - Chief Executive'."""
    if not role:
        return name
    return f"{name} - {role}" if dash else f"{name} ({role})"


def address_name(name: str) -> str:
    """The part of a name a person's address is made from: 'Councillor Mrs A Lucas' -> 'A Lucas'."""
    while _ADDRESS_TITLE.match(name):
        name = _ADDRESS_TITLE.sub("", name, count=1)
    return name


@dataclass(frozen=True)
class NameParts:
    """A written name taken apart for matching: 'Councillor CE Thomas', 'Clare Thomas', 'C Thomas'."""

    councillor: bool
    given: tuple[str, ...]  # full given names, lower case
    initials: str  # upper case, one letter per given name or initial
    surname: str  # lower case

    @classmethod
    def parse(cls, written: str) -> NameParts:
        tokens = re.findall(r"[^\s.,]+", written.strip())
        councillor = False
        while len(tokens) > 1 and tokens[0].lower() in TITLE_WORDS:
            councillor |= tokens[0].lower() in COUNCILLOR_TITLES
            tokens = tokens[1:]
        # "Councillor Mrs Lucas": a title can follow another.
        tokens = [t for t in tokens[:-1] if t.lower() not in TITLE_WORDS] + tokens[-1:]
        if not tokens:
            return cls(councillor, (), "", "")
        given, initials = [], ""
        for token in tokens[:-1]:
            if _INITIALS.match(token):
                initials += token
            else:
                given.append(token.lower())
                initials += token[0].upper()
        return cls(councillor, tuple(given), initials, tokens[-1].lower())

    def compatible(self, other: NameParts) -> bool:
        """Could both be written for the same person? 'C Thomas' ~ 'CE Thomas' ~ 'Clare Thomas'."""
        if self.surname != other.surname:
            return False
        if (
            self.initials
            and other.initials
            and not (self.initials.startswith(other.initials) or other.initials.startswith(self.initials))
        ):
            return False
        return not (self.given and other.given and self.given[0] != other.given[0])


def scalar(value) -> str:
    """One YAML scalar, quoted only when YAML needs it ('10:00', 'Note: ...', 'yes'), so that it
    reads back as the same value."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1_000_000)
    return text.removesuffix("\n...\n").removesuffix("\n")


def read_meeting_file(path: Path) -> tuple[dict, str]:
    """A meeting file's fields and minutes as the build reads them, for looking through an archive:
    ({}, "") when the build could not read them (the build says why)."""
    source = load_source_file(path, str(path), Diagnostics())
    if source is None:
        return {}, ""
    return (source.meta.data if isinstance(source.meta.data, dict) else {}), source.body


def meeting_file_text(front: str, body: str | None = None) -> str:
    """The text of a meeting file: `front` is the YAML between the '---' lines, ending in a line
    break; `body`, when given, follows a blank line."""
    return f"---\n{front}---\n" + ("" if body is None else f"\n{body}")


def write_meeting_file(path: Path, text: str, exclusive: bool = False) -> None:
    """Write a meeting file as UTF-8 with '\\n' line ends on every system. `exclusive` refuses
    to replace a file already there (FileExistsError), so a clerk's work is never overwritten."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x" if exclusive else "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
