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
# A paragraph that opens with a decision formula: "RESOLVED that ...", "It was RESOLVED that ...",
# councils' mixed-case "Resolved: ..." / "Resolved that ...", and the forms other councils print:
# a label before it ("(4) RESOLVED", "4. Resolved:"), "And Resolved:", "It was (unanimously) resolved /
# agreed that", "AGREED", "Agreed: ...", "Unanimously agreed", "DECISION:". Mixed-case "Resolved" and
# "Agreed" need what follows (":", "that", "to", ...) so that prose such as "Agreed changes to the
# plan were..." is not read as a decision.
_RESOLVED = re.compile(
    r"^\s*(?:\*\*|__)?\s*(?:(?:\(\s*\d{1,3}[a-z]?\s*\)|\d{1,3}[a-z]?[.)]|\([a-z]\))\s*)?(?:\*\*|__)?\s*(?:And\s+)?"
    r"(?:(?:It\s+was\s+(?:(?:therefore|then|further|also|duly|unanimously|accordingly)\s+)*)?(?:RESOLVED\b|AGREED\b)"
    r"|It\s+was\s+(?:(?:therefore|then|further|also|duly|unanimously|accordingly)\s+)*(?:resolved|agreed|decided)\b"
    r"|(?:Resolved|Agreed|Decided)\s*(?:[:\u2013\u2014-]|(?:that|to|not\s+to|unanimously|by)\b)"
    r"|(?:Unanimously|UNANIMOUSLY)\s+(?:agreed|resolved|approved|AGREED|RESOLVED)\b"
    r"|DECISION\b|Decision\s*:)"
)
# The formal marks of minutes that set every decision apart: "RESOLVED", "AGREED", "DECISION" in
# capitals, or "Resolved:" / "Resolved that" as a label (decisions_in_prose).
_FORMAL = re.compile(
    r"^\s*(?:\*\*|__)?\s*(?:(?:\(\s*\d{1,3}[a-z]?\s*\)|\d{1,3}[a-z]?[.)]|\([a-z]\))\s*)?(?:\*\*|__)?\s*(?:And\s+)?"
    r"(?:It\s+was\s+(?:\w+\s+)?)?(?:RESOLVED\b|AGREED\b|DECISION\b|Resolved\s*(?:[:\u2013\u2014-]|that\b))"
)

