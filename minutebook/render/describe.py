"""Each page's <meta name="description">: a sentence or two drawn from the page's own content,
which search engines show under the link and Lighthouse asks for.

A meeting is described by what it decided (the items with a resolution), a person by their role,
a topic and a committee by their descriptions, a paper by its subject or opening words; the
browse pages by what they list. Every description names what makes its page different from the
others, so no two pages share one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..config import SiteConfig
from ..markup import sections
from ..model import MeetingStatus
from ..search.documents import is_procedural, item_kind
from .contexts import (
    ActionsPage,
    CommitteePage,
    CommitteesPage,
    DataPage,
    DocumentPage,
    HomePage,
    MeetingPage,
    NotFoundPage,
    PageContext,
    PeoplePage,
    PersonPage,
    SearchPage,
    TopicPage,
    TopicsPage,
    YearPage,
    YearsPage,
)

LIMIT = 160
_SPACES = re.compile(r"\s+")


def describe(context: PageContext, title: str, config: SiteConfig) -> str:
    """The description of a page made from `context`, at most LIMIT characters."""
    maker = _MAKERS.get(type(context))
    text = maker(context, config) if maker else ""
    return shorten(text or f"{title}: {config.title}, {config.council_name}.")


def shorten(text: str, limit: int = LIMIT) -> str:
    """Whole words up to the limit, with an ellipsis when cut."""
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–")
    return cut + "…"


def _listing(words: list[str], limit: int = 6) -> str:
    shown = words[:limit]
    more = len(words) - len(shown)
    return "; ".join(dict.fromkeys(shown)) + (f" and {more} more" if more > 0 else "")


def _long_date(date) -> str:
    return f"{date.day} {date.strftime('%B %Y')}"


def _meeting(context: MeetingPage, config: SiteConfig) -> str:
    meeting = context.meeting
    opening = f"{meeting.committee.name}, {_long_date(meeting.date)}."
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        return f"{opening} Meeting {meeting.status.value}. {meeting.status_note}"
    # Substance only: not apologies, declarations, the last minutes or "no other business".
    items = [item for item in meeting.items if not is_procedural(item_kind(item), item.title, item.text)]
    decided = [item.title for item in items if item.resolutions]
    if decided:
        return f"{opening} Decisions on: {_listing(decided)}."
    if items:
        return f"{opening} Minutes: {_listing([item.title for item in items])}."
    agenda = (
        [item.title for item in meeting.agenda.items if not is_procedural("agenda", item.title, item.paper)]
        if meeting.agenda
        else []
    )
    if agenda:
        return f"{opening} Agenda: {_listing(agenda)}."
    papers = [document.title for document in meeting.published_documents]
    if papers:
        return f"{opening} Papers: {_listing(papers)}."
    return f"{opening} {meeting.status_note}"


def _document(context: DocumentPage, config: SiteConfig) -> str:
    document, meeting = context.document, context.meeting
    lead = f"{document.title}, {document.kind.replace('-', ' ')} for the {meeting.committee.short_name} meeting of {_long_date(meeting.date)}."
    opening = document.subject
    if not opening:
        parts = [text for _, _, text in sections(document.html) if text]
        opening = parts[0] if parts else ""
    return f"{lead} {opening}"


def _person(context: PersonPage, config: SiteConfig) -> str:
    person = context.person
    about = ", ".join(part for part in (person.job_title, person.organisation) if part) or person.kind.label
    committees = context.role_committees
    roles = "; ".join(
        dict.fromkeys(
            f"{role.title}, {committees[role.committee].short_name}"
            if role.committee in committees
            else role.title
            for role in person.roles
        )
    )
    meetings = len({appearance.meeting.url for appearance in context.appearances})
    seen = f" Named in the records of {meetings} meeting{'s' if meetings != 1 else ''}." if meetings else ""
    return f"{person.name}: {about}{' (' + roles + ')' if roles else ''}.{seen}"


def _topic(context: TopicPage, config: SiteConfig) -> str:
    topic = context.topic
    return (
        f"{topic.title}: {topic.description}"
        if topic.description
        else f"{topic.title}: items on this topic across meetings."
    )


def _committee(context: CommitteePage, config: SiteConfig) -> str:
    committee = context.committee
    count = context.meeting_count
    return f"{committee.name}: {committee.description or 'its meetings, members and decisions.'} {count} meetings in the archive."


def _actions(context: ActionsPage, config: SiteConfig) -> str:
    committee = context.committee
    return f"Actions asked for by the {committee.name}: {len(context.outstanding)} outstanding, {len(context.closed)} done."


def _year(context: YearPage, config: SiteConfig) -> str:
    meetings = context.meetings
    if not meetings:  # a year of meetings known from the archive's papers only
        return (
            f"No meetings of {context.year} in the archive; {len(context.known)} known from the minutes or work programmes: "
            + _listing([f"{k.committee.short_name}, {_long_date(k.date)}" for k in context.known], 4)
            + "."
        )
    return (
        f"{len(meetings)} meeting{'s' if len(meetings) != 1 else ''} in {context.year}: "
        + _listing([f"{m.committee.short_name}, {_long_date(m.date)}" for m in meetings], 4)
        + "."
    )


def _years(context: YearsPage, config: SiteConfig) -> str:
    years = sorted(context.meeting_counts)
    span = f"from {years[0]} to {years[-1]}" if years else ""
    return f"Every meeting of {config.council_name}'s committees in the archive, by year, {span}: minutes, agendas and papers."


def _home(context: HomePage, config: SiteConfig) -> str:
    latest = context.latest
    newest = (
        f" Latest minutes: {latest[0].committee.short_name}, {_long_date(latest[0].date)}." if latest else ""
    )
    return f"{config.title}: the minutes, agendas, decisions and papers of {config.council_name}'s committees, {context.meeting_count} meetings, searchable.{newest}"


def _committees(context: CommitteesPage, config: SiteConfig) -> str:
    return (
        f"The committees of {config.council_name} in the archive: "
        + _listing([committee.name for committee in context.committees])
        + "."
    )


def _people(context: PeoplePage, config: SiteConfig) -> str:
    return f"The {len(context.everyone)} councillors, officers and others named in the minutes of {config.council_name}, with the meetings they attended and the posts they held."


def _topics(context: TopicsPage, config: SiteConfig) -> str:
    return (
        "Topics that group items across meetings: "
        + _listing([topic.title for topic in context.topics])
        + "."
    )


def _search(context: SearchPage, config: SiteConfig) -> str:
    return f"Search the minutes, agendas, decisions and papers of {config.council_name}'s committees by word, name or question."


def _not_found(context: NotFoundPage, config: SiteConfig) -> str:
    return f"This page is not in {config.title}. Find a meeting by committee, by year or with search."


def _data(context: DataPage, config: SiteConfig) -> str:
    return f"Open data, feeds and calendars of {config.title}: meetings, decisions and attendance to download or follow."


# The kinds of page not here (the accessibility statement, the decisions register) are described
# by their title and the site's.
_MAKERS: dict[type, Callable[..., str]] = {
    MeetingPage: _meeting,
    DocumentPage: _document,
    PersonPage: _person,
    TopicPage: _topic,
    CommitteePage: _committee,
    ActionsPage: _actions,
    YearPage: _year,
    YearsPage: _years,
    HomePage: _home,
    CommitteesPage: _committees,
    PeoplePage: _people,
    TopicsPage: _topics,
    SearchPage: _search,
    NotFoundPage: _not_found,
    DataPage: _data,
}
