"""The record exactly as recorded (issue 17): each page states what the minutes record, and anything
else (an inference, a clerk's note, a status worked out from dates) is visibly marked as such.

Each test pins one finding of a resident's review of the built seed archive; the seed site is built
once for the session (tests/conftest.py)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import icalendar
import pytest

from tests.support.opendata import records

FEB = "meetings/2020/2020-02-13-scrutiny-board-2"
WITHOUT_MINUTES = {  # past meetings, not called off, whose minutes the archive does not hold
    "2017-07-13": "meetings/2017/2017-07-13-scrutiny-board-2",
    "2020-01-09": "meetings/2020/2020-01-09-scrutiny-board-2",  # entered as held by the clerk
    "2020-10-15": "meetings/2020/2020-10-15-scrutiny-board-2",
    "2022-03-17": "meetings/2022/2022-03-17-scrutiny-board-2",
}


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


# Finding: past meetings tagged "Scheduled" (and CONFIRMED in calendars) while 9 January 2020, in
# the same position, said "Held".


@pytest.mark.parametrize("date", sorted(WITHOUT_MINUTES))
def test_a_past_meeting_without_minutes_says_so_in_plain_words(seed_site, date):
    html = page(seed_site, WITHOUT_MINUTES[date])
    status = html.split("<dt>Status</dt>", 1)[1].split("</div>", 1)[0]
    assert "No minutes in this archive" in status
    assert "does not record whether or how the meeting took place" in status
    assert "tag--scheduled" not in status and "tag--held" not in status
    year = page(seed_site, f"meetings/{date[:4]}")
    entry = re.search(rf'href="[^"]*{date}-scrutiny-board-2/">.*?</li>', year, re.DOTALL).group(0)
    assert "No minutes in this archive" in entry and "Scheduled" not in entry and "Held" not in entry


@pytest.mark.parametrize("date", sorted(WITHOUT_MINUTES))
def test_a_past_meeting_without_minutes_is_tentative_in_calendars(seed_site, date):
    for path in (
        seed_site / "meetings.ics",
        seed_site / WITHOUT_MINUTES[date] / f"{date}-scrutiny-board-2.ics",
    ):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        (event,) = [e for e in calendar.walk("VEVENT") if date in str(e["UID"])]
        assert str(event["STATUS"]) == "TENTATIVE"
        assert "There are no minutes of this meeting in this archive" in str(event["DESCRIPTION"])


def test_meetings_with_minutes_stay_held_and_confirmed(seed_site):
    assert 'tag--held">Held' in page(seed_site, FEB)
    calendar = icalendar.Calendar.from_ical((seed_site / "meetings.ics").read_bytes())
    (event,) = [e for e in calendar.walk("VEVENT") if "2020-02-13" in str(e["UID"])]
    assert str(event["STATUS"]) == "CONFIRMED"


def test_open_data_says_which_meetings_have_minutes(seed_site):
    meetings = {m["id"]: m for m in records(seed_site, "meetings")}
    held = {key for key, meeting in meetings.items() if meeting["minutes_in_archive"]}
    assert {key[:10] for key in held} == {"2017-06-29", "2019-11-28", "2020-02-13", "2023-03-16"}


# Finding: Councillor R Potter shown absent, 0%, for 29 June 2017, inferred from a later agenda.


def test_an_agenda_never_makes_anyone_absent(seed_site):
    potter = page(seed_site, "people/r-potter")
    assert 'class="attendance-table"' not in potter and "0%" not in potter and "absent" not in potter.lower()
    june = page(seed_site, "meetings/2017/2017-06-29-scrutiny-board-2")
    membership = june.split('id="membership"', 1)[1].split("</section>", 1)[0]
    assert "As recorded in the minutes of this meeting" in membership
    assert "r-potter" not in membership and "Absent" not in membership
    # The 13 July 2017 agenda lists him: expected there, and said to be only that.
    assert (
        "Co-opted member, expected: listed in the agenda of this meeting (the minutes are not in the archive)"
        in potter
    )


# Finding: Mrs K Jones's 2019/20 attendance disappeared because an agenda listed her "By Invitation".


def test_an_agenda_heading_does_not_remove_attendance_the_minutes_record(seed_site):
    jones = page(seed_site, "people/k-jones")
    row = re.search(
        r"<tr>\s*<td>2019/20</td>.*?</tr>", jones.split('class="attendance-table"', 1)[1], re.DOTALL
    ).group(0)
    assert "1 of 2 meetings with minutes (50%)" in text(row)
    november = page(seed_site, "meetings/2019/2019-11-28-scrutiny-board-2")
    seat = re.search(r'<tr><td><a href="../../../people/k-jones/">.*?</tr>', november).group(0)
    assert "Apologies" in seat


# Finding: the people list counted cancelled and agenda-only meetings (Mrs S Hanson: 9 shown, she
# attended 4), and "100%" was printed without saying it was 2 of 2.


def test_people_list_counts_meetings_attended_as_the_person_page_does(seed_site):
    people = page(seed_site, "people")
    counts = dict(
        re.findall(
            r'<a href="([a-z0-9-]+)/">[^<]+</a></td>\s*<td>[^<]*</td>\s*<td data-value="\d+">(\d+)</td>',
            people,
        )
    )
    assert counts["s-hanson"] == "4"
    for slug, count in counts.items():
        person = page(seed_site, f"people/{slug}")
        assert re.search(rf"The minutes in this archive record [^<]*? at {count} meetings?[ .]", person), slug


def test_rates_say_n_of_m_meetings_with_minutes(seed_site):
    sandhu = page(seed_site, "people/k-sandhu")
    table = sandhu.split('class="attendance-table"', 1)[1].split("</table>", 1)[0]
    assert "2 of 2 meetings with minutes (100%)" in text(table)
    chart = sandhu.split("<figure", 1)[1].split("</figure>", 1)[0]
    assert "2 of 2" in chart
    assert not re.search(r">\s*\d+%\s*<", sandhu)  # no bare percentage anywhere


# Finding: resolution labels renumbered (minute 44's 4(a) and 4(b) as 1. and 2.), and the actions
# tracker cut 44.4 to "the following information be circulated:", dropping (a) and (b).

LABELLED_44 = [
    "1.",
    "2.",
    "3.",
    "4.",
    "a)",
    "b)",
]  # content/ writes the printed 1) as 1. (a Markdown list); a) and b) as printed


def test_meeting_page_keeps_the_printed_labels(seed_site):
    minute = page(seed_site, FEB).split('id="minute-44"', 1)[1].split("</section>", 1)[0]
    resolution = minute.split('<div class="resolution">', 1)[1].split("</div>", 1)[0]
    assert re.findall(r'<span class="point-label">([^<]+)</span>', resolution) == LABELLED_44
    assert "<ol" not in resolution  # a list the browser numbers would renumber the points
    assert re.search(
        r"4\.</span> the following information be circulated:<ul[^>]*><li><span class=\"point-label\">a\)</span> the link",
        resolution,
    )


def test_actions_tracker_keeps_the_whole_point_and_its_labels(seed_site):
    actions = page(seed_site, "committees/scrutiny-board-2/actions")
    entry = actions.split('id="action-2020-02-13-44-4"', 1)[1].split("</li>\n  <li", 1)[0]
    assert "point 4." in entry
    assert "a)</span> the link to access the working together guide 2018" in entry
    assert "b)</span> the 1-minute guide" in entry


def test_feeds_search_and_open_data_keep_the_printed_labels(seed_site):
    feed = (seed_site / "feed.atom").read_text(encoding="utf-8")
    assert "4.&lt;/span&gt; the following information be circulated:" in feed
    assert "a)&lt;/span&gt; the link to access the working together guide 2018" in feed
    documents = [
        json.loads(line)
        for path in (seed_site / "search/docs").glob("*.json.gz")
        for line in gzip.decompress(path.read_bytes()).decode().splitlines()
        if line.strip()
    ]
    (minute,) = [d for d in documents if d["url"] == f"{FEB}/#minute-44"]
    assert (
        "4. the following information be circulated:\na) the link to access the working together guide 2018\nb) the 1-minute guide"
        in minute["text"]
    )
    resolutions = records(seed_site, "resolutions")
    (made,) = [r for r in resolutions if r["minute"] == 44]
    fourth = made["labelled_points"][3]
    assert (fourth["label"], fourth["text"]) == ("4.", "the following information be circulated:")
    assert [(p["label"], p["text"]) for p in fourth["points"]] == [
        ("a)", "the link to access the working together guide 2018"),
        ("b)", "the 1-minute guide"),
    ]
    assert "4. the following information be circulated:\na) the link" in made["text"]


# Finding: 2017 requests carried a red PENDING badge when their outcome is simply unknown; notes
# the clerk wrote (action outcomes, descriptions, "invited instead") looked like minuted text.


def test_an_unknown_outcome_is_no_outcome_recorded(seed_site):
    actions = page(seed_site, "committees/scrutiny-board-2/actions")
    entry = actions.split('id="action-2017-06-29-90-1"', 1)[1].split("</li>", 1)[0]
    assert "No outcome recorded" in entry and "Pending" not in entry and "tag--action-pending" not in entry
    june = page(seed_site, "meetings/2017/2017-06-29-scrutiny-board-2")
    assert "No outcome recorded" in june
    # 90.2 is pending because the clerk entered it so (from the 13 July 2017 work programme): said to be a note.
    statuses = re.findall(
        r'tag--action-(\w+)">[^<]+</strong>( <span class="clerks-note__label">\(clerk\'s note\)</span>)?',
        june,
    )
    assert ("unrecorded", "") in statuses and all(note for status, note in statuses if status != "unrecorded")


def test_clerks_notes_are_labelled(seed_site):
    march = page(seed_site, "meetings/2020/2020-03-19-scrutiny-board-2")
    assert re.search(
        r"Clerk's note:</span> The Board was invited instead to join the Health and Social Care Scrutiny Board \(5\)",
        march,
    )
    actions = page(seed_site, "committees/scrutiny-board-2/actions")
    update = actions.split('id="action-2020-02-13-40"', 1)[1].split("</li>\n  <li", 1)[0]
    assert re.search(
        r"Clerk's note:</span> Pending\. The 2020/21 work programme lists Education Performance", update
    )
    topic = page(seed_site, "topics/early-years")
    assert "Clerk's note:</span> Children from birth to five" in topic
    calendar = (
        (seed_site / "meetings/2020/2020-03-19-scrutiny-board-2/2020-03-19-scrutiny-board-2.ics")
        .read_bytes()
        .decode()
    )
    assert "Clerk's note: The Board was invited instead" in calendar.replace("\r\n ", "")


# Finding: a declaration on a person's page said "in minute 41, minute 44" without the titles.


def test_a_declaration_names_the_items_titles(seed_site):
    kaur = page(seed_site, "people/b-kaur")
    declaration = kaur.split('id="declarations"', 1)[1].split("</ul>", 1)[0]
    assert (
        "minute 41, Serious Case Review</a> and" in declaration
        and "minute 44, Serious Case Review</a>" in declaration
    )
    feb = page(seed_site, FEB).split('id="declarations"', 1)[1].split("</section>", 1)[0]
    assert "minute 41, Serious Case Review</a> and" in feb


# Finding: People was one flat list of councillors, officers, guests and "Students from Coventry College".


def test_people_are_grouped_by_role_and_each_heading_counts_its_rows(seed_site):
    people = page(seed_site, "people")
    sections = dict(re.findall(r'<h2 id="([a-z-]+)">.*?</h2>(.*?)</section>', people, re.DOTALL))
    assert list(sections) == ["councillors", "co-opted", "officers", "others"]
    for anchor, body in sections.items():
        heading = re.search(
            rf'<h2 id="{anchor}">[^<]*<span class="meta-inline">\((\d+)\)</span>', people
        ).group(1)
        assert body.count("<tr>") - 1 == int(heading), anchor  # less the heading row
    assert "Mrs S Hanson" in sections["co-opted"] and "Councillor K Sandhu" in sections["councillors"]
    assert (
        "Students from Coventry College" in sections["others"]
        and "Students from Coventry College" not in sections["councillors"]
    )


def test_structured_data_does_not_say_a_meeting_without_minutes_took_place(seed_site):
    for url in WITHOUT_MINUTES.values():
        (block,) = [
            json.loads(b)
            for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page(seed_site, url))
            if '"Event"' in b
        ]
        assert "eventStatus" not in block, url


def test_a_meeting_still_to_come_is_scheduled_and_confirmed(tmp_path):
    from tests.conftest import build_site, copy_fixture

    config = copy_fixture("basic", tmp_path / "site")
    future = config.parent / "content/meetings/2027/2027-01-14-planning.md"
    future.parent.mkdir(parents=True, exist_ok=True)
    future.write_text(
        '---\ncommittee: planning\ndate: 2027-01-14\nstart: "18:00"\nstatus: scheduled\n---\n',
        encoding="utf-8",
    )
    result = build_site(config, tmp_path / "out")  # built on 1 November 2026
    assert not result.failed, [d.format() for d in result.diagnostics]
    html = page(tmp_path / "out", "meetings/2027/2027-01-14-planning")
    assert 'tag--scheduled">Scheduled' in html and "No minutes in this archive" not in html
    assert "The minutes will be published here after the meeting." in html
    (event,) = icalendar.Calendar.from_ical(
        (tmp_path / "out/meetings/2027/2027-01-14-planning/2027-01-14-planning.ics").read_bytes()
    ).walk("VEVENT")
    assert str(event["STATUS"]) == "CONFIRMED"


def test_a_membership_known_only_from_an_agenda_says_so(seed_site):
    potter = page(seed_site, "people/r-potter")
    row = re.search(r"<tr><td>2017/18</td>.*?</tr>", potter.split("Committee memberships", 1)[1]).group(0)
    assert "Co-opted member, as listed on an agenda" in row
    hanson = page(seed_site, "people/s-hanson").split("Committee memberships", 1)[1]
    assert re.search(
        r"<tr><td>2019/20</td>.*?<td>Co-opted member</td></tr>", hanson
    )  # the minutes record her
