"""Every kind of page in a real browser, at a phone's width and a desktop's, with the site served
at a domain root and under a sub-path: it loads everything it asks for with no script or console
error, has its styles, fits a phone without sideways scrolling, and is kept as a screenshot."""

from __future__ import annotations

import pytest

from tests.quality.browser.conftest import SCREENSHOTS, VIEWPORTS, check_representatives, open_tab

pytestmark = pytest.mark.browser

# The page types the archive has had from the start; later ones are found on their own.
FOUNDING_PAGE_TYPES = {"home", "committees", "committee", "years", "year", "meeting", "document", "404"}


def test_every_page_names_its_type(mounts):
    for mount in mounts.values():
        assert mount.pages.untyped == (), (
            f"{mount.name}: pages without <body data-page-type>, which no check would visit"
        )
    assert set(mounts["seed"].pages.by_type) >= FOUNDING_PAGE_TYPES


def styled(page) -> bool:
    """Both stylesheets applied: the layout's (body margin, header colour) and the theme's (colours)."""
    return page.evaluate(
        """() => getComputedStyle(document.body).marginTop === '0px'
            && getComputedStyle(document.documentElement).getPropertyValue('--brand-colour').trim().startsWith('#')
            && getComputedStyle(document.querySelector('.site-header')).backgroundColor !== 'rgba(0, 0, 0, 0)'"""
    )


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("mount_name", ["seed", "seed-sub-path", "fixture"])
def test_every_page_type_loads_cleanly(browser, mounts, mount_name, viewport, subtests, figures):
    mount = mounts[mount_name]
    fullest = {page_type: pages[0] for page_type, pages in mount.pages.representatives().items()}

    def check(tab, page_type, site_page, problems):
        page = tab.page
        assert page.locator("body").get_attribute("data-page-type") == page_type
        assert styled(page), "the stylesheets did not load or apply"
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
        if mount_name == "seed" and site_page == fullest[page_type]:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"{page_type}-{viewport}.png", full_page=True)
        assert problems.all() == []
        figures["pages checked in the browser", f"{page_type} {viewport}"] += 1

    check_representatives(browser, mount, viewport, subtests, check)


@pytest.mark.parametrize("mount_name", ["seed", "seed-sub-path"])
def test_an_unknown_address_gets_the_styled_404_page_with_working_links(browser, mounts, mount_name):
    mount = mounts[mount_name]
    with open_tab(browser, "phone") as tab:
        problems = tab.visit(mount.url("meetings/1999/no-such-meeting/"), expect_status=404)
        page = tab.page
        assert page.locator("body").get_attribute("data-page-type") == "404"
        assert styled(page)
        page.get_by_role("link", name="home page").click()
        page.wait_for_load_state()
        assert page.url == mount.base_url
        assert page.locator("body").get_attribute("data-page-type") == "home"
        assert problems.all() == []


def test_every_page_type_reads_with_javascript_off(browser, mounts):
    mount = mounts["seed"]
    with open_tab(browser, "desktop", javascript=False) as tab:
        for page_type, pages in mount.pages.representatives().items():
            problems = tab.visit(mount.url(pages[0]))
            main = tab.page.get_by_role("main")
            assert main.get_by_role("heading", level=1).count() == 1, page_type
            assert len(main.inner_text().split()) >= 10, (
                f"{page_type}: the main content is (almost) empty without JavaScript"
            )
            assert problems.all() == []
