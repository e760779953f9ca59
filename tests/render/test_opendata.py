"""Open data under /data/: each file valid against its JSON Schema, the CSV read with the csv
module, the seed facts round-tripped, and nothing published that the pages do not publish."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from referencing import Registry, Resource

from minutebook.render.opendata import _json, _list_json, _record_json
from tests.conftest import build_site, copy_fixture

BASE = "https://democracy.example.gov.uk/minutes/"
FILES = ["meetings", "items", "resolutions", "attendance", "people"]


def load(site: Path, name: str):
    return json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))


def attendance_csv(site: Path) -> list[dict[str, str]]:
    with open(site / "data/attendance.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", FILES)
def test_each_file_is_valid_against_its_schema(seed_site, name):
    schema = json.loads((seed_site / f"data/schemas/{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"{BASE}data/schemas/{name}.schema.json"
    validator = jsonschema.Draft202012Validator(
        schema,
        registry=Registry().with_resource(schema["$id"], Resource.from_contents(schema)),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(load(seed_site, name))
    ]
    assert errors == []


def test_schemas_reject_what_they_should(seed_site):
    schema = json.loads((seed_site / "data/schemas/attendance.schema.json").read_text(encoding="utf-8"))
    rows = load(seed_site, "attendance")
    rows["attendance"][0]["status"] = "asleep"
    assert not jsonschema.Draft202012Validator(schema).is_valid(rows)


def test_meetings_round_trip_the_seed_facts(seed_site):
    meetings = {m["id"]: m for m in load(seed_site, "meetings")["meetings"]}
    assert len(meetings) == 10
    assert [m["id"] for m in meetings.values() if m["status"] == "cancelled"] == [
        "2020-03-19-scrutiny-board-2",
        "2020-09-24-scrutiny-board-2",
    ]
    february = meetings["2020-02-13-scrutiny-board-2"]
    assert (
        february["start_date"] == "2020-02-13T10:00:00+00:00"
        and february["end_date"] == "2020-02-13T12:10:00+00:00"
    )
    assert february["status"] == "held" and february["municipal_year"] == "2019/20"
    assert february["attendance"]["member"] == 8 and february["attendance"]["apologies"] == 4
    assert february["minutes"] == [f"2020-02-13-scrutiny-board-2/{n}" for n in range(37, 46)]
    assert february["url"] == BASE + "meetings/2020/2020-02-13-scrutiny-board-2/"
    october = meetings["2020-10-15-scrutiny-board-2"]
    assert october["start_date"] == "2020-10-15T10:00:00+01:00" and october["end_date"] is None
    assert october["media"][0]["links"][0]["url"] == "https://youtu.be/BYBLywsJXkE"
    assert october["location"] == {"name": "Held remotely", "remote": True}
    assert meetings["2022-03-17-scrutiny-board-2"]["all_day"] is True


def test_attendance_csv_has_one_row_per_person_per_meeting(seed_site):
    rows = attendance_csv(seed_site)
    assert rows == load(seed_site, "attendance")["attendance"]
    february = Counter(
        (row["role"], row["status"]) for row in rows if row["meeting_id"] == "2020-02-13-scrutiny-board-2"
    )
    assert february[("member", "present")] == 8
    assert sum(count for (role, status), count in february.items() if status == "apologies") == 4
    assert february[("co_opted", "present")] == 2 and february[("officer", "present")] == 9
    chair = next(
        row
        for row in rows
        if row["meeting_id"] == "2020-02-13-scrutiny-board-2" and row["person_id"] == "k-sandhu"
    )
    assert chair == {
        "meeting_id": "2020-02-13-scrutiny-board-2",
        "date": "2020-02-13",
        "organization_id": "scrutiny-board-2",
        "person_id": "k-sandhu",
        "name": "Councillor K Sandhu",
        "role": "member",
        "status": "present",
        "note": "Chair",
        "group": "",
    }
    seen = Counter((row["meeting_id"], row["person_id"], row["role"]) for row in rows)
    assert max(seen.values()) == 1


def test_attendance_counts_match_the_meeting_pages(seed_site):
    """Every meeting's rows agree with what its page lists under each heading."""
    rows = attendance_csv(seed_site)
    for meeting in load(seed_site, "meetings")["meetings"]:
        mine = [row for row in rows if row["meeting_id"] == meeting["id"]]
        present = Counter(row["role"] for row in mine if row["status"] == "present")
        for role, count in meeting["attendance"].items():
            if role == "apologies":
                assert sum(row["status"] == "apologies" for row in mine) == count, meeting["id"]
            elif role == "members_absent":
                assert sum(row["status"] == "absent" for row in mine) == count, meeting["id"]
            else:
                assert present[role] == count, (meeting["id"], role)


