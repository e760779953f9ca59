"""One meeting file -> a Meeting, with every problem reported against its line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..clock import Clock, embargo_field
from ..contentformat import split_role
from ..diagnostics import Diagnostics, SourcePos, did_you_mean
from ..fields import Fields, Missing, address_parts, parse_municipal_year, present
from ..load import SourceFile
from ..markup import html_to_text, render_inline, render_markdown
from ..model import (
    PAGE_RANGE,
    SCHEDULE_12A,
    ActionStatus,
    ActionUpdate,
    Agenda,
    AgendaItem,
    AttendanceRole,
    Attendee,
    Committee,
    Contact,
    Declaration,
    DocumentRef,
    Item,
    Meeting,
    MeetingStatus,
    NamedPerson,
    PrivateGrounds,
    Source,
    SourceKind,
    TaskGroup,
    Topic,
    Vote,
    VoteResult,
    VoteSide,
    municipal_year,
)
from .documents import DocumentLoader
from .minutes import ITEM_HEADING_OFFSET, decisions_in_prose, segment_item, split_items
from .registry import check_topic

MEETING_FIELDS = {
    "committee",
    "date",
    "start",
    "end",
    "venue",
    "remote",
    "webcast",
    "status",
    "status_note",
    "minute_series",
    "permalink",
    "agenda",
    "attendance",
    "declarations",
    "items",
    "documents",
    "draft",
    "embargo_until",
    "source",
    "action_updates",
    "sources",
}
SOURCE_FIELDS = {"title", "kind", "url", "path"}
ITEM_FIELDS = {"topics", "private", "documents", "confidential", "task_groups", "actions", "votes"}
ACTION_ID = re.compile(r"^\d{4}-\d{2}-\d{2}(?:-[a-z0-9-]+)?/\d+(?:\.\d+)?$")
ATTENDANCE_LISTS = {
    "members": AttendanceRole.MEMBER,
    "co_opted": AttendanceRole.CO_OPTED,
    "cabinet_members": AttendanceRole.CABINET_MEMBER,
    "other_members": AttendanceRole.OTHER_MEMBER,
    "invited": AttendanceRole.INVITED,
    "apologies": AttendanceRole.APOLOGIES,
}
VOTE_SIDES = {"for": "For", "against": "Against", "abstain": "Abstained"}
VOTE_FIELDS = {"motion", "kind", "moved", "seconded", "result", *VOTE_SIDES}
MEMBERSHIP_GROUPS = {"members": "Members", "co_opted": "Co-opted members", "by_invitation": "By invitation"}
_PERMALINK = re.compile(r"^meetings/\d{4}/[a-z0-9]+(?:-[a-z0-9]+)*/$")
# Characters a web address cannot contain as typed (RFC 3986); browsers' address bars encode them.
_NOT_IN_URLS = re.compile(r"[\s<>\"{}|\\^`\x00-\x1f\x7f]")
_EMAIL = re.compile(
    r"^[^@\s<>\"(),;:\\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)


@dataclass(frozen=True)
class MeetingResult:
    meeting: Meeting | None
    published: bool  # False for drafts and meetings under embargo
    date_pos: SourcePos | None = None  # where the date is written, for problems with the address


def parse_name(written: str, pos, split_role_dash: bool = False) -> NamedPerson:
    """'Councillor K Sandhu (Chair)' -> name 'Councillor K Sandhu', role 'Chair'."""
    name, role = split_role(written, dash=split_role_dash)
    return NamedPerson(written=written.strip(), name=name, role=role, pos=pos)


def read_meeting(
    source: SourceFile,
    committees: dict[str, Committee],
    topics: dict[str, Topic],
    documents: DocumentLoader,
    start_month: int,
    build_date: dt.date,
    diagnostics: Diagnostics,
    clock: Clock | None = None,
) -> MeetingResult:
    """`clock` is the build's date and time in the council's time zone; without one, the build
    runs at the start of `build_date` in UTC."""
    clock = clock or Clock.start_of(build_date, dt.UTC)
    top = Fields.of(source.meta, (), source.meta.data, diagnostics, "a meeting file")
    if top is None:
        return MeetingResult(None, False)
    top.check_known(MEETING_FIELDS)

    committee_slug = top.slug("committee", required=True, example="scrutiny-board-2")
    committee = None
    if isinstance(committee_slug, str):
        committee = committees.get(committee_slug)
        if committee is None:
            hint = (
                did_you_mean(committee_slug, committees)
                or f"add content/committees/{committee_slug}.yaml, or use one of: {', '.join(sorted(committees)) or 'none defined yet'}"
            )
            top.error("committee", "unknown-committee", f"there is no committee '{committee_slug}'", hint)
    date = top.date("date", required=True)
    start = top.time("start")
    end = top.time("end")
    if isinstance(start, dt.time) and isinstance(end, dt.time) and end <= start:
        top.error(
            "end",
            "time-order",
            f"the meeting ends ({end:%H:%M}) before it starts ({start:%H:%M})",
            'check the times; use the 24-hour clock, so 2.30 pm is "14:30"',
        )
    status_text = top.choice("status", tuple(s.value for s in MeetingStatus), required=True)
    webcast = _web_address(top, "webcast")
    draft = top.flag("draft")
    embargo = embargo_field(top, clock.zone)
    if embargo is not None and embargo.moment is not None:
        documents.moments.add(embargo.moment)
    # Blank privacy fields withhold the meeting (and stop the build) rather than publish it.
    draft |= top.blank_privacy(
        "draft",
        "the meeting",
        "write 'draft: true' to keep the meeting unpublished, or remove the line to publish it",
    )
    draft |= top.blank_privacy(
        "embargo_until",
        "the meeting",
        "write the date it may be published, like 'embargo_until: 2020-02-13', or remove the line",
    )

    series = None
    if top.has("minute_series"):
        series_text = present(top.text("minute_series")) or ""
        series = parse_municipal_year(series_text)
        if series is None:
            top.error(
                "minute_series",
                "minute-series",
                f"'{series_text}' is not a municipal year",
                "write it like 2019/20",
            )
    if series is None and isinstance(date, dt.date):
        series = municipal_year(date, start_month)

    url = None
    if top.has("permalink"):
        permalink = present(top.text("permalink")) or ""
        if not _PERMALINK.match(permalink):
            top.error(
                "permalink",
                "permalink",
                f"'{permalink}' is not a meeting address",
                "write it like meetings/2020/2020-02-13-scrutiny-board-2-reconvened/",
            )
        else:
            url = permalink
    if url is None and isinstance(date, dt.date) and isinstance(committee_slug, str):
        url = f"meetings/{date.year}/{date.isoformat()}-{committee_slug}/"

    base_dir = source.path.parent
    withheld = _private_document_paths(top.value, base_dir)
    raw_items = split_items(source.body, source.body_line, source.label, diagnostics)
    item_facts = _item_facts(top, raw_items, base_dir, documents, url or "", topics, withheld, diagnostics)
    items = _items(raw_items, item_facts, diagnostics, source.label)
    declarations = _declarations(top, {item.number for item in items}, bool(items))
    attendance = _attendance(top)
    sources = _sources(top, base_dir, documents, url or "", withheld)
    agenda = _agenda(
        top,
        base_dir,
        documents,
        url or "",
        topics,
        withheld,
        any(s.kind is SourceKind.AGENDA_PACK for s in sources),
    )
    meeting_documents = tuple(
        documents.refs(top, "documents", base_dir, url or "", private=False, withheld=withheld)
    )

    if status_text == MeetingStatus.CANCELLED.value and items:
        top.error(
            "status",
            "cancelled-with-minutes",
            "the meeting is marked cancelled but has minutes",
            "change status to held, or remove the minutes",
        )
    if (
        isinstance(date, dt.date)
        and source.path.parent.name.isdigit()
        and source.path.parent.name != str(date.year)
    ):
        diagnostics.warning(
            top.pos("date"),
            "folder-year",
            f"the file is in the folder '{source.path.parent.name}' but the meeting is in {date.year}",
            f"move it to content/meetings/{date.year}/",
        )

    if (
        committee is None
        or date is None
        or isinstance(date, Missing)
        or status_text is None
        or isinstance(status_text, Missing)
        or url is None
        or series is None
    ):
        return MeetingResult(None, False)
    published = not draft and not (embargo and embargo.holds(clock))
    date_pos = top.pos("date")
    meeting = Meeting(
        committee=committee,
        date=date,
        start=present(start),
        end=present(end),
        venue=present(top.text("venue")) or "",
        remote=top.flag("remote"),
        webcast=webcast,
        status=MeetingStatus(status_text),
        status_note=present(top.text("status_note")) or "",
        minute_series=series,
        url=url,
        agenda=agenda,
        attendance=attendance,
        declarations=declarations,
        items=items,
        documents=meeting_documents,
        source_label=source.label,
        digest=source.digest,
        action_updates=_action_updates(top),
        sources=sources,
    )
    return MeetingResult(meeting, published, date_pos)


def _web_address(fields: Fields, key: str) -> str:
    """The web address written under `key`, or "" when there is none or it is not one (reported)."""
    address = present(fields.text(key)) or ""
    if not address:
        return ""
    parts = address_parts(address)
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        fields.error(
            key,
            "url",
            f"'{address}' is not a web address",
            "copy the full address, starting with https://",
        )
        return ""
    if _NOT_IN_URLS.search(address):
        fields.error(
            key,
            "url",
            f"'{address}' is not a web address: it has spaces, quotes or brackets",
            "copy the address from the browser's address bar",
        )
        return ""
    return address


def _sources(
    top: Fields, base_dir: Path, documents: DocumentLoader, url: str, withheld: frozenset[Path]
) -> tuple[Source, ...]:
    """The official documents the meeting names: each at the council's address or a file of its own."""
    sources = []
    pack: Source | None = None
    for fields in top.each_mapping("sources", "an official document"):
        fields.check_known(SOURCE_FIELDS)
        kind_text = fields.choice("kind", tuple(kind.value for kind in SourceKind), required=True)
        if not isinstance(kind_text, str):
            continue
        kind = SourceKind(kind_text)
        title = present(fields.text("title")) or kind.label
        written = {key for key in ("url", "path") if present(fields.text(key))}
        if len(written) != 1:
            fields.diagnostics.error(
                fields.pos("path") if written else fields.pos(),
                "source-address",
                f"the {kind.label.lower()} has {'both a web address and a file' if written else 'no web address or file'}",
                "write 'url:' with the council's address of the document, or 'path:' with a file in the meeting's folder, not both",
            )
            continue
        address = _web_address(fields, "url")
        attachment = None
        if "path" in written:
            path = present(fields.text("path")) or ""
            if path.lower().endswith(".md"):
                fields.error(
                    "path",
                    "source-path",
                    f"'{path}' is a Markdown paper, not the document as the council published it",
                    "list Markdown papers under 'documents:'; name the published file (usually a PDF) here",
                )
                continue
            refs = documents.refs(fields, "path", base_dir, url, private=False, withheld=withheld)
            attachment = refs[0].attachment if refs else None
            if attachment is None:  # reported by the loader, or withheld
                continue
        elif not address:  # reported by _web_address
            continue
        source = Source(title, kind, address, attachment, fields.pos())
        if kind is SourceKind.AGENDA_PACK:
            if pack is not None:
                fields.error(
                    "kind",
                    "source-pack",
                    f"the meeting names a second agenda pack (the first is on line {pack.pos.line})",
                    "the agenda items' pages are in one pack: name any other as 'supplementary-pack'",
                )
                continue
            pack = source
        sources.append(source)
    return tuple(sources)


