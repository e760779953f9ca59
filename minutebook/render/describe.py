"""Each page's <meta name="description">: a sentence or two drawn from the page's own content,
which search engines show under the link and Lighthouse asks for.

A meeting is described by what it decided (the items with a resolution), a person by their role,
a topic and a committee by their descriptions, a paper by its subject or opening words; the
browse pages by what they list. Every description names what makes its page different from the
others, so no two pages share one.
"""

from __future__ import annotations

import re
from typing import Any

from ..archive import Archive
from ..markup import sections
from ..model import MeetingStatus
from ..search.documents import is_procedural, item_kind

LIMIT = 160
_SPACES = re.compile(r"\s+")


def describe(template: str, context: dict[str, Any], title: str, archive: Archive, config: Any) -> str:
    """The description of a page made from `template` with `context`, at most LIMIT characters."""
    maker = _MAKERS.get(template)
    text = maker(context, archive, config) if maker else ""
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


def _meeting(context, archive, config) -> str:
    meeting = context["meeting"]
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


def _document(context, archive, config) -> str:
    document, meeting = context["document"], context["meeting"]
    lead = f"{document.title}, {document.kind.replace('-', ' ')} for the {meeting.committee.short_name} meeting of {_long_date(meeting.date)}."
    opening = document.subject
    if not opening:
        parts = [text for _, _, text in sections(document.html) if text]
        opening = parts[0] if parts else ""
    return f"{lead} {opening}"


def _person(context, archive, config) -> str:
    person = context["person"]
    about = ", ".join(part for part in (person.job_title, person.organisation) if part) or person.kind.label
    committees = {committee.slug: committee.short_name for committee in archive.committees}
    roles = "; ".join(
        dict.fromkeys(
            f"{role.title}, {committees[role.committee]}" if role.committee in committees else role.title
            for role in person.roles
        )
    )
    meetings = len({appearance.meeting.url for appearance in archive.appearances.get(person.slug, [])})
    seen = f" Named in the records of {meetings} meeting{'s' if meetings != 1 else ''}." if meetings else ""
    return f"{person.name}: {about}{' (' + roles + ')' if roles else ''}.{seen}"


def _topic(context, archive, config) -> str:
    topic = context["topic"]
    return (
        f"{topic.title}: {topic.description}"
        if topic.description
        else f"{topic.title}: items on this topic across meetings."
    )


def _committee(context, archive, config) -> str:
    committee = context["committee"]
    count = len(archive.by_committee.get(committee.slug, ()))
    return f"{committee.name}: {committee.description or 'its meetings, members and decisions.'} {count} meetings in the archive."


def _actions(context, archive, config) -> str:
    committee = context["committee"]
    return f"Actions asked for by the {committee.name}: {len(context['outstanding'])} outstanding, {len(context['closed'])} done."


def _year(context, archive, config) -> str:
    meetings = context["meetings"]
    return (
        f"{len(meetings)} meeting{'s' if len(meetings) != 1 else ''} in {context['year']}: "
        + _listing([f"{m.committee.short_name}, {_long_date(m.date)}" for m in meetings], 4)
        + "."
    )


def _years(context, archive, config) -> str:
    years = sorted(archive.by_year)
    span = f"from {years[0]} to {years[-1]}" if years else ""
    return f"Every meeting of {config.council_name}'s committees in the archive, by year, {span}: minutes, agendas and papers."


def _home(context, archive, config) -> str:
    latest = context.get("latest") or ()
    newest = (
        f" Latest minutes: {latest[0].committee.short_name}, {_long_date(latest[0].date)}." if latest else ""
    )
    return f"{config.title}: the minutes, agendas, decisions and papers of {config.council_name}'s committees, {len(archive.meetings)} meetings, searchable.{newest}"


def _committees(context, archive, config) -> str:
    return (
        f"The committees of {config.council_name} in the archive: "
        + _listing([committee.name for committee in archive.committees])
        + "."
    )


def _people(context, archive, config) -> str:
    return f"The {len(archive.people)} councillors, officers and others named in the minutes of {config.council_name}, with the meetings they attended and the posts they held."


def _topics(context, archive, config) -> str:
    return (
        "Topics that group items across meetings: "
        + _listing([topic.title for topic in archive.topics])
        + "."
    )


def _search(context, archive, config) -> str:
    return f"Search the minutes, agendas, decisions and papers of {config.council_name}'s committees by word, name or question."


def _not_found(context, archive, config) -> str:
    return f"This page is not in {config.title}. Find a meeting by committee, by year or with search."


def _data(context, archive, config) -> str:
    return f"Open data, feeds and calendars of {config.title}: meetings, decisions and attendance to download or follow."


_MAKERS = {
    "meeting.html": _meeting,
    "document.html": _document,
    "person.html": _person,
    "topic.html": _topic,
    "committee.html": _committee,
    "actions.html": _actions,
    "year.html": _year,
    "years.html": _years,
    "home.html": _home,
    "committees.html": _committees,
    "people.html": _people,
    "topics.html": _topics,
    "search.html": _search,
    "404.html": _not_found,
    "data.html": _data,
}
