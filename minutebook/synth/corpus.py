"""The raw material of synthetic minutes: sentences, list entries, resolution points and tables
taken from the real archive in content/ and the seed documents it was transcribed from.

Only text that reads as plain prose is kept: anything the resolve stage would treat as a
reference ("minute 14/19", "the meeting held on 9 January 2020") or a name ("Councillor Kaur")
is left out, so the generator decides every reference and name itself and the build accepts them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..contentformat import read_meeting_file
from ..resolve.references import MEETING_REFERENCE, MINUTE_REFERENCE

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NAMES = re.compile(r"\b(?:Councillors?|Cllrs?\.?)\b")
_NOT_PROSE = re.compile(r"[|#*_<>\[\]`@{}\\]|https?:|www\.|RESOLVED|\.\.\.|\d{4}/\d{2}\b|^[a-z]")
_LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)]|[a-z][.)])\s+(?P<text>.+)$")
_TABLE_ROW = re.compile(r"^\|(?P<cells>.*)\|\s*$")
_PLACE = re.compile(r"\bCoventry\b")
_NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?\s+")


@dataclass(frozen=True)
class Corpus:
    sentences: tuple[str, ...]
    list_entries: tuple[str, ...]
    resolution_points: tuple[str, ...]
    tables: tuple[tuple[tuple[str, ...], ...], ...]  # rows of cells, the first row the header


def _plain(text: str) -> bool:
    return (
        not _NOT_PROSE.search(text)
        and not _NAMES.search(text)
        and not MINUTE_REFERENCE.search(text)
        and not MEETING_REFERENCE.search(text)
        and not re.search(r"\bmeeting held on\b", text, re.IGNORECASE)
    )


def _tidy(text: str, place: str) -> str:
    text = _NUMBERING.sub("", re.sub(r"\s+", " ", text).strip())
    return _PLACE.sub(place, text)


def _bodies(project_root: Path) -> list[str]:
    """Minutes and papers from content/, then the seed documents (line-wrapped PDF text)."""
    bodies = []
    for path in sorted((project_root / "content" / "meetings").rglob("*.md")):
        _, body = read_meeting_file(path)
        bodies.append(body)
    for path in sorted((project_root / "tests" / "fixtures" / "seeds").glob("*.txt")):
        bodies.append(path.read_text(encoding="utf-8"))
    return bodies


def harvest(project_root: Path, place: str) -> Corpus:
    sentences: dict[str, None] = {}
    entries: dict[str, None] = {}
    points: dict[str, None] = {}
    tables: list[tuple[tuple[str, ...], ...]] = []
    for body in _bodies(project_root):
        lines = body.split("\n")
        table: list[tuple[str, ...]] = []
        in_resolution = False
        for line in [*lines, ""]:
            row = _TABLE_ROW.match(line.strip())
            if row:
                cells = tuple(_tidy(cell, place) for cell in row.group("cells").split("|"))
                if not all(re.fullmatch(r":?-+:?", cell) for cell in cells):
                    table.append(cells)
                continue
            if table:
                if (
                    len(table) >= 3
                    and all(len(r) == len(table[0]) for r in table)
                    and all(_plain(c) or not c for r in table for c in r)
                ):
                    tables.append(tuple(table[:12]))
                table = []
            if line.strip().startswith(("RESOLVED", "**RESOLVED")):
                in_resolution = True
                continue
            listed = _LIST_LINE.match(line)
            if listed:
                text = _tidy(listed.group("text"), place).rstrip(";,")
                if in_resolution and 20 <= len(text) <= 220 and _plain(text):
                    points[text.rstrip(".")] = None
                elif 8 <= len(text) <= 160 and _plain(text) and text[0].isalpha() and not text.endswith(":"):
                    entries[text.rstrip(".;")] = None
                continue
            if line.strip() and not line.startswith(" "):
                in_resolution = False
        for paragraph in re.split(r"\n\s*\n", body):
            if paragraph.lstrip().startswith(("#", "|", "-", "*")) or _LIST_LINE.match(paragraph):
                continue
            for sentence in _SENTENCE_END.split(_tidy(paragraph, place)):
                sentence = _NUMBERING.sub("", sentence)
                if 50 <= len(sentence) <= 320 and sentence.endswith(".") and _plain(sentence):
                    sentences[sentence] = None
    return Corpus(tuple(sentences), tuple(entries), tuple(points), tuple(tables))
