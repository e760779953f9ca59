"""`build.py new`: a meeting file ready for the clerk to fill in, pre-filled from the archive.

The file takes the committee's current membership, its usual start time, venue and agenda
contact, and the standing agenda items (apologies, declarations, minutes of the previous meeting
with its date, any other business). Notes for the clerk are YAML comments, which are never
published. The text is checked with the build's own validation before it is written, and an
existing file is never overwritten.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .archive import latest_membership
from .config import SiteConfig
from .contentformat import meeting_file_text, scalar, split_role, write_meeting_file
from .diagnostics import Diagnostic, Diagnostics, did_you_mean, relative_label
from .load import parse_source_text
from .model import AttendanceRole, Meeting, MeetingStatus, municipal_year
from .render.filters import short_date
from .resolve import resolve_site
from .validate import ValidatedSite, meeting_order
from .validate.documents import DocumentLoader
from .validate.meetings import MEMBERSHIP_GROUPS, read_meeting

GROUP_KEYS = {heading: key for key, heading in MEMBERSHIP_GROUPS.items()}
ANY_OTHER_BUSINESS = "Any other items of business which the Chair decides to take as matters of urgency because of the special circumstances involved."


class CannotCreate(Exception):
    """The meeting file cannot be made as asked; `hint` says what to do instead."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class NewMeeting:
    path: Path
    label: str  # the path as the clerk types it, e.g. content/meetings/2023/2023-06-15-scrutiny-board-2.md
    text: str


@dataclass(frozen=True)
class _Context:
    """What the archive already says about the committee, as of the new meeting's date."""

    previous: Meeting | None  # the last meeting before this one that took place or is due to
    membership_source: Meeting | None
    membership: list[tuple[str, list[str]]]  # (members | co_opted | by_invitation, names)
    start: tuple[str, Meeting] | None
    venue: tuple[str, Meeting] | None
    agenda_source: Meeting | None  # the latest agenda naming who issued it or whom to contact
    officers: list[tuple[str, list[str]]]  # (directorate, names) at the latest meeting with minutes
    first_minute: int


def plan_new_meeting(
    config: SiteConfig, site: ValidatedSite, committee_slug: str, date: dt.date
) -> NewMeeting:
    committees = {committee.slug: committee for committee in site.committees}
    committee = committees.get(committee_slug)
    if committee is None:
        hint = (
            did_you_mean(committee_slug, committees)
            or f"use one of: {', '.join(sorted(committees)) or 'none yet'}; a new committee needs content/committees/{committee_slug}.yaml first"
        )
        raise CannotCreate(f"there is no committee '{committee_slug}'", hint)
    site_root = config.content_dir.parent
    path = config.content_dir / "meetings" / str(date.year) / f"{date.isoformat()}-{committee.slug}.md"
    label = relative_label(path, site_root)
    if path.exists():
        raise CannotCreate(
            f"{label} already exists", "edit that file instead; 'new' never overwrites a meeting"
        )
    address = f"meetings/{date.year}/{date.isoformat()}-{committee.slug}/"
    if address in site.addresses:
        raise CannotCreate(
            f"{site.addresses[address]} is already this meeting ({address})",
            "edit that file instead; for a second meeting on the same day, copy it and give the copy a 'permalink:'",
        )
    earlier = tuple(m for m in site.meetings if m.committee.slug == committee.slug and m.date < date)
    context = _context(earlier, municipal_year(date, config.municipal_year_start_month))
    return NewMeeting(path, label, _meeting_text(committee.name, committee.slug, date, context))


def check_new_meeting(
    new: NewMeeting, config: SiteConfig, site: ValidatedSite, build_date: dt.date
) -> list[Diagnostic]:
    """Check the new file's text as the build will (validated, then resolved with the rest of the
    archive, so every name must be a known person), before it is written."""
    diagnostics = Diagnostics()
    source = parse_source_text(new.text, new.path, new.label, diagnostics)
    if source is None:
        return diagnostics.sorted()
    committees = {committee.slug: committee for committee in site.committees}
    topics = {topic.slug: topic for topic in site.topics}
    documents = DocumentLoader(config.content_dir, build_date, topics, diagnostics)
    result = read_meeting(
        source, committees, topics, documents, config.municipal_year_start_month, build_date, diagnostics
    )
    if result.meeting is not None:
        with_new = dataclasses.replace(
            site, meetings=tuple(sorted((*site.meetings, result.meeting), key=meeting_order))
        )
        resolve_site(with_new, config.municipal_year_start_month, build_date, diagnostics)
    return [diagnostic for diagnostic in diagnostics.sorted() if diagnostic.pos.path == new.label]


