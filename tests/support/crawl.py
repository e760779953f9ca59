"""A crawl of a built site: every internal link and #anchor must land on something that exists."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action"), ("iframe", "src"), ("source", "src")}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES and value is not None:
                self.links.append((tag, value))


@dataclass
class CrawlReport:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def crawl(site: Path, site_path: str = "/") -> CrawlReport:
    """Check every HTML page under `site`. `site_path` is where the site is served ("/" or "/sub/"),
    used for root-relative links such as those on the 404 page."""
    report = CrawlReport()
    parsed: dict[Path, _PageParser] = {}

    def page(path: Path) -> _PageParser:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    for html_file in sorted(site.rglob("*.html")):
        report.pages += 1
        relative_dir = html_file.parent.relative_to(site).as_posix()
        for tag, link in page(html_file).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # external addresses are not fetched: no network at test time
            report.links += 1
            if not parts.path:
                target = html_file
            else:
                if parts.path.startswith("/"):
                    if not parts.path.startswith(site_path):
                        report.broken.append(f"{html_file.relative_to(site)}: {link} is outside the site path {site_path}")
                        continue
                    target_path = posixpath.normpath(unquote(parts.path[len(site_path):]) or ".")
                else:
                    target_path = posixpath.normpath(posixpath.join(relative_dir, unquote(parts.path)))
                if target_path.startswith(".."):
                    report.broken.append(f"{html_file.relative_to(site)}: {link} leaves the site")
                    continue
                target = site / target_path
                if parts.path.endswith("/") or target.is_dir():
                    target = target / "index.html"
            if not target.is_file():
                report.broken.append(f"{html_file.relative_to(site)}: {link} -> {target.relative_to(site)} does not exist")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in page(target).ids:
                report.broken.append(f"{html_file.relative_to(site)}: {link} -> no element with id '{parts.fragment}'")
    return report
