"""The injection site (a payload in every text field, tests/support/injection.py) in the browser:
no dialog opens, no script error, and the live DOM holds no injected element, handler, script URL
or style once the page has loaded and its scripts have run.

tests/quality/test_injection.py reads every page's HTML; here the browser opens every meeting page (each
carries its payload in nearly every field), every page that runs a script (where text could be
turned back into markup), and each type's representative pages, so every payload and every kind
of page is run without visiting hundreds of near-identical pages."""

from __future__ import annotations

import re

import pytest

from tests.quality.browser.conftest import open_tab
from tests.support.injection import DOM_SIGNS, PAYLOADS
from tests.support.queryset import OURS_DONE

pytestmark = pytest.mark.browser
RUNS_A_SCRIPT = re.compile(rb"<script\b[^>]*\ssrc=")


@pytest.fixture(scope="module")
def mount(mount_site, injection_config, tmp_path_factory):
    return mount_site("injection", injection_config, tmp_path_factory.mktemp("served-injection") / "_site")


def test_no_payload_works_in_the_browser(browser, mount, figures):
    chosen = {page for pages in mount.pages.representatives().values() for page in pages}
    chosen |= set(mount.pages.by_type["meeting"])
    chosen |= {
        page
        for pages in mount.pages.by_type.values()
        for page in pages
        if RUNS_A_SCRIPT.search(page.path.read_bytes())
    }
    pages = sorted(chosen, key=lambda page: page.url)
    found = {}
    with open_tab(browser, "desktop") as tab:
        for site_page in pages:
            problems = tab.visit(mount.url(site_page))
            tab.page.mouse.move(640, 300)  # hover handlers get their chance too
            signs = tab.page.evaluate(DOM_SIGNS) + problems.all()
            if signs:
                found[site_page.url] = signs
    figures["injection pages checked in the browser"] = len(pages)
    assert len(mount.pages.by_type["meeting"]) > len(PAYLOADS)
    assert found == {}


def test_the_browser_check_sees_a_payload_that_works(browser, mount):
    with open_tab(browser, "desktop") as tab:
        problems = tab.visit(mount.base_url)
        tab.page.evaluate(
            """() => {
                document.querySelector('main').insertAdjacentHTML('beforeend',
                    '<img src="x" onerror="alert(1)"><a href="javascript:void 0">x</a><style>p { --xss: 1 }</style>');
            }"""
        )
        tab.page.wait_for_function("() => document.querySelector('img[onerror]').complete")
        signs = tab.page.evaluate(DOM_SIGNS)
        assert any("onerror" in sign for sign in signs) and any("javascript:" in sign for sign in signs)
        assert any("<style> element" in sign for sign in signs) and any(
            "injected CSS" in sign for sign in signs
        )
        assert problems.dialogs == ["alert dialog opened: '1'"]


@pytest.mark.parametrize("query", ["xss script", "Tester07", "markdown", "clobbering"])
def test_search_results_show_payloads_as_text(browser, mount, query, figures):
    """Search results and their highlighted snippets come from the index in the page's script:
    a payload found by a search must still be text."""
    with open_tab(browser, "desktop") as tab:
        problems = tab.visit(mount.url(f"search/?q={query.replace(' ', '+')}"))
        tab.page.wait_for_function(OURS_DONE, timeout=15000)
        results = tab.page.locator("#search-results > li").count()
        tab.page.mouse.move(640, 300)
        assert results > 0, f"'{query}' found nothing, so no snippet was checked"
        figures["injection search results checked in the browser"] += results
        assert tab.page.evaluate(DOM_SIGNS) + problems.all() == []