def write_new_meeting(new: NewMeeting) -> None:
    try:
        write_meeting_file(new.path, new.text, exclusive=True)
    except FileExistsError:
        raise CannotCreate(
            f"{new.label} already exists", "edit that file instead; 'new' never overwrites a meeting"
        ) from None


def _context(earlier: tuple[Meeting, ...], series: int) -> _Context:
    took_place = [m for m in earlier if m.status in (MeetingStatus.HELD, MeetingStatus.SCHEDULED)]
    source, groups = latest_membership(earlier)
    membership = [(GROUP_KEYS[heading], names) for heading, names in groups if heading in GROUP_KEYS]
    start = next(((f"{m.start:%H:%M}", m) for m in reversed(took_place) if m.start), None)
    venue = next(((m.venue, m) for m in reversed(took_place) if m.venue), None)
    agenda_source = next(
        (m for m in reversed(earlier) if m.agenda and (m.agenda.issued_by or m.agenda.contact)), None
    )
    numbered = [m for m in earlier if m.items and m.minute_series == series]
    first_minute = max(item.number for item in numbered[-1].items) + 1 if numbered else 1
    officers: dict[str, list[str]] = {}
    attended = next((m for m in reversed(earlier) if m.attendees(AttendanceRole.OFFICER)), None)
    for attendee in attended.attendees(AttendanceRole.OFFICER) if attended else ():
        officers.setdefault(attendee.group, []).append(attendee.person.written)
    return _Context(
        took_place[-1] if took_place else None,
        source,
        membership,
        start,
        venue,
        agenda_source,
        list(officers.items()),
        first_minute,
    )


def _meeting_text(committee_name: str, slug: str, date: dt.date, context: _Context) -> str:
    folder = f"{date.isoformat()}-{slug}"
    lines = [
        f"# A meeting of {committee_name}, made by 'build.py new'.",
        "# Lines starting with '#' are notes for you and are never published. The handbook pages",
        "# 'Adding a meeting' and 'The meeting file format' (help/ on the site) explain every field.",
        f"committee: {slug}",
        f"date: {date.isoformat()}",
    ]
    if context.start:
        time, meeting = context.start
        lines.append(
            f'start: "{time}"' + _note(f"as at the meeting of {short_date(meeting.date)}: check the summons")
        )
    else:
        lines.append('# start: "10:00"          # 24-hour time, in quotes')
    lines.append('# end: "12:10"            # after the meeting: when it closed')
    if context.venue:
        venue, meeting = context.venue
        lines.append(
            f"venue: {scalar(venue)}" + _note(f"as at the meeting of {short_date(meeting.date)}: check")
        )
    else:
        lines.append("# venue: Committee Room 3, Council House")
    lines += [
        "status: scheduled         # after the meeting: held; or cancelled / postponed, with a status_note",
        "",
        "agenda:",
        f"  # published: {date - dt.timedelta(days=8):%Y-%m-%d}   # the date printed on the agenda",
    ]
    lines += _agenda_source_lines(context.agenda_source)
    lines += _membership_lines(context)
    lines += _standing_items(folder, context.previous)
    lines += _after_the_meeting(context)
    return meeting_file_text("\n".join(lines) + "\n")


