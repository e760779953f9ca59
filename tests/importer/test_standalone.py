"""Minutes published on their own, in the layouts councils use (issue 16). Each text here is written for
the test in the shape a council prints, not copied from any council's minutes."""

from __future__ import annotations

import datetime as dt

from minutebook.importer.standalone import prepare, read_standalone
from minutebook.importer.text import to_lines


def read(text: str):
    return read_standalone(to_lines(prepare(text)))


IRISH = """MINUTES OF PROCEEDINGS AT MEETING OF KILBRACKEN COUNTY COUNCIL HELD IN THE COUNCIL
CHAMBER, MAIN STREET, KILBRACKEN, ON MONDAY, 3RD MAY, 2021, AT 3.00 P.M.

PRESENT IN THE CHAIR: Councillor A. Byrne, Cathaoirleach.

MEMBERS PRESENT:

Councillors Brady, Collins (B), Collins (P), Daly, Egan and Farrell.

An apology for her inability to attend the Meeting was received from Councillor Foley.

OFFICIALS IN ATTENDANCE:

Chief Executive (Mr. T. Hayes), Meetings Administrator (Ms. R. Quinn).

1.

Adoption of Minutes

Circulated, copy of draft Minutes of Meeting held on 12th April, 2021.

Proposed by Councillor Brady;
Seconded by Councillor Daly;
And Resolved: That the Minutes be adopted.

2.

Housing Report

The report was noted.
"""


def test_an_irish_county_council_layout():
    minutes = read(IRISH)
    assert minutes.date == dt.date(2021, 5, 3)
    assert minutes.committee_name == "KILBRACKEN COUNTY COUNCIL"
    members = minutes.attendance["members"]
    assert "Councillor A. Byrne (Chair)" in members
    assert (
        "Councillor Collins (B)" in members and "Councillor Collins (P)" in members
    )  # not glued, not merged
    assert "Councillor Farrell" in members
    assert minutes.attendance["apologies"] == ["Councillor Foley"]
    assert minutes.officers == {"": ["Mr. T. Hayes", "Ms. R. Quinn"]}
    assert [(item.number, item.title) for item in minutes.items] == [
        (1, "Adoption of Minutes"),
        (2, "Housing Report"),
    ]
    vote = minutes.items[0].votes[0]
    assert (vote.moved, vote.seconded) == ("Councillor Brady", "Councillor Daly")


PARISH = """DRAFT MINUTES OF THE NETHERBY PARISH COUNCIL MEETING HELD AT NETHERBY VILLAGE HALL AT 7.00 pm ON THURSDAY 1 JUNE 2017

PRESENT (five Councillors): - Ann Bell (AB), Carol Dunn (CD) – Chair, Eve Fox (EF), Gina Hart (GH) and Ian Jones (IJ). Parish Clerk: Peter King In attendance: two members of the public.

70/17 Apologies for absence Apologies had been received from Tom Lee (TL) who was at work. 71/17 Declaration of Interest on agenda items No declarations were made. 72/17 Minutes of the meeting held on 3 May 2017 The minutes were approved.

73/17 Highways

Cllr Bell proposed that the Clerk write to the County Council, seconded by Cllr Fox. Carried.
"""


def test_a_parish_council_with_running_numbers_run_together():
    minutes = read(PARISH)
    assert minutes.date == dt.date(2017, 6, 1)
    assert minutes.committee_name == "NETHERBY PARISH COUNCIL"
    assert minutes.attendance["members"][:2] == ["Ann Bell", "Carol Dunn (Chair)"]
    assert minutes.officers == {"": ["Peter King"]}
    assert [(item.number, item.title) for item in minutes.items] == [
        (70, "Apologies for absence"),
        (71, "Declaration of Interest on agenda items"),
        (72, "Minutes of the meeting held on 3 May 2017"),
        (73, "Highways"),
    ]
    assert minutes.attendance["apologies"] == ["Tom Lee"]
    assert (minutes.items[3].votes[0].moved, minutes.items[3].votes[0].seconded) == ("Cllr Bell", "Cllr Fox")


