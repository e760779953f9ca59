"""People in meetings: every written name resolved to the registry, mentions in the minutes linked,
and what each person did, meeting by meeting."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..contentformat import TITLES
from ..diagnostics import Diagnostics, SourcePos
from ..model import (
    Committee,
    Declaration,
    Document,
    Item,
    Meeting,
    NamedPerson,
    Person,
    PersonKind,
    TaskGroup,
    Vote,
    evolve,
)
from .attendance import substituted_for
from .names import NameIndex, NameMatch

# 'Councillor Kaur', 'Cllr Mrs Lucas', 'Councillor CE Thomas' in a minute's text: a title after
# 'Councillor' is any the content format knows, as the resolver reads past it.
_MENTION = re.compile(
    r"\b(?:Councillor|Cllr\.?)\s+(?:(?:"
    + "|".join(TITLES)
    + r")\.?\s+)?(?:[A-Z]{1,3}\s+)?[A-Z][a-z][A-Za-z'’-]*"
)
_TAG = re.compile(r"(<[^>]+>)")
_LINK_OPEN = re.compile(r"<a[\s>]")


@dataclass(frozen=True)
class Mention:
    """A minute whose text names a person (linked to their page)."""

    meeting: Meeting
    item: Item


@dataclass(frozen=True)
class Authored:
    """A paper a person wrote, for a meeting."""

    meeting: Meeting
    document: Document


@dataclass(frozen=True)
class Declared:
    """A person's declaration of interest at a meeting."""

    meeting: Meeting
    declaration: Declaration


@dataclass(frozen=True)
class TaskGroupPlace:
    """A person's place on a task-and-finish group that a minute set up."""

    meeting: Meeting
    item: Item
    group: TaskGroup


@dataclass(frozen=True)
class CommitteeMembership:
    """A seat a person held on a committee in a municipal year, and how ("Member (Chair)")."""

    committee: Committee
    year: int
    how: str
    first_meeting: Meeting  # the first meeting of that year at which they held it


def _describe(match: NameMatch, written: str) -> tuple[str, str]:
    if match.problem == "ambiguous":
        return (
            f"'{written}' could be {' or '.join(match.suggestions)}",
            "write the initials too, like 'Councillor B Kaur', or add an alias to content/people.yaml",
        )
    hint = (
        "did you mean " + " or ".join(repr(s) for s in match.suggestions) + "? " if match.suggestions else ""
    )
    return (
        f"'{written}' is not in content/people.yaml",
        hint + "check the spelling, or add the person to content/people.yaml",
    )


