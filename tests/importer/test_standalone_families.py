"""Layout families added for the 64-file corpus (issue 16): each text is written for the test in the
shape councils print, not copied from any council's minutes."""

from __future__ import annotations

import datetime as dt

from minutebook.importer.standalone import _apologies_in, prepare, read_standalone
from minutebook.importer.text import to_lines


def read(text: str):
    return read_standalone(to_lines(prepare(text)))


COUNTY_BOARD = """1

**MINUTES**
**LAKEVIEW COUNTY BOARD OF COMMISSIONERS**
**MARCH 3, 2025 – REGULAR MEETING**

The Board of Commissioners of Lakeview County met in a regular meeting on Monday, March 3, 2025, at
4:00 p.m. in the Board Room.

Commissioners present were Ann Baker, Chairman Carl Dunn, Vice-Chairman Eve Fox, and Gil Hart.
County Manager Ida Jones and Clerk to the Board Kay Lee were also present.

**CALL TO ORDER**

Chairman Carl Dunn presiding declared a quorum was present and called the meeting to order.

**PUBLIC COMMENT**

There were no comments from the public.

03/03/2025
2

**CONSENT AGENDA**

Commissioner Baker moved to approve the Consent Agenda, seconded by Commissioner Fox.

REQUEST TO APPLY FOR A RURAL ROADS
GRANT
Staff asked to apply for a grant. The Board approved the request.

03/03/2025
3

**ADJOURNMENT**

There being no further business, the meeting adjourned.

03/03/2025
4
"""


def test_capital_headings_page_numbers_and_commissioners_present():
    minutes = read(COUNTY_BOARD)
    assert minutes.date == dt.date(2025, 3, 3)
    assert minutes.committee_name == "LAKEVIEW COUNTY BOARD OF COMMISSIONERS"  # not the page number "1"
    assert [item.title for item in minutes.items] == [
        "CALL TO ORDER",
        "PUBLIC COMMENT",
        "CONSENT AGENDA",
        "REQUEST TO APPLY FOR A RURAL ROADS GRANT",  # a heading the page wrapped
        "ADJOURNMENT",
    ]
    assert minutes.attendance["members"] == ["Ann Baker", "Carl Dunn (Chair)", "Eve Fox", "Gil Hart"]
    assert minutes.officers[""] == ["Ida Jones", "Kay Lee"]
    assert not any("03/03/2025" in item.body for item in minutes.items)  # the running footer


ROLL_CALL = """MINUTES OF THE SPECIAL CITY COUNCIL MEETING
TUESDAY- -MAY 6, 2014- -7:00 P.M.

Mayor Gray convened the meeting at 7:02 p.m.

Roll Call – Present: Councilmembers Ames, Bell, Cruz and Mayor Gray – 4.

Absent: None.

AGENDA CHANGES

(14-101) Mayor Gray announced that the hearing would be continued.

PROCLAMATIONS

(14-102) Proclamation declaring May as Bike Month.

CONSENT CALENDAR

Councilmember Bell moved approval of the Consent Calendar.

(*14-103) Minutes of the Regular Meeting held on April 15, 2014. Approved.

(*14-104) Recommendation to award a contract for paving. Accepted.

ADJOURNMENT

There being no further business, Mayor Gray adjourned the meeting.

Special Meeting
Oakford City Council
May 6, 2014
"""


def test_roll_call_and_paragraphs_numbered_in_brackets():
    minutes = read(ROLL_CALL)
    assert minutes.committee_name == "Oakford City Council"  # the heading says only "SPECIAL CITY COUNCIL"
    assert [name.split()[-1] for name in minutes.attendance["members"]] == ["Ames", "Bell", "Cruz", "Gray"]
    assert [(item.number, item.title) for item in minutes.items] == [
        (101, "AGENDA CHANGES"),  # a statement: an item of its section
        (102, "Proclamation declaring May as Bike Month"),
        (3, "CONSENT CALENDAR"),  # unnumbered text under it: numbered by its place
        (103, "Minutes of the Regular Meeting held on April 15, 2014"),
        (104, "Recommendation to award a contract for paving"),
        (6, "ADJOURNMENT"),
    ]
    assert "Approved." in minutes.items[3].body  # the outcome stays text


