"""Who and what the archive already knows: people and committees an import is matched against.

Until the archive has a people registry, the people it knows are the names already written in its
meeting files (attendance, membership, declarations, votes), each with the lists it appears in.
`PeopleDirectory.from_entries` takes canonical names with their aliases, so a registry file can feed
the same matcher.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..contentformat import TITLE_WORDS, read_meeting_file, scalar, split_role
from .text import normalise_key, slugify

_ROLE = re.compile(r"\s*\([^()]*\)\s*$")
_COUNCILLOR = re.compile(r"^(?:Councillor|Cllr)\.?\s+", re.IGNORECASE)


def bare_name(written: str) -> str:
    """'Councillor K Sandhu (Chair)' -> 'Councillor K Sandhu'; 'P Thomas - Chief Executive' -> 'P Thomas'."""
    name = _ROLE.sub("", written.strip())
    return name.split(" - ", 1)[0].strip()


def person_key(name: str) -> str:
    """Title-free, case-free: 'Councillor Mrs A Lucas' -> 'a lucas'."""
    words = [
        word for word in normalise_key(bare_name(name)).replace(".", " ").split() if word not in TITLE_WORDS
    ]
    return " ".join(words)


def surname(name: str) -> str:
    words = person_key(name).split()
    return words[-1] if words else ""


def initials_fit(a: str, b: str) -> bool:
    """Whether two printed names can be one person written two ways: the same surname, and given names
    that agree as far as both go, an initial standing for any name it begins ("J Gregg", "John Gregg",
    "Cllr J. A. Gregg"). Names with no given name, or the very same key, are not compared here."""
    first, second = person_key(a).split(), person_key(b).split()
    if len(first) < 2 or len(second) < 2 or first == second or first[-1] != second[-1]:
        return False
    for one, two in zip(first[:-1], second[:-1], strict=False):
        if len(one) > 1 and len(two) > 1:
            if one != two:
                return False
        elif one[0] != two[0]:
            return False
    return True


def likely_same(written: str, known: str) -> bool:
    """Whether a name the registry does not know is most likely a listed person written another way:
    the initials fit ("J Gregg", "John Gregg"), or the given names are the same and the surname is spelt
    almost the same ("B Kuar", "B Kaur"). "H Brown" beside "C Brown" is a different person."""
    if initials_fit(written, known):
        return True
    first, second = person_key(written).split(), person_key(known).split()
    return (
        len(first) >= 2
        and first[:-1] == second[:-1]
        and difflib.SequenceMatcher(None, first[-1], second[-1]).ratio() >= 0.75
    )


@dataclass(frozen=True)
class KnownPerson:
    name: str  # canonical, as the archive writes it: "Councillor B Kaur"
    kinds: frozenset[str]  # the lists the person appears in: members, co_opted, officers ...
    aliases: tuple[str, ...] = ()

    @property
    def councillor(self) -> bool:
        return bool(_COUNCILLOR.match(self.name))


@dataclass(frozen=True)
class PersonMatch:
    person: KnownPerson | None
    how: str  # "exact", "alias", "surname", "" (no match)
    suggestion: str = ""  # a close known name when there is no match


class PeopleDirectory:
    def __init__(self, people: Iterable[KnownPerson]):
        self.people = tuple(people)
        self._by_key: dict[str, list[KnownPerson]] = {}
        for person in self.people:
            for name in (person.name, *person.aliases):
                self._by_key.setdefault(person_key(name), []).append(person)

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, str]]) -> PeopleDirectory:
        """(name as written, list it appears in) pairs -> one person per distinct written name."""
        kinds: dict[str, set[str]] = {}
        for written, kind in entries:
            name = bare_name(written)
            if name:
                kinds.setdefault(name, set()).add(kind)
        return cls(KnownPerson(name, frozenset(found)) for name, found in sorted(kinds.items()))

    def match(self, written: str, among: Iterable[str] = ()) -> PersonMatch:
        """Find the person a printed name means. `among` (names of those present) settles short forms
        such as 'Councillor Kaur' first, because the minutes name people who were there."""
        name = bare_name(written)
        key = person_key(name)
        if not key:
            return PersonMatch(None, "")
        wants_councillor = bool(_COUNCILLOR.match(name))
        candidates = self._by_key.get(key, [])
        if candidates:
            preferred = [p for p in candidates if p.councillor == wants_councillor] or candidates
            return PersonMatch(preferred[0], "exact" if preferred[0].name == name else "alias")
        words = key.split()
        if len(words) == 1:  # "Councillor Kaur", "Councillor Mrs Lucas": a surname with no initials
            present = [bare_name(n) for n in among]
            local = [
                n
                for n in present
                if surname(n) == words[-1] and (not wants_councillor or _COUNCILLOR.match(n))
            ]
            if len(set(local)) == 1:
                found = self._by_key.get(person_key(local[0]), [KnownPerson(local[0], frozenset())])
                return PersonMatch(found[0], "surname")
            known = [
                p
                for p in self.people
                if surname(p.name) == words[-1] and (not wants_councillor or p.councillor)
            ]
            if len(known) == 1:
                return PersonMatch(known[0], "surname")
        # Not matched, and not guessed: a suggestion for the report. The same surname with matching
        # initials ("J Gregg" for "John Gregg") names one known person when only one fits; otherwise a
        # close spelling ("Councillor B Kuar" for "Councillor B Kaur").
        fitting = {p.name: p for p in self.people if any(initials_fit(name, n) for n in (p.name, *p.aliases))}
        if len(fitting) == 1:
            return PersonMatch(None, "", next(iter(fitting)))
        close = difflib.get_close_matches(name, [p.name for p in self.people], n=1, cutoff=0.85)
        return PersonMatch(None, "", close[0] if close else "")

    def is_councillor(self, name: str) -> bool | None:
        """True or False when the archive knows the person only with, or only without, 'Councillor'."""
        found = self._by_key.get(person_key(name), [])
        if not found:
            return None
        councillor = {p.councillor for p in found}
        return councillor.pop() if len(councillor) == 1 else None


@dataclass(frozen=True)
class KnownCommittee:
    slug: str
    name: str
    short_name: str


@dataclass(frozen=True)
class CommitteeMatch:
    slug: str
    name: str
    known: bool  # False: a new committee; its file has to be written
    how: str  # "exact", "close" or "new"


class CommitteeDirectory:
    def __init__(self, committees: Iterable[KnownCommittee]):
        self.committees = tuple(committees)

    @classmethod
    def from_folder(cls, folder: Path) -> CommitteeDirectory:
        committees = []
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (yaml.YAMLError, OSError, UnicodeDecodeError):
                continue  # the build reports a broken committee file; the import just cannot match it
            if isinstance(data, dict) and data.get("name"):
                committees.append(
                    KnownCommittee(path.stem, str(data["name"]), str(data.get("short_name") or data["name"]))
                )
        return cls(committees)

    def match(self, printed: str) -> CommitteeMatch:
        wanted = _committee_key(printed)
        for committee in self.committees:
            if wanted in (
                _committee_key(committee.name),
                _committee_key(committee.short_name),
                committee.slug,
            ):
                return CommitteeMatch(committee.slug, committee.name, True, "exact")
        names = {_committee_key(c.name): c for c in self.committees}
        close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.85)
        if close:
            committee = names[close[0]]
            return CommitteeMatch(committee.slug, committee.name, True, "close")
        name = re.sub(r"^the\s+", "", printed.strip(), flags=re.IGNORECASE)
        if name.isupper():
            name = name.title()  # "PLANNING COMMITTEE" -> "Planning Committee"
        return CommitteeMatch(slugify(name), name, False, "new")


def _committee_key(name: str) -> str:
    key = normalise_key(name)
    key = re.sub(r"^the\s+", "", key)
    return re.sub(r"[^a-z0-9()]+", " ", key).strip()


_KIND_LISTS = {
    "councillor": "members",
    "co-opted": "co_opted",
    "officer": "officers",
    "guest": "invited",
    "group": "invited",
}


def archive_people(content_dir: Path) -> PeopleDirectory:
    """Everyone the archive knows: the people registry (content/people.yaml: names, full names and
    aliases) and, for an archive without one yet, every name written in its meeting files."""
    registry = _registry_people(content_dir / "people.yaml")
    if registry:
        return PeopleDirectory(registry)
    entries: list[tuple[str, str]] = []
    for path in sorted((content_dir / "meetings").glob("*/*.md")):
        meta, _ = read_meeting_file(path)
        attendance = meta.get("attendance")
        if not isinstance(attendance, dict):
            attendance = {}
        for kind, names in attendance.items():
            if isinstance(names, dict):  # officers by directorate
                names = [name for group in names.values() if isinstance(group, list) for name in group]
            entries += [(str(name), str(kind)) for name in names or [] if isinstance(name, str)]
        agenda = meta.get("agenda")
        if not isinstance(agenda, dict):
            agenda = {}
        membership = agenda.get("membership")
        if not isinstance(membership, dict):
            membership = {}
        for kind, names in membership.items():
            entries += [
                (str(name), "members" if kind == "members" else str(kind))
                for name in names or []
                if isinstance(name, str)
            ]
        for declaration in meta.get("declarations") or []:
            if isinstance(declaration, dict) and isinstance(declaration.get("member"), str):
                entries.append((declaration["member"], "members"))
    return PeopleDirectory.from_entries(entries)


def existing_meetings(content_dir: Path) -> dict[tuple[str, str], Path]:
    """(committee slug, ISO date) -> the meeting file already in the archive."""
    found = {}
    for path in sorted((content_dir / "meetings").glob("*/*.md")):
        meta, _ = read_meeting_file(path)
        if meta.get("committee") and meta.get("date") and not meta.get("permalink"):
            found[(str(meta["committee"]), str(meta["date"]))] = path
    return found


def _registry_people(path: Path) -> list[KnownPerson]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return []  # the build reports a broken registry
    people = []
    for entry in data if isinstance(data, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            aliases = [a for a in entry.get("aliases") or [] if isinstance(a, str)]
            if isinstance(entry.get("full_name"), str):
                aliases.append(entry["full_name"])
            people.append(
                KnownPerson(
                    entry["name"],
                    frozenset({_KIND_LISTS.get(str(entry.get("kind")), "invited")}),
                    tuple(aliases),
                )
            )
    return people


def registry_entry(written: str, group: str) -> str:
    """A ready-to-paste content/people.yaml entry for a name the registry does not know."""
    name = bare_name(written)
    if _COUNCILLOR.match(name):
        kind = "councillor"
    else:
        kind = {
            "co_opted": "co-opted",
            "officers": "officer",
            "members": "councillor",
            "by_invitation": "guest",
        }.get(group, "guest")
    lines = [f"- name: {scalar(name)}", f"  kind: {kind}"]
    _, detail = split_role(written, dash=True)
    if detail and kind == "officer":
        lines.append(f"  job_title: {scalar(detail)}")
    elif detail and kind == "guest":
        lines.append(f"  organisation: {scalar(detail)}")
    return "\n".join(lines)
