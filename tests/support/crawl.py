"""A crawl of a built site: every internal link and #anchor must land on something that exists.

HTML pages and XML files (feeds, sitemaps) are both read: in XML, `href`/`src` attributes and
the addresses in <loc>, <link>, <icon> and <logo> are links, and HTML carried inside a feed entry
must use absolute addresses (a feed reader has no page to resolve a relative one against).
Absolute addresses under the site's `base_url` count as internal and are checked too."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("form", "action"),
    ("iframe", "src"),
    ("source", "src"),
}
XML_ADDRESS_ELEMENTS = {"loc", "link", "icon", "logo"}
XML_HTML_ELEMENTS = {"content", "summary", "description"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES and value is not None:
                self.links.append(value)


@dataclass
class CrawlReport:
    pages: int = 0
    feeds: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)


def _html_links(text: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser


def _xml_links(path: Path) -> tuple[list[str], list[str]]:
    """(links, problems) of an XML file."""
    try:
        tree = ElementTree.parse(path)
    except ElementTree.ParseError as exc:
        return [], [f"is not well-formed XML: {exc}"]
    links, problems = [], []
    for element in tree.iter():
        name = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        links += [element.attrib[attribute] for attribute in ("href", "src") if attribute in element.attrib]
        text = (element.text or "").strip()
        if name in XML_ADDRESS_ELEMENTS and "href" not in element.attrib and text:
            links.append(text)
        if name in XML_HTML_ELEMENTS and text and (name == "description" or element.get("type") == "html"):
            for link in _html_links(text).links:
                parts = urlsplit(link)
                if not parts.scheme and not parts.netloc:
                    problems.append(
                        f"has a relative link {link!r} inside <{name}>; feed readers need absolute addresses"
                    )
                else:
                    links.append(link)
    return links, problems


def crawl(site: Path, site_path: str = "/", base_url: str | None = None) -> CrawlReport:
    """Check every HTML page and XML file under `site`. `site_path` is where the site is served
    ("/" or "/sub/"), used for root-relative links such as those on the 404 page; `base_url`, when
    given, is the site's public address, so absolute links to it are checked as internal ones."""
    if base_url is not None:
        site_path = urlsplit(base_url).path or "/"
    report = CrawlReport()
    parsed: dict[Path, _PageParser] = {}

    def page(path: Path) -> _PageParser:
        if path not in parsed:
            parsed[path] = _html_links(path.read_text(encoding="utf-8"))
        return parsed[path]

    def check(source: Path, link: str) -> None:
        if base_url is not None and link.startswith(base_url):
            link = site_path + link[len(base_url) :]
        parts = urlsplit(link)
        if parts.scheme or parts.netloc:
            return  # external addresses are not fetched: no network at test time
        report.links += 1
        label = source.relative_to(site)
        if not parts.path:
            target = source
        else:
            if parts.path.startswith("/"):
                if not parts.path.startswith(site_path):
                    report.broken.append(f"{label}: {link} is outside the site path {site_path}")
                    return
                target_path = posixpath.normpath(unquote(parts.path[len(site_path) :]) or ".")
            else:
                target_path = posixpath.normpath(
                    posixpath.join(source.parent.relative_to(site).as_posix(), unquote(parts.path))
                )
            if target_path.startswith(".."):
                report.broken.append(f"{label}: {link} leaves the site")
                return
            target = site / target_path
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
        if not target.is_file():
            report.broken.append(f"{label}: {link} -> {target.relative_to(site)} does not exist")
            return
        if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in page(target).ids:
            report.broken.append(f"{label}: {link} -> no element with id '{parts.fragment}'")

    for html_file in sorted(site.rglob("*.html")):
        report.pages += 1
        for link in page(html_file).links:
            check(html_file, link)
    for xml_file in sorted(site.rglob("*.xml")):
        report.feeds += 1
        links, problems = _xml_links(xml_file)
        report.broken += [f"{xml_file.relative_to(site)}: {problem}" for problem in problems]
        for link in links:
            check(xml_file, link)
    return report
