"""Motions and recorded votes in the meeting format: read, checked, and shown on the meeting page."""

from __future__ import annotations

import pytest

from minutebook.cli import main
from tests.conftest import build_site, copy_fixture

MEETING = "content/meetings/2021/2021-06-10-planning.md"
VOTE = '''  12:
    votes:
      - motion: That planning permission be granted subject to conditions.
        moved: Councillor A Smith
        seconded: Councillor B Jones
        for: [Councillor A Smith, Councillor B Jones]
        against: [Councillor D Green]
        abstain: 1
        result: carried
      - motion: That the application be deferred for a site visit.
        kind: amendment
        moved: Councillor D Green
        result: withdrawn
    documents:'''


def with_votes(tmp_path, vote: str = VOTE):
    config = copy_fixture("basic", tmp_path / "site")
    path = config.parent / MEETING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  12:\n    documents:", vote, 1), encoding="utf-8")
    return config


def test_votes_are_shown_under_their_minute(tmp_path):
    config = with_votes(tmp_path)
    out = tmp_path / "out"
    result = build_site(config, out)
    assert not result.failed, [d.format() for d in result.diagnostics]
    html = (out / "meetings/2021/2021-06-10-planning/index.html").read_text(encoding="utf-8")
    minute = html.split('id="minute-12"', 1)[1].split('id="minute-13"', 1)[0]
    assert '<div class="vote" role="group" aria-labelledby="minute-12-vote-1">' in minute
    assert '<p class="vote__motion">That planning permission be granted subject to conditions.</p>' in minute
    assert "Moved by Councillor A Smith, seconded by Councillor B Jones." in minute
    assert '<dt>For</dt><dd><span class="vote__count">2</span>: Councillor A Smith, Councillor B Jones</dd>' in minute
    assert '<dt>Against</dt><dd><span class="vote__count">1</span>: Councillor D Green</dd>' in minute
    assert '<dt>Abstained</dt><dd><span class="vote__count">1</span></dd>' in minute
    assert '<strong class="tag tag--carried">Carried</strong>' in minute
    second = minute.split('id="minute-12-vote-2"', 1)[1]
    assert "Amendment" in second and "Moved by Councillor D Green." in second and "Withdrawn" in second and "recorded vote" not in second


@pytest.mark.parametrize("change, expected", [
    ("against: [Councillor D Green]", "against: [Councillor D Green, Councillor B Jones]"),
    ("result: carried", "result: passed"),
    ("abstain: 1", "abstain: -1"),
    ("        result: withdrawn\n", "        result: withdrawn\n      - moved: Councillor A Smith\n"),
])
def test_a_wrong_vote_stops_the_build_with_its_line(tmp_path, capsys, change, expected):
    config = with_votes(tmp_path, VOTE.replace(*(change, expected)))
    assert main(["--config", str(config), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    errors = capsys.readouterr().err
    message = {
        "against: [Councillor D Green]": f"{MEETING}:44:39: error[vote-twice]: Councillor B Jones is listed as voting both For and Against",
        "result: carried": f"{MEETING}:46:17: error[choice]: 'result: passed' is not allowed",
        "abstain: 1": f"{MEETING}:45:18: error[vote-count]: 'abstain: -1' is not a number of votes",
        "        result: withdrawn\n": f"{MEETING}:51:9: error[missing-field]: a vote under minute 12 has no 'motion'",
    }[change]
    assert message in errors


def test_a_result_that_contradicts_the_count_is_a_warning(tmp_path, capsys):
    config = with_votes(tmp_path, VOTE.replace("result: carried", "result: lost"))
    assert main(["--config", str(config), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert f"{MEETING}:46:17: warning[vote-result]: the vote is marked lost but 2 voted for and 1 against" in capsys.readouterr().err


def test_officers_may_be_a_plain_list(tmp_path):
    config = copy_fixture("basic", tmp_path / "site")
    path = config.parent / MEETING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  officers:\n    Place:\n      - D Green\n", "  officers:\n    - D Green (Head of Planning)\n    - K Doe\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = build_site(config, out)
    assert not result.failed, [d.format() for d in result.diagnostics]
    html = (out / "meetings/2021/2021-06-10-planning/index.html").read_text(encoding="utf-8")
    assert '<dt class="visually-hidden">Officers</dt><dd>D Green (Head of Planning), K Doe</dd>' in html
