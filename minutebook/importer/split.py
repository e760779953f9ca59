"""Stage 2 of an import: an agenda pack's lines -> its parts (agenda, minutes, documents).

An agenda pack printed by a council's committee system is the agenda, then the papers in agenda
order: the minutes of the previous meeting, briefing notes and reports, the work programme. Each
part starts with a recognisable line, and pages left blank between parts are page furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import Line

MINUTES_START = re.compile(r"^minutes\s+of\s+(?:the|a|an)\s+(?:[\w-]+\s+)?meeting\s+of\b", re.IGNORECASE)
MINUTES_END = re.compile(
    r"^\(?\s*(?:the\s+)?meeting\s+(?:closed|ended|finished|concluded)\b.*\)?\.?$", re.IGNORECASE
)
_DOCUMENT_START = re.compile(
    r"^(?:briefing\s+note|report(?:\s+to\b.*)?|cover\s+report|agenda\s+item\s+\d+[a-z]?|please\s+see\s+page\s+2\s+onwards\b.*)$",
    re.IGNORECASE,
)
_TO_LINE = re.compile(r"^to\s*:", re.IGNORECASE)
# Page furniture: lines that carry no meeting content wherever they appear.
FURNITURE = re.compile(
    r"^(?:this page is intentionally (?:left )?blank|page \d+(?: of \d+)?|- ?\d+ ?-|\d{1,3})$", re.IGNORECASE
)


@dataclass
class Part:
    kind: str  # "agenda", "minutes" or "document"
    lines: list[Line] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return self.lines[0].number if self.lines else 0

    @property
    def last_line(self) -> int:
        return self.lines[-1].number if self.lines else 0

    def content(self) -> list[Line]:
        return [line for line in self.lines if not line.blank]


@dataclass(frozen=True)
class SplitPack:
    parts: tuple[Part, ...]
    furniture: tuple[Line, ...]


def split_pack(lines: list[Line], council_names: tuple[str, ...] = ()) -> SplitPack:
    """Cut the lines into parts. Every line lands in exactly one part or in the furniture."""
    council = {name.lower() for name in council_names if name}
    parts: list[Part] = []
    furniture: list[Line] = []
    current: Part | None = None
    lines_since_start = 0

    def start(kind: str) -> Part:
        nonlocal current, lines_since_start
        current = Part(kind)
        parts.append(current)
        lines_since_start = 0
        return current

    recent: list[str] = []  # the last few lines of text, to tell an appendix's heading from a new paper
    pending_council: list[Line] = []  # the letterhead ("Coventry City Council") above a part's heading
    for index, line in enumerate(lines):
        text = line.clean
        if FURNITURE.match(text):
            furniture.append(line)
            continue
        if text.lower() in council and _next_starts_part(lines, index):
            pending_council.append(line)
            continue
        starts = _starts(text, current, lines_since_start)
        if starts == "document" and any(
            re.match(r"^appendix\b", previous, re.IGNORECASE) for previous in recent[-4:]
        ):
            starts = ""  # "Appendix 1 / Work Programme / Please see page 2 onwards": part of the paper
        if not line.blank:
            recent.append(text)
        if starts:
            start(starts)
        elif current is None:
            start("document" if _TO_LINE.match(text) else "agenda")
        furniture.extend(pending_council)
        pending_council = []
        assert current is not None  # start() has begun a part
        current.lines.append(line)
        if not line.blank:
            lines_since_start += 1
        if current.kind == "minutes" and MINUTES_END.match(text):
            current = Part("document")  # whatever follows the minutes starts a new part
            parts.append(current)
            lines_since_start = 0
    furniture.extend(pending_council)
    return SplitPack(tuple(part for part in parts if part.content()), tuple(furniture))


def _starts(text: str, current: Part | None, lines_since_start: int) -> str:
    if MINUTES_START.match(text):
        return "minutes"
    if current is not None and current.kind == "minutes":
        return ""  # nothing inside minutes starts a document, until the meeting closes
    if _DOCUMENT_START.match(text):
        if (
            current is not None
            and current.kind == "document"
            and lines_since_start <= 1
            and not text.lower().startswith("please see")
        ):
            return ""  # "Agenda Item 4" then "Briefing note": one document
        return "document"
    if _TO_LINE.match(text):
        # "To:" heads a briefing note; it belongs to the note that "Briefing note" just started.
        if current is not None and current.kind == "document" and lines_since_start <= 3:
            return ""
        return "document"
    return ""


def _next_starts_part(lines: list[Line], index: int) -> bool:
    following = [line.clean for line in lines[index + 1 : index + 6] if not line.blank][:2]
    return any(
        MINUTES_START.match(text) or _DOCUMENT_START.match(text) or _TO_LINE.match(text) for text in following
    )
