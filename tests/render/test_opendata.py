"""Open data under /data/: each year's file valid against its JSON Schema, the years' records
together exactly the archive's, the catalogue listing exactly the files written, the CSV read with
the csv module, the seed facts round-tripped, nothing published that the pages do not publish,
and each file growing with its year rather than with the archive."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from referencing import Registry, Resource

from minutebook.config import load_config
from minutebook.diagnostics import Diagnostics
from minutebook.render import opendata
from minutebook.render.opendata import (
    _csv,
    _csv_rows,
    _json,
    _list_json,
    _meeting_records,
    _record_json,
    attendance_rows,
    meeting_id,
)
from minutebook.synth import generate
from tests.conftest import BUILD_DATE, ROOT, build_site, copy_fixture
from tests.support.lunr_reference import load_archive
from tests.support.opendata import csv_rows, records, year_files

BASE = "https://democracy.example.gov.uk/minutes/"
YEARLY = ["meetings", "items", "resolutions", "attendance"]
FILES = [*YEARLY, "people"]
# The columns of each CSV, as data users' spreadsheets and scripts know them.
CSV_COLUMNS = {
    "attendance.csv": [
        "meeting_id",
        "date",
        "organization_id",
        "person_id",
        "name",
        "role",
        "status",
        "note",
        "group",
    ],
    "meetings.csv": [
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
    ],
    "items.csv": ["id", "meeting_id", "date", "number", "title", "topics", "resolutions", "url"],
    "decisions.csv": ["id", "item_id", "meeting_id", "organization_id", "date", "minute", "text", "url"],
}


def files_of(site: Path, name: str) -> list[Path]:
    """Every file of a JSON dataset: each year's, or people.json."""
    return [site / "data/people.json"] if name == "people" else year_files(site, f"{name}.json")


