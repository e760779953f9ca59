"""Motions and votes in a minute item's text -> VoteDrafts.

UK minutes record them in a few ways: "It was moved by Councillor A and seconded by Councillor B
that ...", "Councillor A moved, and Councillor B seconded, ...", "Proposed: ... Seconded: ...", a
recorded vote as "For: Councillors ...", "Against: ...", "Abstain: ...", counts such as "7 votes
for, 3 against and 1 abstention", and a result: "the motion was carried", "the amendment fell".
"""

from __future__ import annotations

import re

from .drafts import ItemDraft, ReviewNote, VoteDraft
from .registry import PeopleDirectory
from .text import split_names

# Names are matched case-sensitively (capitalised words), the words around them in any case.
_NAME = r"(?:Councillor|Cllr\.?|Mr|Mrs|Ms|Dr)\s+(?:[A-Z][\w'’\-]*\s+){0,3}[A-Z][\w'’\-]+"
_MOVED = re.compile(
    rf"(?:(?P<kind>(?i:amendment|motion))\s+(?i:was\s+)?)?(?i:moved|proposed)\s+(?i:by)\s+(?P<mover>{_NAME}),?\s+(?i:and\s+)?(?i:seconded)\s+(?i:by)\s+(?P<seconder>{_NAME})[,:]?\s*(?P<motion>.*)"
)
_MOVED_ACTIVE = re.compile(
    rf"(?P<mover>{_NAME})\s+(?i:moved),?\s+(?i:and)\s+(?P<seconder>{_NAME})\s+(?i:seconded),?\s*(?:(?i:an?)\s+(?P<kind>(?i:amendment|motion))\s*)?(?P<motion>.*)"
)
_LABELLED = re.compile(
    r"^(?P<label>moved|proposed|mover|seconded|seconder)(?:\s+by)?\s*[:\-–]\s*(?P<name>.+?)\.?$",
    re.IGNORECASE,
)
_SIDE = re.compile(
    r"^[-•]?\s*(?P<label>for(?: the (?:motion|amendment|recommendations?))?|in favour|against(?: the (?:motion|amendment|recommendations?))?|abst(?:ain(?:ed|ing)?|entions?))"
    r"\s*(?:\((?P<count>\d+)\))?\s*[:\-–]\s*(?P<names>.*?)\.?$",
    re.IGNORECASE,
)
_COUNTS = re.compile(
    r"(?P<for>\d+)\s+(?:votes?\s+)?(?:for|in favour)(?:\s+of\s+the\s+\w+)?,?\s+(?:and\s+)?(?P<against>\d+)\s+(?:votes?\s+)?against"
    r"(?:,?\s+(?:and|with)\s+(?P<abstain>\d+|no|one|two|three)\s+abstentions?)?",
    re.IGNORECASE,
)
_VOTES_TO = re.compile(
    r"by\s+(?P<for>\d+)\s+votes?\s+to\s+(?P<against>\d+)(?:,?\s+with\s+(?P<abstain>\d+)\s+abstentions?)?",
    re.IGNORECASE,
)
_RESULT = re.compile(
    r"\b(?:(?P<subject>motion|amendment|recommendations?|proposal|substantive motion)\b[^.]*?\b(?:was|were|is|being)\s+(?:declared\s+)?|(?:was|were)\s+(?:declared\s+)?|^)"
    r"(?P<result>carried|lost|defeated|fell|withdrawn|agreed|not carried|rejected)\b(?!\s+(?:forward|over|out))",
    re.IGNORECASE,
)
_RESULTS = {
    "carried": "carried",
    "agreed": "carried",
    "lost": "lost",
    "defeated": "lost",
    "fell": "lost",
    "not carried": "lost",
    "rejected": "lost",
    "withdrawn": "withdrawn",
}
_WORD_NUMBERS = {"no": 0, "one": 1, "two": 2, "three": 3}
_SIDE_KEYS = (("for", "for"), ("in favour", "for"), ("against", "against"), ("abst", "abstain"))


