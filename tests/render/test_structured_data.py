"""schema.org JSON-LD in the pages, checked offline against the schema.org vocabulary."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutebook.render.structured import script
from tests.conftest import build_site, copy_fixture
from tests.support.schemaorg import Vocabulary, json_ld_blocks

BASE = "https://democracy.example.gov.uk/minutes/"


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary()


def blocks_by_type(html: str) -> dict[str, dict]:
    found = {}
    for block in json_ld_blocks(html):
        assert block["@type"] not in found, f"two {block['@type']} blocks"
        found[block["@type"]] = block
    return found


def test_every_block_on_every_page_fits_the_vocabulary(seed_site, vocabulary):
    counted: dict[str, int] = {}
    for page in sorted(seed_site.rglob("*.html")):
        for block in json_ld_blocks(page.read_text(encoding="utf-8")):
            assert vocabulary.problems(block) == [], page.relative_to(seed_site)
            counted[block["@type"]] = counted.get(block["@type"], 0) + 1
    assert counted["Event"] == 10 and counted["Person"] == 67
    assert counted["BreadcrumbList"] > 100


def test_the_checker_finds_mistakes(vocabulary):
    wrong = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "x",
        "startDate": "13 February 2020",
        "jobTitle": "Chair",
        "venue": "Room 3",
        "eventStatus": "https://schema.org/Female",
        "location": {"@type": "Person", "name": "y"},
        "organizer": {"@type": "Meeting"},
    }
    problems = "\n".join(vocabulary.problems(wrong))
    for expected in [
        "startDate",
        "jobTitle: not a property of Event",
        "venue: no such",
        "Female is not one of",
        "a Person is not allowed",
        "a Meeting is not allowed",
    ]:
        assert expected in problems
    assert vocabulary.problems({"@type": "Meeting"}) == ["$: @type 'Meeting' is not a schema.org type"]
    assert vocabulary.problems({"@context": "https://schema.org", "@type": "Person", "name": "Z"}) == []


def test_meeting_pages_describe_the_meeting_as_an_event(seed_site):
    html = (seed_site / "meetings/2020/2020-02-13-scrutiny-board-2/index.html").read_text(encoding="utf-8")
    event = blocks_by_type(html)["Event"]
    assert event["name"] == "Education and Children's Services Scrutiny Board (2), Thursday 13 February 2020"
    assert (
        event["startDate"] == "2020-02-13T10:00:00+00:00" and event["endDate"] == "2020-02-13T12:10:00+00:00"
    )
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["organizer"] == {
        "@type": "GovernmentOrganization",
        "name": "Coventry City Council",
        "url": "https://www.coventry.gov.uk",
    }
    assert event["url"] == BASE + "meetings/2020/2020-02-13-scrutiny-board-2/"


def test_remote_meeting_with_a_webcast(seed_site):
    html = (seed_site / "meetings/2020/2020-10-15-scrutiny-board-2/index.html").read_text(encoding="utf-8")
    event = blocks_by_type(html)["Event"]
    assert event["startDate"] == "2020-10-15T10:00:00+01:00"  # British Summer Time
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {"@type": "VirtualLocation", "url": "https://youtu.be/BYBLywsJXkE"}
    assert event["recordedIn"]["url"] == "https://youtu.be/BYBLywsJXkE"


def test_meeting_in_a_room_and_a_cancelled_meeting(basic_site):
    held = blocks_by_type(
        (basic_site / "meetings/2021/2021-06-10-planning/index.html").read_text(encoding="utf-8")
    )["Event"]
    assert held["location"] == {
        "@type": "Place",
        "name": "Council Chamber, Town Hall",
        "address": "Council Chamber, Town Hall",
    }
    assert held["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert held["startDate"] == "2021-06-10T18:00:00+01:00"
    cancelled = blocks_by_type(
        (basic_site / "meetings/2021/2021-09-09-planning/index.html").read_text(encoding="utf-8")
    )["Event"]
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["startDate"] == "2021-09-09"


def test_person_pages_describe_the_person(seed_site):
    person = blocks_by_type((seed_site / "people/k-sandhu/index.html").read_text(encoding="utf-8"))["Person"]
    assert person["name"] == "Councillor K Sandhu" and person["url"] == BASE + "people/k-sandhu/"
    assert [committee["name"] for committee in person["memberOf"]] == [
        "Education and Children's Services Scrutiny Board (2)"
    ]


def test_breadcrumbs_match_the_visible_trail(seed_site):
    for page in sorted(seed_site.rglob("*.html")):
        if page.relative_to(seed_site).parts[0] == "help":
            continue  # the handbook for clerks and web teams: mkdocs' pages, not the archive's
        html = page.read_text(encoding="utf-8")
        blocks = blocks_by_type(html)
        assert ('aria-label="Breadcrumb"' in html) == ("BreadcrumbList" in blocks), page.relative_to(
            seed_site
        )
    crumbs = blocks_by_type(
        (seed_site / "meetings/2020/2020-02-13-scrutiny-board-2/index.html").read_text(encoding="utf-8")
    )["BreadcrumbList"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs["itemListElement"]] == [
        (1, "Home", BASE),
        (2, "Committees", BASE + "committees/"),
        (3, "Scrutiny Board 2", BASE + "committees/scrutiny-board-2/"),
        (4, "13 February 2020", BASE + "meetings/2020/2020-02-13-scrutiny-board-2/"),
    ]


def test_text_cannot_break_out_of_the_script_element(tmp_path, vocabulary):
    payload = "Planning</script><script>alert(1)</script><!-- \u2028 &"
    config = copy_fixture("basic", tmp_path / "site")
    committee = config.parent / "content/committees/planning.yaml"
    committee.write_text(
        committee.read_text(encoding="utf-8").replace(
            "name: Planning Committee", f"name: {json.dumps(payload)}"
        ),
        encoding="utf-8",
    )
    result = build_site(config, tmp_path / "out")
    assert not result.failed, [d.format() for d in result.diagnostics]
    html = (tmp_path / "out/meetings/2021/2021-06-10-planning/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    for block in html.split('<script type="application/ld+json">')[1:]:
        body = block.split("</script>", 1)[0]
        assert "<" not in body and ">" not in body
        json.loads(body)
    event = blocks_by_type(html)["Event"]
    assert event["name"].startswith(payload)
    assert vocabulary.problems(event) == []


@given(st.text())
def test_any_text_survives_the_script_element_unchanged(text):
    html = str(script({"@type": "Thing", "name": text}))
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "</" not in body and "<!--" not in body
    assert json_ld_blocks(f"<p>{html}</p>") == [{"@type": "Thing", "name": text}]
