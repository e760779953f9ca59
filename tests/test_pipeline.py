"""The fixture site built end to end: what is published, what is not, and how it is written."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from minutebook.synth import generate
from tests.conftest import FIXTURES, ROOT, build_site, copy_fixture
from tests.support.crawl import crawl


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_every_page_kind_is_written(basic_site):
    for path in [
        "index.html",
        "404.html",
        "committees/index.html",
        "committees/planning/index.html",
        "committees/scrutiny/index.html",
        "meetings/index.html",
        "meetings/2021/index.html",
        "meetings/2021/2021-06-10-planning/index.html",
        "meetings/2021/2021-06-10-planning/mill-lane-report/index.html",
        "meetings/2021/2021-06-10-planning/objections.csv",
        "assets/css/site.css",
        "assets/theme.css",
    ]:
        assert (basic_site / path).is_file(), path


def test_meeting_page_shows_facts_items_and_resolutions(basic_site):
    html = page(basic_site, "meetings/2021/2021-06-10-planning")
    assert '<section class="minute" id="minute-12"' in html
    assert '<div class="resolution"><p>RESOLVED that:</p>' in html
    assert "planning permission be granted subject to conditions" in html
    assert "Council Chamber, Town Hall" in html and "6pm to 7:45pm" in html
    assert (
        '<a href="../../../people/b-jones/">Councillor B Jones</a> <span class="role">(substitute for Councillor C Brown)</span>'
        in html
    )
    assert '<dt>Place</dt><dd><a href="../../../people/dana-green/">D Green</a></dd>' in html
    assert 'href="mill-lane-report/"' in html
    assert "Objections received</a>" in html and "CSV, 34 bytes" in html


def test_private_item_publishes_heading_grounds_and_resolution_only(basic_site):
    html = page(basic_site, "meetings/2021/2021-06-10-planning")
    assert "Taken in private" in html and "paragraph 3 of Part 1 of Schedule 12A" in html
    assert "RESOLVED that the sale be approved." in html
    everything = "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in basic_site.rglob("*") if p.is_file()
    )
    assert "1.2 million" not in everything


def test_drafts_are_not_published(basic_site):
    assert not (basic_site / "meetings/2022/2022-02-17-scrutiny").exists()
    everything = "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in basic_site.rglob("*") if p.is_file()
    )
    assert "must never be published" not in everything


def test_cancelled_meeting_says_so(basic_site):
    html = page(basic_site, "meetings/2021/2021-09-09-planning")
    assert "tag--cancelled" in html and "There was no business to transact." in html
    assert "This meeting was cancelled, so there are no minutes." in html


def test_previous_and_next_meeting_links(basic_site):
    html = page(basic_site, "meetings/2021/2021-06-10-planning")
    assert 'href="../2021-09-09-planning/" rel="next"' in html


def test_links_and_anchors_all_resolve(basic_site):
    report = crawl(basic_site, "/archive/")
    assert (
        report.pages == 33 + 9 and report.links > 100
    )  # the archive's pages (the accessibility statement and the decisions register among them), search/, and the handbook's (help/)
    assert report.broken == []


def test_crawler_finds_broken_links_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="b/">missing</a><a href="a/#nope">bad anchor</a><a href="#top">ok</a><p id="top"></p>'
    )
    (tmp_path / "a" / "index.html").write_text('<a href="../">up</a><a href="../../out">leaves</a>')
    report = crawl(tmp_path)
    assert len(report.broken) == 3
    assert (
        any("b/" in b for b in report.broken)
        and any("'nope'" in b for b in report.broken)
        and any("leaves the site" in b for b in report.broken)
    )


def test_building_twice_gives_identical_output(tmp_path):
    config = FIXTURES / "basic" / "site_config.yaml"
    build_site(config, tmp_path / "one")
    build_site(config, tmp_path / "two")
    files_one = {
        p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()
    }
    files_two = {
        p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()
    }
    assert files_one == files_two


def test_rebuild_rewrites_only_changed_files_and_removes_stale_ones(tmp_path):
    config = copy_fixture("basic", tmp_path / "site")
    out = tmp_path / "out"
    first = build_site(config, out)
    assert first.report.written > 10 and first.report.unchanged == 0
    inode = (out / "meetings/2021/2021-06-10-planning/index.html").stat().st_ino
    second = build_site(config, out)
    assert second.report.written == 0 and second.report.removed == 0
    assert (out / "meetings/2021/2021-06-10-planning/index.html").stat().st_ino == inode
    inodes = {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    (config.parent / "content/meetings/2021/2021-09-09-planning.md").unlink()
    third = build_site(config, out)
    assert not (out / "meetings/2021/2021-09-09-planning").exists()
    # Its page, its calendar file and its search result go, and any search shard its tier, now
    # smaller, is no longer cut into.
    gone = sorted(path for path in inodes if not (out / path).exists())
    assert third.report.removed == len(gone)
    shards = [
        path for path in gone if re.fullmatch(r"search/\w+/(terms|positions|words)/\w+\.json\.gz", path)
    ]
    fragments = [path for path in gone if re.fullmatch(r"search/docs/\d+\.json\.gz", path)]
    assert len(fragments) == 1  # the tier has one document fewer: its last number goes
    assert sorted(set(gone) - set(shards) - set(fragments)) == [
        "meetings/2021/2021-09-09-planning/2021-09-09-planning.ics",
        "meetings/2021/2021-09-09-planning/index.html",
    ]
    # Pages, feeds, calendars, data and the search index that listed the removed meeting change;
    # the rest are left alone.
    rewritten = [
        path
        for path, inode in inodes.items()
        if (out / path).exists() and (out / path).stat().st_ino != inode
    ]
    assert len(rewritten) == third.report.written
    assert 0 < sum(not path.startswith("search/") for path in rewritten) < 15 and third.report.unchanged > 40


def test_output_folder_may_not_swallow_the_sources(tmp_path):
    import pytest

    from minutebook.write import UnsafeOutput

    config = copy_fixture("basic", tmp_path / "site")
    with pytest.raises(UnsafeOutput):
        build_site(config, tmp_path / "site")


# 23:30 UTC on 30 June: already 1 July in the council's time zone (Europe/London, summer time).
LATE_EVENING_UTC = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)
MEETING = "content/meetings/2021/2021-09-09-planning.md"
REPORT = "content/meetings/2021/2021-06-10-planning/mill-lane-report.md"


def embargo(config: Path, relative: str, line: str) -> None:
    path = config.parent / relative
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", f"---\n{line}\n", 1), encoding="utf-8")


def test_the_build_date_is_the_council_date_not_the_machine_date(tmp_path):
    """An embargo until 1 July lifts at midnight in London, when UTC still says 30 June."""
    config = copy_fixture("basic", tmp_path / "site")
    embargo(config, MEETING, "embargo_until: 2026-07-01")
    result = build_site(config, tmp_path / "out", build_date=None, build_time=LATE_EVENING_UTC)
    assert not result.failed
    assert (tmp_path / "out" / "meetings/2021/2021-09-09-planning/index.html").is_file()
    config.parent.joinpath("site_config.yaml").write_text(
        config.read_text(encoding="utf-8").replace("site:\n", "site:\n  time_zone: America/New_York\n"),
        encoding="utf-8",
    )
    result = build_site(config, tmp_path / "out-ny", build_date=None, build_time=LATE_EVENING_UTC)
    assert not result.failed  # 19:30 on 30 June in New York: still under embargo
    assert not (tmp_path / "out-ny" / "meetings/2021/2021-09-09-planning/index.html").exists()


def test_an_embargo_with_a_time_lifts_at_that_time_in_the_council_zone(tmp_path):
    """'09:30' is council time (08:30 UTC in summer); the same output folder is rebuilt on the
    same date, so nothing kept from the first build may hide the lifted embargo."""
    config = copy_fixture("basic", tmp_path / "site")
    embargo(config, MEETING, "embargo_until: 2026-07-01 09:30")
    embargo(config, REPORT, "embargo_until: 2026-07-01T10:00:00+01:00")
    out = tmp_path / "out"
    meeting = out / "meetings/2021/2021-09-09-planning/index.html"
    report = out / "meetings/2021/2021-06-10-planning/mill-lane-report/index.html"

    def at(hour: int, minute: int) -> dt.datetime:
        return dt.datetime(2026, 7, 1, hour, minute, tzinfo=dt.UTC)

    assert not build_site(config, out, build_date=None, build_time=at(8, 29)).failed
    assert not meeting.exists() and not report.exists()
    assert not build_site(config, out, build_date=None, build_time=at(8, 31)).failed
    assert meeting.is_file() and not report.exists()
    assert not build_site(config, out, build_date=None, build_time=at(9, 0)).failed
    assert meeting.is_file() and report.is_file()
    # Given only a date, the build runs at its start: a time that day is still under embargo.
    assert not build_site(config, tmp_path / "dated", build_date=dt.date(2026, 7, 1)).failed
    assert not (tmp_path / "dated" / "meetings/2021/2021-09-09-planning/index.html").exists()


def test_a_template_error_in_a_page_rendered_by_a_worker_is_reported_with_its_line(tmp_path):
    """Many pages are rendered in worker processes: a template's error there reaches the build
    whole (file, line, message), not as a worker's crash."""
    generate(tmp_path / "archive", 16, 3)
    config = tmp_path / "archive" / "site_config.yaml"
    shutil.copytree(ROOT / "templates", tmp_path / "archive" / "templates")
    config.write_text(
        config.read_text(encoding="utf-8") + "paths:\n  templates: templates\n", encoding="utf-8"
    )
    meeting = tmp_path / "archive" / "templates" / "meeting.html"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(
            "{% block content %}", "{% block content %}{{ meeting.no_such_field }}", 1
        ),
        encoding="utf-8",
    )
    result = build_site(config, tmp_path / "site")
    assert result.failed and result.pages == 0
    problems = [d for d in result.diagnostics if d.code == "template"]
    assert len(problems) == 1 and problems[0].pos.path.endswith("templates/meeting.html"), problems
    assert "no_such_field" in problems[0].message
    assert not (tmp_path / "site").exists()
