"""`build.py new`: a meeting file pre-filled from the archive, that passes `check` as written and
never overwrites anything."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from minutebook.cli import main
from minutebook.config import load_config
from minutebook.diagnostics import Diagnostics
from minutebook.new_meeting import check_new_meeting, plan_new_meeting
from minutebook.validate import validate_site
from tests.conftest import BUILD_DATE, ROOT, copy_fixture


@pytest.fixture
def seed(tmp_path, monkeypatch) -> Path:
    """A copy of the real archive, worked on from its folder as a clerk would."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copy(ROOT / "site_config.yaml", tmp_path / "site_config.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_new_meeting_is_prefilled_from_the_committees_last_meetings(seed, capsys):
    assert main(["new", "--committee", "scrutiny-board-2", "--date", "2023-06-15"]) == 0
    path = seed / "content/meetings/2023/2023-06-15-scrutiny-board-2.md"
    assert capsys.readouterr().out.startswith("wrote content/meetings/2023/2023-06-15-scrutiny-board-2.md\n")
    meeting = front_matter(path)
    assert meeting["committee"] == "scrutiny-board-2" and meeting["date"] == dt.date(2023, 6, 15)
    assert meeting["status"] == "scheduled"
    assert meeting["start"] == "15:00"  # as at the last meeting, 16 March 2023
    # The latest membership: who attended the 16 March 2023 meeting (no later agenda prints one).
    assert meeting["agenda"]["membership"]["members"][0] == "Councillor J Innes (Chair)"
    assert meeting["agenda"]["membership"]["co_opted"] == ["Mrs S Hanson", "Mr G Vohra"]
    assert meeting["agenda"]["contact"]["email"] == "liz.knight@coventry.gov.uk"
    titles = [item["title"] for item in meeting["agenda"]["items"]]
    assert titles == [
        "Apologies and Substitutions",
        "Declarations of Interests",
        "Minutes",
        "Any Other Business",
    ]
    assert (
        meeting["agenda"]["items"][2]["subitems"][0]
        == "To agree the minutes of the meeting held on 16 March 2023"
    )
    assert "attendance" not in meeting  # only as notes, until the meeting has been held
    text = path.read_text(encoding="utf-8")
    assert "#     - Councillor J Innes (Chair)" in text
    assert "# ## 1. Apologies and Substitutions" in text  # a new municipal year (2023/24) starts at 1
    assert main(["check"]) == 0


def test_membership_comes_from_the_latest_agenda_that_prints_one(seed):
    assert main(["new", "--committee", "scrutiny-board-2", "--date", "2020-11-12", "--quiet"]) == 0
    meeting = front_matter(seed / "content/meetings/2020/2020-11-12-scrutiny-board-2.md")
    membership = meeting["agenda"]["membership"]
    assert "Councillor K Sandhu (Chair)" in membership["members"]
    assert membership["by_invitation"] == [
        "Councillor B Gittins",
        "Councillor K Maton",
        "Councillor P Seaman",
    ]
    assert (
        meeting["agenda"]["items"][2]["subitems"][0]
        == "To agree the minutes of the meeting held on 15 October 2020"
    )
    assert "remote" not in meeting  # the 15 October 2020 meeting was remote; each meeting says where it is


def test_minute_numbers_run_on_within_a_municipal_year(seed):
    assert main(["new", "--committee", "scrutiny-board-2", "--date", "2023-04-20", "--quiet"]) == 0
    text = (seed / "content/meetings/2023/2023-04-20-scrutiny-board-2.md").read_text(encoding="utf-8")
    assert "# ## 31. Apologies and Substitutions" in text  # the 16 March 2023 minutes end at 30


