"""The archive's vocabulary as small frozen dataclasses. No I/O and no HTML here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any, TypeVar
from urllib.parse import quote

from .diagnostics import SourcePos

T = TypeVar("T")


class MeetingStatus(str, Enum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


class AttendanceRole(str, Enum):
    MEMBER = "member"
    CO_OPTED = "co_opted"
    CABINET_MEMBER = "cabinet_member"
    OTHER_MEMBER = "other_member"
    INVITED = "invited"
    OFFICER = "officer"
    APOLOGIES = "apologies"

    @property
    def heading(self) -> str:
        return _ROLE_HEADINGS[self]


_ROLE_HEADINGS = {
    AttendanceRole.MEMBER: "Members",
    AttendanceRole.CO_OPTED: "Co-opted members",
    AttendanceRole.CABINET_MEMBER: "Cabinet members",
    AttendanceRole.OTHER_MEMBER: "Other members",
    AttendanceRole.INVITED: "Attending by invitation",
    AttendanceRole.OFFICER: "Officers",
    AttendanceRole.APOLOGIES: "Apologies",
}

# Schedule 12A to the Local Government Act 1972 (England), Part 1: descriptions of exempt information.
SCHEDULE_12A = {
    1: "Information relating to any individual.",
    2: "Information which is likely to reveal the identity of an individual.",
    3: "Information relating to the financial or business affairs of any particular person (including the authority holding that information).",
    4: "Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority.",
    5: "Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings.",
    6: "Information which reveals that the authority proposes to give under any enactment a notice under or by virtue of which requirements are imposed on a person, or to make an order or direction under any enactment.",
    7: "Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime.",
}


@dataclass(frozen=True)
class Committee:
    slug: str
    name: str
    short_name: str
    description: str
    pos: SourcePos


@dataclass(frozen=True)
class NamedPerson:
    """A person as the clerk wrote them: 'Councillor K Sandhu (Chair)' -> name and role."""

    written: str
    name: str
    role: str
    pos: SourcePos
    slug: str = ""  # the registry entry the name resolves to, filled in by the resolve stage


@dataclass(frozen=True)
class Attendee:
    person: NamedPerson
    role: AttendanceRole
    group: str = ""  # directorate for officers


@dataclass(frozen=True)
class Contact:
    name: str = ""
    service: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: str
    pages: str  # as printed: "3 - 6", the pages of the agenda pack
    paper: str
    description_html: str
    subitems_html: tuple[str, ...]
    documents: tuple[DocumentRef, ...]
    private: bool
    topics: tuple[str, ...]
    pos: SourcePos

    @property
    def anchor(self) -> str:
        return f"agenda-{self.number}"

    @property
    def first_page(self) -> int | None:
        """The page of the agenda pack the item starts on, read from `pages` as printed ("3 - 6"
        -> 3); None where `pages` does not start with a page number."""
        match = PAGE_RANGE.match(self.pages)
        return int(match.group(1)) if match else None


# Page ranges as agendas print them: "3 - 6", "3-6", "3 to 6", "7".
PAGE_RANGE = re.compile(r"^\s*(\d+)\s*(?:(?:-|–|to)\s*\d+\s*)?$")


@dataclass(frozen=True)
class Agenda:
    published: dt.date | None
    issued_by: str
    contact: Contact | None
    membership: tuple[tuple[str, tuple[NamedPerson, ...]], ...]
    items: tuple[AgendaItem, ...]
    notes_html: str


@dataclass(frozen=True)
class Declaration:
    member: NamedPerson
    items: tuple[int, ...]
    nature: str
    withdrew: bool


@dataclass(frozen=True)
class Point:
    """One point of a resolution with its label as printed ("1.", "4)", "(a)", "ii)"; "" for a
    bullet) and the points under it. The label is the minutes' text, never a renumbering."""

    label: str
    text: str
    points: tuple[Point, ...] = ()

    @property
    def printed(self) -> str:
        """The point as printed: its label, its words and its own points', in one line."""
        own = f"{self.label} {self.text}" if self.label else self.text
        return " ".join([own, *(point.printed for point in self.points)])

    @property
    def full_text(self) -> str:
        """Its words and its points' (labels included), without its own label."""
        return " ".join([self.text, *(point.printed for point in self.points)])


@dataclass(frozen=True)
class Resolution:
    """A RESOLVED block: its opening words and the points that follow, as safe HTML and plain text.
    `points`: the top-level points' own words; `structure`: every point, labelled as printed."""

    html: str
    text: str
    points: tuple[str, ...]
    structure: tuple[Point, ...] = ()


@dataclass(frozen=True)
class Segment:
    """A run of an item's text: ordinary prose, or a resolution set apart."""

    html: str
    resolution: Resolution | None = None


@dataclass(frozen=True)
class TaskGroup:
    """A task-and-finish group a resolution set up, with its members."""

    name: str
    members: tuple[NamedPerson, ...]