WELSH = """<p>Cynhaliwyd cyfarfod Cyngor Cymuned Llanfair o bell trwy Zoom am 7.30pm ar y 9fed Medi 2020.</p>
<h4>PRESENNOL</h4>
<p>Cynghorwyr Alun Jones, Bethan Evans a’r Cynghorydd Sir Dafydd Rees.</p>
<h4>1. CROESO AC YMDDIHEURIADAU</h4>
<p>Derbyniwyd ymddiheuriadau gan y Cynghorwyr Gareth Lloyd a Siân Morgan.</p>
<h4>2. CADARNHAU COFNODION Y CYFARFOD DIWETHAF</h4>
<p>Cynigiwyd gan y Cyng. A. Jones, eiliwyd gan y Cyng. B. Evans a chytunwyd yn unfrydol bod y cofnodion yn gywir.</p>
<h4>3. DATGANIADAU O DDIDDORDEB</h4>
<p>Dim.</p>
"""


def test_welsh_minutes_in_an_html_fragment():
    minutes = read(WELSH)
    assert minutes.date == dt.date(2020, 9, 9)
    assert minutes.committee_name == "Cyngor Cymuned Llanfair"
    assert minutes.attendance["members"] == [
        "Cynghorydd Alun Jones",
        "Cynghorydd Bethan Evans",
        "Cynghorydd Sir Dafydd Rees",
    ]
    assert minutes.attendance["apologies"] == ["Cynghorydd Gareth Lloyd", "Cynghorydd Siân Morgan"]
    assert [item.number for item in minutes.items] == [1, 2, 3]
    vote = minutes.items[1].votes[0]
    assert vote.moved.endswith("A. Jones") and vote.seconded.endswith("B. Evans") and vote.result == "carried"


CANADIAN = """---
title: 5th Council Meeting
---
# Riverford City Council
March 4, 2025, at 1:00 PM

> [!abstract]- Present:
> Mayor P. Grant, A. Hill, B. Irwin, C. Jones

> [!abstract]- Remote Attendance:
> D. King, E. Lane

# 1.&nbsp;&nbsp;&nbsp;Disclosures of Pecuniary Interest

That it BE NOTED that no pecuniary interests were disclosed.

# 2.&nbsp;&nbsp;&nbsp;Consent Items

> Moved by A. Hill

> Seconded by B. Irwin

That Consent Items 2.1 to 2.3 BE APPROVED.

> **Motion Passed (4 to 0)**

## 2.1&nbsp;&nbsp;&nbsp;Report of the Parks Committee

Received.

# 3.&nbsp;&nbsp;&nbsp;Adjournment
"""


def test_a_north_american_council_in_markdown():
    minutes = read(CANADIAN)
    assert minutes.date == dt.date(2025, 3, 4)
    assert minutes.committee_name == "Riverford City Council"
    assert minutes.attendance["members"] == ["Mayor P. Grant", "A. Hill", "B. Irwin", "C. Jones"]
    assert [(item.number, item.title) for item in minutes.items] == [
        (1, "Disclosures of Pecuniary Interest"),
        (2, "Consent Items"),
        (3, "Adjournment"),
    ]
    vote = minutes.items[1].votes[0]
    assert (vote.moved, vote.seconded, vote.result, vote.sides) == (
        "A. Hill",
        "B. Irwin",
        "carried",
        {"for": 4, "against": 0},
    )
    assert any(
        "remotely" in note.message for note in minutes.review
    )  # no place for them yet: said, not dropped silently


ITEM_UNDER = """Minutes of the Meeting of the Planning Committee of Eastwick Borough Council held on Tuesday 7 March 2023

Present: Councillors Abel, Baker and Carter

Apologies were noted and accepted for Councillor Dunn.

Declarations of Interest
(Item 1)

None.

Land at Mill Lane
(Item 2)

RESOLVED that permission be granted.
"""


def test_item_numbers_printed_under_the_title_and_apologies_in_prose():
    minutes = read(ITEM_UNDER)
    assert minutes.date == dt.date(2023, 3, 7)
    assert "Eastwick Borough Council" in minutes.committee_name
    assert minutes.attendance["members"] == ["Councillor Abel", "Councillor Baker", "Councillor Carter"]
    assert minutes.attendance["apologies"] == ["Councillor Dunn"]
    assert [(item.number, item.title) for item in minutes.items] == [
        (1, "Declarations of Interest"),
        (2, "Land at Mill Lane"),
    ]