class PeopleResolver:
    def __init__(self, people: tuple[Person, ...], diagnostics: Diagnostics):
        self.index = NameIndex(people)
        self.by_slug = {person.slug: person for person in people}
        self.diagnostics = diagnostics
        self.full_names = self._full_name_pattern()

    def name(self, named: NamedPerson, context: set[str], report: bool = True) -> NamedPerson:
        match = self.index.resolve(named.name, context)
        if match.person is None:
            if report:
                code = "ambiguous-person" if match.problem == "ambiguous" else "unknown-person"
                self.diagnostics.error(named.pos, code, *_describe(match, named.name))
            return named
        return evolve(named, slug=match.person.slug)

    def meeting(self, meeting: Meeting) -> Meeting:
        """The meeting with every name it records resolved; names of people at the meeting settle
        which of two people a bare surname means."""
        sure = {
            match.person.slug
            for attendee in meeting.attendance
            if (match := self.index.resolve(attendee.person.name)).person is not None
        }
        attendance = tuple(evolve(a, person=self.name(a.person, sure)) for a in meeting.attendance)
        context = sure | {a.person.slug for a in attendance if a.person.slug}
        for attendee in attendance:
            absent_member = substituted_for(attendee.person)
            if absent_member:
                self.name(evolve(attendee.person, name=absent_member), context)
        declarations = tuple(evolve(d, member=self.name(d.member, context)) for d in meeting.declarations)
        items = tuple(
            evolve(
                item,
                task_groups=tuple(
                    TaskGroup(group.name, tuple(self.name(member, context) for member in group.members))
                    for group in item.task_groups
                ),
                votes=tuple(self._vote(vote, context) for vote in item.votes),
            )
            if item.task_groups or item.votes
            else item
            for item in meeting.items
        )
        agenda = meeting.agenda
        if agenda and agenda.membership:
            agenda = evolve(
                agenda,
                membership=tuple(
                    (heading, tuple(self.name(person, context) for person in people))
                    for heading, people in agenda.membership
                ),
            )
        return evolve(meeting, attendance=attendance, declarations=declarations, items=items, agenda=agenda)

    def _vote(self, vote: Vote, context: set[str]) -> Vote:
        """Movers, seconders and the names of a recorded vote, resolved like attendance."""
        return evolve(
            vote,
            mover=self.name(vote.mover, context) if vote.mover else None,
            seconder=self.name(vote.seconder, context) if vote.seconder else None,
            sides=tuple(
                evolve(side, names=tuple(self.name(person, context) for person in side.names))
                for side in vote.sides
            ),
        )

    def author(self, written: str, document: Document) -> Person | None:
        """'John Gregg, Director of Children's Services' -> John Gregg."""
        name = written.split(",", 1)[0].strip()
        match = self.index.resolve(name)
        if match.person is None:
            message, hint = _describe(match, name)
            self.diagnostics.error(
                SourcePos(document.source_path, 1), "unknown-person", f"the author {message}", hint
            )
        return match.person

    def link_mentions(
        self, html: str, meeting: Meeting, item: Item, role_holders: dict[str, Person]
    ) -> tuple[str, list[Person]]:
        """Link 'Councillor Kaur', full names and posts ('the Cabinet Member for Education and
        Skills') in an item's text to the people's pages."""
        context = {a.person.slug for a in meeting.attendance if a.person.slug}
        found: list[Person] = []

        def link(match: re.Match) -> str:
            text = match.group(0)
            named = self.index.resolve(text, context)
            if named.person is None:
                if named.problem == "ambiguous":
                    self.diagnostics.warning(
                        item.pos,
                        "ambiguous-mention",
                        f"'{text}' in minute {item.number} could be {' or '.join(named.suggestions)}, so it is not linked",
                    )
                return text
            found.append(named.person)
            return f'<a href="site:/{named.person.url}">{text}</a>'

        def link_post(match: re.Match) -> str:
            person = role_holders[match.group(0)]
            found.append(person)
            return f'<a href="site:/{person.url}">{match.group(0)}</a>'

        # (pattern, what to link with it, text a chunk must contain for the pattern to match it)
        substitutions: list[
            tuple[re.Pattern[str] | _FullNames, Callable[[re.Match[str]], str], tuple[str, ...]]
        ] = [(_MENTION, link, ("Councillor", "Cllr"))]
        if self.full_names:
            substitutions.append((self.full_names, link, ("",)))
        if role_holders:
            substitutions.append((_posts_pattern(tuple(role_holders)), link_post, ("Cabinet Member for",)))
        result, inside_link = [], 0
        for chunk in _TAG.split(html):
            if chunk.startswith("<"):
                inside_link += 1 if _LINK_OPEN.match(chunk) else -1 if chunk.startswith("</a") else 0
            elif not inside_link and chunk:
                for pattern, replace, needles in substitutions:
                    if any(needle in chunk for needle in needles):
                        chunk = _outside_links(chunk, functools.partial(pattern.sub, replace))
            result.append(chunk)
        return "".join(result), found

    def _full_name_pattern(self) -> re.Pattern | _FullNames | None:
        names = {
            written
            for person in self.index.people
            if person.kind is not PersonKind.COUNCILLOR
            for written in (person.name, person.full_name, *person.aliases)
            if written and re.match(r"^[A-Z][a-z]+ [A-Z][A-Za-z'’-]+$", written)
        }
        if not names:
            return None
        if all(_word_character(name[-1]) for name in names):
            return _FullNames(names)
        ordered = sorted(names, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in ordered) + r")\b")


def _word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


class _Found(str):
    """A name found in text, standing in for the re.Match the linking callbacks expect."""

    def group(self, _: int = 0) -> str:
        return str(self)


