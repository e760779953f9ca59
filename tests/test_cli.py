"""The command line as a clerk or a CI job meets it: check, --strict, --quiet, --verbose, progress."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil

import pytest

from minutebook.cli import council_today, main
from minutebook.config import load_config
from minutebook.diagnostics import Diagnostics
from minutebook.progress import terminal_track, untracked
from tests.conftest import ROOT, copy_fixture

MEETING = "content/meetings/2021/2021-06-10-planning.md"


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return copy_fixture("basic", tmp_path / "site")


def test_check_passes_content_without_errors_and_writes_nothing(config, capsys):
    assert main(["check", "--config", str(config)]) == 0
    assert (
        capsys.readouterr().out == "check passed: 0 errors, 1 warning\n"
    )  # a reference to a minute not in the archive
    assert not (config.parent / "_site").exists()


def test_check_fails_on_errors(config, capsys):
    meeting = config.parent / MEETING
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("status: held", "status: hled"), encoding="utf-8"
    )
    assert main(["check", "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert f"{MEETING}:7:9: error[choice]: 'status: hled' is not allowed" in err
    assert not (config.parent / "_site").exists()


def test_check_strict_turns_warnings_into_errors(config, capsys):
    (config.parent / "content/meetings/2021/2021-06-10-planning/unused.md").write_text(
        "---\ntitle: Unused\n---\n", encoding="utf-8"
    )
    assert main(["check", "--config", str(config)]) == 0
    assert "warning[unused-document]" in capsys.readouterr().err
    assert main(["check", "--config", str(config), "--strict"]) == 1
    assert "build failed: 0 errors, 2 warnings" in capsys.readouterr().err


def test_quiet_and_verbose(config, capsys):
    assert main(["--config", str(config), "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--config", str(config), "--verbose", "--out", str(config.parent / "elsewhere")]) == 0
    out = capsys.readouterr().out
    assert re.match(r"build succeeded: 0 errors, 1 warning; \d+ pages", out)
    for stage in ("load and validate", "resolve", "plan", "make", "write"):
        assert f"  {stage}: " in out
    # Built again with nothing changed, the build only checks that.
    assert main(["--config", str(config), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert re.match(
        r"build succeeded: 0 errors, 1 warning; \d+ pages .*\(0 files written, \d+ unchanged, 0 removed; 0 pages rendered\)",
        out,
    )
    assert "  check for changes: " in out and "  render: " not in out
    assert main(["check", "--config", str(config), "--verbose"]) == 0
    assert "  load and validate: " in capsys.readouterr().out
    assert main(["--config", str(config), "--quiet", "--verbose"]) == 2


def test_a_template_error_names_its_file_and_line(config, capsys):
    templates = config.parent / "templates"
    shutil.copytree(ROOT / "templates", templates)
    shutil.copytree(ROOT / "theme", config.parent / "theme")
    (templates / "committees.html").write_text(
        "{% extends 'base.html' %}\n{% block content %}\n{% for c in archive.committees %}\n{% endblock %}\n",
        encoding="utf-8",
    )
    assert main(["--config", str(config), "--out", str(config.parent / "out")]) == 1
    err = capsys.readouterr().err
    assert "templates/committees.html:4: error[template]: the template could not be read:" in err
    assert not (config.parent / "out").exists()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_only_and_never_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    screen = Terminal()
    track = terminal_track(screen, delay=0)
    assert list(track(range(50), "render pages", 50)) == list(range(50))
    assert "\rrender pages:   0%|" in screen.getvalue() and "/50 [" in screen.getvalue()
    assert terminal_track(io.StringIO()) is untracked  # a pipe or a log file
    monkeypatch.setenv("CI", "true")
    assert terminal_track(Terminal()) is untracked


def test_source_date_epoch_gives_the_councils_date(config, monkeypatch, tmp_path):
    """SOURCE_DATE_EPOCH is a moment; the build's date is that moment's date in the council's
    time zone (23:30 UTC on 30 June is 1 July in London), as 'new' and 'import' use it too."""
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC).timestamp()))
    )
    assert council_today(load_config(config, Diagnostics())) == dt.date(2026, 7, 1)
    meeting = config.parent / "content/meetings/2021/2021-09-09-planning.md"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("---\n", "---\nembargo_until: 2026-07-01\n", 1),
        encoding="utf-8",
    )
    assert main(["--config", str(config), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert (tmp_path / "out/meetings/2021/2021-09-09-planning/index.html").is_file()
