"""Bad input stops the build with file:line: what and how to fix, every error at once, exit 1,
and the previously built site left exactly as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minutebook.cli import main
from tests.conftest import FIXTURES, copy_fixture

MEETING = "content/meetings/2021/2021-06-10-planning.md"
REPORT = "content/meetings/2021/2021-06-10-planning/mill-lane-report.md"


def line_of(text: str, relative: str = MEETING) -> int:
    """The line of the fixture where `text` starts, so the expectations follow edits to the fixture."""
    source = (FIXTURES / "basic" / relative).read_text(encoding="utf-8")
    return source[: source.index(text)].count("\n") + 1


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A fixture site already built once, so each test can prove the old output survives."""
    config = copy_fixture("basic", tmp_path / "site")
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path / "site")
    assert main(["--config", str(config), "--out", str(out), "--quiet"]) == 0
    return config, out


def edit(config: Path, relative: str, old: str, new: str) -> None:
    path = config.parent / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = {
    "bad yaml": (
        MEETING,
        "venue: Council Chamber, Town Hall",
        "venue: Council Chamber: Town Hall",
        f"{MEETING}:6:23: error[yaml]: the YAML could not be read: mapping values are not allowed here\n    hint: text containing ': ' must be put in quotes",
    ),
    "missing field": (
        MEETING,
        "status: held\n",
        "",
        f"{MEETING}:2:1: error[missing-field]: a meeting file has no 'status'\n    hint: add a line like 'status: scheduled'",
    ),
    "wrong type": (
        MEETING,
        'start: "18:00"',
        'start: "six o\'clock"',
        f"{MEETING}:4:8: error[time]: 'start: six o'clock' is not a time",
    ),
    "unknown committee": (
        MEETING,
        "committee: planning",
        "committee: plannng",
        f"{MEETING}:2:12: error[unknown-committee]: there is no committee 'plannng'\n    hint: did you mean 'planning'?",
    ),
    "impossible date": (
        MEETING,
        "date: 2021-06-10",
        "date: 2021-02-30",
        f"{MEETING}:3:7: error[date]: 'date: 2021-02-30' is not a real date",
    ),
    # 9999-12-31 ended in a traceback where calendars and feeds count on from the date.
    "date beyond the calendar": (
        MEETING,
        "date: 2021-06-10",
        "date: 9999-12-31",
        f"{MEETING}:3:7: error[date-range]: 'date: 9999-12-31' is not between the years 1800 and 2200\n    hint: check the year, which is probably mistyped",
    ),
    "agenda published beyond the calendar": (
        MEETING,
        "published: 2021-06-02",
        "published: 9999-12-31",
        f"{MEETING}:9:14: error[date-range]: 'published: 9999-12-31' is not between the years 1800 and 2200",
    ),
    "document dated beyond the calendar": (
        "content/meetings/2021/2021-06-10-planning/mill-lane-report.md",
        "date: 2021-06-02",
        "date: 9999-12-31",
        "content/meetings/2021/2021-06-10-planning/mill-lane-report.md:5:7: error[date-range]: 'date: 9999-12-31' is not between the years 1800 and 2200",
    ),
    "duplicate item": (
        MEETING,
        "## 13. Land Sale at Mill Lane",
        "## 12. Land Sale at Mill Lane",
        f"{MEETING}:{line_of('## 13.')}: error[duplicate-item]: minute 12 appears twice (first on line {line_of('## 12.')})",
    ),
    "private without grounds": (
        MEETING,
        "    private:\n      paragraphs: [3]\n",
        "    private: true\n",
        f"{MEETING}:{line_of('    private:')}:14: error[exemption-missing]: minute 13 is taken in private without its exemption grounds",
    ),
    "unknown field": (
        MEETING,
        "venue:",
        "venu:",
        f"{MEETING}:6:1: error[unknown-field]: 'venu' is not a field of a meeting file\n    hint: did you mean 'venue'?",
    ),
    "end before start": (
        MEETING,
        'end: "19:45"',
        'end: "07:45"',
        f"{MEETING}:5:6: error[time-order]: the meeting ends (07:45) before it starts (18:00)",
    ),
    "script address as webcast": (
        MEETING,
        "venue: Council Chamber, Town Hall\n",
        "venue: Council Chamber, Town Hall\nwebcast: javascript:alert(1)\n",
        f"{MEETING}:7:10: error[url]: 'javascript:alert(1)' is not a web address\n    hint: copy the full address, starting with https://",
    ),
    "webcast breaking out of its attribute": (
        MEETING,
        "venue: Council Chamber, Town Hall\n",
        "venue: Council Chamber, Town Hall\nwebcast: 'https://video.example.org/\"onmouseover=\"alert(1)'\n",
        f"{MEETING}:7:10: error[url]: 'https://video.example.org/\"onmouseover=\"alert(1)' is not a web address: it has spaces, quotes or brackets",
    ),
    "contact email breaking out of its link": (
        MEETING,
        "  published: 2021-06-02\n",
        "  published: 2021-06-02\n  contact:\n    email: 'clerk@example.org\"><script>alert(1)</script>'\n",
        f"{MEETING}:11:12: error[email]: 'clerk@example.org\"><script>alert(1)</script>' is not an email address\n    hint: write it like liz.knight@coventry.gov.uk",
    ),
    # A blank privacy field was read as "not private" and the meeting or document published.
    "blank draft": (
        MEETING,
        "status: held\n",
        "status: held\ndraft:\n",
        f"{MEETING}:8:7: error[blank-privacy]: 'draft:' has no value, so it is not clear whether the meeting may be published\n    hint: write 'draft: true'",
    ),
    "blank embargo": (
        MEETING,
        "status: held\n",
        "status: held\nembargo_until:\n",
        f"{MEETING}:8:15: error[blank-privacy]: 'embargo_until:' has no value, so it is not clear whether the meeting may be published",
    ),
    "blank private agenda item": (
        MEETING,
        "      title: Apologies\n",
        "      title: Apologies\n      private:\n",
        f"{MEETING}:{line_of('      title: Apologies') + 1}:15: error[blank-privacy]: 'private:' has no value, so it is not clear whether agenda item 1 may be published",
    ),
    "blank private minute": (
        MEETING,
        "    private:\n      paragraphs: [3]\n",
        "    private:\n",
        f"{MEETING}:{line_of('    private:')}:13: error[blank-privacy]: 'private:' has no value, so it is not clear whether minute 13 may be published",
    ),
    "blank private document": (
        REPORT,
        "kind: report\n",
        "kind: report\nprivate:\n",
        f"{REPORT}:4:9: error[blank-privacy]: 'private:' has no value, so it is not clear whether the document may be published",
    ),
    "blank draft document": (
        REPORT,
        "kind: report\n",
        "kind: report\ndraft:\n",
        f"{REPORT}:4:7: error[blank-privacy]: 'draft:' has no value, so it is not clear whether the document may be published",
    ),
    "missing document": (
        MEETING,
        "2021-06-10-planning/mill-lane-report.md\n        - path",
        "2021-06-10-planning/mill-lane-reprot.md\n        - path",
        f"{MEETING}:{line_of('2021-06-10-planning/mill-lane-report.md')}:11: error[missing-file]: the document '2021-06-10-planning/mill-lane-reprot.md' does not exist",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_and_the_site_is_untouched(site, case, capsys):
    config, out = site
    relative, old, new, expected = CASES[case]
    before = snapshot(out)
    edit(config, relative, old, new)
    capsys.readouterr()
    assert main(["--config", str(config), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert err.rstrip().endswith("left unchanged")
    assert snapshot(out) == before


def test_two_files_claiming_one_address(site, capsys):
    config, out = site
    before = snapshot(out)
    meeting = config.parent / MEETING
    shutil.copy(meeting, meeting.with_name("2021-06-10-planning-copy.md"))
    assert main(["--config", str(config), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert (
        "content/meetings/2021/2021-06-10-planning.md:3:7: error[url-clash]: this meeting and content/meetings/2021/2021-06-10-planning-copy.md would both be published at meetings/2021/2021-06-10-planning/"
        in err
    )
    assert snapshot(out) == before


def test_every_error_is_listed_at_once(site, capsys):
    config, out = site
    edit(config, MEETING, "committee: planning", "committee: plannng")
    edit(config, MEETING, "date: 2021-06-10", "date: 2021-13-01")
    edit(config, "content/meetings/2022/2022-01-20-scrutiny.md", "status: held", "status: hled")
    capsys.readouterr()
    assert main(["--config", str(config), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "error[unknown-committee]" in err and "error[date]" in err and "error[choice]" in err
    assert "build failed: 3 errors, 0 warnings" in err


def test_strict_turns_warnings_into_errors(site, capsys):
    config, out = site
    (config.parent / "content/meetings/2021/2021-06-10-planning/unused.md").write_text(
        "---\ntitle: Unused\n---\n", encoding="utf-8"
    )
    assert main(["--config", str(config), "--out", str(out)]) == 0
    assert "warning[unused-document]" in capsys.readouterr().err
    before = snapshot(out)
    assert main(["--config", str(config), "--out", str(out), "--strict"]) == 1
    assert snapshot(out) == before


def test_usage_errors_exit_2(capsys):
    assert main(["--no-such-option"]) == 2
    assert main(["build", "--help"]) == 0
    assert "--base-url" in capsys.readouterr().out
