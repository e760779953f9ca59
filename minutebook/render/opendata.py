"""Open data under /data/: the archive as JSON (meetings, minute items, resolutions, attendance,
people) and CSVs of attendance, meetings, minute items and decisions (resolutions), each with a
JSON Schema (draft 2020-12) and described on /data/.

People, organisations and memberships follow Popolo; meetings use Open Civic Data event field
names where they fit. The files hold exactly what the pages publish: the archive never contains
draft or embargoed meetings, confidential notes or withheld documents, and an item taken in
private carries only its title, exemption grounds, published text and resolutions.

The records of meetings are split by the calendar year of the meeting, data/<year>/items.json and
so on, the year a meeting page's address carries (meetings/<year>/): one file for the whole
archive outgrows what static hosts accept (Cloudflare Pages takes no file over 25 MiB, and at
10,000 meetings items.json alone is several times that), while a year's file grows only with that
year's meetings. Every year's file has the same record schema. data/datapackage.json (a
Frictionless Data Package) lists every file, so a program finds them all without reading /data/.

Each meeting's records are written once, as they appear in the files (`MeetingRecords`), and kept
for the next build; each year's file is a product keyed by its meetings' records, so adding or
editing a meeting writes again only the files of its year.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from importlib import resources
from typing import Any

from ..archive import Archive
from ..config import SiteConfig
from ..model import AttendanceRole, DocumentRef, Item, Meeting, NamedPerson, Point, municipal_year_label
from ..products import Product, Reuse, finished, key_of
from . import Page
from .calendar import meeting_calendar_url
from .contexts import DataPage
from .fingerprint import meeting_key
from .moments import iso_moment
from .published import Subscription

DATA = "data/"
CATALOGUE = f"{DATA}datapackage.json"
COUNCIL_ID = "council"
# Popolo's vote options for the sides the minutes record.
VOTE_OPTIONS = {"For": "yes", "Against": "no", "Abstained": "abstain"}
# The JSON lists written for each year, data/<year>/<name>.json.
YEARLY_LISTS = ("meetings", "items", "resolutions", "attendance")
ATTENDANCE_COLUMNS = (
    "meeting_id",
    "date",
    "organization_id",
    "person_id",
    "name",
    "role",
    "status",
    "note",
    "group",
)
# The CSV files written for each year beside the JSON: file -> (the JSON list it flattens, its
# title, its columns). Each column is the JSON field of that name, flattened for a spreadsheet (a
# list's strings joined by LIST_SEPARATOR, true/false as written in JSON, an empty cell for null).
LIST_SEPARATOR = "; "
CSV_FILES = {
    "attendance.csv": ("attendance", "Attendance (CSV)", ATTENDANCE_COLUMNS),
    "meetings.csv": (
        "meetings",
        "Meetings (CSV)",
        (
            "id",
            "name",
            "organization_id",
            "status",
            "status_note",
            "minutes_in_archive",
            "start_date",
            "end_date",
            "all_day",
            "timezone",
            "municipal_year",
            "url",
        ),
    ),
    "items.csv": (
        "items",
        "Minute items (CSV)",
        ("id", "meeting_id", "date", "number", "title", "topics", "resolutions", "url"),
    ),
    "decisions.csv": (
        "resolutions",
        "Decisions (CSV)",
        ("id", "item_id", "meeting_id", "organization_id", "date", "minute", "text", "url"),
    ),
}


@dataclass(frozen=True)
class DataFile:
    """One file of a dataset: a year's records, or (`year` None) the whole archive's."""

    path: str
    year: int | None
    records: int
    size: int


@dataclass(frozen=True)
class Dataset:
    """Records of one kind, as the /data/ page describes them, and the files that hold them.
    `counted` names what `DataFile.records` counts: the file's JSON list, or a CSV's rows;
    `anchor` is the id of its section on the page, which other pages link to."""

    anchor: str
    title: str
    description: str
    media_type: str
    schema_path: str
    fields: tuple[tuple[str, str, str], ...]
    counted: str
    files: tuple[DataFile, ...]

    @property
    def records(self) -> int:
        return sum(file.records for file in self.files)


def meeting_id(meeting: Meeting) -> str:
    """The last part of the meeting's address: '2020-02-13-scrutiny-board-2'."""
    return meeting.url.rstrip("/").rsplit("/", 1)[-1]


