"""The import measured against the labelled corpus of other councils' minutes
(tests/fixtures/import-corpus/): precision, recall and F1 per field, per document and over all.

Each file in files/ has its ground truth in truth/<file name>.yaml, written by reading the document.
The corpus is split once, by a fixed rule on the file name (split_of), into "dev" (tune against it)
and "held-out" (measure only). The rule was fixed before any parser was changed.

What is compared, per document (one meeting each):
- meetings: a meeting was read at all (a date and a body)
- date, body: the meeting's date; its body (committee or council) as printed, loosely compared
- members, apologies, officers, chair: people, matched by surname and first initial, titles
  ("Councillor", "Cllr", "Mr", "(Chair)", "(SBC)") set aside
- items: (number, title); the number compared as the last number printed ("19.09.03" -> 3,
  "107/20" -> 107; none for unnumbered items), the title loosely (case, punctuation, wrapping)
- decisions: items with a decision recorded as a resolution
- votes: (item, mover, seconder); vote results: the same and the result
- private items

"Core" is every field but decisions, votes and private items; core micro-F1 sums matched, imported
and expected over the core fields.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from minutebook.validate.minutes import decisions_in_prose, segment_item
from tests.support.import_measure import Score

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "import-corpus"
CORE = ("meetings", "date", "body", "members", "chair", "apologies", "officers", "items")
EXTENDED = ("decisions", "votes", "vote results", "private items")
FIELDS = CORE + EXTENDED


def split_of(name: str) -> str:
    """A fixed rule, chosen before any tuning: a third of the files, by a hash of the name, are held out."""
    return "held-out" if int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "dev"


def corpus_files(split: str | None = None) -> list[Path]:
    files = sorted(
        p
        for p in (CORPUS / "files").iterdir()
        if p.is_file() and (CORPUS / "truth" / f"{p.name}.yaml").exists()
    )
    return [p for p in files if split is None or split_of(p.name) == split]


def truth(path: Path) -> dict:
    return yaml.safe_load((CORPUS / "truth" / f"{path.name}.yaml").read_text(encoding="utf-8"))


# ---- normalising ---------------------------------------------------------------------------------

_TITLES = re.compile(
    r"\b(?:county|district|borough|city|parish|town|community)?\s*(?:councillors?|cllrs?\.?|cr|mr|mrs|ms|miss|dr|prof|an\s+cathaoirleach|cathaoirleach|mayor|deputy|alderman|sir|dame|mp|msp|ms|am)\b\.?",
    re.IGNORECASE,
)


def person_key(name: str) -> tuple[str, str]:
    """(surname, first initial or '') of a name as printed."""
    text = re.sub(r"\([^)]*\)|\{[^}]*\}|\[[^]]*\]", " ", name)
    text = re.sub(r"\s[-–]\s.*$", "", text)  # "D Richardson - Chairman"
    text = _TITLES.sub(" ", text)
    words = [w for w in re.split(r"[\s.]+", text.replace("’", "'")) if w and w[0].isalpha()]
    words = [
        w for w in words if not (w.isupper() and 1 < len(w) <= 3 and len(words) > 2)
    ]  # trailing initials "KC"
    if not words:
        return ("", "")
    surname = words[-1].lower().strip("',")
    initial = words[0][0].lower() if len(words) > 1 else ""
    return (surname, initial)


def people_match(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return bool(a[0]) and a[0] == b[0] and (not a[1] or not b[1] or a[1] == b[1])


def title_key(title: str) -> str:
    text = title.replace("’", "'").replace("\\", "")
    text = re.sub(r"[*_#`]", "", text)
    text = re.sub(r"[^\w&/' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def titles_match(a: str, b: str) -> bool:
    a, b = title_key(a), title_key(b)
    if not a or not b:
        return a == b
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def number_key(printed) -> int | None:
    numbers = re.findall(r"\d+", str(printed or ""))
    if not numbers:
        return None
    if re.fullmatch(r"\s*\d{1,4}\s*/\s*\d{2,4}\s*", str(printed)):  # "107/20": minute 107 of 2020
        return int(numbers[0])
    return int(numbers[-1])


def body_key(text: str) -> str:
    text = re.sub(r"(?i)\b(?:minutes?\s+of\s+(?:the\s+)?|meeting\s+of\s+(?:the\s+)?|the\s+)", "", text or "")
    return title_key(text)


def bodies_match(got: str, want: str) -> bool:
    a, b = body_key(got), body_key(want)
    return bool(a and b) and (a == b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85)


# ---- what the import read, as comparable facts -----------------------------------------------------


@dataclass
class Imported:
    date: dt.date | None = None
    body: str = ""
    members: list[str] = field(default_factory=list)
    chair: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    officers: list[str] = field(default_factory=list)
    items: list[tuple[int | None, str]] = field(default_factory=list)
    decisions: list[tuple[int | None, str]] = field(default_factory=list)
    votes: list[tuple[int | None, str, str, str, str]] = field(
        default_factory=list
    )  # (item number, item title, mover, seconder, result)
    private: list[int | None] = field(default_factory=list)
    error: str = ""


_CHAIR_MARK = re.compile(
    r"\((?:in the )?chair(?:man|person)?\)|\bchair(?:man|person)?\b|cathaoirleach|\bpresiding\b",
    re.IGNORECASE,
)


def from_minutes(minutes) -> Imported:
    """A MinutesDraft (minutebook.importer.drafts) -> Imported."""
    result = Imported(date=minutes.date, body=minutes.committee_name)
    for group, names in minutes.attendance.items():
        if group == "apologies":
            result.apologies += names
        elif group in ("invited",):
            continue
        else:
            result.members += names
    result.chair = [name for name in result.members if _CHAIR_MARK.search(name)] + list(
        getattr(minutes, "chair", []) or []
    )
    result.officers = [name for names in minutes.officers.values() for name in names]
    prose = decisions_in_prose(item.body for item in minutes.items)  # as the site reads the meeting file
    for item in minutes.items:
        number = item.number if isinstance(item.number, int) else number_key(item.number)
        result.items.append((number, item.title))
        if any(segment.resolution for segment in segment_item(item.body, prose)):  # as the site reads it
            result.decisions.append((number, item.title))
        for vote in item.votes:
            result.votes.append((number, item.title, vote.moved, vote.seconded, vote.result))
        if item.private_paragraphs:
            result.private.append(number)
    return result


def read_file(path: Path) -> Imported:
    from minutebook.importer import read_minutes
    from minutebook.importer.extract import ExtractError
    from minutebook.importer.registry import PeopleDirectory

    try:
        found = read_minutes(path, PeopleDirectory([]))
    except (
        ExtractError
    ) as exc:  # a file that cannot be read is a document with nothing read; a crash is a failure
        return Imported(error=str(exc))
    if not found:
        return Imported(error="no meeting could be read")
    return from_minutes(found[0])


# ---- scoring -----------------------------------------------------------------------------------------


def _greedy(got: list, want: list, same) -> Score:
    free = list(want)
    matched = 0
    for g in got:
        for index, w in enumerate(free):
            if same(g, w):
                matched += 1
                del free[index]
                break
    return Score(matched, len(got), len(want))


def _item_same(g, w) -> bool:
    g_number, g_title = g
    w_number, w_title = w
    if w_number is not None and g_number != w_number:
        return False
    return titles_match(g_title, w_title)


def _vote_same(g, w) -> bool:
    if w[0] is not None and g[0] != w[0]:
        return False
    if w[0] is None and w[1] and not titles_match(g[1], w[1]):
        return False
    return people_match(person_key(g[2]), person_key(w[2])) and people_match(
        person_key(g[3]), person_key(w[3])
    )


def score_document(imported: Imported, expected: dict) -> dict[str, Score]:
    """A document marked no_meeting prints no date or no body: the right reading is no meeting at all,
    and anything read from it counts against precision."""
    if expected.get("no_meeting"):
        read = imported.date is not None and bool(imported.body)
        counts = {
            "meetings": 1,
            "date": 1,
            "body": 1,
            "members": len(imported.members),
            "chair": len(imported.chair),
            "apologies": len(imported.apologies),
            "officers": len(imported.officers),
            "items": len(imported.items),
            "decisions": len(imported.decisions),
            "votes": len(imported.votes),
            "vote results": len(imported.votes),
            "private items": len(imported.private),
        }
        return {name: Score(0, counts[name] if read else 0, 0) for name in FIELDS}
    scores: dict[str, Score] = {}
    read = imported.date is not None
    want = int(expected.get("date") is not None)
    scores["meetings"] = Score(int(read) * want, int(read), want)
    scores["date"] = Score(int(read and imported.date == expected["date"]), int(read), want)
    scores["body"] = Score(
        int(bool(imported.body) and bool(expected["body"]) and bodies_match(imported.body, expected["body"])),
        int(bool(imported.body)),
        int(bool(expected["body"])),
    )
    for name, got, want in (
        ("members", imported.members, expected.get("members") or []),
        ("apologies", imported.apologies, expected.get("apologies") or []),
        ("officers", imported.officers, expected.get("officers") or []),
        ("chair", imported.chair, [expected["chair"]] if expected.get("chair") else []),
    ):
        scores[name] = _greedy([person_key(n) for n in got], [person_key(n) for n in want], people_match)
    want_items = [(number_key(number), title) for number, title in expected.get("items") or []]
    scores["items"] = _greedy(imported.items, want_items, _item_same)
    by_number = {number_key(n): t for n, t in expected.get("items") or []}
    want_decisions = []
    for decided in expected.get("decisions") or []:
        number = number_key(decided)
        want_decisions.append(
            (number, by_number.get(number, "")) if number is not None else (None, str(decided))
        )
    scores["decisions"] = _greedy(imported.decisions, want_decisions, _item_same)
    want_votes = [
        (
            number_key(v.get("item")),
            v.get("heading") or "",
            v.get("moved") or "",
            v.get("seconded") or "",
            v.get("result") or "",
        )
        for v in expected.get("votes") or []
    ]
    scores["votes"] = _greedy(imported.votes, want_votes, _vote_same)
    # The same votes with their result as well ("carried", "lost"): a vote whose result the minutes do
    # not print is left without one by the import, and counts here as not matched.
    scores["vote results"] = _greedy(
        imported.votes, want_votes, lambda g, w: _vote_same(g, w) and g[4] == w[4]
    )
    scores["private items"] = _greedy(
        imported.private, [number_key(n) for n in expected.get("private_items") or []], lambda g, w: g == w
    )
    return scores


def micro(scores: dict[str, Score], fields=CORE) -> Score:
    total = Score()
    for name in fields:
        total.add(scores[name])
    return total


@dataclass
class Measurement:
    documents: dict[str, dict[str, Score]]
    fields: dict[str, Score]
    errors: dict[str, str]

    @property
    def core(self) -> Score:
        return micro(self.fields, CORE)


def measure(files: list[Path]) -> Measurement:
    documents: dict[str, dict[str, Score]] = {}
    totals = {name: Score() for name in FIELDS}
    errors = {}
    for path in files:
        imported = read_file(path)
        if imported.error:
            errors[path.name] = imported.error
        scores = score_document(imported, truth(path))
        documents[path.name] = scores
        for name in FIELDS:
            totals[name].add(scores[name])
    return Measurement(documents, totals, errors)


def table(measurement: Measurement, title: str) -> str:
    lines = [
        f"### {title}",
        "",
        "| field | precision | recall | F1 | matched | imported | expected |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, score in measurement.fields.items():
        lines.append(
            f"| {name} | {score.precision:.2f} | {score.recall:.2f} | {score.f1:.2f} | {score.matched} | {score.imported} | {score.expected} |"
        )
    core = measurement.core
    lines.append(
        f"| **core micro** | {core.precision:.2f} | {core.recall:.2f} | **{core.f1:.2f}** | {core.matched} | {core.imported} | {core.expected} |"
    )
    lines += ["", "| document | core F1 | " + " | ".join(CORE) + " |", "|---|---:|" + "---:|" * len(CORE)]
    for name, scores in measurement.documents.items():
        lines.append(
            f"| {name} | {micro(scores).f1:.2f} | " + " | ".join(f"{scores[f].f1:.2f}" for f in CORE) + " |"
        )
    if measurement.errors:
        lines += [
            "",
            "No meeting read from: "
            + ", ".join(f"{name} ({error})" for name, error in measurement.errors.items()),
        ]
    return "\n".join(lines)