def test_items_and_resolutions_round_trip(seed_site):
    items = {item["id"]: item for item in load(seed_site, "items")["items"]}
    resolutions = {r["id"]: r for r in load(seed_site, "resolutions")["resolutions"]}
    review = items["2020-02-13-scrutiny-board-2/41"]
    assert (
        review["title"] == "Serious Case Review"
        and review["url"] == BASE + "meetings/2020/2020-02-13-scrutiny-board-2/#minute-41"
    )
    (resolution,) = [resolutions[rid] for rid in review["resolutions"]]
    assert resolution["points"] == [
        "note the findings of the Serious Case Review",
        "note the progress against the recommendations",
    ]
    private = items["2020-02-13-scrutiny-board-2/44"]
    assert private["private"]["paragraphs"] == [1, 2]
    assert "request that an all members briefing on contextual safeguarding be arranged" in private["text"]
    # Every resolution belongs to an item that lists it, and every item to a meeting that lists it.
    meetings = {m["id"]: m for m in load(seed_site, "meetings")["meetings"]}
    assert all(r["id"] in items[r["item_id"]]["resolutions"] for r in resolutions.values())
    assert all(item_id in meetings[item["meeting_id"]]["minutes"] for item_id, item in items.items())
    with_resolution = sorted(
        int(i["id"].rsplit("/", 1)[1])
        for i in items.values()
        if i["resolutions"] and i["meeting_id"] == "2020-02-13-scrutiny-board-2"
    )
    assert with_resolution == [39, 40, 41, 44]


def test_people_follow_popolo_and_every_reference_resolves(seed_site):
    people = load(seed_site, "people")
    persons = {p["id"] for p in people["persons"]}
    organizations = {o["id"] for o in people["organizations"]}
    assert len(persons) == len(people["persons"]) == 67
    assert organizations == {"council", "scrutiny-board-2"}
    assert all(
        m["person_id"] in persons and m["organization_id"] in organizations for m in people["memberships"]
    )
    assert len({m["id"] for m in people["memberships"]}) == len(people["memberships"])
    sandhu = [
        (m["role"], m["label"], m["start_municipal_year"], m["end_municipal_year"])
        for m in people["memberships"]
        if m["person_id"] == "k-sandhu"
    ]
    assert (
        "member",
        "Member (Chair), Education and Children's Services Scrutiny Board (2)",
        "2019/20",
        "2019/20",
    ) in sandhu
    assert ("chair", "Chair", "2019/20", "2020/21") in sandhu
    assert {row["person_id"] for row in attendance_csv(seed_site)} <= persons


def test_data_page_describes_every_file_and_is_linked_from_every_page(seed_site):
    html = (seed_site / "data/index.html").read_text(encoding="utf-8")
    for name in FILES:
        assert f'href="{name}.json"' in html and f'href="schemas/{name}.schema.json"' in html
    assert 'href="attendance.csv" type="text/csv"' in html
    assert (
        'href="../feed.atom"' in html and 'href="../meetings.ics"' in html and 'href="../sitemap.xml"' in html
    )
    assert "<code>organization_id</code>" in html
    for page in seed_site.rglob("*.html"):
        # help/ is the handbook for clerks and web teams, made by mkdocs with its own layout
        if (
            page.name != "404.html"
            and page.parent.name != "data"
            and page.relative_to(seed_site).parts[0] != "help"
        ):
            assert "Open data, feeds and calendars</a>" in page.read_text(encoding="utf-8"), page


def test_nothing_private_or_draft_reaches_the_data(basic_site):
    everything = "".join(
        p.read_text(encoding="utf-8") for p in (basic_site / "data").rglob("*") if p.is_file()
    )
    everything += "".join(
        p.read_text(encoding="utf-8") for p in basic_site.rglob("*") if p.suffix in (".atom", ".ics")
    )
    assert "1.2 million" not in everything  # the confidential note of a private item
    assert "must never be published" not in everything and "2022-02-17" not in everything  # a draft meeting
    items = {item["id"]: item for item in load(basic_site, "items")["items"]}
    assert items["2021-06-10-planning/13"]["private"]["paragraphs"] == [3]