TOWNSHIP = """**MINUTES**
TOWNSHIP OF ELMWOOD
Tuesday, June 3, 2025

A regular meeting of the Township of Elmwood Council was held on Tuesday, June 3, 2025 at 6:30 p.m.

Present: Mayor Ann Cole and Councillors Ben Dale, Cy Eno and Di Ford.
Regrets: Councillor Ed Gale.
Staff: Fire Chief-CEMC Flo Hart and Municipal Administrator-Clerk-
Treasurer Gus Ivey.

**R2025-101 B. Dale, C. Eno:**
That the minutes of the meeting held May 20, 2025, be adopted as published.
**Carried.**

**R2025-102 C. Eno, D. Ford:**
That we accept the correspondence as presented. Carried.

**R2025-103 D. Ford, B. Dale:**
That the meeting be adjourned. **Carried.**
"""


def test_regrets_staff_and_resolutions_without_titles():
    minutes = read(TOWNSHIP)
    assert minutes.committee_name == "Township of Elmwood Council"  # from the opening sentence
    assert minutes.attendance["apologies"] == ["Councillor Ed Gale"]
    assert minutes.officers[""] == ["Flo Hart", "Gus Ivey"]  # the posts before the names set aside
    assert [(item.number, item.title) for item in minutes.items] == [(101, ""), (102, ""), (103, "")]
    assert any("R2025-101" in note.message for note in minutes.review)  # the numbers are flagged


CONTENTS = """Minutes of Council Meeting - 7 March 2019
Riverbend District Council
OPEN
MINUTES
Table of Contents
Item                                                      Page No.
1.         Prayer  1
2.         Apologies  1
3.         Confirmation
of Minutes  2
RIVERBEND DISTRICT COUNCIL
MINUTES OF A MEETING OF THE COUNCIL HELD ON THURSDAY, 7 MARCH 2019 AT 1.00PM
Present:                          Mayor Ash (Chair)
Councillors Birch, Cedar and Elm.
IN ATTENDANCE:             Chief Executive (Mr N Oak)
Group Manager: Assets (Ms P Pine)
J Rowan – Chief Financial Officer
1.         Prayer
The opening prayer was given.
2.         Apologies
Councillor Birch/Councillor Cedar
That an apology for absence from Councillor Fir and an apology for lateness from Councillor Elm be accepted.
CARRIED
3.         Confirmation
of Minutes
The minutes were confirmed.
"""


def test_table_of_contents_staff_by_post_and_broken_titles():
    minutes = read(CONTENTS)
    assert minutes.committee_name == "Riverbend District Council"
    assert [(item.number, item.title) for item in minutes.items] == [
        (1, "Prayer"),
        (2, "Apologies"),
        (3, "Confirmation of Minutes"),  # the continuation in lower case
    ]
    assert len(minutes.attendance["members"]) == 4
    assert minutes.attendance["apologies"] == ["Councillor Fir"]  # lateness is not an apology for absence
    assert sorted(minutes.officers[""]) == ["J Rowan", "Mr N Oak", "Ms P Pine"]
    assert any("table of contents" in note.message for note in minutes.review)


def test_meeting_of_council_names_no_council_and_the_venue_is_not_taken():
    minutes = read(
        """Minutes of Extraordinary Meeting of Council - 8 March 2019
Extraordinary Meeting of Council
Venue
Council
Chambers
Hillside Regional Council
Present
Mayor Ash (In the Chair), Councillors Birch and Cedar
1. Apologies
None.
2. Business
Discussed.
3. Close
Closed.
"""
    )
    assert minutes.committee_name == ""


def test_numbered_heading_in_bold_keeps_its_number_and_clerk_in_attendance():
    minutes = read(
        """ASHBY PARISH COUNCIL

**MINUTES OF A MEETING OF ASHBY PARISH COUNCIL HELD ON 25TH JULY 2019**

PRESENT: Cllrs Ann Bell (Chairman), Cy Dean and Eve Ford.
In attendance: The clerk: Tom Gray

**39. APOLOGIES FOR ABSENCE**
None.

**40. PLANNING**
No applications.

**41. FINANCE**
Payments approved.
"""
    )
    assert [(item.number, item.title) for item in minutes.items] == [
        (39, "APOLOGIES FOR ABSENCE"),
        (40, "PLANNING"),
        (41, "FINANCE"),
    ]
    assert minutes.officers[""] == ["Tom Gray"]