def _documents(refs: tuple[DocumentRef, ...], meeting: Meeting, config: SiteConfig) -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = []
    for ref in refs:
        if ref.document:
            documents.append(
                {
                    "note": ref.title,
                    "url": config.absolute_url(f"{meeting.url}{ref.document.slug}/"),
                    "media_type": "text/html",
                }
            )
        elif ref.attachment:
            documents.append(
                {
                    "note": ref.title,
                    "url": config.absolute_url(f"{meeting.url}{ref.attachment.href}"),
                    "media_type": ref.attachment.media_type,
                }
            )
        else:
            documents.append({"note": ref.title, "url": None, "media_type": None})
    return documents


def _meeting(meeting: Meeting, archive: Archive, config: SiteConfig) -> dict[str, Any]:
    page = config.absolute_url(meeting.url)
    seats = archive.membership_at[meeting.url].seats if meeting.url in archive.membership_at else ()
    location = None
    if meeting.venue or meeting.remote:
        location = {"name": meeting.venue or "Held remotely", "remote": meeting.remote}
    return {
        "id": meeting_id(meeting),
        "name": meeting.title,
        "classification": "committee-meeting",
        "organization_id": meeting.committee.slug,
        "status": meeting.status.value,
        "status_note": meeting.status_note,
        "minutes_in_archive": meeting.has_minutes,
        "start_date": iso_moment(meeting, config.zone, "start"),
        "end_date": iso_moment(meeting, config.zone, "end"),
        "all_day": meeting.start is None,
        "timezone": config.time_zone,
        "municipal_year": municipal_year_label(archive.municipal_year(meeting)),
        "location": location,
        "media": [{"note": "webcast", "links": [{"media_type": "text/html", "url": meeting.webcast}]}]
        if meeting.webcast
        else [],
        "participants": [
            {
                "entity_type": "organization",
                "entity_id": meeting.committee.slug,
                "name": meeting.committee.name,
                "note": "host",
            }
        ],
        "agenda": [
            {
                "order": item.number,
                "description": item.title,
                "private": item.private,
                "subjects": list(item.topics),
                "url": f"{page}#{item.anchor}",
            }
            for item in (meeting.agenda.items if meeting.agenda else ())
        ],
        "minutes": [f"{meeting_id(meeting)}/{item.number}" for item in meeting.items],
        "documents": _documents(
            tuple({ref.title: ref for ref in meeting.document_refs}.values()), meeting, config
        ),
        "attendance": {
            **{role.value: len(meeting.attendees(role)) for role in AttendanceRole},
            "members_absent": sum(1 for seat in seats if seat.status == "absent"),
        },
        "url": page,
        "calendar": config.absolute_url(meeting_calendar_url(meeting)),
        "sources": [
            {"url": page, "note": "the meeting's page in the archive"},
            *(
                {
                    "url": config.absolute_url(meeting.url + source.target)
                    if source.attachment
                    else source.url,
                    "note": source.title,
                    "kind": source.kind.value,
                }
                for source in meeting.sources
            ),
        ],
    }


def _person_ref(named: NamedPerson | None) -> dict[str, str] | None:
    return {"id": named.slug, "name": named.name} if named else None


def _vote_events(item: Item) -> list[dict[str, Any]]:
    """The motions and amendments put under an item, as Popolo vote events."""
    return [
        {
            "classification": vote.kind,
            "motion": vote.motion,
            "mover": _person_ref(vote.mover),
            "seconder": _person_ref(vote.seconder),
            "result": vote.result.value if vote.result else None,
            "counts": [{"option": VOTE_OPTIONS[side.label], "value": side.count} for side in vote.sides],
            "votes": [
                {"voter_id": named.slug, "voter": named.name, "option": VOTE_OPTIONS[side.label]}
                for side in vote.sides
                for named in side.names
            ],
        }
        for vote in item.votes
    ]


