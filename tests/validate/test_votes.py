"""Motions and recorded votes in the meeting format: read, checked, and shown on the meeting page."""

from __future__ import annotations

import pytest

from minutebook.cli import main
from tests.conftest import build_site, copy_fixture

MEETING = "content/meetings/2021/2021-06-10-planning.md"
VOTE = """    votes:
      - motion: That planning permission be granted subject to conditions.
        moved: Councillor A Patel
        seconded: Councillor B Jones
        for: [Councillor A Patel, Councillor B Jones]
        against: [Councillor F Black]
        abstain: 1
        result: carried
      - motion: That the application be deferred for a site visit.
        kind: amendment
        moved: Councillor F Black
        result: withdrawn
"""


def with_votes(tmp_path, vote: str = VOTE):
    config = copy_fixture("basic", tmp_path / "site")
    path = config.parent / MEETING
    text = path.read_text(encoding="utf-8")
    assert "\n  12:\n" in text
    path.write_text(text.replace("\n  12:\n", "\n  12:\n" + vote, 1), encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def voted_site(tmp_path_factory):
    """The fixture site with the votes above, built once for the tests that read its pages."""
    tmp_path = tmp_path_factory.mktemp("votes")
    out = tmp_path / "out"
    result = build_site(with_votes(tmp_path), out)
    assert not result.failed, [d.format() for d in result.diagnostics]
    return out


def test_votes_are_shown_under_their_minute(voted_site):
    out = voted_site
    html = (out / "meetings/2021/2021-06-10-planning/index.html").read_text(encoding="utf-8")
    minute = html.split('id="minute-12"', 1)[1].split('id="minute-13"', 1)[0]
    assert '<div class="vote" role="group" aria-labelledby="minute-12-vote-1">' in minute
    assert '<p class="vote__motion">That planning permission be granted subject to conditions.</p>' in minute
    # Each name links to the person's page, where the vote is part of their voting record.
    assert (
        'Moved by <a href="../../../people/a-patel/">Councillor A Patel</a>, seconded by <a href="../../../people/b-jones/">Councillor B Jones</a>.'
        in minute
    )
    assert (
        '<dt>For</dt><dd><span class="vote__count">2</span>: <a href="../../../people/a-patel/">Councillor A Patel</a>, <a href="../../../people/b-jones/">Councillor B Jones</a></dd>'
        in minute
    )
    assert (
        '<dt>Against</dt><dd><span class="vote__count">1</span>: <a href="../../../people/f-black/">Councillor F Black</a></dd>'
        in minute
    )
    assert '<dt>Abstained</dt><dd><span class="vote__count">1</span></dd>' in minute
    assert '<strong class="tag tag--carried">Carried</strong>' in minute
    second = minute.split('id="minute-12-vote-2"', 1)[1]
    assert (
        "Amendment" in second
        and 'Moved by <a href="../../../people/f-black/">Councillor F Black</a>.' in second
        and "Withdrawn" in second
        and "recorded vote" not in second
    )


@pytest.mark.parametrize(
    "change, expected",
    [
        ("against: [Councillor F Black]", "against: [Councillor F Black, Councillor B Jones]"),
        ("result: carried", "result: passed"),
        ("abstain: 1", "abstain: -1"),
        ("        result: withdrawn\n", "        result: withdrawn\n      - moved: Councillor A Patel\n"),
    ],
)
def test_a_wrong_vote_stops_the_build_with_its_line(tmp_path, capsys, change, expected):
    config = with_votes(tmp_path, VOTE.replace(*(change, expected)))
    assert main(["--config", str(config), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    errors = capsys.readouterr().err
    message = {
        "against: [Councillor F Black]": f"{MEETING}:44:39: error[vote-twice]: Councillor B Jones is listed as voting both For and Against",
        "result: carried": f"{MEETING}:46:17: error[choice]: 'result: passed' is not allowed",
        "abstain: 1": f"{MEETING}:45:18: error[vote-count]: 'abstain: -1' is not a number of votes",
        "        result: withdrawn\n": f"{MEETING}:51:9: error[missing-field]: a vote under minute 12 has no 'motion'",
    }[change]
    assert message in errors


def test_a_result_that_contradicts_the_count_is_a_warning(tmp_path, capsys):
    config = with_votes(tmp_path, VOTE.replace("result: carried", "result: lost"))
    assert main(["--config", str(config), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert (
        f"{MEETING}:46:17: warning[vote-result]: the vote is marked lost but 2 voted for and 1 against"
        in capsys.readouterr().err
    )


def test_officers_may_be_a_plain_list(tmp_path):
    config = copy_fixture("basic", tmp_path / "site")
    path = config.parent / MEETING
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "  officers:\n    Place:\n      - D Green\n",
            "  officers:\n    - D Green (Head of Planning)\n    - E White\n",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = build_site(config, out)
    assert not result.failed, [d.format() for d in result.diagnostics]
    html = (out / "meetings/2021/2021-06-10-planning/index.html").read_text(encoding="utf-8")
    assert (
        '<dt class="visually-hidden">Officers</dt><dd><a href="../../../people/dana-green/">D Green</a> (Head of Planning), <a href="../../../people/e-white/">E White</a></dd>'
        in html
    )


def test_a_councillors_page_shows_their_voting_record(voted_site):
    out = voted_site
    patel = (out / "people/a-patel/index.html").read_text(encoding="utf-8")
    record = patel.split('<h2 id="votes">Voting record</h2>', 1)[1].split("</table>", 1)[0]
    assert (
        '<a href="../../meetings/2021/2021-06-10-planning/#minute-12-vote-1">10 June 2021, minute 12</a>'
        in record
    )
    assert (
        "<td>That planning permission be granted subject to conditions.</td>\n      <td>Moved, For</td>\n      <td>Carried</td>"
        in record
    )
    black = (
        (out / "people/f-black/index.html")
        .read_text(encoding="utf-8")
        .split('id="votes"', 1)[1]
        .split("</table>", 1)[0]
    )
    assert (
        "<td>Against</td>" in black
        and "Amendment: That the application be deferred for a site visit." in black
        and "<td>Withdrawn</td>" in black
    )
    assert 'id="votes"' not in (out / "people/e-white/index.html").read_text(encoding="utf-8")