def read(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def attendance_csv(site: Path) -> list[dict[str, str]]:
    return csv_rows(site, "attendance.csv")


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
    written = files_of(seed_site, name)
    assert written
    errors = [
        f"{path.relative_to(seed_site)}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for path in written
        for e in validator.iter_errors(read(path))
    ]
    assert errors == []


def test_schemas_reject_what_they_should(seed_site):
    schema = json.loads((seed_site / "data/schemas/attendance.schema.json").read_text(encoding="utf-8"))
    rows = read(files_of(seed_site, "attendance")[0])
    assert jsonschema.Draft202012Validator(schema).is_valid(rows)
    rows["attendance"][0]["status"] = "asleep"
    assert not jsonschema.Draft202012Validator(schema).is_valid(rows)


def test_meetings_round_trip_the_seed_facts(seed_site):
    meetings = {m["id"]: m for m in records(seed_site, "meetings")}
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
    assert rows == records(seed_site, "attendance")
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
    for meeting in records(seed_site, "meetings"):
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
    items = {item["id"]: item for item in records(seed_site, "items")}
    resolutions = {r["id"]: r for r in records(seed_site, "resolutions")}
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
    meetings = {m["id"]: m for m in records(seed_site, "meetings")}
    assert all(r["id"] in items[r["item_id"]]["resolutions"] for r in resolutions.values())
    assert all(item_id in meetings[item["meeting_id"]]["minutes"] for item_id, item in items.items())
    with_resolution = sorted(
        int(i["id"].rsplit("/", 1)[1])
        for i in items.values()
        if i["resolutions"] and i["meeting_id"] == "2020-02-13-scrutiny-board-2"
    )
    assert with_resolution == [39, 40, 41, 44]


def test_people_follow_popolo_and_every_reference_resolves(seed_site):
    people = read(seed_site / "data/people.json")
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


def data_files(site: Path) -> dict[str, Path]:
    """Every data file written, by its path under data/ (not the page, schemas or catalogue)."""
    return {
        path.relative_to(site / "data").as_posix(): path
        for path in (site / "data").rglob("*")
        if path.suffix in (".json", ".csv")
        and path.parent.name != "schemas"
        and path.name != "datapackage.json"
    }


def test_data_page_lists_every_file_with_its_year_size_and_records(seed_site):
    """Without JavaScript: each file is a row of a table, with its year and record count."""
    html = (seed_site / "data/index.html").read_text(encoding="utf-8")
    rows = re.findall(
        r'<tr><td>([^<]+)</td><td><a href="([^"]+)" type="([^"]+)">[^<]+</a></td><td>[^<]+</td><td>(\d+)</td></tr>',
        html,
    )
    listed = {href for _, href, _, _ in rows}
    assert listed == set(data_files(seed_site))
    for year, href, media_type, count in rows:
        path = seed_site / "data" / href
        if href.endswith(".csv"):
            assert media_type == "text/csv" and int(count) == len(
                list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
            )
        elif href == "people.json":
            assert year == "All years" and int(count) in {len(people) for people in read(path).values()}
        else:
            assert media_type == "application/json"
            (kept,) = read(path).values()
            assert int(count) == len(kept) and href.startswith(f"{year}/")
    for name in FILES:
        assert f'href="schemas/{name}.schema.json"' in html
    assert 'href="datapackage.json"' in html
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


def test_the_catalogue_lists_exactly_the_files_written(seed_site):
    catalogue = read(seed_site / "data/datapackage.json")
    resources = catalogue["resources"]
    assert catalogue["homepage"] == BASE + "data/"
    assert len({resource["name"] for resource in resources}) == len(resources)
    assert all(re.fullmatch(r"[-a-z0-9._/]+", resource["name"]) for resource in resources)
    written = data_files(seed_site)
    assert sorted(resource["path"] for resource in resources) == sorted(written)
    for resource in resources:
        path = written[resource["path"]]
        assert resource["bytes"] == path.stat().st_size
        assert (seed_site / "data" / resource["jsonSchema"]).is_file()
        if path.suffix == ".csv":
            assert resource["mediatype"] == "text/csv"
            assert resource["records"] == {
                "rows": len(list(csv.DictReader(io.StringIO(path.read_text("utf-8")))))
            }
        else:
            assert resource["records"] == {name: len(listed) for name, listed in read(path).items()}
        assert resource.get("year") == (None if path.name == "people.json" else int(path.parent.name))
    people = next(resource for resource in resources if resource["path"] == "people.json")
    assert people["title"] == "People, organisations, memberships"
    assert (
        next(resource for resource in resources if resource["path"] == "2020/items.json")["title"]
        == "Minute items, 2020"
    )


def test_each_years_files_hold_its_meetings_and_together_the_whole_archive(seed_site):
    """Computed from the archive: every meeting, minute, resolution and attendance row, in
    archive order, in the file of its meeting's calendar year."""
    archive = load_archive(ROOT / "site_config.yaml", BUILD_DATE)
    config = load_config(ROOT / "site_config.yaml", Diagnostics())
    assert config is not None
    meetings = archive.meetings
    assert [m["id"] for m in records(seed_site, "meetings")] == [meeting_id(m) for m in meetings]
    assert [i["id"] for i in records(seed_site, "items")] == [
        f"{meeting_id(m)}/{item.number}" for m in meetings for item in m.items
    ]
    assert len(records(seed_site, "resolutions")) == sum(
        len(item.resolutions) for m in meetings for item in m.items
    )
    assert records(seed_site, "attendance") == [row for m in meetings for row in attendance_rows(m, archive)]
    for name in YEARLY:
        expected = [
            json.loads(record) for m in meetings for record in _meeting_records(m, archive, config).json[name]
        ]
        assert records(seed_site, name) == expected
    years = {m.date.year for m in meetings}
    for name in YEARLY:
        assert {int(path.parent.name) for path in year_files(seed_site, f"{name}.json")} == years
        for path in year_files(seed_site, f"{name}.json"):
            (kept,) = read(path).values()
            dates = {(r.get("date") or r["start_date"])[:4] for r in kept}
            assert dates <= {path.parent.name}, path
    for filename in CSV_COLUMNS:
        assert {int(path.parent.name) for path in year_files(seed_site, filename)} == years


def test_nothing_private_or_draft_reaches_the_data(basic_site):
    everything = "".join(
        p.read_text(encoding="utf-8") for p in (basic_site / "data").rglob("*") if p.is_file()
    )
    everything += "".join(
        p.read_text(encoding="utf-8") for p in basic_site.rglob("*") if p.suffix in (".atom", ".ics")
    )
    assert "1.2 million" not in everything  # the confidential note of a private item
    assert "must never be published" not in everything and "2022-02-17" not in everything  # a draft meeting
    items = {item["id"]: item for item in records(basic_site, "items")}
    assert items["2021-06-10-planning/13"]["private"]["paragraphs"] == [3]


def test_csv_opens_as_a_spreadsheet_would_read_it(seed_site):
    for path in year_files(seed_site, "attendance.csv"):
        raw = path.read_bytes()
        assert raw.startswith(b"meeting_id,date,organization_id,person_id,name,role,status,note,group\r\n")
        table = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        assert len({len(row) for row in table}) == 1
    assert sum(
        len(list(csv.reader(io.StringIO(p.read_text("utf-8"))))) - 1
        for p in year_files(seed_site, "attendance.csv")
    ) == len(attendance_csv(seed_site))


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
    jsonschema.validate(read(site / "data/2021/items.json"), schema, cls=jsonschema.Draft202012Validator)
    item = next(item for item in records(site, "items") if item["id"] == "2021-06-10-planning/12")
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
def test_a_file_put_together_from_its_records_is_the_file_json_writes(listed):
    """Each meeting's records are written on their own (and kept between builds); joined, they must
    make exactly the file json.dumps makes of the whole list."""
    assert _list_json("items", [_record_json(record) for record in listed]) == _json({"items": listed})


FLAT_CSV = {
    "attendance.csv": "attendance",
    "meetings.csv": "meetings",
    "items.csv": "items",
    "decisions.csv": "resolutions",
}


@pytest.mark.parametrize("filename", FLAT_CSV)
def test_each_csv_keeps_its_columns_and_matches_the_json_of_its_year(seed_site, filename):
    name = FLAT_CSV[filename]
    columns = CSV_COLUMNS[filename]
    page = (seed_site / "data/index.html").read_text(encoding="utf-8")
    compared = 0
    for path in year_files(seed_site, filename):
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
        assert reader.fieldnames == columns
        # The data page documents each column, and links the file and its schema.
        href = f'href="{path.parent.name}/{filename}"'
        section = page[page.rindex("<section", 0, page.index(href)) :]
        section = section[: section.index("</section>")]
        assert [f"<code>{column}</code>" in section for column in columns] == [True] * len(columns)
        assert f'href="schemas/{name}.schema.json"' in section
        (kept,) = read(path.parent / f"{name}.json").values()
        assert len(rows) == len(kept)
        compared += len(rows)
        for row, record in zip(rows, kept, strict=True):
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
    assert compared > 0


def test_csv_is_formula_injection_safe():
    columns = ("id", "topics", "ok")
    written = _csv(
        columns, _csv_rows([{"id": "=HYPERLINK(1)", "topics": ["-a", "b"], "ok": None}], columns)
    ).decode()
    rows = list(csv.DictReader(io.StringIO(written)))
    assert rows == [{"id": "'=HYPERLINK(1)", "topics": "'-a; b", "ok": ""}]


SEED = 7


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """A synthetic archive of three calendar years, one meeting held back, built once."""
    folder = tmp_path_factory.mktemp("synthetic-data")
    generate(folder / "archive", 36, SEED, hold_back=1)
    result = build_site(folder / "archive/site_config.yaml", folder / "site")
    assert not result.failed and not result.diagnostics, [d.format() for d in result.diagnostics]
    return folder


def test_the_largest_data_file_grows_with_the_busiest_year_not_with_the_archive(synthetic):
    """Each kind of file is about its year's share of the archive's records: a file of the whole
    archive would be (nearly) the sum of the years'."""
    site = synthetic / "site"
    largest = max(data_files(site).values(), key=lambda path: path.stat().st_size)
    assert largest.parent.name.isdigit()
    kind = year_files(site, largest.name)
    assert len(kind) >= 3
    if largest.suffix == ".csv":
        counts = {path: len(list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))) for path in kind}
    else:
        counts = {path: len(next(iter(read(path).values()))) for path in kind}
    busiest_share = max(counts.values()) / sum(counts.values())
    whole = sum(path.stat().st_size for path in kind)
    assert busiest_share < 0.66
    assert largest.stat().st_size <= 1.5 * busiest_share * whole


