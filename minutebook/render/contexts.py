"""What each kind of page is rendered from: its own data, gathered from the archive when the site is
planned, and nothing else.

A template sees the fields of its page's context (plus what every page shows: the site settings,
the build date, the asset and link helpers, the feeds it offers), never the archive. So the
context is the whole of a page's dependency on the archive, and its digest (render/fingerprint.py)
tells an incremental build whether the page has to be rendered again.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from ..archive import Backlink, MembershipGrid, RelatedTopic, TopicEntry
from ..model import Committee, Document, Meeting, Person, Topic
from ..resolve.actions import Action
from ..resolve.attendance import Appearance, Membership, YearAttendance
from ..resolve.people import Authored, CommitteeMembership, Declared, Mention, TaskGroupPlace, VotePart
from .gaps import KnownMeeting
from .published import Subscription

if TYPE_CHECKING:  # these modules make pages, so they import this one
    from .decisions import Decision, Filter
    from .opendata import Dataset


@dataclass(frozen=True)
class HomePage:
    latest: tuple[Meeting, ...]  # newest minutes first
    upcoming: tuple[Meeting, ...]
    committees: tuple[Committee, ...]
    years: tuple[int, ...]  # calendar years with meetings, oldest first
    meeting_count: int


@dataclass(frozen=True)
class CommitteesPage:
    committees: tuple[Committee, ...]
    meetings_by_committee: dict[str, tuple[Meeting, ...]]  # committee slug -> its meetings, oldest first


@dataclass(frozen=True)
class YearsPage:
    meeting_counts: dict[int, int]  # calendar year -> meetings that year, oldest year first
    known_counts: dict[int, int]  # calendar year -> meetings known from papers, not in the archive


@dataclass(frozen=True)
class SearchPage:
    pass


@dataclass(frozen=True)
class NotFoundPage:
    pass


@dataclass(frozen=True)
class AccessibilityPage:
    has_attachments: bool  # whether any meeting publishes files the site cannot make accessible


@dataclass(frozen=True)
class CommitteeYear:
    """A municipal year of a committee: its meetings, the meetings known only from its minutes
    and work programmes, and who sat at each meeting."""

    year: int
    meetings: tuple[Meeting, ...]
    known: tuple[KnownMeeting, ...]
    grid: MembershipGrid


@dataclass(frozen=True)
class CommitteePage:
    committee: Committee
    years: tuple[CommitteeYear, ...]  # newest first
    meeting_count: int
    outstanding_actions: int


@dataclass(frozen=True)
class ActionsPage:
    committee: Committee
    outstanding: tuple[Action, ...]
    closed: tuple[Action, ...]


@dataclass(frozen=True)
class PeoplePage:
    everyone: tuple[Person, ...]  # the people registry, in its order
    attended_counts: dict[str, int]  # person slug -> meetings whose minutes record them there


@dataclass(frozen=True)
class PersonPage:
    person: Person
    role_committees: dict[str, Committee]  # the committees the person's roles name, by slug
    memberships: tuple[CommitteeMembership, ...]  # newest year first
    attended: int  # meetings whose minutes record them there
    years: tuple[YearAttendance, ...]
    appearances: tuple[Appearance, ...]
    declarations: tuple[Declared, ...]
    vote_parts: tuple[VotePart, ...]
    task_groups: tuple[TaskGroupPlace, ...]
    mentions: tuple[Mention, ...]
    papers: tuple[Authored, ...]


@dataclass(frozen=True)
class TopicsPage:
    topics: tuple[Topic, ...]
    entries_by_topic: dict[str, tuple[TopicEntry, ...]]  # topic slug -> its entries, newest first


@dataclass(frozen=True)
class TopicPage:
    topic: Topic
    entries: tuple[TopicEntry, ...]  # newest first
    related: tuple[RelatedTopic, ...]


@dataclass(frozen=True)
class YearPage:
    year: int
    meetings: tuple[Meeting, ...]
    known: tuple[KnownMeeting, ...]  # meetings that year known from papers, not in the archive


@dataclass(frozen=True)
class MeetingPage:
    meeting: Meeting
    previous: Meeting | None  # of the same committee
    next: Meeting | None
    municipal_year: int
    approval: Backlink | None  # where its minutes were (or are to be) agreed
    membership: Membership | None
    actions_by_item: dict[int, tuple[Action, ...]]  # minute number -> actions it made
    backlinks: dict[int, tuple[Backlink, ...]]  # minute number -> the minutes that refer to it
    topics_by_slug: dict[str, Topic]  # the topics its minutes and agenda are tagged with


@dataclass(frozen=True)
class DocumentPage:
    meeting: Meeting
    document: Document


@dataclass(frozen=True)
class DecisionsPage:
    decisions: tuple[Decision, ...]
    groups: tuple[tuple[Meeting, tuple[Decision, ...]], ...]  # the decisions by meeting, in order
    filters: tuple[Filter, ...]
    current: Filter | None  # the filter this page shows; None on the whole register
    topics_by_slug: dict[str, Topic]  # the topics its decisions are tagged with


@dataclass(frozen=True)
class DataPage:
    datasets: tuple[Dataset, ...]
    followed: tuple[Subscription, ...]  # the feeds and calendars the page lists


PageContext = (
    HomePage
    | CommitteesPage
    | YearsPage
    | SearchPage
    | NotFoundPage
    | AccessibilityPage
    | CommitteePage
    | ActionsPage
    | PeoplePage
    | PersonPage
    | TopicsPage
    | TopicPage
    | YearPage
    | MeetingPage
    | DocumentPage
    | DecisionsPage
    | DataPage
)


def template_names(context: PageContext) -> dict[str, Any]:
    """The context's fields, as the names its template reads."""
    return {field.name: getattr(context, field.name) for field in fields(context)}
