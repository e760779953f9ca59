"""schema.org JSON-LD for the pages: an Event for each meeting, a Person for each person, and a
BreadcrumbList wherever a page shows breadcrumbs. Search engines and calendar tools read these.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from markupsafe import Markup

from ..config import SiteConfig
from ..model import Meeting, MeetingStatus, Person, minutes_missing
from ..resolve.people import CommitteeMembership
from .contexts import MeetingPage, PageContext, PersonPage
from .moments import iso_moment

SCHEMA = "https://schema.org"
EVENT_STATUS = {
    MeetingStatus.SCHEDULED: "EventScheduled",
    MeetingStatus.HELD: "EventScheduled",  # schema.org has no status for an event that has taken place
    MeetingStatus.CANCELLED: "EventCancelled",
    MeetingStatus.POSTPONED: "EventPostponed",
}
# Inside <script>, a string holding '</script>' or '<!--' would end or confuse the element. JSON
# allows any character to be written as \uXXXX, so these never appear literally.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script(data: dict[str, Any]) -> Markup:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def council(config: SiteConfig) -> dict[str, Any]:
    organisation: dict[str, Any] = {"@type": "GovernmentOrganization", "name": config.council_name}
    if config.council_website:
        organisation["url"] = config.council_website
    return organisation


def event(meeting: Meeting, config: SiteConfig, build_date: dt.date | None = None) -> dict[str, Any]:
    """The meeting as a schema.org Event. A past meeting without minutes in the archive has no
    eventStatus: EventScheduled would say it took place as scheduled, which the archive does not record."""
    page = config.absolute_url(meeting.url)
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Event",
        "@id": f"{page}#meeting",
        "name": meeting.title,
        "url": page,
        "startDate": iso_moment(meeting, config.zone, "start"),
    }
    end = iso_moment(meeting, config.zone, "end")
    if end:
        data["endDate"] = end
    if build_date is None or not minutes_missing(meeting, build_date):
        data["eventStatus"] = f"{SCHEMA}/{EVENT_STATUS[meeting.status]}"
    locations: list[dict[str, Any]] = []
    if meeting.venue:
        locations.append({"@type": "Place", "name": meeting.venue, "address": meeting.venue})
    if meeting.remote:
        locations.append({"@type": "VirtualLocation", "url": meeting.webcast or page})
    if locations:
        mode = (
            "MixedEventAttendanceMode"
            if len(locations) > 1
            else ("OnlineEventAttendanceMode" if meeting.remote else "OfflineEventAttendanceMode")
        )
        data["eventAttendanceMode"] = f"{SCHEMA}/{mode}"
        data["location"] = locations[0] if len(locations) == 1 else locations
    data["organizer"] = council(config)
    if meeting.webcast:
        data["recordedIn"] = {
            "@type": "VideoObject",
            "name": f"Webcast: {meeting.title}",
            "url": meeting.webcast,
        }
    return data


def person(
    person: Person, memberships: tuple[CommitteeMembership, ...], config: SiteConfig
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Person",
        "@id": f"{config.absolute_url(person.url)}#person",
        "name": person.name,
        "url": config.absolute_url(person.url),
    }
    if person.full_name:
        data["alternateName"] = person.full_name
    if person.job_title:
        data["jobTitle"] = person.job_title
    if person.organisation:
        data["affiliation"] = {"@type": "Organization", "name": person.organisation}
    committees = {seat.committee.slug: seat.committee for seat in memberships}
    if committees:
        data["memberOf"] = [
            {
                "@type": "GovernmentOrganization",
                "name": committee.name,
                "url": config.absolute_url(f"committees/{slug}/"),
                "parentOrganization": council(config),
            }
            for slug, committee in sorted(committees.items())
        ]
    return data


def breadcrumb_list(trail: list[tuple[str, str]], config: SiteConfig) -> dict[str, Any]:
    """The trail a page's breadcrumbs show (home first), as a BreadcrumbList."""
    steps = [("Home", ""), *trail]
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": label, "item": config.absolute_url(target)}
            for position, (label, target) in enumerate(steps, start=1)
        ],
    }


def page_structured_data(context: PageContext, config: SiteConfig, build_date: dt.date) -> Markup:
    """The JSON-LD that describes what a page is about (breadcrumbs come with the breadcrumbs)."""
    if isinstance(context, MeetingPage):
        return script(event(context.meeting, config, build_date))
    if isinstance(context, PersonPage):
        return script(person(context.person, context.memberships, config))
    return Markup("")
