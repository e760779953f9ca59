"""What feeds, calendars, data and the sitemap share: they depend on the content alone."""

from __future__ import annotations

import datetime as dt

from tests.conftest import build_site, copy_fixture

MACHINE_READABLE = (".atom", ".ics", ".json", ".xml", ".txt")


def test_output_does_not_depend_on_the_day_of_the_build(tmp_path):
    """No wall-clock time in any feed, calendar or data file: building the same content on
    another day gives the same bytes, so unchanged files are never rewritten."""
    config = copy_fixture("basic", tmp_path / "site")
    files = []
    for day, folder in ((dt.date(2026, 11, 1), "one"), (dt.date(2031, 3, 30), "two")):
        build_site(config, tmp_path / folder, build_date=day)
        out = tmp_path / folder
        files.append(
            {
                p.relative_to(out).as_posix(): p.read_bytes()
                for p in out.rglob("*")
                if p.suffix in MACHINE_READABLE
            }
        )
    assert files[0] == files[1]
    assert {"feed.atom", "meetings.ics", "data/2021/meetings.json", "sitemap.xml", "robots.txt"} <= set(
        files[0]
    )


def test_left_out_without_a_public_address(tmp_path):
    result = build_site(copy_fixture("basic", tmp_path / "site"), tmp_path / "out", base_url="/preview/")
    assert not result.failed
    assert any(d.code == "base-url-missing" for d in result.diagnostics)
    built = {p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert not [
        name
        for name in built
        if name.endswith((".atom", ".ics"))
        or name.startswith("data/")
        or name in ("sitemap.xml", "robots.txt")
    ]
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "feed.atom" not in home and "data/" not in home
