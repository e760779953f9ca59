"""Small readers shared by the import parsers: cleaned lines, dates, times and lists of names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..contentformat import TITLES
from ..slugs import slugify as make_slug


@dataclass(frozen=True)
class Line:
    """One line of the source, with its line number (1-based) so the report can point at it."""

    number: int
    text: str  # as extracted
    clean: str  # emphasis markers and Markdown heading marks removed, spaces collapsed

    @property
    def blank(self) -> bool:
        return not self.clean


def clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    text = re.sub(r"^\s*#{1,6}\s+", "", text)
    text = text.replace("**", "").replace("__", "")
    return re.sub(r"[ \t]+", " ", text).strip()


def to_lines(text: str, first_number: int = 1) -> list[Line]:
    return [
        Line(first_number + index, raw.rstrip(), clean(raw)) for index, raw in enumerate(text.split("\n"))
    ]


MONTHS = {
    name: index
    for index, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        1,
    )
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE = re.compile(
    r"(?:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:the\s+)?"
    r"(?P<day>\d{1,2})\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>January|February|March|April|May|June|July|August|September|October|November|December),?\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})\b")
_TIME = re.compile(
    r"\b(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\s*(?P<half>a\.?m\.?|p\.?m\.?)(?![a-z])", re.IGNORECASE
)
_NOON = re.compile(r"\b12\s*noon\b|\bnoon\b|\bmidday\b", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    weekday: str  # as printed, or ""
    start: int
    end: int

    @property
    def weekday_mismatch(self) -> bool:
        return bool(self.weekday) and WEEKDAYS[self.date.weekday()] != self.weekday.lower()


def find_date(text: str) -> FoundDate | None:
    match = _DATE.search(text)
    if match:
        try:
            date = dt.date(
                int(match.group("year")), MONTHS[match.group("month").lower()], int(match.group("day"))
            )
        except ValueError:
            return None
        return FoundDate(date, match.group("weekday") or "", match.start(), match.end())
    match = _NUMERIC_DATE.search(text)
    if match:
        try:
            date = dt.date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
        except ValueError:
            return None
        return FoundDate(date, "", match.start(), match.end())
    return None


def find_time(text: str) -> dt.time | None:
    match = _TIME.search(text)
    if match:
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
        if not (1 <= hour <= 12 and minute < 60):
            return None
        if match.group("half").lower().startswith("p") and hour != 12:
            hour += 12
        elif match.group("half").lower().startswith("a") and hour == 12:
            hour = 0
        return dt.time(hour, minute)
    if _NOON.search(text):
        return dt.time(12, 0)
    return None


# "Councillors A, B and C" shares its title among the names.
_PLURAL_TITLE = re.compile(r"^(?P<title>Councillors|Cllrs)\.?\s+", re.IGNORECASE)
_TITLE = re.compile(r"^(?:" + "|".join(TITLES) + r")\.?\s", re.IGNORECASE)
_NAME_SHAPE = re.compile(
    r"^(?:(?:" + "|".join(TITLES) + r")\.?\s+)*"
    r"(?:(?:[A-Z]{1,3}|[A-Z][a-z]+|[A-Z]\.)\s+)+(?:(?:Mac|Mc|O'|de |van |von )?[A-Z][\w'’\-]+)"
)
_INITIALS_NAME = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr)\s+)?(?:[A-Z]{1,3}\s+)+(?:Mac|Mc)?[A-Z][a-z][\w'’\-]*(?:\s*\([^)]*\))?"
)


def split_top_level(text: str, separators: tuple[str, ...] = (", ", "; ", " and ", " & ")) -> list[str]:
    """Split at separators that are outside brackets: 'A (Children and Young People) and B' -> 2 parts."""
    parts, depth, start, index = [], 0, 0, 0
    while index < len(text):
        char = text[index]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            for separator in separators:
                if text.startswith(separator, index):
                    parts.append(text[start:index])
                    index += len(separator)
                    start = index
                    break
            else:
                index += 1
                continue
            continue
        index += 1
    parts.append(text[start:])
    return [part.strip().strip(",;").strip() for part in parts if part.strip().strip(",;").strip()]


def looks_like_name(text: str) -> bool:
    return bool(_NAME_SHAPE.match(text.strip()))


def split_names(text: str, split_and: bool = True) -> list[str]:
    """'Councillors L Kelly, R Thay and B Kaur' -> ['Councillor L Kelly', 'Councillor R Thay', 'Councillor B Kaur'].

    A piece that does not look like a name ('Health' from 'Health and Wellbeing Board') is put back
    onto the piece before it, so organisations and roles are not cut up."""
    text = text.strip().rstrip(".")
    shared_title = ""
    match = _PLURAL_TITLE.match(text)
    if match:
        shared_title = _singular(match.group("title"))
        text = text[match.end() :]
    separators = (", ", "; ", " and ", " & ") if split_and else (", ", "; ")
    pieces: list[str] = []
    for piece in split_top_level(text, separators):
        # After "Councillors", a surname alone is a name: "Councillors Baker, Clarke and Evans".
        bare_surname = bool(shared_title) and bool(re.fullmatch(r"[A-Z][\w'’\-]+", piece.strip()))
        if pieces and not (looks_like_name(piece) or bare_surname):
            joiner = " and " if f"{pieces[-1]} and {piece}" in text else ", "
            pieces[-1] = f"{pieces[-1]}{joiner}{piece}"
        else:
            pieces.append(piece)
    names = []
    for piece in pieces:
        plural = _PLURAL_TITLE.match(piece)
        if plural:
            shared_title = _singular(plural.group("title"))
            piece = piece[plural.end() :]
        elif _TITLE.match(piece):
            shared_title = ""
        if shared_title and not _TITLE.match(piece):
            piece = f"{shared_title} {piece}"
        names.append(piece)
    return names


def _singular(title: str) -> str:
    """'Councillors' -> 'Councillor', 'Cllrs' -> 'Cllr': the names keep the title as the minutes print it."""
    return "Cllr" if title.lower().startswith("cllr") else "Councillor"


def split_run_together(names: list[str]) -> list[str]:
    """'G Lewis N MacDonald' (a comma lost in the PDF) -> 'G Lewis', 'N MacDonald'."""
    result: list[str] = []
    for name in names:
        found = _INITIALS_NAME.findall(name)
        if len(found) > 1 and "".join(found).replace(" ", "") == name.replace(" ", ""):
            result.extend(part.strip() for part in found)
        else:
            result.append(name)
    return result


def join_wrapped(lines: list[str]) -> list[str]:
    """Join lines the PDF wrapped: an open bracket, a trailing hyphen, or a dangling initial or 'and'."""
    result: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if result:
            previous = result[-1]
            if previous.count("(") > previous.count(")"):
                result[-1] = f"{previous} {line}"
                continue
            if re.search(r"[A-Za-z]-$", previous) and line[:1].isupper():
                result[-1] = previous + line
                continue
            if re.search(r"(?:,|\band|\bof|\bfor|\bthe|\b[A-Z])$", previous) and not re.search(
                r"\b(?:Councillor|Mrs?|Ms)$", previous
            ):
                result[-1] = f"{previous} {line}"
                continue
        result.append(line)
    return result


def slugify(text: str) -> str:
    """A file name for an imported document or committee: "Parks & Open Spaces" -> "parks-and-open-spaces"."""
    text = text.replace("&", " and ").replace("'", "").replace("’", "")
    return make_slug(text, fallback="document", max_length=60)


_SAME_PUNCTUATION = str.maketrans("’‘“”–—", "''\"\"--")


def normalise_key(text: str) -> str:
    """For comparing printed names and titles: case, quotes, dashes and spacing do not matter."""
    text = text.translate(_SAME_PUNCTUATION)
    return re.sub(r"\s+", " ", text).strip().lower()


def minute_number(text: str, year: int | None) -> int | None:
    """A printed minute number -> the number: '88' -> 88; '23/045' (year/number) -> 45; '45/23' -> 45."""
    text = text.strip()
    if "/" not in text:
        return int(text) if text.isdigit() and len(text) <= 3 else None
    first, second = text.split("/", 1)
    years = {str(y)[-2:] for y in (year - 1, year, year + 1)} | {str(year)} if year else set()
    if (second.startswith("0") and len(second) >= 3) or first in years:
        return int(second)
    if second in years or (first.startswith("0") and len(first) >= 3):
        return int(first)
    return int(second)