def _private_document_paths(meta: dict, base_dir: Path) -> frozenset[Path]:
    """Every document listed under a private minute or agenda item. They are never published,
    even where the same document is listed again under a public item."""
    listings = []
    items = meta.get("items")
    if isinstance(items, dict):
        listings += [
            facts.get("documents")
            for facts in items.values()
            if isinstance(facts, dict) and _private_or_blank(facts)
        ]
    agenda = meta.get("agenda")
    if isinstance(agenda, dict) and isinstance(agenda.get("items"), list):
        listings += [
            item.get("documents")
            for item in agenda["items"]
            if isinstance(item, dict) and (item.get("private") is True or _private_or_blank(item, flag=True))
        ]
    paths = set()
    for listing in listings:
        for entry in listing if isinstance(listing, list) else [listing]:
            path = entry.get("path") if isinstance(entry, dict) else entry
            if isinstance(path, str) and path.strip():
                paths.add((base_dir / path.strip()).resolve())
    return frozenset(paths)


def _private_or_blank(facts: dict, flag: bool = False) -> bool:
    """'private:' written blank counts as private (it is also an error, blank-privacy)."""
    if "private" in facts and facts["private"] is None:
        return True
    return not flag and bool(facts.get("private"))


@dataclass(frozen=True)
class _ItemFacts:
    topics: tuple[str, ...] = ()
    private: PrivateGrounds | None = None
    documents: tuple[DocumentRef, ...] = ()
    task_groups: tuple[TaskGroup, ...] = ()
    action_points: tuple[int, ...] | None = None
    votes: tuple[Vote, ...] = ()