class _FullNames:
    """Finds full names ('Jane Moffat') in text as the pattern \\b(?:longest|...|shortest)\\b would,
    but by looking up the names that start with each capitalised word: a pattern of hundreds of
    names is slow to run over every minute of a large archive."""

    def __init__(self, names: set[str]):
        self.by_first: dict[str, list[str]] = {}
        for name in sorted(names, key=lambda n: (-len(n), n)):
            self.by_first.setdefault(name.split(" ", 1)[0], []).append(name)
        self.first_name = re.compile(
            r"\b(" + "|".join(re.escape(first) for first in sorted(self.by_first)) + r") "
        )

    def sub(self, replace, text: str) -> str:
        pieces, done = [], 0
        for match in self.first_name.finditer(text):
            start = match.start()
            if start < done:
                continue
            for name in self.by_first.get(match.group(1), ()):
                end = start + len(name)
                if text.startswith(name, start) and (end == len(text) or not _word_character(text[end])):
                    pieces += [text[done:start], replace(_Found(name))]
                    done = end
                    break
        if not pieces:
            return text
        pieces.append(text[done:])
        return "".join(pieces)


@functools.cache
def _posts_pattern(titles: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(title) for title in sorted(titles, key=len, reverse=True)))


_LINKED = re.compile(r"(<a [^>]*>.*?</a>)")


def _outside_links(text: str, substitute) -> str:
    """Apply `substitute` only to the parts of `text` that an earlier pattern has not linked."""
    if "<a " not in text:
        return substitute(text)
    parts = _LINKED.split(text)
    return "".join(part if part.startswith("<a ") else substitute(part) for part in parts)


def posts_held(people: tuple[Person, ...], year: int) -> dict[str, Person]:
    """Posts named in the minutes ('Cabinet Member for Education and Skills') held by exactly one
    person in the municipal year, so 'the Cabinet Member for ...' can name them."""
    holders: dict[str, list[Person]] = {}
    for person in people:
        for role in person.roles:
            if role.committee or not role.title.startswith(
                ("Cabinet Member for", "Deputy Cabinet Member for")
            ):
                continue
            if role.first_year is not None and role.first_year <= year <= (role.last_year or role.first_year):
                holders.setdefault(role.title, []).append(person)
    return {title: people[0] for title, people in holders.items() if len(people) == 1}


def declarations_by_person(meetings: tuple[Meeting, ...]) -> dict[str, list[Declared]]:
    result: dict[str, list[Declared]] = {}
    for meeting in meetings:
        for declaration in meeting.declarations:
            if declaration.member.slug:
                result.setdefault(declaration.member.slug, []).append(Declared(meeting, declaration))
    return result


def task_groups_by_person(meetings: tuple[Meeting, ...]) -> dict[str, list[TaskGroupPlace]]:
    result: dict[str, list[TaskGroupPlace]] = {}
    for meeting in meetings:
        for item in meeting.items:
            for group in item.task_groups:
                for member in group.members:
                    if member.slug:
                        result.setdefault(member.slug, []).append(TaskGroupPlace(meeting, item, group))
    return result


@dataclass(frozen=True)
class VotePart:
    """One person's part in one vote, for their voting record."""

    meeting: Meeting
    item: Item
    index: int  # the vote's number under its minute, for its anchor
    vote: Vote
    parts: tuple[str, ...]  # "Moved", "Seconded", "For", "Against", "Abstained"

    @property
    def anchor(self) -> str:
        return f"{self.item.anchor}-vote-{self.index}"


def votes_by_person(meetings: tuple[Meeting, ...]) -> dict[str, list[VotePart]]:
    result: dict[str, list[VotePart]] = {}
    for meeting in meetings:
        for item in meeting.items:
            for index, vote in enumerate(item.votes, 1):
                parts: dict[str, list[str]] = {}
                for label, person in (("Moved", vote.mover), ("Seconded", vote.seconder)):
                    if person and person.slug:
                        parts.setdefault(person.slug, []).append(label)
                for side in vote.sides:
                    for person in side.names:
                        if person.slug:
                            parts.setdefault(person.slug, []).append(side.label)
                for slug, labels in parts.items():
                    result.setdefault(slug, []).append(VotePart(meeting, item, index, vote, tuple(labels)))
    return result