# A paragraph whose first sentence records what the council decided in running prose, as parish and
# community councils write it: "All agreed this was a true record", "The Councillors resolved to pay",
# "The minutes ... were approved", "Approved & signed as correct", "The council has no objection to",
# "Motion by A, second by B to approve ... Motion carried." Who decided matters: "MC agreed to find
# out" is a person's errand, not a decision, so "agreed" / "approved" count only after a collective
# subject or in the passive; "resolved" counts when followed by "to" / "that" ("the issue was
# resolved" is not a decision).
_COLLECTIVE = (
    r"(?:all|(?:the\s+)?(?:parish\s+|community\s+|town\s+|city\s+|county\s+|district\s+|full\s+)?"
    r"(?:council(?:lors)?|cllrs|members|committee|board|meeting|trustees|supervisors|commissioners))"
    r"(?:\s+present)?(?:\s+(?:unanimously|then|therefore|also|duly|all))?"
)
_DECISION_PHRASE = re.compile(
    r"\bresolved\s+(?:not\s+)?(?:to|that)\b|\bit\s+was\s+(?:\w+\s+)?(?:resolved|agreed|decided)\b"
    rf"|\b{_COLLECTIVE}\s+(?:resolved|agreed|decided|approved|accepted|adopted)\b"
    r"|\b(?:were|was)\s+(?:unanimously\s+)?(?:approved|agreed|adopted|accepted)\s+by\s+(?:the\s+)?(?:parish\s+|community\s+|town\s+)?(?:council(?:lors)?|cllrs|members|committee|board|meeting)\b"
    r"|\bminutes\b[^.]{0,150}?\b(?:were|was|are|be|been)\s+(?:\w+\s+)?(?:approved|agreed|adopted|accepted|confirmed|signed)\b"
    r"|\b(?:were|was)\s+moved\s+as\s+(?:a\s+)?correct\b"
    r"|^\W*(?:approved|agreed|accepted)\s+(?:and|&)\s+signed\b"
    r"|\b(?:all|unanimously|nem\.?\s*con\.?)\s+(?:approved|agreed|resolved|elected)\b|\b(?:were|was)\s+(?:unanimously\s+)?elected\s+nem\b"
    r"|\bunanimously\s+(?:agreed|approved|resolved|elected|carried|passed)\b|\b(?:agreed|approved|resolved|elected|carried|passed)\s+unanimously\b"
    rf"|\b{_COLLECTIVE}\s+(?:has|had|have)\s+no\s+objections?\b"
    r"|\b(?:motion|resolution|amendment|recommendation)\s+(?:was\s+|is\s+)?(?:duly\s+)?(?:carried|passed|adopted)\b",
    re.IGNORECASE,
)
# A sentence that only gives a result ("Motion carried.", "Carried unanimously."): the decision is the
# motion in the sentence before it.
RESULT_ONLY = re.compile(
    r"^\W*(?:(?:the\s+)?(?:motion|resolution|amendment)\s+(?:was\s+)?(?:duly\s+)?(?:carried|passed|adopted)|carried)\b",
    re.IGNORECASE,
)
# A sentence that puts a motion: "Motion by A, second by B to ...", "Proposed by A, seconded by B".
MOTION_SENTENCE = re.compile(
    r"\bmotion\b|\b(?:proposed|moved)\s+(?:by\b|that\b|:)|\bseconded\b|\bsecond(?:ed)?\s+by\b|\bmakes?\s+a\s+motion\b",
    re.IGNORECASE,
)
# Where a sentence ends: a full stop (or ! ?) then a capital, except after the abbreviations minutes
# print inside sentences ("Ch. No. 300093", "Cllr. Evans", "St. Mary's").
_ABBREVIATIONS = frozenset(
    (
        "ch",
        "no",
        "nos",
        "cllr",
        "cllrs",
        "cyng",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "rev",
        "revd",
        "co",
        "ltd",
        "approx",
        "inc",
        "ie",
        "eg",
        "etc",
        "viz",
        "vol",
        "apt",
        "mt",
        "cr",
    )
)
# A sentence ends at a full stop before a capital, or before a numbered point ("... noted. (4) RESOLVED").
_STOP = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?[A-Z]|\(\d{1,3}[a-z]?\)\s)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of a paragraph starts and ends: a full stop followed by a capital ends one,
    except after the abbreviations and initials minutes print inside sentences ("Ch. No.", "J. Smith")."""
    spans, start = [], 0
    for match in _STOP.finditer(text):
        word = re.search(r"(\w+)$", text[: match.start()])
        if (
            text[match.start()] == "."
            and word
            and (
                word.group(1).lower() in _ABBREVIATIONS
                or (len(word.group(1)) == 1 and word.group(1).isupper())
            )
        ):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text)]


def reads_as_decision(line: str, prose: bool = True) -> bool:
    """The site's reading of a paragraph's first line: a decision (shown as a resolution) when it opens
    with a decision formula; with prose, also when its first sentence records a decision in running
    text, or when its first sentence is a motion and the second only says it was carried."""
    if _RESOLVED.match(line):
        return True
    if not prose:
        return False
    first = sentences(line.strip().lstrip("*_").strip())[:4]
    if not first or first[0].startswith(("- ", "* ", "+ ", "#", "|", ">")):
        return False
    if RESULT_ONLY.match(first[0]) and len(first[0]) < 60:
        return False  # "The motion was carried." alone: the result of a vote printed above it, not what was decided
    if _DECISION_PHRASE.search(first[0]):
        return True
    # "Motion by A, second by B to change the dates. The new dates are ... Motion carried."
    if MOTION_SENTENCE.search(first[0]):
        for later in first[1:]:
            if RESULT_ONLY.match(later):
                return not _LOST_RESULT.search(later)
            if MOTION_SENTENCE.search(later):
                break
    return False


def decisions_in_prose(bodies) -> bool:
    """Whether decisions are read from running prose in these minutes (the bodies of all their items):
    only when no paragraph opens with a formal decision mark (RESOLVED, AGREED, "Resolved:"). Minutes that print "RESOLVED" mark every
    decision that way, and their prose ("The minutes ... were approved") is left as the clerk wrote it;
    minutes that never do (most parish and community councils) record decisions only in prose."""
    for body in bodies:
        lines = body.split("\n")
        if any(
            (index == 0 or not lines[index - 1].strip()) and _FORMAL.match(line)
            for index, line in enumerate(lines)
        ):
            return False
    return True


_LOST_RESULT = re.compile(r"\b(?:not\s+carried|lost|defeated|failed|fell)\b", re.IGNORECASE)

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


def segment_item(body: str, prose_decisions: bool = False) -> tuple[Segment, ...]:
    """Cut an item's text into prose and RESOLVED blocks (a RESOLVED paragraph plus the list after it).
    With prose_decisions (see decisions_in_prose), a paragraph recording a decision in running text is
    a resolution block too."""
    lines = body.split("\n")
    segments: list[Segment] = []
    prose: list[str] = []
    index = 0
    while index < len(lines):
        starts_paragraph = index == 0 or not lines[index - 1].strip()
        if starts_paragraph and reads_as_decision(lines[index], prose_decisions):
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