def _point_json(point: Point) -> dict[str, Any]:
    """A resolution point with its label as printed ("4)", "(a)") and the points under it."""
    return {
        "label": point.label,
        "text": point.text,
        "points": [_point_json(child) for child in point.points],
    }


def _items_and_resolutions(
    meeting: Meeting, config: SiteConfig
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    items, resolutions = [], []
    for item in meeting.items:
        item_id = f"{meeting_id(meeting)}/{item.number}"
        address = config.absolute_url(f"{meeting.url}#{item.anchor}")
        resolution_ids = []
        for position, resolution in enumerate(item.resolutions, start=1):
            resolution_ids.append(f"{item_id}/{position}")
            resolutions.append(
                {
                    "id": f"{item_id}/{position}",
                    "item_id": item_id,
                    "meeting_id": meeting_id(meeting),
                    "organization_id": meeting.committee.slug,
                    "date": meeting.date.isoformat(),
                    "minute": item.number,
                    "text": resolution.text,
                    "points": list(resolution.points),
                    "labelled_points": [_point_json(point) for point in resolution.structure],
                    "url": address,
                }
            )
        items.append(
            {
                "id": item_id,
                "meeting_id": meeting_id(meeting),
                "date": meeting.date.isoformat(),
                "number": item.number,
                "title": item.title,
                "url": address,
                "private": {
                    "paragraphs": list(item.private.paragraphs),
                    "grounds": list(item.private.descriptions),
                    "note": item.private.note,
                }
                if item.private
                else None,
                "topics": list(item.topics),
                "text": item.text,
                "resolutions": resolution_ids,
                "vote_events": _vote_events(item),
                "documents": _documents(item.documents, meeting, config),
            }
        )
    return items, resolutions


def attendance_rows(meeting: Meeting, archive: Archive) -> list[dict[str, str]]:
    """One row per person the minutes record: who came and as what, who sent apologies, and
    which members had a substitute in their place without apologies (absent). Never from an agenda."""
    rows: list[dict[str, str]] = []
    if not meeting.attendance:
        return rows
    seats = {seat.person.slug: seat for seat in archive.membership_at[meeting.url].seats}

    def row(slug: str, name: str, role: str, status: str, note: str = "", group: str = "") -> dict[str, str]:
        return {
            "meeting_id": meeting_id(meeting),
            "date": meeting.date.isoformat(),
            "organization_id": meeting.committee.slug,
            "person_id": slug,
            "name": name,
            "role": role,
            "status": status,
            "note": note,
            "group": group,
        }

    def seat_role(slug: str) -> str:
        seat = seats.get(slug)
        return "" if seat is None else ("member" if seat.group == "Members" else "co_opted")

    for attendee in meeting.attendance:
        person = attendee.person
        if attendee.role is AttendanceRole.APOLOGIES:
            rows.append(row(person.slug, person.name, seat_role(person.slug), "apologies", person.role))
        else:
            rows.append(
                row(person.slug, person.name, attendee.role.value, "present", person.role, attendee.group)
            )
    for seat in seats.values():
        if seat.status == "absent":
            rows.append(
                row(seat.person.slug, seat.person.name, seat_role(seat.person.slug), "absent", seat.note)
            )
    return rows


@dataclass(frozen=True)
class MeetingRecords:
    """One meeting's part of each of its year's files, as written there: its records in each JSON
    list (see `_record_json`) and its rows in each CSV (see `_csv_rows`)."""

    json: dict[str, tuple[str, ...]]  # list name -> records
    csv: dict[str, str]  # CSV file name -> rows


def _meeting_records(meeting: Meeting, archive: Archive, config: SiteConfig) -> MeetingRecords:
    items, resolutions = _items_and_resolutions(meeting, config)
    lists: dict[str, list[dict[str, Any]]] = {
        "meetings": [_meeting(meeting, archive, config)],
        "items": items,
        "resolutions": resolutions,
        "attendance": attendance_rows(meeting, archive),
    }
    return MeetingRecords(
        {name: tuple(_record_json(record) for record in records) for name, records in lists.items()},
        {filename: _csv_rows(lists[name], columns) for filename, (name, _, columns) in CSV_FILES.items()},
    )


def _people(archive: Archive, config: SiteConfig) -> dict[str, list[dict[str, Any]]]:
    persons = []
    for person in archive.people:
        other_names = [{"name": person.full_name, "note": "full name"}] if person.full_name else []
        other_names += [{"name": alias, "note": "as the minutes also write it"} for alias in person.aliases]
        persons.append(
            {
                "id": person.slug,
                "name": person.name,
                "kind": person.kind.value,
                "other_names": other_names,
                "job_title": person.job_title,
                "organisation": person.organisation,
                "links": [{"url": config.absolute_url(person.url), "note": "page in the archive"}],
            }
        )
    council: dict[str, Any] = {
        "id": COUNCIL_ID,
        "name": config.council_name,
        "classification": "council",
        "parent_id": None,
        "links": [{"url": config.council_website, "note": "website"}] if config.council_website else [],
    }
    organizations = [council] + [
        {
            "id": committee.slug,
            "name": committee.name,
            "classification": "committee",
            "parent_id": COUNCIL_ID,
            "links": [
                {"url": config.absolute_url(f"committees/{committee.slug}/"), "note": "page in the archive"}
            ],
        }
        for committee in archive.committees
    ]
    # Seats by municipal year (the label says when the member chaired), then posts held.
    memberships: list[dict[str, str | None]] = []
    for person in archive.people:
        for seat in archive.person_committees(person.slug):
            memberships.append(
                {
                    "id": f"{person.slug}/{seat.committee.slug}/{seat.year}",
                    "person_id": person.slug,
                    "organization_id": seat.committee.slug,
                    "role": seat.how.split(" (", 1)[0].lower(),
                    "label": f"{seat.how}, {seat.committee.name}",
                    "start_municipal_year": municipal_year_label(seat.year),
                    "end_municipal_year": municipal_year_label(seat.year),
                }
            )
        for number, role in enumerate(person.roles, start=1):
            memberships.append(
                {
                    "id": f"{person.slug}/role-{number}",
                    "person_id": person.slug,
                    "organization_id": role.committee or COUNCIL_ID,
                    "role": role.title.lower(),
                    "label": role.title,
                    "start_municipal_year": municipal_year_label(role.first_year)
                    if role.first_year
                    else None,
                    "end_municipal_year": municipal_year_label(role.last_year) if role.last_year else None,
                }
            )
    return {"persons": persons, "organizations": organizations, "memberships": memberships}


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _record_json(record: dict[str, Any]) -> str:
    """A record as `_json` writes it inside a file's list: two levels in (JSON strings hold no
    line breaks, so every line break starts one of the record's lines)."""
    return "  " + json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def _list_json(key: str, records: list[str]) -> bytes:
    """What `_json({key: [...]})` writes, from each record's text (`_record_json`)."""
    if not records:
        return _json({key: []})
    return ("{\n " + json.dumps(key) + ": [\n" + ",\n".join(records) + "\n ]\n}\n").encode("utf-8")


# A spreadsheet runs a cell that starts with one of these as a formula, so text from a meeting
# file could run there ("CSV injection"). Such text is written after an apostrophe, which
# spreadsheets take as "this is text"; the JSON files keep it as written.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_text(value: Any) -> Any:
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_STARTS) else value


