"""Issue 4 on the real archive: people and topics have pages reachable from the meetings that name
them, attendance figures match the seed attendance lists, and every reference lands on its item."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from minutebook.cli import main
from tests.conftest import ROOT, copy_fixture

FEB = "meetings/2020/2020-02-13-scrutiny-board-2"
NOV = "meetings/2019/2019-11-28-scrutiny-board-2"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]+)">(.*?)</a>', html)


def resolve_link(from_url: str, href: str) -> str:
    """The site address a relative link on page `from_url` points at."""
    import posixpath

    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(from_url, path)) if path else from_url.rstrip("/")
    return target.strip("/") + "/" + (f"#{fragment}" if fragment else "")


def test_every_person_named_at_a_meeting_links_to_their_page(seed_site):
    for meeting_page in seed_site.glob("meetings/*/*/index.html"):
        url = meeting_page.parent.relative_to(seed_site).as_posix() + "/"
        html = meeting_page.read_text(encoding="utf-8")
        section = (
            html.split('<section id="attendance"', 1)[-1].split("</section>", 1)[0]
            if 'id="attendance"' in html
            else ""
        )
        names = re.findall(r"<li>(.*?)(?: <span class=\"role\">|</li>)", section)
        for name in names:
            assert name.startswith('<a href="'), f"{url}: {name} is not linked"
        for href, _ in links(html):
            if "people/" in href and not href.endswith("people/"):
                target = resolve_link(url, href)
                assert (seed_site / target / "index.html").is_file(), target


def test_every_topic_used_in_the_seeds_has_a_page_linked_from_its_items(seed_site):
    used = set()
    for path in (ROOT / "content" / "meetings").rglob("*.md"):
        for block in re.findall(r"topics: \[([^\]]+)\]", path.read_text(encoding="utf-8")):
            used.update(slug.strip() for slug in block.split(","))
    assert len(used) >= 12
    linked = set()
    for meeting_page in seed_site.glob("meetings/*/*/index.html"):
        linked.update(
            re.findall(r'href="(?:\.\./)+topics/([a-z0-9-]+)/"', meeting_page.read_text(encoding="utf-8"))
        )
    linked.update(
        re.findall(
            r'href="(?:\.\./)+topics/([a-z0-9-]+)/"',
            page(seed_site, "meetings/2022/2022-03-17-scrutiny-board-2/continuous-improvement-briefing-note"),
        )
    )
    for slug in used:
        assert (seed_site / "topics" / slug / "index.html").is_file()
    assert used - {"childrens-services-improvement", "covid-19", "social-worker-recruitment"} <= linked


def test_topic_timeline_is_newest_first_with_resolutions(seed_site):
    html = page(seed_site, "topics/early-years")
    dates = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})">', html)
    assert dates == sorted(dates, reverse=True) and dates[0] == "2023-03-16" and "2019-11-28" in dates
    assert "Request a map with providers of early years provision" in html
    assert 'href="../send/"' in html  # related topic


# (person page, municipal year, meetings with minutes recording them as a member, present,
# substitute, apologies, absent) read from the seed attendance lists: the minutes only, never an
# agenda (R Potter, on the 13 July 2017 agenda but not in the minutes of 29 June, has no figures:
# tests/resolve/test_record.py).
ATTENDANCE = [
    ("k-sandhu", "2019/20", 2, 2, 0, 0, 0),
    ("b-kaur", "2019/20", 2, 1, 0, 1, 0),  # apologies 28 Nov 2019 (Clifford substituted), present 13 Feb 2020
    ("l-kelly", "2019/20", 2, 0, 0, 2, 0),
    ("r-thay", "2019/20", 2, 1, 0, 1, 0),
    ("j-clifford", "2019/20", 0, 0, 1, 0, 0),  # substitute for Councillor B Kaur
    ("m-mutton", "2017/18", 1, 1, 0, 0, 0),
    (
        "k-jones",
        "2019/20",
        2,
        1,
        0,
        1,
        0,
    ),  # apologies 28 Nov 2019, present 13 Feb 2020 ("By Invitation" on the 9 Jan 2020 agenda)
    ("s-hanson", "2019/20", 2, 2, 0, 0, 0),
    ("j-innes", "2022/23", 1, 1, 0, 0, 0),
    ("f-abbott", "2022/23", 1, 0, 0, 1, 0),
]


@pytest.mark.parametrize("slug, year, expected, present, substitute, apologies, absent", ATTENDANCE)
def test_attendance_figures_match_the_seed_lists(
    seed_site, slug, year, expected, present, substitute, apologies, absent
):
    html = page(seed_site, f"people/{slug}")
    table = html.split('class="attendance-table"', 1)[1].split("</table>", 1)[0]
    row = re.search(rf"<tr>\s*<td>{re.escape(year)}</td>.*?</tr>", table, re.DOTALL).group(0)
    cells = [
        re.sub(r"<span class=\"visually-hidden\">.*?</span>|<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td>(.*?)</td>", row, re.DOTALL)
    ]
    assert cells[2:7] == [str(n) for n in (expected, present, substitute, apologies, absent)]
    for kind, count in zip(
        ("expected", "present", "substitute", "apologies", "absent"),
        (expected, present, substitute, apologies, absent),
        strict=True,
    ):
        listing = re.search(rf'id="meetings-scrutiny-board-2-{year[:4]}-{kind}">.*?</ul>', html, re.DOTALL)
        assert (listing.group(0).count("<li>") if listing else 0) == count


def test_cancelled_meetings_are_left_out_of_attendance(tmp_path, monkeypatch):
    config = copy_fixture("basic", tmp_path / "site")
    meeting = config.parent / "content/meetings/2021/2021-09-09-planning.md"
    meeting.write_text(
        meeting.read_text().replace(
            "status: cancelled", "status: cancelled\nattendance:\n  apologies:\n    - Councillor A Patel"
        )
    )
    out = tmp_path / "out"
    assert main(["--config", str(config), "--out", str(out), "--quiet"]) == 0
    html = (out / "people/a-patel/index.html").read_text()
    table = html.split('class="attendance-table"', 1)[1].split("</table>", 1)[0]
    row = re.search(r"<tr>\s*<td>2021/22</td>.*?</tr>", table, re.DOTALL).group(0)
    cells = [
        re.sub(r"<span class=\"visually-hidden\">.*?</span>|<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td>(.*?)</td>", row, re.DOTALL)
    ]
    assert cells[2:7] == ["1", "1", "0", "0", "0"]  # present on 10 June; the cancelled meeting does not count


REFERENCES = [
    # (page, link text, where it must land)
    (FEB, "minute 41, Serious Case Review", f"{FEB}/#minute-41"),  # a declaration names the item's title
    (FEB, "44", f"{FEB}/#minute-44"),
    (FEB, "Minute 44", f"{FEB}/#minute-44"),
    (FEB, "Minute 41", f"{FEB}/#minute-41"),
    (FEB, "9th January, 2020", "meetings/2020/2020-01-09-scrutiny-board-2/"),
    ("meetings/2020/2020-10-15-scrutiny-board-2", "13 February 2020", f"{FEB}/"),
    ("meetings/2020/2020-01-09-scrutiny-board-2", "28th November, 2019", f"{NOV}/"),
    (
        "meetings/2017/2017-07-13-scrutiny-board-2",
        "29th June, 2017",
        "meetings/2017/2017-06-29-scrutiny-board-2/",
    ),
]


@pytest.mark.parametrize("url, text, target", REFERENCES)
def test_in_archive_references_land_on_the_item_they_name(seed_site, url, text, target):
    found = [resolve_link(url + "/", href) for href, label in links(page(seed_site, url)) if label == text]
    assert target in found
    path, _, anchor = target.partition("#")
    if anchor:
        assert f'id="{anchor}"' in page(seed_site, path.rstrip("/"))


def test_references_outside_the_archive_stay_text_and_are_warned(seed_site, capsys):
    html = page(seed_site, "meetings/2017/2017-06-29-scrutiny-board-2")
    # Not a link, and the page says why, in the archive's words set apart from the minutes'.
    assert (
        'Further to minute 84/16 <span class="archive-note">(not a link: that minute is not in this archive)</span> the Scrutiny Board'
        in html
    )
    assert main(["check", "--config", str(ROOT / "site_config.yaml")]) == 0
    err = capsys.readouterr().err
    assert (
        "2017-06-29-scrutiny-board-2.md:54: warning[reference-outside-archive]: minute 84/16 is not in the archive"
        in err
    )


def test_items_show_what_refers_to_them_and_minutes_show_their_approval(seed_site):
    feb = page(seed_site, FEB)
    item_41 = feb.split('id="minute-41"', 1)[1].split("</section>", 1)[0]
    assert re.search(
        r'Referred to by <a href="./#minute-37">minute 37, 13 February 2020</a>; <a href="./#minute-44">minute 44, 13 February 2020</a>',
        item_41,
    )
    january = page(seed_site, "meetings/2020/2020-01-09-scrutiny-board-2")
    assert (
        'Agreed as a true record at the meeting of <a href="../2020-02-13-scrutiny-board-2/#minute-38">13 February 2020 (minute 38)</a>'
        in january
    )
    assert (
        'To be agreed at the meeting of <a href="../2020-10-15-scrutiny-board-2/#agenda-3">15 October 2020 (agenda item 3)</a>'
        in feb
    )


def test_outstanding_actions_page_tracks_requests_and_their_outcomes(seed_site):
    html = page(seed_site, "committees/scrutiny-board-2/actions")
    outstanding, closed = html.split("<h2>Completed or decided</h2>")
    assert 'id="action-2020-02-13-44-3"' in outstanding and "contextual safeguarding" in outstanding
    assert 'id="action-2017-06-29-90-3"' in closed
    assert "Education Performance – Autumn 2020" in outstanding  # the update recorded on 15 October 2020
    feb = page(seed_site, FEB)
    assert (
        'href="../../../committees/scrutiny-board-2/actions/#action-2020-02-13-44-3">2020-02-13/44.3</a>'
        in feb
    )


def test_unknown_person_is_an_error_with_file_line_and_closest_people(tmp_path, capsys):
    config = copy_fixture("basic", tmp_path / "site")
    meeting = config.parent / "content/meetings/2021/2021-06-10-planning.md"
    meeting.write_text(
        meeting.read_text().replace("- Councillor A Patel (Chair)", "- Councillor A Patell (Chair)")
    )
    assert main(["--config", str(config), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    line = meeting.read_text().split("\n").index("    - Councillor A Patell (Chair)") + 1
    assert (
        f"content/meetings/2021/2021-06-10-planning.md:{line}:7: error[unknown-person]: 'Councillor A Patell' is not in content/people.yaml"
        in err
    )
    assert "hint: did you mean 'Councillor A Patel'?" in err


def test_ambiguous_person_is_an_error_listing_both(tmp_path, capsys):
    config = copy_fixture("basic", tmp_path / "site")
    people = config.parent / "content/people.yaml"
    people.write_text(people.read_text() + "- name: Councillor Z Jones\n  kind: councillor\n")
    meeting = config.parent / "content/meetings/2021/2021-06-10-planning.md"
    meeting.write_text(
        meeting.read_text().replace("- member: Councillor A Patel", "- member: Councillor Jones")
    )
    assert main(["--config", str(config), "--out", str(tmp_path / "out")]) == 0  # B Jones is at the meeting
    meeting.write_text(
        meeting.read_text().replace("    - Councillor B Jones (substitute for Councillor C Brown)\n", "")
    )
    assert main(["--config", str(config), "--out", str(tmp_path / "out")]) == 1
    assert (
        "error[ambiguous-person]: 'Councillor Jones' could be Councillor B Jones or Councillor Z Jones"
        in capsys.readouterr().err
    )