def _agenda_source_lines(meeting: Meeting | None) -> list[str]:
    if meeting is None or meeting.agenda is None:
        return [
            "  # issued_by: the name and title of the officer issuing the agenda",
            "  # contact: {name: ..., phone: ..., email: ...}",
        ]
    agenda = meeting.agenda
    lines = []
    note = f"from the agenda of {short_date(meeting.date)}: check"
    if agenda.issued_by:
        lines.append(f"  issued_by: {scalar(agenda.issued_by)}" + _note(note))
    if agenda.contact:
        lines.append("  contact:" + _note(note))
        for key in ("name", "service", "phone", "email"):
            value = getattr(agenda.contact, key)
            if value:
                lines.append(f"    {key}: {scalar(value)}")
    return lines


def _membership_lines(context: _Context) -> list[str]:
    if not context.membership or context.membership_source is None:
        return [
            "  # membership:             # the committee's members, as the agenda prints them",
            "  #   members:",
            "  #     - Councillor A Name (Chair)",
        ]
    source = context.membership_source
    printed = "agenda" if source.agenda and source.agenda.membership else "attendance"
    lines = [
        "  membership:"
        + _note(f"from the {printed} of {short_date(source.date)}: check against the council's list")
    ]
    for key, names in context.membership:
        lines.append(f"    {key}:")
        lines += [f"      - {scalar(name)}" for name in names]
    return lines


def _standing_items(folder: str, previous: Meeting | None) -> list[str]:
    if previous:
        minutes_of = f"To agree the minutes of the meeting held on {short_date(previous.date)}"
    else:
        minutes_of = "To agree the minutes of the previous meeting"
    lines = [
        "  items:",
        "    - number: 1",
        "      title: Apologies and Substitutions",
        "    - number: 2",
        "      title: Declarations of Interests",
        "    - number: 3",
        "      title: Minutes",
        "      subitems:",
        f"        - {minutes_of}"
        + ("" if previous else "   # no earlier meeting is in the archive: add its date"),
        "        - Matters Arising",
        "    # Add this meeting's business here, numbered from 4, then renumber Any Other Business:",
        "    # - number: 4",
        "    #   title: Libraries Update",
        "    #   pages: 7 - 12",
        "    #   paper: Briefing Note of the Director of Children's Services",
        "    #   documents:                 # papers go in a folder named like this file, next to it",
        f"    #     - {folder}/libraries-update.md",
        "    - number: 4",
        "      title: Any Other Business",
        f"      description: {ANY_OTHER_BUSINESS}",
    ]
    return lines


def _after_the_meeting(context: _Context) -> list[str]:
    """The attendance and declarations as notes, ready to un-comment: names come from the archive,
    so the lines are valid as they stand and the clerk only removes who was absent."""
    members = next(
        (names for key, names in context.membership if key == "members"), ["Councillor A Name (Chair)"]
    )
    co_opted = next((names for key, names in context.membership if key == "co_opted"), [])
    lines = [
        "",
        "# After the meeting: set 'status: held', then remove the '# ' from the lines below that apply",
        "# and fill them in (leave out who was absent; list them under apologies).",
        "# attendance:",
        "#   members:",
    ]
    lines += [f"#     - {scalar(name)}" for name in members]
    if co_opted:
        lines.append("#   co_opted:")
        lines += [f"#     - {scalar(name)}" for name in co_opted]
    lines.append(
        "#   officers:                # grouped by directorate, like 'Law and Governance:' then the names"
    )
    for directorate, names in context.officers:
        lines.append(f"#     {scalar(directorate)}:")
        lines += [f"#       - {scalar(name)}" for name in names]
    declaring = scalar(split_role(members[0])[0])
    lines += [
        "#   apologies:               # the members who sent apologies, one '- ' line each",
        "# declarations:              # only if any were made",
        f"#   - member: {declaring}",
        f"#     items: [{context.first_minute + 1}]   # the minute numbers the interest concerns",
        "#     nature: Other interest",
        "#",
        "# Then write the minutes below the closing '---' line, one heading per minute item:",
        f"# ## {context.first_minute}. Apologies and Substitutions",
        f"# ({_numbering_note(context)})",
    ]
    return lines


def _numbering_note(context: _Context) -> str:
    if context.first_minute == 1:
        return "the first minutes of a municipal year are numbered from 1"
    return f"minute numbers run on through the municipal year: the last minutes ended at {context.first_minute - 1}"


def _note(text: str) -> str:
    return "   # " + text