def test_apology_name_does_not_take_the_verb():
    assert _apologies_in("That the apologies for absence from Mr Mohi be accepted.") == ["Mr Mohi"]


def test_numbered_clauses_of_a_resolution_are_not_items():
    minutes = read(
        """Minutes of Council Meeting - 30 January 2019
MINUTES OF A meeting of the Riverbend Regional Council
Present: R Ash - Chairman
P Birch
1.       Welcome
The Chairman welcomed everyone.
2.       Conflict of Interest Declarations
There were none.
3.       Port Structure
RC1/19 Resolutions
That Council:
1. Receives and notes the staff report.
2. Agrees in principle to the proposed structure.
3. Notes that a recommendation will follow.
4. Notes that consultation is required.
Birch/Ash
CARRIED
4.       Close
The meeting closed.
"""
    )
    assert [(item.number, item.title) for item in minutes.items] == [
        (1, "Welcome"),
        (2, "Conflict of Interest Declarations"),
        (3, "Port Structure"),
        (4, "Close"),
    ]


def test_two_column_table_of_names_and_roles():
    minutes = read(
        "Minutes for the Loch Ard Community Council meeting\n\nHeld at 1900hrs on 17th November 2020\n\n"
        "Members present:\n\nAnn Bell\tConvenor\nCy Dean\tVice Chair, CC\nEve Ford\tMember\n\n"
        "Apologies:\n\nGus Hay\tCouncillor\n\n**1. Welcome**\n\nWelcome.\n\n**2. Minutes**\n\nApproved.\n\n"
        "**3. Close**\n\nClosed.\n"
    )
    assert minutes.attendance["members"] == ["Ann Bell (Chair)", "Cy Dean", "Eve Ford"]
    assert minutes.attendance["apologies"] == ["Gus Hay"]


def test_called_to_order_by_and_excused_absent_in_the_list():
    minutes = read(
        "State of Illinois\n\nTown of Elmer\n\nELMER TOWNSHIP SPECIAL BOARD MEETING\n\nFebruary 10, 2026\n\n"
        "The special board meeting of the Elmer Township Board of Trustees was called to order by Supervisor"
        " Lane at 6:00 PM.\n\nThe board members present were Trustee Ames, Trustee Bell (Excused Absent) and"
        " Supervisor Lane.\n\nREPORTS:\n\nReports were given.\n"
    )
    assert minutes.attendance["apologies"] == ["Trustee Bell"]
    assert "Lane (Chair)" in minutes.attendance["members"]


def test_board_named_after_its_county_and_members_who_were_present():
    minutes = read(
        "**MINUTES**\n**LAKEVIEW COUNTY**\n**ORGANIZATIONAL MEETING OF THE BOARD OF COMMISSIONERS**\n"
        "**December 2, 2024**\n\nCounty Commissioners Ann Baker, Carl Dunn, and Eve Fox were present for the"
        " Organizational Meeting.\n\n**CONVENE**\n\nThe Clerk convened the meeting.\n\n**ELECTION OF CHAIR**\n\n"
        "Carl Dunn was elected.\n\n**BONDS**\n\nApproved.\n\n**ADJOURNMENT**\n\nAdjourned.\n"
    )
    assert minutes.committee_name == "LAKEVIEW COUNTY BOARD OF COMMISSIONERS"
    assert minutes.attendance["members"] == ["Ann Baker", "Carl Dunn", "Eve Fox"]


def test_a_long_list_of_staff_in_attendance_is_read_to_its_end():
    staff = "\n".join(
        f"{initial} Staffer{n} – Group Manager Area {n}" for n, initial in enumerate("ABCDEFGHJKLMNP")
    )
    minutes = read(
        "Minutes of Council Meeting - 30 January 2019\nMINUTES OF A meeting of the Riverbend Regional Council\n"
        f"Present: R Ash - Chairman\nP Birch\nIn Attendance: {staff}\n1.       Welcome\nWelcome.\n"
        "2.       Business\nDone.\n3.       Close\nClosed.\n"
    )
    assert len(minutes.officers[""]) == 14