class ActionStatus(str, Enum):
    PENDING = "pending"
    DONE = "done"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class ActionUpdate:
    """A later meeting's record of what became of an earlier request or recommendation."""

    action_id: str
    status: ActionStatus
    note: str
    item: int | None
    pos: SourcePos


@dataclass(frozen=True)
class PrivateGrounds:
    paragraphs: tuple[int, ...]
    note: str

    @property
    def descriptions(self) -> tuple[str, ...]:
        return tuple(SCHEDULE_12A[p] for p in self.paragraphs)


class VoteResult(str, Enum):
    CARRIED = "carried"
    LOST = "lost"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class VoteSide:
    """One side of a vote: how many, and who when the vote was recorded by name."""

    label: str  # "For", "Against", "Abstained"
    count: int | None
    names: tuple[NamedPerson, ...]


@dataclass(frozen=True)
class Vote:
    """A motion or amendment put to the meeting: who moved and seconded it, how members voted, the result."""

    kind: str  # "motion" or "amendment"
    motion: str
    mover: NamedPerson | None
    seconder: NamedPerson | None
    sides: tuple[VoteSide, ...]  # For, Against, Abstained: only those the minutes give
    result: VoteResult | None
    pos: SourcePos

    @property
    def recorded(self) -> bool:
        """A recorded vote: the minutes name how each member voted."""
        return any(side.names for side in self.sides)


@dataclass(frozen=True)
class Item:
    number: int
    title: str
    segments: tuple[Segment, ...]
    text: str
    topics: tuple[str, ...]
    private: PrivateGrounds | None
    documents: tuple[DocumentRef, ...]
    pos: SourcePos
    task_groups: tuple[TaskGroup, ...] = ()
    action_points: tuple[int, ...] | None = None  # the clerk's choice of resolution points to track
    votes: tuple[Vote, ...] = ()

    @property
    def anchor(self) -> str:
        return f"minute-{self.number}"

    @property
    def resolutions(self) -> tuple[Resolution, ...]:
        return tuple(s.resolution for s in self.segments if s.resolution)


@dataclass(frozen=True)
class Document:
    """A Markdown document (briefing note, report, work programme) published as its own page."""

    slug: str
    title: str
    kind: str
    to: str
    sender: str
    subject: str
    date: dt.date | None
    date_text: str
    authors: tuple[str, ...]
    contact: tuple[str, ...]
    html: str
    text: str
    source_path: str
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A file (PDF, spreadsheet, Word) copied to the site as it is."""

    filename: str
    title: str
    media_type: str
    type_label: str
    size: int
    source_path: str

    @property
    def href(self) -> str:
        """The file name as it goes in a link: '#', '?', '%' and spaces would otherwise break it."""
        return quote(self.filename)


class SourceKind(str, Enum):
    AGENDA_PACK = "agenda-pack"
    SUPPLEMENTARY_PACK = "supplementary-pack"
    MINUTES = "minutes"
    DECISIONS = "decisions"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "agenda-pack": "Agenda pack",
            "supplementary-pack": "Supplementary agenda pack",
            "minutes": "Minutes",
            "decisions": "Decision notice",
            "other": "Other document",
        }[self.value]


@dataclass(frozen=True)
class Source:
    """An official document of the meeting as the council published it: at the council's web
    address, or as a file in the meeting's folder published beside the meeting page."""

    title: str
    kind: SourceKind
    url: str  # the council's address; "" for a file
    attachment: Attachment | None
    pos: SourcePos

    @property
    def target(self) -> str:
        """Where a link to it goes: the council's address, or the file's name beside the meeting page."""
        return self.attachment.href if self.attachment else self.url

    def page_target(self, page: int) -> str:
        """Where a link to one of its pages goes: PDF readers open '#page=3' at page 3 (RFC 8118),
        in place of any fragment the address had."""
        return f"{self.target.split('#', 1)[0]}#page={page}"


@dataclass(frozen=True)
class DocumentRef:
    """A document or attachment as listed under an item; withheld ones show their title only."""

    title: str
    document: Document | None = None
    attachment: Attachment | None = None
    withheld: str = ""  # why it is not published: "exempt" or ""


