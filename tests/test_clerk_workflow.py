"""The clerk's sequence end to end, as a clerk meets it: `new` -> edit the file while `serve` is
running (a real server, read over HTTP) -> `build`. The added meeting must appear on every page
that lists it, a broken edit must show its error while the last good site is still served, and
the site left by the rebuilds must be byte-identical to a clean build."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

from tests.conftest import ROOT
from tests.support.preview import ServeProcess

NEW_MEETING = "content/meetings/2023/2023-06-15-scrutiny-board-2.md"
NEW_PAGE = "meetings/2023/2023-06-15-scrutiny-board-2/"
# Built as of a fixed day, so the two builds compared are of the same day whenever the test runs.
EPOCH = str(int(dt.datetime(2026, 11, 1, tzinfo=dt.UTC).timestamp()))

MINUTES = """
## 1. Apologies and Substitutions

Apologies for absence were received from Councillor A Name.

## 2. Declarations of Interests

There were no disclosable pecuniary interests.

## 3. Minutes

The minutes of the meeting held on 16 March 2023 were agreed and signed as a true record.

## 4. Libraries Update

The Board considered a briefing note of the Director of Children's Services on the library service.

RESOLVED that the Board noted the update on libraries.
"""


def run(site: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=site,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        capture_output=True,
        text=True,
        timeout=300,
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def links_from(page_url: str, html: str) -> set[str]:
    """Every address a page links to, resolved as a browser would."""
    return {urljoin(page_url, href) for href in re.findall(r'href="([^"#]*)', html)}


def hold_the_meeting(text: str) -> str:
    """What a clerk does after the meeting, following the notes in the file."""
    text = re.sub(r"^status: scheduled.*$", 'status: held\nend: "17:05"', text, count=1, flags=re.M)
    start, end = text.index("# attendance:"), text.index("# declarations:")
    attendance = "\n".join(line[2:] for line in text[start:end].splitlines())
    text = text[:start] + attendance + "\n" + text[end:]
    return text + MINUTES


def test_new_edit_serve_build(tmp_path):
    site = tmp_path / "archive"
    site.mkdir()
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy(ROOT / "site_config.yaml", site / "site_config.yaml")

    created = run(site, "new", "--committee", "scrutiny-board-2", "--date", "2023-06-15")
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith(f"wrote {NEW_MEETING}")
    meeting_file = site / NEW_MEETING
    scheduled = meeting_file.read_text(encoding="utf-8")
    assert "status: scheduled" in scheduled
    assert "To agree the minutes of the meeting held on 16 March 2023" in scheduled

    with ServeProcess(site / "site_config.yaml", env={"SOURCE_DATE_EPOCH": EPOCH}) as server:
        page = server.get(NEW_PAGE)
        assert page.status == 200
        # Its date (15 June 2023) is before the build date with no minutes yet: the page says so
        # rather than "Scheduled" (a meeting still to come is shown as scheduled).
        assert "tag--no-minutes" in page.body and "Any Other Business" in page.body

        server.edit(meeting_file, hold_the_meeting(scheduled))
        held = server.get(NEW_PAGE)
        assert "tag--held" in held.body
        assert "RESOLVED that the Board noted the update on libraries." in held.body
        assert "Councillor J Innes" in held.body  # the attendance, un-commented from the file's notes
        assert 'id="minutebook-build-problems"' not in held.body

        # Every page that lists meetings of the committee, the year or the latest minutes lists it.
        target = server.url + NEW_PAGE
        for listing in [
            "",
            "committees/scrutiny-board-2/",
            "meetings/2023/",
            "meetings/2023/2023-03-16-scrutiny-board-2/",
        ]:
            assert target in links_from(server.url + listing, server.get(listing).body), listing

        # A broken edit: the error is shown, with where and how to fix it, over the last good site.
        output_before = tree(site / "_site")
        broken = hold_the_meeting(scheduled).replace("status: held", "status: held\nvenue: Diamond Room: 2")
        server.edit(meeting_file, broken)
        shown = server.get(NEW_PAGE)
        assert 'id="minutebook-build-problems"' in shown.body
        line = broken.splitlines().index("venue: Diamond Room: 2") + 1
        assert f"{NEW_MEETING}:{line}:" in shown.body
        assert "How to fix: text containing &#x27;: &#x27; must be put in quotes" in shown.body
        assert "RESOLVED that the Board noted the update on libraries." in shown.body  # the last good page
        assert 'id="minutebook-build-problems"' in server.get("committees/").body  # on every page
        assert tree(site / "_site") == output_before
        assert f"{NEW_MEETING}:{line}" in "".join(server.errors)  # and in the terminal

        server.edit(meeting_file, hold_the_meeting(scheduled))
        assert 'id="minutebook-build-problems"' not in server.get(NEW_PAGE).body
        assert server.stop() == 0

    rebuilt = run(site, "build")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "(0 files written" in rebuilt.stdout  # serve already left exactly what build makes
    clean = run(site, "build", "--out", str(tmp_path / "clean"))
    assert clean.returncode == 0, clean.stderr
    assert tree(site / "_site") == tree(tmp_path / "clean")