def _topics(fields: Fields, topics: dict[str, Topic]) -> tuple[str, ...]:
    return tuple(
        slug for slug, pos in fields.text_list("topics") if check_topic(slug, pos, topics, fields.diagnostics)
    )


def _item_facts(
    top: Fields,
    raw_items,
    base_dir: Path,
    documents: DocumentLoader,
    url: str,
    topics: dict[str, Topic],
    withheld: frozenset[Path],
    diagnostics: Diagnostics,
) -> dict[int, _ItemFacts]:
    section = top.child("items", "the 'items' section")
    if section is None:
        return {}
    numbers = {item.number for item in raw_items}
    facts: dict[int, _ItemFacts] = {}
    for key in section.value:
        if isinstance(key, bool) or not isinstance(key, int):
            section.key_error(
                key,
                "item-key",
                f"'{key}' is not a minute number",
                "list items under their minute number, like '44:'",
            )
            continue
        if key not in numbers:
            section.key_error(
                key,
                "unknown-item",
                f"there is no minute {key} in this file",
                "add a '## " + str(key) + ". Title' heading to the minutes, or correct the number",
            )
        fields = section.child(key, f"minute {key}")
        if fields is None:
            continue
        fields.check_known(ITEM_FIELDS)
        private = None
        if fields.blank_privacy(
            "private",
            f"minute {key}",
            "write 'private:' then, indented below it, 'paragraphs: [1, 2]' with the paragraphs of Schedule 12A, or remove the line if the item was public",
        ):
            pass
        elif fields.value.get("private") is True or fields.value.get("private") == {}:
            fields.error(
                "private",
                "exemption-missing",
                f"minute {key} is taken in private without its exemption grounds",
                "write 'private:' then, indented below it, 'paragraphs: [1, 2]' with the paragraphs of Schedule 12A cited in the exclusion resolution",
            )
        elif fields.has("private"):
            grounds = fields.child("private", f"the private grounds of minute {key}")
            if grounds is not None:
                grounds.check_known({"paragraphs", "note"})
                paragraphs = []
                for index, value in grounds.items("paragraphs"):
                    if isinstance(value, bool) or not isinstance(value, int) or value not in SCHEDULE_12A:
                        diagnostics.error(
                            grounds.item_pos("paragraphs", index),
                            "exemption",
                            f"'{value}' is not a paragraph of Part 1 of Schedule 12A",
                            "use the paragraph numbers 1 to 7 cited in the exclusion resolution",
                        )
                    else:
                        paragraphs.append(value)
                if not grounds.items("paragraphs"):
                    grounds.error(
                        "paragraphs",
                        "exemption-missing",
                        f"minute {key} is taken in private without its exemption grounds",
                        "add 'paragraphs: [1, 2]' with the paragraphs of Schedule 12A cited in the exclusion resolution",
                    )
                if paragraphs:
                    private = PrivateGrounds(
                        tuple(sorted(set(paragraphs))), present(grounds.text("note")) or ""
                    )
        present(fields.text("confidential"))
        refs = tuple(
            documents.refs(
                fields,
                "documents",
                base_dir,
                url,
                private=bool(fields.value.get("private")) or fields.blank("private"),
                withheld=withheld,
            )
        )
        groups = []
        for group in fields.each_mapping("task_groups", "a task-and-finish group"):
            group.check_known({"name", "members"})
            name = group.text("name", required=True, example="Retention of Social Workers")
            if isinstance(name, str):
                groups.append(
                    TaskGroup(name, tuple(parse_name(text, pos) for text, pos in group.text_list("members")))
                )
        action_points = None
        if "actions" in fields.value:
            points = []
            for index, value in fields.items("actions"):
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    diagnostics.error(
                        fields.item_pos("actions", index),
                        "type",
                        f"'{value}' is not the number of a resolution point",
                        "list the numbers of the resolution's points to track, like [3, 4], or [] for none",
                    )
                else:
                    points.append(value)
            action_points = tuple(points)
        facts[key] = _ItemFacts(
            _topics(fields, topics), private, refs, tuple(groups), action_points, _votes(fields, key)
        )
    return facts