def _flat_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(part) for part in value)
    return str(value)


def _csv_rows(records: Sequence[dict[str, Any]], columns: tuple[str, ...]) -> str:
    """JSON records as CSV rows of `columns` (see CSV_FILES), formula-injection safe, no header."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writerows(
        {column: _spreadsheet_text(_flat_value(record.get(column))) for column in columns}
        for record in records
    )
    return buffer.getvalue()


def _csv(columns: tuple[str, ...], rows: str) -> bytes:
    """The CSV file: its header, then `rows` as `_csv_rows` writes them."""
    buffer = io.StringIO(newline="")
    csv.DictWriter(buffer, fieldnames=columns).writeheader()
    return (buffer.getvalue() + rows).encode("utf-8")


def _csv_fields(
    schema: dict[str, Any], key: str, columns: tuple[str, ...]
) -> tuple[tuple[str, str, str], ...]:
    """The CSV's columns as the /data/ page lists them: the JSON field's type and meaning, a list
    being one cell with its entries separated by LIST_SEPARATOR."""
    described = {name: (kind, meaning) for name, kind, meaning in _fields(schema, key)}
    fields = []
    for column in columns:
        kind, meaning = described[column]
        if kind == "array":
            kind, meaning = "string", f"{meaning} (in one cell, entries separated by a semicolon)"
        fields.append((column, kind, meaning))
    return tuple(fields)


def load_schema(name: str) -> dict[str, Any]:
    return json.loads(
        resources.files(__package__).joinpath("schemas", f"{name}.schema.json").read_text(encoding="utf-8")
    )


def _fields(schema: dict[str, Any], key: str) -> tuple[tuple[str, str, str], ...]:
    """(name, type, description) of each field of a record, for the /data/ page."""
    record = schema["properties"][key]["items"]
    record = schema["$defs"][record["$ref"].rsplit("/", 1)[-1]] if "$ref" in record else record
    fields = []
    for name, spec in record["properties"].items():
        kind = spec.get("type", "object")
        fields.append(
            (name, " or ".join(kind) if isinstance(kind, list) else kind, spec.get("description", ""))
        )
    return tuple(fields)


def _year_file(filename: str, written: tuple[MeetingRecords, ...]) -> bytes:
    """data/<year>/<filename>, from the records of that year's meetings."""
    if filename in CSV_FILES:
        return _csv(CSV_FILES[filename][2], "".join(made.csv[filename] for made in written))
    name = filename.removesuffix(".json")
    return _list_json(name, [record for made in written for record in made.json[name]])


