"""The Markdown body of a meeting file -> numbered minute items with their resolutions set apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from ..diagnostics import Diagnostics, SourcePos
from ..markup import html_to_text, render_inline, render_markdown
from ..model import Point, Resolution, Segment

_ITEM_HEADING = re.compile(r"^##\s+(?P<number>\d{1,6})\s*[.):]?\s+(?P<title>\S.*?)\s*#*\s*$")
_ANY_HEADING = re.compile(r"^##\s")
_FENCE = re.compile(r"^\s*(```|~~~)")
# A list entry, or a resolution point with its label as printed: "-", "1.", "1)", "(1)", "4(a)",
# "(a)", "a)", "a.", "(ii)", "ii)", "ii.".
_LABEL = r"[-*+]|\d{1,3}[.)]|\(\d{1,3}\)|\d{1,3}\([a-z]{1,3}\)|\(?[A-Za-z]\)|[a-z]\.|\(?(?:[ivx]{1,6}|[IVX]{1,6})\)|(?:[ivx]{1,6}|[IVX]{2,6})\."
_LIST_ITEM = re.compile(rf"^\s*(?:{_LABEL})\s+")
_POINT = re.compile(rf"^(?P<indent>[ \t]*)(?P<label>{_LABEL})\s+(?P<text>\S.*)$")
# "RESOLVED that ...", "It was RESOLVED that ...", and councils' mixed-case "Resolved: ..." / "Resolved that ...".
_RESOLVED = re.compile(
    r"^\s*(?:\*\*|__)?\s*(?:It was\s+)?(?:RESOLVED\b|Resolved\s*(?:[:\u2013\u2014-]|that\b))"
)

# Sub-headings inside an item sit below the item's own h3.
ITEM_HEADING_OFFSET = 1


@dataclass(frozen=True)
class RawItem:
    number: int
    title: str
    body: str
    line: int


def split_items(body: str, body_line: int, label: str, diagnostics: Diagnostics) -> list[RawItem]:
    """Split the minutes at '## N. Title' headings, reporting text outside any item."""
    items: list[RawItem] = []
    current: tuple[int, str, int] | None = None
    lines: list[str] = []
    in_fence = False
    stray_reported = False

    def close() -> None:
        if current:
            number, title, line = current
            items.append(RawItem(number, title, "\n".join(lines).strip("\n"), line))

    for offset, line in enumerate(body.split("\n")):
        line_number = body_line + offset
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and _ANY_HEADING.match(line):
            match = _ITEM_HEADING.match(line)
            if not match:
                diagnostics.error(
                    SourcePos(label, line_number),
                    "item-heading",
                    f"'{line.strip()}' is not a minute heading",
                    "write minute headings as '## 40. Title': two hashes, the minute number, a full stop and the title",
                )
                stray_reported = True
                lines.append(line)
                continue
            close()
            title = match.group("title").strip().strip("*_").strip()
            current = (int(match.group("number")), title, line_number)
            lines = []
            continue
        if current is None:
            if line.strip() and not stray_reported:
                diagnostics.error(
                    SourcePos(label, line_number),
                    "stray-text",
                    "this text is not inside a minute item",
                    "start the minutes with a heading like '## 1. Apologies', or move the text under an item",
                )
                stray_reported = True
            continue
        lines.append(line)
    close()
    return items


def segment_item(body: str) -> tuple[Segment, ...]:
    """Cut an item's text into prose and RESOLVED blocks (a RESOLVED paragraph plus the list after it)."""
    lines = body.split("\n")
    segments: list[Segment] = []
    prose: list[str] = []
    index = 0
    while index < len(lines):
        starts_paragraph = index == 0 or not lines[index - 1].strip()
        if starts_paragraph and _RESOLVED.match(lines[index]):
            end = _resolution_end(lines, index)
            if "\n".join(prose).strip():
                segments.append(Segment(render_markdown("\n".join(prose), ITEM_HEADING_OFFSET)))
            prose = []
            segments.append(_resolution("\n".join(lines[index:end])))
            index = end
            continue
        prose.append(lines[index])
        index += 1
    if "\n".join(prose).strip():
        segments.append(Segment(render_markdown("\n".join(prose), ITEM_HEADING_OFFSET)))
    return tuple(segments)


def _resolution_end(lines: list[str], start: int) -> int:
    index = start
    while index < len(lines) and lines[index].strip():
        index += 1
    probe = index
    while probe < len(lines) and not lines[probe].strip():
        probe += 1
    if probe >= len(lines) or not _LIST_ITEM.match(lines[probe]):
        return index
    index = probe
    while index < len(lines):
        line = lines[index]
        if line.strip() and not _LIST_ITEM.match(line) and not line.startswith((" ", "\t")):
            previous_blank = not lines[index - 1].strip()
            if previous_blank:
                break
        index += 1
    while index > start and not lines[index - 1].strip():
        index -= 1
    return index


def _resolution(source: str) -> Segment:
    """A RESOLVED block. Its points keep the labels the minutes print ("4)", "(a)", "ii)"): they are
    rendered here, each label as text, not as a Markdown list a browser would number afresh."""
    lines = source.split("\n")
    first = next((index for index, line in enumerate(lines) if index and _POINT.match(line)), None)
    if first is None:
        html = render_markdown(source, ITEM_HEADING_OFFSET)
        return Segment(html, Resolution(html=html, text=html_to_text(html), points=()))
    points = _parse_points(lines[first:])
    html = render_markdown("\n".join(lines[:first]), ITEM_HEADING_OFFSET) + "\n" + _points_html(points)
    structure = tuple(_plain(point) for point in points)
    return Segment(
        html,
        Resolution(
            html=html,
            text=html_to_text(html),
            points=tuple(point.text for point in structure),
            structure=structure,
        ),
    )


@dataclass
class _Draft:
    indent: int
    label: str
    lines: list[str]
    points: list[_Draft]


def _parse_points(lines: list[str]) -> list[_Draft]:
    """Points nested by indentation; a line that starts no point continues the one before."""
    top: list[_Draft] = []
    stack: list[_Draft] = []
    for line in lines:
        if not line.strip():
            continue
        match = _POINT.match(line)
        if match is None:
            if stack:
                stack[-1].lines.append(line.strip())
            continue
        indent = len(match.group("indent").expandtabs(4))
        label = match.group("label")
        point = _Draft(indent, "" if label in ("-", "*", "+") else label, [match.group("text").strip()], [])
        while stack and stack[-1].indent >= indent:
            stack.pop()
        (stack[-1].points if stack else top).append(point)
        stack.append(point)
    return top


def _points_html(points: list[_Draft]) -> str:
    # A list the browser numbers would renumber the points (and number them twice beside their
    # labels where there is no style sheet, as in a feed reader): a plain list, the labels as text.
    labelled = any(point.label for point in points)
    entries = []
    for point in points:
        label = f'<span class="point-label">{escape(point.label)}</span> ' if point.label else ""
        inner = _points_html(point.points) if point.points else ""
        entries.append(f"<li>{label}{render_inline(' '.join(point.lines))}{inner}</li>")
    return ('<ul class="resolution-points">' if labelled else "<ul>") + "".join(entries) + "</ul>"


def _plain(point: _Draft) -> Point:
    text = html_to_text(render_inline(" ".join(point.lines))).replace("\n", " ")
    return Point(point.label, text.strip().strip("*").strip(), tuple(_plain(child) for child in point.points))