def test_a_committee_with_no_meetings_yet(tmp_path, monkeypatch):
    config = copy_fixture("basic", tmp_path)
    (tmp_path / "content/committees/licensing.yaml").write_text(
        "name: Licensing Committee\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["new", "--committee", "licensing", "--date", "2024-01-11", "--config", str(config)]) == 0
    text = (tmp_path / "content/meetings/2024/2024-01-11-licensing.md").read_text(encoding="utf-8")
    assert "To agree the minutes of the previous meeting   # no earlier meeting is in the archive" in text
    assert main(["check", "--config", str(config)]) == 0


def test_never_overwrites(seed, capsys):
    path = seed / "content/meetings/2023/2023-03-16-scrutiny-board-2.md"
    before = path.read_bytes()
    assert main(["new", "--committee", "scrutiny-board-2", "--date", "2023-03-16"]) == 2
    assert (
        "error: content/meetings/2023/2023-03-16-scrutiny-board-2.md already exists"
        in capsys.readouterr().err
    )
    assert path.read_bytes() == before


def test_refuses_a_second_file_for_the_same_meeting(seed, capsys):
    existing = seed / "content/meetings/2023/2023-03-16-scrutiny-board-2.md"
    existing.rename(existing.with_name("march-meeting.md"))
    assert main(["new", "--committee", "scrutiny-board-2", "--date", "2023-03-16"]) == 2
    err = capsys.readouterr().err
    assert "content/meetings/2023/march-meeting.md is already this meeting" in err
    assert not existing.exists()


def test_an_unknown_committee_is_a_usage_error_with_a_suggestion(seed, capsys):
    assert main(["new", "--committee", "scrutiny-bord-2", "--date", "2024-01-11"]) == 2
    assert (
        "error: there is no committee 'scrutiny-bord-2'\n    hint: did you mean 'scrutiny-board-2'?"
        in capsys.readouterr().err
    )
    assert not (seed / "content/meetings/2024").exists()


def test_a_date_must_be_a_date(seed, capsys):
    assert main(["new", "--committee", "scrutiny-board-2", "--date", "13/06/2024"]) == 2
    assert "'13/06/2024' is not a date: write it like 2024-06-13" in capsys.readouterr().err


@functools.cache
def basic_archive():
    diagnostics = Diagnostics()
    config = load_config(ROOT / "tests/fixtures/basic/site_config.yaml", diagnostics)
    return config, validate_site(config, BUILD_DATE, diagnostics)


@settings(max_examples=60, deadline=None)
@given(
    date=st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31)),
    committee=st.sampled_from(["planning", "scrutiny"]),
)
def test_every_new_meeting_passes_the_builds_checks(date, committee):
    """Whatever the date (before, between or after the archive's meetings), the file is valid."""
    config, site = basic_archive()
    new = plan_new_meeting(config, site, committee, date)
    assert check_new_meeting(new, config, site, BUILD_DATE) == []


def test_the_clerks_edit_after_the_meeting_passes_check(seed):
    """Un-commenting the attendance notes, as the file tells the clerk to, gives a valid meeting."""
    assert main(["new", "--committee", "scrutiny-board-2", "--date", "2023-06-15", "--quiet"]) == 0
    path = seed / "content/meetings/2023/2023-06-15-scrutiny-board-2.md"
    text = path.read_text(encoding="utf-8").replace("status: scheduled", "status: held")
    start, end = text.index("# attendance:"), text.index("# Then write the minutes")
    text = (
        text[:start]
        + "\n".join(line[2:] for line in text[start:end].splitlines() if line != "#")
        + "\n"
        + text[end:]
    )
    path.write_text(
        text
        + "\n## 1. Apologies and Substitutions\n\nNone.\n\n## 2. Business\n\nRESOLVED that the update be noted.\n",
        encoding="utf-8",
    )
    assert main(["check"]) == 0
    meeting = front_matter(path)
    assert meeting["declarations"] == [
        {"member": "Councillor J Innes", "items": [2], "nature": "Other interest"}
    ]
    assert meeting["attendance"]["officers"]["Children's Services"] == ["J Gregg", "A King", "R Sugars"]