def test_nothing_is_read_that_is_not_printed():
    minutes = read(
        "Minutes of a meeting of the above Council held on Monday 24th February 2020\n\nPresent: Cllrs Abel and Baker\n\n"
        "1. Apologies: none\n\n2. Minutes: approved\n\n3. Correspondence: none\n"
    )
    assert minutes.date == dt.date(2020, 2, 24)
    assert minutes.committee_name == ""  # the name was on a letterhead: not guessed
    assert any("names no council" in note.message for note in minutes.review)


WEB_PAGE = """<html><head><title>Minutes</title><style>p {}</style></head><body><nav>Home | Minutes</nav>
<h2>Llanfair Community Council</h2>
<p>Minutes of the meeting held on Wednesday 10th June 2020 via Zoom.</p>
<h4>PRESENT</h4>
<p>Councillors Alun Jones, Bethan Evans and County Councillor Dafydd Rees.</p>
<ol><li><h4>WELCOME AND APOLOGIES</h4><p>Apologies received from Cllrs. Gareth Lloyd and Sian Morgan.</p></li>
<li><h4>TO CONFIRM THE MINUTES</h4><p>It was proposed by Cllr. A. Jones, seconded by Cllr. B. Evans and unanimously agreed.</p></li></ol>
</body></html>"""


def test_a_web_page_of_minutes_with_an_ordered_list_of_items(tmp_path):
    from minutebook.importer.extract import extract_text

    page = tmp_path / "minutes.html"
    page.write_text(WEB_PAGE, encoding="utf-8")
    minutes = read(extract_text(page))
    assert (minutes.committee_name, minutes.date) == ("Llanfair Community Council", dt.date(2020, 6, 10))
    assert minutes.attendance["members"] == [
        "Councillor Alun Jones",
        "Councillor Bethan Evans",
        "County Councillor Dafydd Rees",
    ]
    assert minutes.attendance["apologies"] == ["Cllr Gareth Lloyd", "Cllr Sian Morgan"]
    assert [(item.number, item.title) for item in minutes.items] == [
        (1, "WELCOME AND APOLOGIES"),
        (2, "TO CONFIRM THE MINUTES"),
    ]
    assert minutes.items[1].votes[0].moved == "Cllr. A. Jones"


PRIVATE = """Minutes of the Meeting of Ashby Parish Council held on Monday 6 March 2023

Present: Councillors Abel, Baker and Carter

1. Apologies

None.

2. Exclusion of the press and public

RESOLVED that under the Public Bodies (Admission to Meetings) Act 1960 the press and public be excluded for the following item.

3. Staffing

The Clerk's hours were reviewed.

4. Grounds maintenance contract

RESOLVED that the press and public be excluded under paragraph 3 of Part 1 of Schedule 12A for this item.
"""


def test_private_items_after_an_exclusion_under_the_1960_act_are_flagged_and_schedule_12a_paragraphs_read():
    minutes = read(PRIVATE)
    assert [item.private_paragraphs for item in minutes.items] == [(), (), (), (3,)]
    assert any(
        "item 3 ('Staffing') was taken in private" in note.message and "1960" in note.message
        for note in minutes.review
    )


def test_a_report_with_a_date_and_numbered_paragraphs_is_not_taken_for_minutes():
    from minutebook.importer.standalone import is_minutes

    report = read(
        "Report to the Planning Committee, Committee Room 3\n\n17 March 2022\n\n1 Purpose of the Report\n\nTo inform.\n\n"
        "2 Recommendations\n\nTo note.\n\n3 Background\n\nSome history.\n"
    )
    assert not is_minutes(report)
    assert report.committee_name != "Committee Room 3"


