"""Every page of the seed site has its own <meta name="description">, drawn from its content."""

from __future__ import annotations

import re
from html import unescape

from minutebook.render.describe import LIMIT, shorten

_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')


def descriptions(site) -> dict[str, list[str]]:
    return {
        str(path.relative_to(site)): _DESCRIPTION.findall(path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
    }


def test_every_page_has_one_non_empty_description_of_its_own(seed_site):
    found = descriptions(seed_site)
    assert len(found) > 100
    for page, texts in found.items():
        assert len(texts) == 1, page
        assert unescape(texts[0]).strip(), page
        assert len(unescape(texts[0])) <= LIMIT, page
    owners: dict[str, list[str]] = {}
    for page, texts in found.items():
        owners.setdefault(texts[0], []).append(page)
    assert {text: pages for text, pages in owners.items() if len(pages) > 1} == {}


def test_descriptions_are_drawn_from_the_page_content(seed_site):
    found = {page: unescape(texts[0]) for page, texts in descriptions(seed_site).items()}
    meeting = found["meetings/2020/2020-02-13-scrutiny-board-2/index.html"]
    assert "13 February 2020" in meeting and "Coventry Education Performance 2019" in meeting
    assert (
        "Exclusion of Press and Public" not in meeting and "Any Other Business" not in meeting
    )  # decisions, not boilerplate
    assert "Meeting cancelled" in found["meetings/2020/2020-03-19-scrutiny-board-2/index.html"]
    assert "Chair, Scrutiny Board 2" in found["people/k-sandhu/index.html"]
    assert "Head of Service" in found["people/peter-barnett/index.html"]
    assert found["topics/libraries/index.html"].startswith("Libraries: The city's libraries")
    paper = found["meetings/2020/2020-01-09-scrutiny-board-2/libraries-update-briefing-note/index.html"]
    assert paper.startswith("Libraries Update, briefing note") and "9 January 2020" in paper
    assert found["help/search/index.html"].startswith("The search page")


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert shorten("a  b\nc") == "a b c"
    text = shorten("word " * 60)
    assert len(text) <= LIMIT and text.endswith("word…")