def _votes(item: Fields, number: int) -> tuple[Vote, ...]:
    votes = []
    for fields in item.each_mapping("votes", f"a vote under minute {number}"):
        fields.check_known(VOTE_FIELDS)
        motion = fields.text("motion", required=True, example="That planning permission be refused.")
        kind = present(fields.choice("kind", ("motion", "amendment"))) or "motion"
        result_text = present(fields.choice("result", tuple(r.value for r in VoteResult)))
        sides = tuple(
            side for key, label in VOTE_SIDES.items() if (side := _vote_side(fields, key, label)) is not None
        )
        seen: dict[str, str] = {}
        for side in sides:
            for person in side.names:
                if person.name in seen:
                    fields.diagnostics.error(
                        person.pos,
                        "vote-twice",
                        f"{person.name} is listed as voting both {seen[person.name]} and {side.label}",
                        "list each member under one of for, against and abstain",
                    )
                seen[person.name] = side.label
        counts = {side.label: side.count for side in sides}
        result = VoteResult(result_text) if result_text else None
        in_favour, against = counts.get("For"), counts.get("Against")
        if (
            result
            and in_favour is not None
            and against is not None
            and (
                (result is VoteResult.CARRIED and in_favour < against)
                or (result is VoteResult.LOST and in_favour > against)
            )
        ):
            fields.diagnostics.warning(
                fields.pos("result"),
                "vote-result",
                f"the vote is marked {result.value} but {in_favour} voted for and {against} against",
                "check the result and the names or numbers listed",
            )
        if isinstance(motion, str):
            votes.append(
                Vote(
                    kind=kind,
                    motion=motion,
                    mover=_optional_name(fields, "moved"),
                    seconder=_optional_name(fields, "seconded"),
                    sides=sides,
                    result=result,
                    pos=fields.pos(),
                )
            )
    return tuple(votes)