@dataclass(frozen=True, eq=False)
class Meeting:
    """A meeting is known by its address, which no two meetings share (validate checks): comparing
    and hashing meetings field by field, every item and attendee included, would cost more than
    building the pages."""

    committee: Committee
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    venue: str
    remote: bool
    webcast: str
    status: MeetingStatus
    status_note: str
    minute_series: int
    url: str
    agenda: Agenda | None
    attendance: tuple[Attendee, ...]
    declarations: tuple[Declaration, ...]
    items: tuple[Item, ...]
    documents: tuple[DocumentRef, ...]
    source_label: str
    digest: str
    action_updates: tuple[ActionUpdate, ...] = ()
    sources: tuple[Source, ...] = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Meeting) and other.url == self.url

    def __hash__(self) -> int:
        return hash(self.url)

    # What lists of meetings show, worked out once (`evolve` drops them from a changed copy).
    @cached_property
    def has_minutes(self) -> bool:
        return bool(self.items)

    @cached_property
    def item_count(self) -> int:
        return len(self.items)

    @cached_property
    def has_agenda(self) -> bool:
        return self.agenda is not None

    @cached_property
    def has_papers(self) -> bool:
        return bool(self.published_documents)

    @cached_property
    def document_pages(self) -> tuple[tuple[str, str], ...]:
        """(slug, title) of each published document, each of which has a page."""
        return tuple((document.slug, document.title) for document in self.published_documents)

    @property
    def title(self) -> str:
        return (
            f"{self.committee.name}, {self.date.strftime('%A')} {self.date.day} {self.date.strftime('%B %Y')}"
        )

    def attendees(self, role: AttendanceRole) -> tuple[Attendee, ...]:
        return tuple(a for a in self.attendance if a.role is role)

    @property
    def document_refs(self) -> tuple[DocumentRef, ...]:
        """Every document listed for the meeting, its agenda items and its minutes, first mention first."""
        refs = list(self.documents)
        if self.agenda:
            refs += [ref for item in self.agenda.items for ref in item.documents]
        refs += [ref for item in self.items for ref in item.documents]
        return tuple(refs)

    @property
    def published_documents(self) -> tuple[Document, ...]:
        unique: dict[str, Document] = {}
        for ref in self.document_refs:
            if ref.document:
                unique.setdefault(ref.document.slug, ref.document)
        return tuple(unique.values())

    @property
    def published_attachments(self) -> tuple[Attachment, ...]:
        """Every file copied beside the meeting page: its documents' and its sources'."""
        unique: dict[str, Attachment] = {}
        for ref in self.document_refs:
            if ref.attachment:
                unique.setdefault(ref.attachment.filename, ref.attachment)
        for source in self.sources:
            if source.attachment:
                unique.setdefault(source.attachment.filename, source.attachment)
        return tuple(unique.values())

    @property
    def agenda_pack(self) -> Source | None:
        """The agenda pack its agenda items' page ranges are in (validate allows one)."""
        return next((s for s in self.sources if s.kind is SourceKind.AGENDA_PACK), None)


def minutes_missing(meeting: Meeting, build_date: dt.date) -> bool:
    """A meeting whose date has passed, not called off, whose minutes the archive does not hold.
    Whether or how it went ahead is not recorded here, whatever status the clerk gave it, so the
    pages say "no minutes in this archive" and calendars do not confirm it."""
    return (
        not meeting.has_minutes
        and meeting.status not in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)
        and meeting.date < build_date
    )


def evolve(obj: T, **changes: Any) -> T:
    """`dataclasses.replace` for the model's plain frozen dataclasses (no __post_init__, no
    slots), without re-running __init__: the resolve stage makes hundreds of thousands of such
    copies on a large archive, and replace's checks dominated its time."""
    copy = object.__new__(type(obj))
    state = copy.__dict__
    state.update(obj.__dict__)
    for name in _CACHED.get(type(obj), ()):
        state.pop(name, None)  # worked out from the fields that may be changing
    state.update(changes)
    return copy


_CACHED: dict[type, tuple[str, ...]] = {
    Meeting: ("has_minutes", "item_count", "has_agenda", "has_papers", "document_pages")
}


def meeting_order(meeting: Meeting) -> tuple:
    """The archive's order of meetings: by date and time, then committee."""
    return (meeting.date, meeting.start or dt.time.min, meeting.committee.slug, meeting.url)


def municipal_year(date: dt.date, start_month: int) -> int:
    """The calendar year in which the municipal year containing `date` began."""
    return date.year if date.month >= start_month else date.year - 1


def municipal_year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


class PersonKind(str, Enum):
    COUNCILLOR = "councillor"
    CO_OPTED = "co-opted"
    OFFICER = "officer"
    GUEST = "guest"
    GROUP = "group"

    @property
    def label(self) -> str:
        return {
            "councillor": "Councillor",
            "co-opted": "Co-opted member",
            "officer": "Officer",
            "guest": "Guest",
            "group": "Group",
        }[self.value]


@dataclass(frozen=True)
class Role:
    """A post held for a span of municipal years (as the minutes evidence it), e.g. a chair."""

    title: str
    committee: str  # slug, or "" for council-wide posts
    first_year: int | None
    last_year: int | None


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    kind: PersonKind
    full_name: str
    job_title: str
    organisation: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    pos: SourcePos

    @property
    def url(self) -> str:
        return f"people/{self.slug}/"

    @property
    def surname_key(self) -> str:
        """Sorts people by surname, then by the name as written."""
        return f"{self.name.split()[-1].lower()} {self.name.lower()}"


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    description: str
    related: tuple[str, ...]
    pos: SourcePos

    @property
    def url(self) -> str:
        return f"topics/{self.slug}/"
