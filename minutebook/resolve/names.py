"""Names as clerks write them -> people in the registry.

'Councillor K Sandhu (Chair)', 'Councillor Sandhu', 'Councillor Mrs Lucas', 'Councillor CE Thomas',
'Mrs S Hanson', 'J Gregg' and 'John Gregg' all resolve to one entry each. A surname alone is
accepted only when it points at one person, or at one of the people at that meeting. Nothing is
guessed: an unknown or ambiguous name is an error that lists the closest known people.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Set
from dataclasses import dataclass

from ..model import Person, PersonKind

_HONORIFICS = {
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
}
_COUNCILLOR = {"councillor", "councillors", "cllr", "cllrs"}
_INITIALS = re.compile(r"^[A-Z]{1,3}$")


@dataclass(frozen=True)
class NameParts:
    councillor: bool
    given: tuple[str, ...]  # full given names, lower case
    initials: str  # upper case, one letter per given name or initial
    surname: str  # lower case

    @classmethod
    def parse(cls, written: str) -> NameParts:
        tokens = re.findall(r"[^\s.,]+", written.strip())
        councillor = False
        while len(tokens) > 1 and (tokens[0].lower() in _COUNCILLOR or tokens[0].lower() in _HONORIFICS):
            councillor |= tokens[0].lower() in _COUNCILLOR
            tokens = tokens[1:]
        # "Councillor Mrs Lucas": an honorific can follow the title.
        tokens = [t for t in tokens[:-1] if t.lower() not in _HONORIFICS] + tokens[-1:]
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


def normalise(name: str) -> str:
    # Letters of every script count: with ASCII letters only, every name written in another
    # script came out empty, and so matched every such person in the registry.
    return " ".join(re.findall(r"(?:[^\W_]|')+", name.lower()))


@dataclass(frozen=True)
class Resolution:
    person: Person | None
    problem: str = ""  # "unknown" or "ambiguous"
    suggestions: tuple[str, ...] = ()


class NameIndex:
    def __init__(self, people: tuple[Person, ...]):
        self.people = people
        self._exact: dict[str, list[Person]] = {}
        self._parts: list[tuple[NameParts, Person]] = []
        self._by_surname: dict[str, list[tuple[NameParts, Person]]] = {}
        self._candidates: dict[str, list[Person]] = {}
        for person in people:
            for written in (person.name, person.full_name, *person.aliases):
                if written:
                    self._exact.setdefault(normalise(written), []).append(person)
                    if person.kind is not PersonKind.GROUP:
                        parts = NameParts.parse(written)
                        self._parts.append((parts, person))
                        self._by_surname.setdefault(parts.surname, []).append((parts, person))

    def resolve(self, written: str, context: Set[str] = frozenset()) -> Resolution:
        """Resolve one written name; `context` holds the slugs of people at the same meeting."""
        candidates = self._candidates.get(written)
        if candidates is None:
            candidates = self._candidates[written] = self._find(written)
        if len(candidates) == 1:
            return Resolution(candidates[0])
        if len(candidates) > 1:
            at_meeting = [p for p in candidates if p.slug in context]
            if len(at_meeting) == 1:
                return Resolution(at_meeting[0])
            return Resolution(None, "ambiguous", tuple(sorted(p.name for p in candidates)))
        return Resolution(None, "unknown", self.closest(written))

    def _find(self, written: str) -> list[Person]:
        """Everyone `written` could mean, whatever the meeting (an archive writes the same few
        hundred names tens of thousands of times, so each is worked out once)."""
        exact = _unique(self._exact.get(normalise(written), []))
        if len(exact) == 1:
            return exact
        wanted = NameParts.parse(written)
        return exact or _unique(
            [
                person
                for parts, person in self._by_surname.get(wanted.surname, ())
                if parts.compatible(wanted)
                and (not wanted.councillor or person.kind is PersonKind.COUNCILLOR)
            ]
        )

    def closest(self, written: str, limit: int = 3) -> tuple[str, ...]:
        """People with the same surname, then those whose names are spelled most alike
        (compared without titles, which every councillor shares)."""
        bare: dict[str, str] = {}
        for parts, person in self._parts:
            bare.setdefault(f"{parts.initials} {parts.surname}".lower(), person.name)
        wanted = NameParts.parse(written)
        same_surname = [p.name for parts, p in self._parts if parts.surname == wanted.surname]
        close = difflib.get_close_matches(
            f"{wanted.initials} {wanted.surname}".lower(), list(bare), n=limit, cutoff=0.6
        )
        ordered = list(dict.fromkeys(same_surname + [bare[c] for c in close]))
        return tuple(ordered[:limit])


def _unique(people: list[Person]) -> list[Person]:
    return list({p.slug: p for p in people}.values())