def _vote_side(fields: Fields, key: str, label: str) -> VoteSide | None:
    """'for: 7' (a count) or 'for: [Councillor A Smith, ...]' (a recorded vote)."""
    value = fields.value.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            fields.error(
                key,
                "vote-count",
                f"'{key}: {value}' is not a number of votes",
                "write how many voted, like 7, or list their names",
            )
            return None
        return VoteSide(label, value, ())
    names = tuple(parse_name(written, pos) for written, pos in fields.text_list(key))
    return VoteSide(label, len(names), names)


def _optional_name(fields: Fields, key: str) -> NamedPerson | None:
    written = present(fields.text(key))
    return parse_name(written, fields.pos(key)) if written else None


def _items(raw_items, facts: dict[int, _ItemFacts], diagnostics: Diagnostics, label: str) -> tuple[Item, ...]:
    seen: dict[int, int] = {}
    items = []
    prose_decisions = decisions_in_prose(raw.body for raw in raw_items)
    for raw in raw_items:
        if raw.number in seen:
            diagnostics.error(
                SourcePos(label, raw.line),
                "duplicate-item",
                f"minute {raw.number} appears twice (first on line {seen[raw.number]})",
                "give each minute its own number",
            )
            continue
        seen[raw.number] = raw.line
        fact = facts.get(raw.number, _ItemFacts())
        segments = segment_item(raw.body, prose_decisions)
        text = html_to_text("\n".join(segment.html for segment in segments))
        items.append(
            Item(
                number=raw.number,
                title=raw.title,
                segments=segments,
                text=text,
                topics=fact.topics,
                private=fact.private,
                documents=fact.documents,
                pos=SourcePos(label, raw.line),
                task_groups=fact.task_groups,
                action_points=fact.action_points,
                votes=fact.votes,
            )
        )
    return tuple(items)


