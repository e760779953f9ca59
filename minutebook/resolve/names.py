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

from ..contentformat import NameParts
from ..model import Person, PersonKind


def normalise(name: str) -> str:
    # Letters of every script count: with ASCII letters only, every name written in another
    # script came out empty, and so matched every such person in the registry.
    return " ".join(re.findall(r"(?:[^\W_]|')+", name.lower()))


@dataclass(frozen=True)
class NameMatch:
    """The person a written name means, or why there is none."""

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

    def resolve(self, written: str, context: Set[str] = frozenset()) -> NameMatch:
        """Resolve one written name; `context` holds the slugs of people at the same meeting."""
        candidates = self._candidates.get(written)
        if candidates is None:
            candidates = self._candidates[written] = self._find(written)
        if len(candidates) == 1:
            return NameMatch(candidates[0])
        if len(candidates) > 1:
            at_meeting = [p for p in candidates if p.slug in context]
            if len(at_meeting) == 1:
                return NameMatch(at_meeting[0])
            return NameMatch(None, "ambiguous", tuple(sorted(p.name for p in candidates)))
        return NameMatch(None, "unknown", self.closest(written))

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