def _size(make: partial[bytes]) -> int:
    return len(make())


def _catalogue(datasets: list[Dataset], config: SiteConfig) -> bytes:
    """data/datapackage.json: every data file as a Frictionless Data Package resource. Besides
    the standard properties, each says which JSON Schema its records follow (`jsonSchema`), the
    year it holds (`year`, absent for the whole archive's people.json) and how many records each
    of its lists holds (`records`; a CSV's are its rows)."""
    resources: dict[str, dict[str, Any]] = {}
    for dataset in datasets:
        for file in dataset.files:
            path = file.path.removeprefix(DATA)
            resource = resources.setdefault(
                path,
                {
                    "name": path.replace("/", "-"),
                    "path": path,
                    "title": dataset.title if file.year is None else f"{dataset.title}, {file.year}",
                    "format": path.rsplit(".", 1)[-1],
                    "mediatype": dataset.media_type,
                    "encoding": "utf-8",
                    "bytes": file.size,
                    "jsonSchema": dataset.schema_path.removeprefix(DATA),
                    **({} if file.year is None else {"year": file.year}),
                    "records": {},
                },
            )
            if resource["records"]:  # a file of several lists (people.json) is titled after each
                resource["title"] += f", {dataset.title.lower()}"
            resource["records"][dataset.counted] = file.records
    return _json(
        {
            "name": "minutes",
            "title": f"{config.council_name}: minutes as open data",
            "homepage": config.absolute_url(DATA),
            "resources": list(resources.values()),
        }
    )