def test_adding_a_meeting_rewrites_only_its_years_data_files(synthetic, tmp_path, monkeypatch):
    archive = tmp_path / "archive"
    shutil.copytree(synthetic / "archive", archive)
    site = tmp_path / "site"
    assert not build_site(archive / "site_config.yaml", site).failed
    before = {
        name: (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino)
        for name, path in data_files(site).items()
    }
    (added,) = [
        p
        for p in (archive / "held-back").rglob("*")
        if p.suffix == ".md" and p.parent.parent.name == "meetings"
    ]
    for path in (archive / "held-back").rglob("*"):
        if path.is_file():
            target = archive / "content" / path.relative_to(archive / "held-back")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    year = added.parent.name
    made: list[str] = []

    def year_file(filename, written):
        made.append(json.loads(written[0].json["meetings"][0])["start_date"][:4])
        return opendata_year_file(filename, written)

    opendata_year_file = opendata._year_file
    monkeypatch.setattr(opendata, "_year_file", year_file)
    assert not build_site(archive / "site_config.yaml", site).failed
    after = data_files(site)
    assert sorted(after) == sorted(before)
    changed = {name for name, path in after.items() if path.read_bytes() != before[name][0]}
    assert {
        f"{year}/{filename}" for filename in ("items.json", "meetings.json", "attendance.csv", "meetings.csv")
    } <= changed
    assert {name.split("/")[0] for name in changed} <= {year, "people.json"}
    untouched = {
        name
        for name, path in after.items()
        if (path.stat().st_mtime_ns, path.stat().st_ino) == before[name][1:]
    }
    assert untouched >= {name for name in after if not name.startswith(f"{year}/") and name != "people.json"}
    assert set(made) == {year}