def _declarations(top: Fields, numbers: set[int], has_minutes: bool) -> tuple[Declaration, ...]:
    result = []
    for fields in top.each_mapping("declarations", "a declaration of interest"):
        fields.check_known({"member", "items", "nature", "withdrew"})
        member = fields.text("member", required=True, example="Councillor B Kaur")
        declared_items = []
        for index, value in fields.items("items"):
            if isinstance(value, bool) or not isinstance(value, int):
                fields.diagnostics.error(
                    fields.item_pos("items", index),
                    "type",
                    f"'{value}' is not a minute number",
                    "list minute numbers, like [41, 44]",
                )
            elif has_minutes and value not in numbers:
                fields.diagnostics.error(
                    fields.item_pos("items", index),
                    "unknown-item",
                    f"the declaration names minute {value}, which is not in this file",
                    "check the minute number",
                )
            else:
                declared_items.append(value)
        if isinstance(member, str):
            result.append(
                Declaration(
                    member=parse_name(member, fields.pos("member")),
                    items=tuple(declared_items),
                    nature=present(fields.text("nature")) or "",
                    withdrew=fields.flag("withdrew"),
                )
            )
    return tuple(result)


def _attendance(top: Fields) -> tuple[Attendee, ...]:
    section = top.child("attendance", "the 'attendance' section")
    if section is None:
        return ()
    section.check_known(set(ATTENDANCE_LISTS) | {"officers"})
    attendees = []
    for key, role in ATTENDANCE_LISTS.items():
        for written, pos in section.text_list(key):
            attendees.append(
                Attendee(parse_name(written, pos, split_role_dash=role is AttendanceRole.INVITED), role)
            )
    if isinstance(section.value.get("officers"), list):
        # Minutes that do not group officers by directorate list them plainly.
        for written, pos in section.text_list("officers"):
            attendees.append(Attendee(parse_name(written, pos), AttendanceRole.OFFICER))
        return tuple(attendees)
    officers = section.child("officers", "the 'officers' section")
    if officers is not None:
        for directorate in officers.value:
            for written, pos in officers.text_list(directorate):
                attendees.append(Attendee(parse_name(written, pos), AttendanceRole.OFFICER, str(directorate)))
    return tuple(attendees)