def find_votes(
    item: ItemDraft, present: list[str], people: PeopleDirectory
) -> tuple[list[VoteDraft], list[ReviewNote]]:
    votes: list[dict] = []
    notes: list[ReviewNote] = []
    paragraphs = [p for p in re.split(r"\n\s*\n|\n(?=[-•]\s)", item.body) if p.strip()]
    for index, paragraph in enumerate(paragraphs):
        for line in paragraph.split("\n"):
            text = " ".join(line.split())
            text = re.sub(r"^[-•]\s+", "", text)
            moved = _MOVED.search(text) or _MOVED_ACTIVE.search(text)
            labelled = _LABELLED.match(text)
            side = _SIDE.match(text)
            if moved:
                motion = _motion_text(moved.group("motion"), paragraphs, index)
                kind = (
                    "amendment"
                    if "amendment" in (moved.group("kind") or "").lower()
                    or re.search(r"\bamendment\b", text[: moved.start() + 20], re.IGNORECASE)
                    else "motion"
                )
                votes.append(
                    {
                        "kind": kind,
                        "motion": motion,
                        "moved": moved.group("mover"),
                        "seconded": moved.group("seconder"),
                        "sides": {},
                        "result": "",
                    }
                )
            elif labelled:
                vote = _current(votes)
                key = "moved" if labelled.group("label").lower().startswith(("mov", "prop")) else "seconded"
                if vote[key]:
                    vote = _new(votes)
                vote[key] = labelled.group("name")
            elif (
                re.match(r"^that\b", text, re.IGNORECASE)
                and votes
                and not votes[-1]["motion"]
                and not votes[-1]["result"]
            ):
                votes[-1]["motion"] = text  # "Proposed: ... Seconded: ..." then the motion on its own line
            elif side and (side.group("names") or side.group("count")):
                vote = _current(votes)
                key = next(
                    value for needle, value in _SIDE_KEYS if side.group("label").lower().startswith(needle)
                )
                names_text = side.group("names").strip()
                count = side.group("count")
                trailing_count = re.search(r"\s*\((\d+)\)$", names_text)  # "For: Councillors A, B and C (3)"
                if trailing_count:
                    names_text, count = (
                        names_text[: trailing_count.start()].strip(),
                        count or trailing_count.group(1),
                    )
                if re.fullmatch(r"\d+", names_text):
                    vote["sides"][key] = int(names_text)
                elif names_text.lower() in ("none", "nil", "0", "no-one", "nobody"):
                    vote["sides"][key] = 0
                else:
                    names = split_names(names_text)
                    if count and int(count) != len(names):
                        notes.append(
                            ReviewNote(
                                f"minute {item.number}: {side.group('label')} prints ({count}) but names {len(names)} members; check the recorded vote",
                                item.span,
                            )
                        )
                    vote["sides"][key] = names
            counts = _COUNTS.search(text) or _VOTES_TO.search(text)
            if counts and not side:
                vote = _current(votes)
                for key in ("for", "against", "abstain"):
                    value = counts.groupdict().get(key)
                    if value is not None and key not in vote["sides"]:
                        vote["sides"][key] = int(value) if value.isdigit() else _WORD_NUMBERS[value.lower()]
            result = _RESULT.search(text)
            if result and (votes or result.group("subject")) and not text.startswith("RESOLVED"):
                vote = _current(votes)
                if vote["result"]:
                    vote = _new(votes)
                vote["result"] = _RESULTS[result.group("result").lower()]
    drafts = []
    for vote in votes:
        if not vote["motion"]:
            vote["motion"] = _resolution_after(item.body) or f"The recommendation under minute {item.number}"
            notes.append(
                ReviewNote(
                    f"minute {item.number}: a vote was found but not the words of the motion; check 'motion:' under items: {item.number}: votes",
                    item.span,
                )
            )
        for key in ("moved", "seconded"):
            if vote[key]:
                vote[key] = _resolve(vote[key], present, people)
        for key, value in vote["sides"].items():
            if isinstance(value, list):
                vote["sides"][key] = [_resolve(name, present, people) for name in value]
        drafts.append(
            VoteDraft(
                vote["kind"],
                vote["motion"],
                vote["moved"],
                vote["seconded"],
                dict(vote["sides"]),
                vote["result"],
            )
        )
    return drafts, notes


def _new(votes: list[dict]) -> dict:
    votes.append({"kind": "motion", "motion": "", "moved": "", "seconded": "", "sides": {}, "result": ""})
    return votes[-1]


def _current(votes: list[dict]) -> dict:
    """The vote being described; a new one when the last is complete (it has a result)."""
    if not votes or votes[-1]["result"]:
        return _new(votes)
    return votes[-1]


def _motion_text(after: str, paragraphs: list[str], index: int) -> str:
    """'... seconded by B that the application be refused.' -> 'That the application be refused.';
    when the words follow in the next paragraph ('... the following motion:'), take that paragraph."""
    text = re.split(r"(?<=\.)\s+(?=[A-Z])", after.strip(), maxsplit=1)[0]  # up to the end of its sentence
    if re.match(r"^that\b", text, re.IGNORECASE):
        return text[0].upper() + text[1:]
    if (not text or text.endswith(":")) and index + 1 < len(paragraphs):
        following = " ".join(paragraphs[index + 1].split())
        return re.sub(r"^[\"“']|[\"”']$", "", following).strip()
    return text


def _resolution_after(body: str) -> str:
    match = re.search(r"(?m)^RESOLVED\b.*$", body)
    return match.group(0).strip() if match else ""


def _resolve(name: str, present: list[str], people: PeopleDirectory) -> str:
    """'Councillor Smith' -> 'Councillor A Smith' when the meeting or the archive settles who it is."""
    found = people.match(name, present)
    return found.person.name if found.person and found.how == "surname" else name.strip()
