"""Gaps visible: a meeting the minutes mention but the archive lacks is listed in its committee's
municipal year, saying where it is known from; a reference to it says why it is not a link."""

from __future__ import annotations

COMMITTEE = "committees/scrutiny-board-2/index.html"


def test_a_mentioned_meeting_missing_from_the_archive_is_a_known_meeting(seed_site):
    html = (seed_site / COMMITTEE).read_text(encoding="utf-8")
    year = html[html.index('id="year-2022"') :]
    year = year[: year.index("<h3", 10)] if "<h3" in year[10:] else year
    assert (
        '<li id="known-2023-02-09">Thursday 9 February 2023 <strong class="tag tag--no-minutes">No papers in this archive</strong>'
        in year
    )
    assert (
        'Known from <a href="../../meetings/2023/2023-03-16-scrutiny-board-2/#minute-26">minute 26 of 16 March 2023</a>.'
        in year
    )
    # A municipal year the archive holds no meeting of still shows the meetings known in it.
    assert 'id="year-2016"' in html and 'id="known-2017-04-27"' in html


def test_a_reference_to_it_says_why_it_is_not_a_link(seed_site):
    html = (seed_site / "meetings/2023/2023-03-16-scrutiny-board-2/index.html").read_text(encoding="utf-8")
    assert (
        'The minutes of the meeting held on 9 February 2023 <span class="archive-note">(not a link: this archive has no papers '
        "for that meeting)</span> were agreed"
    ) in html
    assert (
        'Minute 21 <span class="archive-note">(not a link: that minute is not in this archive)</span>' in html
    )


def test_the_year_page_lists_it_in_its_month_saying_where_it_is_known_from(seed_site):
    html = (seed_site / "meetings/2023/index.html").read_text(encoding="utf-8")
    february = html[html.index("<h2>February</h2>") : html.index("<h2>March</h2>")]
    assert "<p>Known from the minutes, but not in this archive:</p>" in february
    assert (
        '<li id="known-scrutiny-board-2-2023-02-09"><a href="../../committees/scrutiny-board-2/#known-2023-02-09">'
        "Education and Children&#39;s Services Scrutiny Board (2), Thursday 9 February 2023</a> "
        '<strong class="tag tag--no-minutes">No papers in this archive</strong>'
    ) in february
    assert (
        'Known from <a href="2023-03-16-scrutiny-board-2/#minute-26">minute 26 of 16 March 2023</a>.'
        in february
    )
    # A month with meetings only in the archive is as it was: no known-meetings list.
    march = html[html.index("<h2>March</h2>") :]
    assert "known-meetings" not in march


def test_a_year_of_known_meetings_only_has_its_page_and_its_place_in_the_index(seed_site):
    """The 2017/18 work programme lists four meetings in 2018, a year the archive holds none of."""
    index = (seed_site / "meetings/index.html").read_text(encoding="utf-8")
    assert (
        '<li><h2><a href="2018/">2018</a></h2>\n    <p class="meta">No meetings in this archive; '
        "4 known from the minutes or work programmes</p></li>"
    ) in index
    assert '<p class="meta">2 meetings; 4 more known from the minutes or work programmes</p>' in index
    html = (seed_site / "meetings/2018/index.html").read_text(encoding="utf-8")
    assert html.count("No papers in this archive") == 4
    assert (
        '<a href="../2017/2017-07-13-scrutiny-board-2/work-programme-2017-18/">the work programme in the papers '
        "of 13 July 2017</a>, which lists “26th April 2018”." in html
    )