def test_attendance_printed_as_the_first_numbered_item():
    minutes = read(
        "Minutes of Wickham Parish Council Meeting held in The Community Centre\n\nAt 7.30pm on Wednesday 10 July 2013\n\n"
        "1.            Those Attending:             Cllr J Abel (Chairman), Cllr Mrs D Baker, Cllr M Cole, Mrs C Dale (Clerk), 6 Members of the Public.   PCSO Ann Eve was present for part of the meeting.\n\n"
        "2.            To Consider Apologies for Absence:       Apologies were received from Borough Councillor C Fry and Cllr T Gee\n\n"
        "3.            To Approve the Minutes of the Meeting of 12 June 2013\n\nCllr Mrs Baker proposed acceptance of the Minutes seconded by Cllr Cole.    **Unanimously Agreed**\n"
    )
    assert (minutes.committee_name, minutes.date) == ("Wickham Parish Council", dt.date(2013, 7, 10))
    assert minutes.attendance["members"] == ["Cllr J Abel (Chairman)", "Cllr Mrs D Baker", "Cllr M Cole"]
    assert minutes.officers == {"": ["Mrs C Dale"]}
    assert minutes.attendance["apologies"] == ["Borough Councillor C Fry", "Cllr T Gee"]
    assert [item.number for item in minutes.items] == [1, 2, 3]
    vote = minutes.items[2].votes[0]
    assert (vote.moved, vote.seconded, vote.result) == ("Cllr Mrs Baker", "Cllr Cole", "carried")


def test_a_recorded_vote_with_the_names_under_each_side():
    minutes = read(
        "Minutes of the Meeting of Ashby Town Council held on Monday 6 March 2023\n\nPresent: Councillors Abel, Baker, Carter and Dunn\n\n"
        "1. Budget\n\nProposed by Councillor Abel; Seconded by Councillor Baker;\n\nThat the budget be approved.\n\n"
        "For (3)\n\nCouncillor Abel\nCouncillor Baker\nCouncillor Carter\n\nAgainst (1)\n\nCouncillor Dunn\n\nThe motion was carried.\n\n"
        "2. Close\n\nThe meeting closed at 8pm.\n\n3. Next meeting\n\nTo be arranged.\n"
    )
    vote = minutes.items[0].votes[0]
    assert (vote.moved, vote.seconded) == ("Councillor Abel", "Councillor Baker")
    assert vote.sides == {
        "for": ["Councillor Abel", "Councillor Baker", "Councillor Carter"],
        "against": ["Councillor Dunn"],
    }


US_CITY = """A REGULAR MEETING OF THE COUNCIL OF THE CITY OF RIVERTON, OREGON WAS HELD THIS 5TH DAY OF JANUARY, 2000 AT 9:30 A.M.

THOSE PRESENT WERE: Mayor Kane, Presiding; Commissioners Abbott, Hale, Stone and Tran, 5.

OFFICERS IN ATTENDANCE: Ben Ward, Senior Deputy City Attorney; Britta Olsen, Clerk of the Council.

1 Request of John Doe to address Council regarding parks (Communication)

PLACED ON FILE

2 Accept bid of Acme Ltd for road works (Report; Contract No. 30001)

Motion to accept the report: Moved by Commissioner Hale and seconded by Commissioner Stone.

(Y-5)

3 Amend the zoning code (Ordinance)

Passed to second reading.
"""


def test_a_us_city_council_with_unpunctuated_item_numbers_and_a_yeas_count():
    minutes = read(US_CITY)
    assert minutes.date == dt.date(2000, 1, 5)
    assert "CITY OF RIVERTON" in minutes.committee_name
    assert minutes.attendance["members"] == [
        "Mayor Kane (Chair)",
        "Commissioner Abbott",
        "Commissioner Hale",
        "Commissioner Stone",
        "Commissioner Tran",
    ]
    assert minutes.officers == {"": ["Ben Ward", "Britta Olsen"]}
    assert [item.number for item in minutes.items] == [1, 2, 3]
    vote = minutes.items[1].votes[0]
    assert (vote.moved, vote.seconded, vote.sides, vote.result) == (
        "Commissioner Hale",
        "Commissioner Stone",
        {"for": 5},
        "carried",
    )


def test_the_venue_and_a_remote_meeting_are_read_from_the_heading():
    assert read(WELSH).remote  # "o bell trwy Zoom"
    minutes = read(
        "Ayton Community Council\n\nMinutes of a Meeting held on Tuesday 3 September 2019 at 7.00pm in Ayton Community Hall\n\n"
        "Present: Kenny Combe, Graham Dolan\n\n1. Police Report\n\nNone.\n\n2. Open Forum\n\nNone.\n\n3. AOB\n\nNone.\n"
    )
    assert (minutes.venue, minutes.remote, minutes.start.hour) == ("Ayton Community Hall", False, 19)
