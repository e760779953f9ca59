"""Browser fixtures: Debian's chromium driven by Playwright (never a downloaded browser), and the
seed archive built for, and served by, a real static server at a domain root and under a sub-path."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, build_site
from tests.support.browser import serve
from tests.support.pages import SitePage, SitePages, site_pages

VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@dataclass(frozen=True)
class Mount:
    """A built site being served: where it is on disk and the address it is served at."""

    name: str
    base_url: str
    site: Path
    pages: SitePages

    def url(self, page: SitePage | str) -> str:
        return self.base_url + (page if isinstance(page, str) else page.url)


def _mount(stack: contextlib.ExitStack, name: str, config: Path, site: Path, prefix: str = "/") -> Mount:
    """Start a server first (so its address is known), then build the site for exactly that address."""
    base_url = stack.enter_context(serve(site, prefix))
    result = build_site(config, site, base_url=base_url)
    assert not result.failed, "\n".join(d.format() for d in result.diagnostics)
    return Mount(name, base_url, site, site_pages(site))


@pytest.fixture(scope="session")
def mounts(tmp_path_factory) -> Iterator[dict[str, Mount]]:
    """The seed archive at http://127.0.0.1:PORT/ ("seed") and at http://127.0.0.1:PORT/minutes/archive/
    ("seed-sub-path"), and the basic fixture site, which has what the seed lacks (a cancelled
    meeting, attachments), at the root of another port ("fixture")."""
    with contextlib.ExitStack() as stack:
        seed = ROOT / "site_config.yaml"
        yield {
            "seed": _mount(stack, "seed", seed, tmp_path_factory.mktemp("served-root") / "_site"),
            "seed-sub-path": _mount(
                stack,
                "seed-sub-path",
                seed,
                tmp_path_factory.mktemp("served-sub") / "_site",
                "/minutes/archive/",
            ),
            "fixture": _mount(
                stack,
                "fixture",
                FIXTURES / "basic" / "site_config.yaml",
                tmp_path_factory.mktemp("served-fixture") / "_site",
            ),
        }


@pytest.fixture(scope="session")
def mount_site():
    """Serve any built-on-demand fixture site at the root: mount_site(name, config) -> Mount."""
    with contextlib.ExitStack() as stack:

        def mount(name: str, config: Path, site: Path) -> Mount:
            return _mount(stack, name, config, site)

        yield mount


@dataclass
class PageProblems:
    """What a visitor's browser would complain about while showing a page."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return self.console_errors + self.page_errors + self.failed_requests + self.dialogs


class Tab:
    """One browser tab at one viewport, reused from page to page (opening a tab costs more than
    loading a page). Each visit starts a fresh list of problems."""

    def __init__(self, context):
        self.page = context.new_page()
        self.problems = PageProblems()
        self._url = ""
        self._expect_status = 200
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.problems.page_errors.append(f"script error: {error}"))
        self.page.on("requestfailed", self._on_request_failed)
        self.page.on("response", self._on_response)
        self.page.on("dialog", self._on_dialog)

    def visit(self, url: str, expect_status: int = 200) -> PageProblems:
        """Load `url`, which must answer `expect_status`; subresources must all load."""
        self.problems, self._url, self._expect_status = PageProblems(), url, expect_status
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status == expect_status, (
            f"{url} answered {response.status if response else 'nothing'}"
        )
        return self.problems

    def _on_console(self, message) -> None:
        # Chromium also logs the page's own error status, which is expected for the 404 page.
        if message.type == "error" and not (
            self._expect_status >= 400 and message.location.get("url") == self._url
        ):
            self.problems.console_errors.append(
                f"console: {message.text} ({message.location.get('url', '')})"
            )

    def _on_request_failed(self, request) -> None:
        # A request cut short by moving to the next page (a favicon still loading) is not broken;
        # a missing file answers 404, which _on_response reports.
        if request.failure != "net::ERR_ABORTED":
            self.problems.failed_requests.append(f"request failed: {request.url} ({request.failure})")

    def _on_response(self, response) -> None:
        if response.url != self._url and response.status >= 400:
            self.problems.failed_requests.append(f"HTTP {response.status}: {response.url}")

    def _on_dialog(self, dialog) -> None:
        self.problems.dialogs.append(f"{dialog.type} dialog opened: {dialog.message!r}")
        dialog.dismiss()


@contextlib.contextmanager
def open_tab(browser, viewport: str, *, javascript: bool = True) -> Iterator[Tab]:
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], java_script_enabled=javascript, reduced_motion="reduce"
    )
    try:
        yield Tab(context)
    finally:
        context.close()


def check_representatives(
    browser,
    mount: Mount,
    viewport: str,
    subtests,
    check: Callable[[Tab, str, SitePage, PageProblems], None],
    *,
    fullest_only: bool = False,
) -> None:
    """Open each type's representative pages (tests/support/pages.py), or with `fullest_only` its
    fullest page, one after another in one tab, and run check(tab, page_type, site_page, problems)
    on each as a subtest of its own, so one failing page does not hide the rest."""
    with open_tab(browser, viewport) as tab:
        for page_type, pages in mount.pages.representatives().items():
            for site_page in pages[:1] if fullest_only else pages:
                with subtests.test(page_type=page_type, url=site_page.url):
                    check(tab, page_type, site_page, tab.visit(mount.url(site_page)))
