"""What an import produces before it is written: draft meetings and documents, and review notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceSpan:
    """Lines of the imported file, for the report: 'lines 80-104'."""

    first: int
    last: int

    def __str__(self) -> str:
        return f"line {self.first}" if self.first == self.last else f"lines {self.first}-{self.last}"


@dataclass(frozen=True)
class ReviewNote:
    """Something the clerk must check, or text the import could not place (kept verbatim)."""

    message: str
    span: SourceSpan | None = None
    text: str = ""  # the source text, verbatim, when it could not be placed
    unplaced: bool = False


@dataclass(frozen=True)
class AgendaItemDraft:
    number: int
    title: str
    pages: str = ""
    paper: str = ""
    description: str = ""
    subitems: tuple[str, ...] = ()
    private: bool = False


@dataclass(frozen=True)
class AgendaDraft:
    committee_name: str
    date: dt.date | None
    start: dt.time | None
    venue: str
    remote: bool
    webcast: str
    items: tuple[AgendaItemDraft, ...]
    published: dt.date | None
    issued_by: str
    contact: dict[str, str]
    membership: dict[str, list[str]]
    notes: str
    span: SourceSpan
    review: tuple[ReviewNote, ...] = ()


@dataclass(frozen=True)
class VoteDraft:
    kind: str  # motion or amendment
    motion: str
    moved: str = ""
    seconded: str = ""
    sides: dict[str, list[str] | int] = field(default_factory=dict)  # "for" / "against" / "abstain"
    result: str = ""  # carried, lost, withdrawn


@dataclass(frozen=True)
class ItemDraft:
    number: int
    title: str
    body: str  # Markdown
    span: SourceSpan
    private_paragraphs: tuple[int, ...] = ()
    votes: tuple[VoteDraft, ...] = ()


@dataclass(frozen=True)
class DeclarationDraft:
    member: str
    items: tuple[int, ...]
    nature: str
    withdrew: bool


@dataclass(frozen=True)
class MinutesDraft:
    committee_name: str
    date: dt.date | None
    start: dt.time | None
    end: dt.time | None
    venue: str
    attendance: dict[str, list[str]]  # list name -> names as printed; officers: "Directorate|name"
    officers: dict[str, list[str]]  # directorate ("" when not given) -> names
    items: tuple[ItemDraft, ...]
    declarations: tuple[DeclarationDraft, ...]
    span: SourceSpan
    review: tuple[ReviewNote, ...] = ()
    remote: bool = (
        False  # the minutes say the meeting was held remotely ("via Zoom", "by telephone conference")
    )


@dataclass(frozen=True)
class DocumentDraft:
    title: str
    kind: str
    to: str
    sender: str
    date: dt.date | None
    date_text: str
    authors: tuple[str, ...]
    contact: tuple[str, ...]
    body: str  # Markdown
    span: SourceSpan
    agenda_item: int | None = None  # printed "Agenda Item 4"
    review: tuple[ReviewNote, ...] = ()
