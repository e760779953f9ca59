"""Golden checks on the real archive: the seed meetings, built, show what the documents say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from minutebook.resolve.references import MONTHS
from tests.conftest import ROOT
from tests.support.crawl import crawl

# Copies of ../shared/seeds: the text extracted from the published PDFs that content/ transcribes.
SEEDS = ROOT / "tests" / "fixtures" / "seeds"

# (attendance heading -> number of people listed), minute numbers, minutes with a resolution
EXPECTED = {
    "meetings/2017/2017-06-29-scrutiny-board-2": (
        {"Members": 9, "Co-opted members": 2, "Cabinet members": 3, "Other members": 1, "Officers": 4},
        list(range(88, 92)),
        [90],
    ),
    "meetings/2019/2019-11-28-scrutiny-board-2": (
        {
            "Members": 7,
            "Co-opted members": 1,
            "Cabinet members": 2,
            "Attending by invitation": 4,
            "Officers": 8,
            "Apologies": 4,
        },
        list(range(23, 30)),
        [25, 26, 27],
    ),
    "meetings/2020/2020-02-13-scrutiny-board-2": (
        {"Members": 8, "Co-opted members": 2, "Attending by invitation": 3, "Officers": 9, "Apologies": 4},
        list(range(37, 46)),
        [39, 40, 41, 44],
    ),
    "meetings/2023/2023-03-16-scrutiny-board-2": (
        {
            "Members": 8,
            "Co-opted members": 2,
            "Other members": 1,
            "Attending by invitation": 1,
            "Officers": 5,
            "Apologies": 4,
        },
        list(range(25, 31)),
        [27, 28, 29, 30],
    ),
}
AGENDA_ONLY = {
    "meetings/2017/2017-07-13-scrutiny-board-2": 7,
    "meetings/2020/2020-01-09-scrutiny-board-2": 8,
    "meetings/2020/2020-10-15-scrutiny-board-2": 6,
}


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def attendance_counts(html: str) -> dict[str, int]:
    section = html.split('<section id="attendance"', 1)[1].split("</section>", 1)[0]
    counts = {}
    for heading, body in re.findall(r"<h3>([^<]+)</h3>(.*?)(?=<h3>|$)", section, re.DOTALL):
        if "<dl" in body:
            counts[heading] = sum(
                len(re.sub(r"<[^>]+>", "", names).split(", "))
                for names in re.findall(r"<dd>(.*?)</dd>", body)
            )
        else:
            counts[heading] = body.count("<li>")
    return counts


@pytest.mark.parametrize("url", sorted(EXPECTED))
def test_seed_minutes_pages(seed_site, url):
    attendance, minutes, resolved = EXPECTED[url]
    html = page(seed_site, url)
    assert attendance_counts(html) == attendance
    assert [int(n) for n in re.findall(r'<section class="minute[^"]*" id="minute-(\d+)"', html)] == minutes
    with_resolution = [
        int(n)
        for n, body in re.findall(r'id="minute-(\d+)"(.*?)</section>', html, re.DOTALL)
        if 'class="resolution"' in body
    ]
    assert with_resolution == resolved


@pytest.mark.parametrize("url", sorted(AGENDA_ONLY))
def test_seed_agenda_pages(seed_site, url):
    html = page(seed_site, url)
    assert len(re.findall(r'<li id="agenda-\d+"', html)) == AGENDA_ONLY[url]
    assert "The minutes of this meeting are not in the archive." in html


def test_all_eight_seed_meetings_are_published(seed_site):
    meetings = sorted(
        p.parent.name for p in seed_site.glob("meetings/*/*/index.html") if p.parent.name[:4].isdigit()
    )
    assert meetings == [
        "2017-06-29-scrutiny-board-2",
        "2017-07-13-scrutiny-board-2",
        "2019-11-28-scrutiny-board-2",
        "2020-01-09-scrutiny-board-2",
        "2020-02-13-scrutiny-board-2",
        "2020-03-19-scrutiny-board-2",
        "2020-09-24-scrutiny-board-2",  # cancellations the seeds record
        "2020-10-15-scrutiny-board-2",
        "2022-03-17-scrutiny-board-2",
        "2023-03-16-scrutiny-board-2",
    ]
    cancelled = (seed_site / "meetings/2020/2020-03-19-scrutiny-board-2/index.html").read_text(
        encoding="utf-8"
    )
    assert "tag--cancelled" in cancelled and "This meeting was cancelled" in cancelled


def test_seed_facts_on_the_pages(seed_site):
    feb = page(seed_site, "meetings/2020/2020-02-13-scrutiny-board-2")
    assert (
        '<a href="../../../people/k-sandhu/">Councillor K Sandhu</a> <span class="role">(Chair)</span>' in feb
    )
    assert "10am to 12:10pm" in feb
    assert "paragraphs 1 and 2 of Part 1 of Schedule 12A" in feb
    assert "request that an all members briefing on contextual safeguarding be arranged" in feb
    october = page(seed_site, "meetings/2020/2020-10-15-scrutiny-board-2")
    assert 'href="https://youtu.be/BYBLywsJXkE"' in october and "Held remotely" in october
    covid = page(seed_site, "meetings/2020/2020-10-15-scrutiny-board-2/covid-19-impact-briefing-note")
    # The briefing note's table survives as a table with its header row.
    assert re.search(r"<th>December 2019</th>\s*<th>April 2020</th>", covid)
    assert "<td>Child Protection Plans</td>" in covid


def test_seed_site_has_no_broken_links(seed_site):
    report = crawl(seed_site, "/minutes/")
    assert report.pages >= 20
    assert report.broken == []


# Lines of the seed documents whose words are in content/ but not as one run of text, because the
# format stores them as structured fields (attendance lists, agenda items), with why.
STRUCTURED_LINES = {
    "By Invitation: Councillors B Gittins, K Maton and P Seaman": "agenda membership, one entry each",
    "Co-Opted Members: Mrs S Hanson and Mrs K Jones": "attendance co_opted, one entry each",
    "Co-Opted Members: Mrs S Hanson and Mr G Vohra": "attendance co_opted, one entry each",
    "People A Brennan, J Gregg, G Lewis N MacDonald, K Nelson, N": "officers by directorate",
    "People A Brennan, J Gregg, A King, G Lewis, H Nagra, K Nelson,": "officers by directorate",
    "Children's Services J Gregg, A King, R Sugars": "officers by directorate",
    "Public Business**1. Apologies and Substitutions****2. Declarations of Interests****3. Minutes** (Pag": "agenda items",
    "Membership: Councillors S Bains, S Hanson (Co-opted Member), K Jones (Co-opted Member), B Kaur (By I": "agenda membership",
    "Young Carers Improvement Board Report Work programme briefing note": "work programme list, one entry each",
    "<p>Children's Services Improvement – Continuous Improvement Board report School Performance Informat": "work programme list, one entry each",
    "**held at 3.00 pm on Thursday, 16 March 2023**": "date and start fields",
}


def _normalise(text: str) -> str:
    text = text.replace("**", "").replace("\\-", "-")
    text = re.sub(r"[`*_>#|\\]", " ", text)
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return re.sub(r"\s+", " ", text).lower()


def test_no_seed_text_was_dropped():
    """Every substantial line of the five seed documents is in content/ (transcribed faithfully)."""
    corpus = _normalise(" ".join(p.read_text(encoding="utf-8") for p in (ROOT / "content").rglob("*.md")))
    dropped = []
    for seed in sorted(SEEDS.glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").split("\n"):
            text = re.sub(r"^(- |\d+\) |\d+\. )", "", _normalise(line).strip())
            if len(text) < 40 or line[:100] in STRUCTURED_LINES:
                continue
            slices = (text[:30], text[len(text) // 2 - 15 : len(text) // 2 + 15], text[-30:])
            if not any(piece in corpus for piece in slices):
                dropped.append(f"{seed.name}: {line[:100]}")
    assert dropped == []


def test_every_meeting_of_the_2019_20_work_programme_is_in_its_years(seed_site):
    """The work programme in the papers of 9 January 2020 lists nine meetings of 2019/20; the
    archive holds four. The other five are listed as known meetings without papers, on the
    committee's 2019/20 and on their calendar year's page, with the programme they are known from."""
    programme = ROOT / "content/meetings/2020/2020-01-09-scrutiny-board-2/work-programme-2019-20.md"
    listed = re.findall(
        r"^- (\d{1,2})(?:st|nd|rd|th) (\w+) (\d{4})", programme.read_text(encoding="utf-8"), re.M
    )
    dates = [f"{year}-{MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}" for day, month, year in listed]
    assert len(dates) == 9
    committee = (seed_site / "committees/scrutiny-board-2/index.html").read_text(encoding="utf-8")
    year = committee[committee.index('id="year-2019"') :]
    year = year[: year.index("<h3", 10)]
    held = [date for date in dates if (seed_site / f"meetings/{date[:4]}/{date}-scrutiny-board-2").is_dir()]
    assert held == ["2019-11-28", "2020-01-09", "2020-02-13", "2020-03-19"]
    for date in dates:
        if date in held:
            assert f'href="../../meetings/{date[:4]}/{date}-scrutiny-board-2/"' in year
            continue
        assert f'<li id="known-{date}">' in year
        entry = year[year.index(f'<li id="known-{date}">') :]
        assert (
            '<a href="../../meetings/2020/2020-01-09-scrutiny-board-2/work-programme-2019-20/">'
            "the work programme in the papers of 9 January 2020</a>, which lists"
        ) in entry[: entry.index("</li>")]
        page = (seed_site / f"meetings/{date[:4]}/index.html").read_text(encoding="utf-8")
        entry = page[page.index(f'<li id="known-scrutiny-board-2-{date}">') :]
        entry = entry[: entry.index("</li>")]
        assert "No papers in this archive" in entry
        assert re.search(r'href="(?:\.\./2020/)?2020-01-09-scrutiny-board-2/work-programme-2019-20/"', entry)
