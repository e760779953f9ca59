"""Decisions in the forms councils print (issue 16): the site's reading of a paragraph as a decision
(minutebook.validate.minutes) and the import setting prose decisions apart (minutebook.importer.decisions)."""

from __future__ import annotations

import pytest

from minutebook.importer.decisions import decisions_apart
from minutebook.validate.minutes import decisions_in_prose, reads_as_decision, segment_item, sentences
from tests.importer.test_importer import STYLES, drafts, import_into, site  # noqa: F401 (site is a fixture)

FORMULAS = [
    "RESOLVED that the report be noted.",
    "(4) RESOLVED that the Council adopts the plan.",
    "4. Resolved: that the accounts be approved.",
    "And Resolved: That the Council note the report.",
    "It was resolved that the grant be paid.",
    "It was unanimously agreed to write to the Highways Department.",
    "AGREED that the clerk writes to the owner.",
    "Agreed: the precept is set at £4,500.",
    "Unanimously agreed to accept the quotation.",
    "DECISION: to refuse the application.",
]
PROSE = [
    "All agreed this was a true record and the minutes were signed.",
    "The minutes of the previous meeting on 1st February were approved.",
    "Approved & signed as correct.",
    "The Councillors resolved to pay the invoice of £65.",
    "Cllrs present agreed that the donation can be paid.",
    "The council has no objection to Application S.20/0631/HHOLD.",
    "These were moved as correct by A Brown and C Black and approved.",
    "Renewal of the subscription was approved by councillors.",
    "Motion by Janet Keough, second by Gary Mantay to approve the minutes. Motion carried.",
]
NOT_DECISIONS = [
    "MC agreed to find out whether the council holds any record.",  # one person's errand
    "The problem with the drains has been resolved.",
    "Agreed changes to the timetable were published by the bus company.",
    "It was noted that the gates were prone to jamming.",
    "Planning approved for Mr & Mrs Godfrey, conservatory.",  # another authority's decision, reported
    "Motion by A Brown, second by C Black to buy a mower. Motion lost.",
    "- All agreed this was a true record.",  # a list entry is not a paragraph the site sets apart
    "The motion was carried.",  # the result of a vote printed above it, not what was decided
]


@pytest.mark.parametrize("text", FORMULAS)
def test_decision_formulas_are_read_whatever_the_minutes(text):
    assert reads_as_decision(text, prose=False)


@pytest.mark.parametrize("text", PROSE)
def test_decisions_in_prose_are_read_only_when_asked(text):
    assert reads_as_decision(text, prose=True)
    assert not reads_as_decision(text, prose=False)


@pytest.mark.parametrize("text", NOT_DECISIONS)
def test_prose_that_decides_nothing_is_not_a_decision(text):
    assert not reads_as_decision(text, prose=True)


def test_minutes_that_print_resolved_keep_their_prose_as_prose():
    # Coventry's minutes print RESOLVED for every decision; "The minutes ... were approved" stays prose.
    items = [
        "The minutes of the meeting held on 9 February 2023 were approved.",
        "The Board considered a report.\n\nRESOLVED that the Board noted the report.",
    ]
    assert not decisions_in_prose(items)
    assert [bool(s.resolution) for s in segment_item(items[0], decisions_in_prose(items))] == [False]
    parish = ["The minutes of the last meeting were approved.", "The Councillors resolved to pay £65."]
    assert decisions_in_prose(parish)
    assert [bool(s.resolution) for s in segment_item(parish[0], decisions_in_prose(parish))] == [True]


def test_sentences_are_not_cut_at_abbreviations_or_initials():
    text = "Merlin Waste £30.00 (Ch. No. 300093), paid to Cllr. J. Smith. All approved."
    assert sentences(text) == [
        "Merlin Waste £30.00 (Ch. No. 300093), paid to Cllr. J. Smith.",
        "All approved.",
    ]


def test_the_import_starts_a_paragraph_at_each_decision_and_changes_no_word():
    body = (
        "The minutes of the meeting held on 10th January 2017 had been circulated prior to this meeting. "
        "All agreed this was a true record and minutes were approved and signed.\n\n"
        "- Zurich insurance: all agreed to pay.\n\n"
        "Clerk Linda Britton reports on training. Motion by Janet Keough, second by Gary Mantay to approve "
        "the transfer. Motion carried. The next meeting is in March."
    )
    apart = decisions_apart(body)
    paragraphs = apart.split("\n\n")
    assert paragraphs == [
        "The minutes of the meeting held on 10th January 2017 had been circulated prior to this meeting.",
        "All agreed this was a true record and minutes were approved and signed.",
        "- Zurich insurance: all agreed to pay.",  # a list entry is left whole
        "Clerk Linda Britton reports on training.",
        # The motion and the sentence saying it was carried stay together.
        "Motion by Janet Keough, second by Gary Mantay to approve the transfer. Motion carried. The next meeting is in March.",
    ]
    assert apart.split() == body.split()  # only paragraph breaks were added
    decided = [bool(s.resolution) for p in paragraphs for s in segment_item(p, True)]
    assert decided == [False, True, False, False, True]


def test_the_report_lists_the_items_whose_decisions_were_read_from_prose(site, tmp_path):  # noqa: F811
    minutes = (STYLES / "parish-council-minutes.md").read_text(encoding="utf-8")
    assert "Resolved: That a memorial bench" in minutes
    prose = tmp_path / "parish-prose.md"
    prose.write_text(
        minutes.replace("Resolved: That a memorial bench", "The Council agreed that a memorial bench"),
        encoding="utf-8",
    )
    report = import_into(site, prose)
    assert "Decisions: read from the minutes' prose in items 89;" in report
    body = drafts(site)["meetings/2023/2023-06-05-little-hampton-parish-council/"].items[1]
    assert body.resolutions and body.resolutions[0].text.startswith(
        "The Council agreed that a memorial bench"
    )


def test_a_formula_inside_a_paragraph_opens_its_own():
    # PDF text often runs the numbered resolution on from the sentence before it.
    assert decisions_apart("The Council considered the plan. (4) RESOLVED that the plan be adopted.").split(
        "\n\n"
    ) == ["The Council considered the plan.", "(4) RESOLVED that the plan be adopted."]
    assert decisions_apart("The report was noted. And Resolved: That the clerk writes.").split("\n\n") == [
        "The report was noted.",
        "And Resolved: That the clerk writes.",
    ]


def test_in_minutes_that_print_resolved_prose_is_not_cut():
    # The site would not read "All agreed ..." as a decision there, so the paragraph stays whole.
    body = "The minutes were circulated. All agreed this was a true record. (2) RESOLVED that they be signed."
    assert decisions_apart(body, prose=False).split("\n\n") == [
        "The minutes were circulated. All agreed this was a true record.",
        "(2) RESOLVED that they be signed.",
    ]
