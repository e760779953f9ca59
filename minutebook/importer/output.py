"""Draft meetings and documents -> the text of files in the archive's format (docs/format.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..contentformat import meeting_file_text, scalar
from .drafts import AgendaDraft, DocumentDraft, MinutesDraft

ATTENDANCE_ORDER = ("members", "co_opted", "cabinet_members", "other_members", "invited", "apologies")


@dataclass
class MeetingDraft:
    """Everything imported about one meeting, from however many parts of the pack."""

    committee: str
    date: dt.date
    folder: str  # "2020-02-13-scrutiny-board-2": the meeting file's name without .md
    source: str
    agenda: AgendaDraft | None = None
    minutes: MinutesDraft | None = None
    documents: list[tuple[str, DocumentDraft]] = field(default_factory=list)  # (file name, draft)
    item_documents: dict[int, list[str]] = field(default_factory=dict)  # agenda item -> file names
    new_people: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (name, list, close known name) not in the registry
    cancelled: bool = False  # another paper says the meeting was cancelled

    @property
    def status(self) -> str:
        return "held" if self.minutes else "cancelled" if self.cancelled else "scheduled"


def meeting_text(meeting: MeetingDraft, report_path: str) -> str:
    lines = [f"committee: {meeting.committee}", f"date: {meeting.date.isoformat()}"]
    agenda, minutes = meeting.agenda, meeting.minutes
    start = (minutes.start if minutes else None) or (agenda.start if agenda else None)
    if start:
        lines.append(f'start: "{start:%H:%M}"')
    if minutes and minutes.end:
        lines.append(f'end: "{minutes.end:%H:%M}"')
    venue = (minutes.venue if minutes else "") or (agenda.venue if agenda else "")
    if venue:
        lines.append(f"venue: {scalar(venue)}")
    if (agenda and agenda.remote) or (minutes and minutes.remote):
        lines.append("remote: true")
    if agenda and agenda.webcast:
        lines.append(f"webcast: {scalar(agenda.webcast)}")
    lines.append(f"status: {meeting.status}")
    lines.append(
        f"draft: true            # imported: remove this line once the meeting has been checked against {report_path}"
    )
    lines.append(f"source: {scalar(meeting.source)}")
    if agenda:
        lines += ["", *_agenda(agenda, meeting)]
    if minutes:
        lines += _attendance(minutes)
        lines += _declarations(minutes)
        lines += _items(minutes)
    if meeting.documents and not agenda:
        lines += ["", "documents:"] + [
            f"  - {scalar(f'{meeting.folder}/{name}')}" for name, _ in meeting.documents
        ]
    body = (
        "\n\n".join(f"## {item.number}. {item.title}\n\n{item.body}".rstrip() for item in minutes.items)
        if minutes
        else ""
    )
    return meeting_file_text("\n".join(lines) + "\n", f"{body}\n" if body else None)


def _agenda(agenda: AgendaDraft, meeting: MeetingDraft) -> list[str]:
    lines = ["agenda:"]
    if agenda.published:
        lines.append(f"  published: {agenda.published.isoformat()}")
    if agenda.issued_by:
        lines.append(f"  issued_by: {scalar(agenda.issued_by)}")
    if agenda.contact:
        lines.append("  contact:")
        lines += [f"    {key}: {scalar(value)}" for key, value in agenda.contact.items()]
    if agenda.membership:
        lines.append("  membership:")
        for group in ("members", "co_opted", "by_invitation"):
            if agenda.membership.get(group):
                lines.append(f"    {group}:")
                lines += [f"      - {scalar(name)}" for name in agenda.membership[group]]
    if agenda.items:
        lines.append("  items:")
        for item in agenda.items:
            lines.append(f"    - number: {item.number}")
            lines.append(f"      title: {scalar(item.title)}")
            if item.pages:
                lines.append(f"      pages: {scalar(item.pages)}")
            if item.paper:
                lines.append(f"      paper: {scalar(item.paper)}")
            if item.description:
                lines.append(f"      description: {scalar(item.description)}")
            if item.subitems:
                lines.append("      subitems:")
                lines += [f"        - {scalar(text)}" for text in item.subitems]
            if item.private:
                lines.append("      private: true")
            documents = meeting.item_documents.get(item.number, [])
            if documents:
                lines.append("      documents:")
                lines += [f"        - {scalar(f'{meeting.folder}/{name}')}" for name in documents]
    if agenda.notes:
        lines.append("  notes: |")
        lines += [f"    {line}" if line else "" for line in agenda.notes.split("\n")]
    return lines


def _attendance(minutes: MinutesDraft) -> list[str]:
    if not minutes.attendance and not minutes.officers:
        return []
    lines = ["", "attendance:"]
    for group in ATTENDANCE_ORDER:
        names = minutes.attendance.get(group)
        if names:
            lines.append(f"  {group}:")
            lines += [f"    - {scalar(name)}" for name in names]
        if group == "invited" and minutes.officers:
            lines += _officers(minutes.officers)
    return lines


def _officers(officers: dict[str, list[str]]) -> list[str]:
    if list(officers) == [""]:
        return ["  officers:"] + [f"    - {scalar(name)}" for name in officers[""]]
    lines = ["  officers:"]
    for group, names in officers.items():
        lines.append(f"    {scalar(group or 'Officers')}:")
        lines += [f"      - {scalar(name)}" for name in names]
    return lines


def _declarations(minutes: MinutesDraft) -> list[str]:
    if not minutes.declarations:
        return []
    lines = ["", "declarations:"]
    for declaration in minutes.declarations:
        lines.append(f"  - member: {scalar(declaration.member)}")
        lines.append(f"    items: [{', '.join(str(n) for n in declaration.items)}]")
        if declaration.nature:
            lines.append(f"    nature: {scalar(declaration.nature)}")
        if declaration.withdrew:
            lines.append("    withdrew: true")
    return lines


def _items(minutes: MinutesDraft) -> list[str]:
    facts = [item for item in minutes.items if item.private_paragraphs or item.votes]
    if not facts:
        return []
    lines = ["", "items:"]
    for item in facts:
        lines.append(f"  {item.number}:")
        if item.private_paragraphs:
            lines.append("    private:")
            lines.append(f"      paragraphs: [{', '.join(str(p) for p in item.private_paragraphs)}]")
        if item.votes:
            lines.append("    votes:")
            for vote in item.votes:
                lines.append(f"      - motion: {scalar(vote.motion)}")
                if vote.kind != "motion":
                    lines.append(f"        kind: {vote.kind}")
                if vote.moved:
                    lines.append(f"        moved: {scalar(vote.moved)}")
                if vote.seconded:
                    lines.append(f"        seconded: {scalar(vote.seconded)}")
                for side in ("for", "against", "abstain"):
                    value = vote.sides.get(side)
                    if isinstance(value, int):
                        lines.append(f"        {side}: {value}")
                    elif value is not None:
                        lines.append(f"        {side}:")
                        lines += [f"          - {scalar(name)}" for name in value]
                if vote.result:
                    lines.append(f"        result: {vote.result}")
    return lines


def document_text(document: DocumentDraft) -> str:
    lines = ["---", f"title: {scalar(document.title)}", f"kind: {document.kind}"]
    if document.to:
        lines.append(f"to: {scalar(document.to)}")
    if document.sender:
        lines.append(f"from: {scalar(document.sender)}")
    if document.date:
        lines.append(f"date: {document.date.isoformat()}")
    elif document.date_text:
        lines.append(f"date_text: {scalar(document.date_text)}")
    if document.authors:
        lines.append("authors:")
        lines += [f"  - {scalar(author)}" for author in document.authors]
    if document.contact:
        lines.append("contact:")
        lines += [f"  - {scalar(line)}" for line in document.contact]
    lines.append("---")
    return "\n".join(lines) + "\n\n" + document.body.strip() + "\n"