def open_data(
    archive: Archive, config: SiteConfig, shared: str, reuse: Reuse
) -> tuple[list[Product], list[Dataset]]:
    """Every data file, schema and the catalogue, and the datasets the /data/ page shows. `shared`
    is what every page is made from (see render/fingerprint.py); `reuse` may hold the records of
    meetings written before, and the sizes of files made before."""
    by_year: dict[int, list[tuple[str, MeetingRecords]]] = defaultdict(list)
    for meeting in archive.meetings:
        seats = archive.membership_at[meeting.url].seats if meeting.url in archive.membership_at else ()
        # Besides the meeting, its records read the state of each seat at it.
        key = key_of(
            "data",
            meeting_key(shared, archive, meeting),
            [(seat.person.slug, seat.group, seat.status, seat.note) for seat in seats],
        )
        by_year[meeting.date.year].append(
            (key, reuse(key, partial(_meeting_records, meeting, archive, config)))
        )
    products: list[Product] = []
    files: dict[str, list[DataFile]] = defaultdict(list)  # file name -> each year's
    for year, made in sorted(by_year.items()):
        written = tuple(records for _, records in made)
        for filename in [f"{name}.json" for name in YEARLY_LISTS] + list(CSV_FILES):
            path = f"{DATA}{year}/{filename}"
            # The file is made only when its meetings' records change; its size, which the /data/
            # page and the catalogue show, is kept with it.
            key = key_of("data-file", path, [record_key for record_key, _ in made])
            make = partial(_year_file, filename, written)
            products.append(Product(path, key, make))
            counted = CSV_FILES[filename][0] if filename in CSV_FILES else filename.removesuffix(".json")
            files[filename].append(
                DataFile(
                    path,
                    year,
                    sum(len(records.json[counted]) for records in written),
                    reuse(key_of("data-file-size", key), partial(_size, make)),
                )
            )
    static: dict[str, bytes] = {}
    datasets: list[Dataset] = []
    for name in YEARLY_LISTS:
        schema = load_schema(name)
        spec = schema["properties"][name]
        datasets.append(
            Dataset(
                name,
                spec["title"],
                spec["description"],
                "application/json",
                f"{DATA}schemas/{name}.schema.json",
                _fields(schema, name),
                name,
                tuple(files[f"{name}.json"]),
            )
        )
    # People are few beside the minutes (a registry, not a record of each meeting): one file.
    people = _people(archive, config)
    static[f"{DATA}people.json"] = _json(people)
    people_schema = load_schema("people")
    for list_name, listed in people.items():
        spec = people_schema["properties"][list_name]
        datasets.append(
            Dataset(
                list_name,
                spec["title"],
                spec["description"],
                "application/json",
                f"{DATA}schemas/people.schema.json",
                _fields(people_schema, list_name),
                list_name,
                (DataFile(f"{DATA}people.json", None, len(listed), len(static[f"{DATA}people.json"])),),
            )
        )
    for filename, (name, title, columns) in CSV_FILES.items():
        datasets.append(
            Dataset(
                filename.replace(".", "-"),
                title,
                f"The {name}.json records as a spreadsheet, one row each, with the columns below: each is "
                f"the field of that name in {name}.json (a list's entries in one cell, separated by a semicolon; true or false; "
                "an empty cell for null). Text a spreadsheet would run as a formula starts with an apostrophe.",
                "text/csv",
                f"{DATA}schemas/{name}.schema.json",
                _csv_fields(load_schema(name), name, columns),
                "rows",
                tuple(files[filename]),
            )
        )
    for name in (*YEARLY_LISTS, "people"):
        schema = load_schema(name)
        schema_path = f"{DATA}schemas/{name}.schema.json"
        static[schema_path] = _json(
            {"$schema": schema["$schema"], "$id": config.absolute_url(schema_path), **schema}
        )
    static[CATALOGUE] = _catalogue(datasets, config)
    return products + [finished(path, data) for path, data in static.items()], datasets


def data_page(datasets: list[Dataset], subscriptions: list[Subscription]) -> Page:
    """/data/: what each file holds, its fields and schema, and the feeds and calendars to follow."""
    followed = [
        s for s in subscriptions if s.page_url in ("", "decisions/") or s.page_url.startswith("committees/")
    ]
    return Page(
        DATA, "data.html", DataPage(tuple(datasets), tuple(followed)), "Open data, feeds and calendars"
    )
