"""Compare imported meetings with hand-transcribed ones, field by field: precision and recall.

Both sides are read by the archive's own validator (drafts included), so the comparison is of what
the site would show, not of how the YAML happens to be laid out."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from minutebook.diagnostics import Diagnostics, relative_label
from minutebook.load import load_source_file
from minutebook.model import AttendanceRole, Meeting
from minutebook.validate import meeting_files
from minutebook.validate.documents import DocumentLoader
from minutebook.validate.meetings import read_meeting
from minutebook.validate.registry import load_committees, load_topics

FIELDS = (
    "meetings",
    "meeting details",
    "attendance",
    "item numbers and titles",
    "resolutions",
    "declarations",
    "private items",
    "agenda items",
    "agenda membership",
    "papers (kind)",
    "item text (words)",
)


def load_meetings(content_dir: Path, committees_dir: Path, diagnostics: Diagnostics) -> dict[str, Meeting]:
    """Every meeting file under content_dir, drafts included, keyed by its address."""
    committees = load_committees(committees_dir, content_dir.parent, diagnostics)
    topics = {
        topic.slug: topic
        for topic in load_topics(committees_dir.parent / "topics.yaml", content_dir.parent, diagnostics)
    }
    documents = DocumentLoader(content_dir, dt.date(2030, 1, 1), topics, diagnostics)
    meetings = {}
    for path in meeting_files(content_dir):
        source = load_source_file(path, relative_label(path, content_dir.parent), diagnostics)
        if source is None:
            continue
        result = read_meeting(source, committees, topics, documents, 5, dt.date(2030, 1, 1), diagnostics)
        if result.meeting:
            meetings[result.meeting.url] = result.meeting
    return meetings


def norm(text: str) -> str:
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return re.sub(r"\s+", " ", text).strip().lower()


def facts(meeting: Meeting) -> dict[str, Counter]:
    """Each field as a multiset of comparable facts."""
    result: dict[str, Counter] = {name: Counter() for name in FIELDS}
    result["meetings"][meeting.url] += 1
    for name, value in (
        ("start", meeting.start),
        ("end", meeting.end),
        ("venue", norm(meeting.venue)),
        ("remote", meeting.remote),
        ("webcast", meeting.webcast),
    ):
        if value:
            result["meeting details"][(meeting.url, name, str(value))] += 1
    for attendee in meeting.attendance:
        group = attendee.group if attendee.role is AttendanceRole.OFFICER else ""
        result["attendance"][(meeting.url, attendee.role.value, group, norm(attendee.person.written))] += 1
    for item in meeting.items:
        result["item numbers and titles"][(meeting.url, item.number, norm(item.title))] += 1
        for resolution in item.resolutions:
            # The HTML, so a list of points that lost its numbering or nesting does not count as a match.
            result["resolutions"][(meeting.url, item.number, norm(resolution.html))] += 1
        if item.private:
            result["private items"][(meeting.url, item.number, item.private.paragraphs)] += 1
        result["item text (words)"].update(
            (meeting.url, item.number, word) for word in norm(item.text).split()
        )
    for declaration in meeting.declarations:
        result["declarations"][
            (meeting.url, norm(declaration.member.name), declaration.items, declaration.withdrew)
        ] += 1
    if meeting.agenda:
        for agenda_item in meeting.agenda.items:
            result["agenda items"][
                (
                    meeting.url,
                    agenda_item.number,
                    norm(agenda_item.title),
                    agenda_item.pages.replace(" ", ""),
                    norm(agenda_item.paper),
                    agenda_item.private,
                )
            ] += 1
        for heading, people in meeting.agenda.membership:
            result["agenda membership"].update(
                (meeting.url, heading, norm(person.written)) for person in people
            )
    for document in meeting.published_documents:
        result["papers (kind)"][(meeting.url, document.kind)] += 1
    return result


@dataclass
class Score:
    matched: int = 0
    imported: int = 0
    expected: int = 0
    misses: list = field(default_factory=list)  # expected but not imported
    extras: list = field(default_factory=list)  # imported but not expected

    @property
    def precision(self) -> float:
        return self.matched / self.imported if self.imported else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.imported += other.imported
        self.expected += other.expected
        self.misses += other.misses
        self.extras += other.extras


def compare(imported: dict[str, Meeting], expected: dict[str, Meeting]) -> dict[str, Score]:
    scores = {name: Score() for name in FIELDS}
    for url in sorted(set(imported) | set(expected)):
        got = facts(imported[url]) if url in imported else {name: Counter() for name in FIELDS}
        want = facts(expected[url]) if url in expected else {name: Counter() for name in FIELDS}
        for name in FIELDS:
            score = scores[name]
            common = got[name] & want[name]
            score.matched += sum(common.values())
            score.imported += sum(got[name].values())
            score.expected += sum(want[name].values())
            if name != "item text (words)":
                score.misses += list((want[name] - got[name]).elements())
                score.extras += list((got[name] - want[name]).elements())
    return scores


def table(scores: dict[str, Score], title: str) -> str:
    lines = [
        f"### {title}",
        "",
        "| field | precision | recall | matched | imported | expected |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, score in scores.items():
        lines.append(
            f"| {name} | {score.precision:.1%} | {score.recall:.1%} | {score.matched} | {score.imported} | {score.expected} |"
        )
    return "\n".join(lines)