def _agenda(
    top: Fields,
    base_dir: Path,
    documents: DocumentLoader,
    url: str,
    topics: dict[str, Topic],
    withheld: frozenset[Path],
    has_pack: bool,
) -> Agenda | None:
    """`has_pack`: the meeting names its agenda pack, so each item's pages link into it."""
    if not top.has("agenda"):
        return None
    section = top.child("agenda", "the 'agenda' section")
    if section is None:
        return None
    section.check_known({"published", "issued_by", "contact", "membership", "items", "notes"})
    contact = None
    if section.has("contact"):
        contact_fields = section.child("contact", "the agenda contact")
        if contact_fields is not None:
            contact_fields.check_known({"name", "service", "phone", "email"})
            details = {
                key: present(contact_fields.text(key)) or "" for key in ("name", "service", "phone", "email")
            }
            if details["email"] and not _EMAIL.match(details["email"]):
                contact_fields.error(
                    "email",
                    "email",
                    f"'{details['email']}' is not an email address",
                    "write it like liz.knight@coventry.gov.uk",
                )
                details["email"] = ""
            contact = Contact(**details)
    membership = []
    if section.has("membership"):
        groups = section.child("membership", "the agenda membership")
        if groups is not None:
            groups.check_known(set(MEMBERSHIP_GROUPS))
            for key, heading in MEMBERSHIP_GROUPS.items():
                people = tuple(parse_name(written, pos) for written, pos in groups.text_list(key))
                if people:
                    membership.append((heading, people))
    items = []
    seen: set[int] = set()
    for fields in section.each_mapping("items", "an agenda item"):
        fields.check_known(
            {"number", "title", "pages", "paper", "description", "subitems", "documents", "private", "topics"}
        )
        number = fields.integer("number", required=True, example="4")
        title = fields.text("title", required=True, example="Libraries Update")
        if isinstance(number, int):
            if number in seen:
                fields.error(
                    "number",
                    "duplicate-agenda-item",
                    f"agenda item {number} appears twice",
                    "give each agenda item its own number",
                )
            seen.add(number)
        private = fields.flag("private") | fields.blank_privacy(
            "private",
            f"agenda item {number}" if isinstance(number, int) else "the agenda item",
            "write 'private: true' for an item taken in private, or remove the line",
        )
        refs = tuple(documents.refs(fields, "documents", base_dir, url, private=private, withheld=withheld))
        description = present(fields.text("description")) or ""
        pages = present(fields.text("pages")) or ""
        if has_pack and pages and not PAGE_RANGE.match(pages):
            fields.diagnostics.warning(
                fields.pos("pages"),
                "pages",
                f"'pages: {pages}' is not a page range, so it cannot link to the agenda pack",
                "write the pages as the agenda prints them, like '3 - 6'",
            )
        if isinstance(number, int) and isinstance(title, str):
            items.append(
                AgendaItem(
                    number=number,
                    title=title,
                    pages=pages,
                    paper=present(fields.text("paper")) or "",
                    description_html=render_markdown(description, ITEM_HEADING_OFFSET) if description else "",
                    subitems_html=tuple(render_inline(text) for text, _ in fields.text_list("subitems")),
                    documents=refs,
                    private=private,
                    topics=_topics(fields, topics),
                    pos=fields.pos(),
                )
            )
    notes = present(section.text("notes")) or ""
    return Agenda(
        published=present(section.date("published")),
        issued_by=present(section.text("issued_by")) or "",
        contact=contact,
        membership=tuple(membership),
        items=tuple(items),
        notes_html=render_markdown(notes, ITEM_HEADING_OFFSET) if notes else "",
    )


def _action_updates(top: Fields) -> tuple[ActionUpdate, ...]:
    updates = []
    for fields in top.each_mapping("action_updates", "an action update"):
        fields.check_known({"action", "status", "note", "item"})
        action_id = fields.text("action", required=True, example="2020-02-13/44.3")
        status = fields.choice("status", tuple(s.value for s in ActionStatus), required=True)
        if isinstance(action_id, str) and not ACTION_ID.match(action_id):
            fields.error(
                "action",
                "action-id",
                f"'{action_id}' is not an action reference",
                "write the meeting date, the minute number and the resolution point, like 2020-02-13/44.3",
            )
            continue
        if isinstance(action_id, str) and isinstance(status, str):
            updates.append(
                ActionUpdate(
                    action_id,
                    ActionStatus(status),
                    present(fields.text("note")) or "",
                    present(fields.integer("item")),
                    fields.pos(),
                )
            )
    return tuple(updates)
