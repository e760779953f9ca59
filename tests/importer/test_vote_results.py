"""Recorded votes: the result and the roll call printed around a motion, read from the sentences the
minutes print them in, and left empty when not printed (issue 16)."""

from __future__ import annotations

from minutebook.importer.standalone import motions_in


def only(body: str):
    (vote,) = motions_in(body)
    return vote


def test_the_result_printed_sentences_after_the_motion_is_its_result():
    vote = only(
        "Motion by Dick Dillon, second by Janet Keough to change the meetings for the next two months. "
        "The new meeting dates are January 22 at 6:30 pm. Motion carried. The clerk will post the dates."
    )
    assert (vote.moved, vote.seconded, vote.result) == ("Dick Dillon", "Janet Keough", "carried")
    assert only("Motion by A Brown, second by C Black to buy a mower. Motion failed.").result == "lost"


def test_a_result_belongs_to_the_motion_just_before_it():
    first, second = motions_in(
        "Motion by Ann Brown, second by Carl Black to buy a mower. "
        "Motion by Dora Green, second by Eric White to adjourn. Motion carried."
    )
    assert (first.moved, first.result) == ("Ann Brown", "")  # not printed: left for the clerk, not guessed
    assert (second.moved, second.result) == ("Dora Green", "carried")


def test_proposed_and_seconded_after_the_decision_it_moved():
    vote = only(
        "The Minutes of the Meeting held on 2 July 2019 were approved. Proposed by SW and seconded by RW."
    )
    assert (vote.moved, vote.seconded, vote.result) == ("SW", "RW", "carried")
    # Without a decision before it, nothing says the motion was carried.
    assert only("The Minutes were discussed. Proposed by SW and seconded by RW.").result == ""


def test_a_roll_call_in_a_sentence_gives_the_names_and_the_result():
    vote = only("Dick made the motion, Jan second the motion. Vote: Dick, aye, Gary aye, Jan nay.")
    assert vote.sides == {"for": ["Dick", "Gary"], "against": ["Jan"]}
    assert vote.result == "carried"  # two for, one against
    tied = only("Dick made the motion, Jan second the motion. Vote: Dick aye, Jan nay.")
    assert tied.result == ""  # a tie is not a result the import can read


def test_a_motion_with_no_result_printed_has_none():
    vote = only("These were moved as correct by Robert Preston and Esme Clark")
    assert (vote.moved, vote.seconded, vote.result) == ("Robert Preston", "Esme Clark", "")