def test_csv_opens_as_a_spreadsheet_would_read_it(seed_site):
    raw = (seed_site / "data/attendance.csv").read_bytes()
    assert raw.startswith(b"meeting_id,date,organization_id,person_id,name,role,status,note,group\r\n")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert len({len(row) for row in table}) == 1 and len(table) == len(attendance_csv(seed_site)) + 1


def test_votes_are_published_as_popolo_vote_events(tmp_path):
    config = copy_fixture("basic", tmp_path / "site")
    meeting = config.parent / "content/meetings/2021/2021-06-10-planning.md"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(
            "  12:\n    topics: [housing]\n",
            "  12:\n    topics: [housing]\n    votes:\n"
            "      - motion: That permission be granted.\n        moved: Councillor A Patel\n        seconded: Councillor B Jones\n"
            "        for: [Councillor A Patel, Councillor B Jones]\n        against: 0\n        result: carried\n",
        ),
        encoding="utf-8",
    )
    result = build_site(config, tmp_path / "out")
    assert not result.failed, [d.format() for d in result.diagnostics]
    site = tmp_path / "out"
    schema = json.loads((site / "data/schemas/items.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(load(site, "items"), schema, cls=jsonschema.Draft202012Validator)
    item = next(item for item in load(site, "items")["items"] if item["id"] == "2021-06-10-planning/12")
    assert item["vote_events"] == [
        {
            "classification": "motion",
            "motion": "That permission be granted.",
            "mover": {"id": "a-patel", "name": "Councillor A Patel"},
            "seconder": {"id": "b-jones", "name": "Councillor B Jones"},
            "result": "carried",
            "counts": [{"option": "yes", "value": 2}, {"option": "no", "value": 0}],
            "votes": [
                {"voter_id": "a-patel", "voter": "Councillor A Patel", "option": "yes"},
                {"voter_id": "b-jones", "voter": "Councillor B Jones", "option": "yes"},
            ],
        }
    ]


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@given(st.lists(st.dictionaries(st.text(), _VALUES, max_size=4), max_size=4))
def test_a_file_put_together_from_its_records_is_the_file_json_writes(records):
    """Each meeting's records are written on their own (and kept between builds); joined, they must
    make exactly the file json.dumps makes of the whole list."""
    assert _list_json("items", [_record_json(record) for record in records]) == _json({"items": records})


FLAT_CSV = {"meetings.csv": "meetings", "items.csv": "items", "decisions.csv": "resolutions"}


@pytest.mark.parametrize("filename", FLAT_CSV)
def test_each_flat_csv_has_its_documented_columns_and_matches_the_json(seed_site, filename):
    from minutebook.render.opendata import FLAT_CSV as SPEC

    name = FLAT_CSV[filename]
    with open(seed_site / "data" / filename, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    columns = list(SPEC[name][2])
    assert reader.fieldnames == columns
    # The data page documents each column, and links the file and its schema.
    page = (seed_site / "data/index.html").read_text(encoding="utf-8")
    section = page[page.index(f'href="{filename}"') :]
    section = section[: section.index("</section>")]
    assert [f"<code>{column}</code>" in section for column in columns] == [True] * len(columns)
    assert f'href="schemas/{name}.schema.json"' in section
    records = load(seed_site, name)[name]
    assert len(rows) == len(records) > 0
    for row, record in zip(rows, records, strict=True):
        for column in columns:
            value = record[column]
            expected = (
                ""
                if value is None
                else ("true" if value else "false")
                if isinstance(value, bool)
                else "; ".join(map(str, value))
                if isinstance(value, list)
                else str(value)
            )
            cell = row[column]
            assert cell == expected or (cell == "'" + expected and expected[:1] in "=+-@\t\r"), (
                column,
                cell,
                expected,
            )


def test_flat_csv_is_formula_injection_safe():
    from minutebook.render.opendata import flat_csv

    written = flat_csv(
        [{"id": "=HYPERLINK(1)", "topics": ["-a", "b"], "ok": None}], ("id", "topics", "ok")
    ).decode()
    rows = list(csv.DictReader(io.StringIO(written)))
    assert rows == [{"id": "'=HYPERLINK(1)", "topics": "'-a; b", "ok": ""}]
