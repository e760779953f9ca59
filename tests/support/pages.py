"""The pages of a built site grouped by the type each names on its <body data-page-type="...">,
so checks visit every kind of page there is, including kinds added after the checks were written."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

_PAGE_TYPE = re.compile(rb"<body\b[^>]*\sdata-page-type=\"([^\"]+)\"")


@dataclass(frozen=True)
class SitePage:
    path: Path  # the file
    url: str  # its address inside the site: "" for the home page, "meetings/2020/", "404.html"
    size: int


@dataclass(frozen=True)
class SitePages:
    by_type: dict[str, tuple[SitePage, ...]]
    untyped: tuple[SitePage, ...]

    def representatives(self) -> dict[str, tuple[SitePage, ...]]:
        """The smallest and the largest page of each type: the emptiest and the fullest layouts."""
        chosen = {}
        for page_type, pages in sorted(self.by_type.items()):
            by_size = sorted(pages, key=lambda page: (page.size, page.url))
            chosen[page_type] = tuple(dict.fromkeys([by_size[-1], by_size[0]]))
        return chosen


def site_url(site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return relative.removesuffix("index.html") if relative == "index.html" or relative.endswith("/index.html") else relative


def site_pages(site: Path) -> SitePages:
    by_type: dict[str, list[SitePage]] = defaultdict(list)
    untyped = []
    for path in sorted(site.rglob("*.html")):
        data = path.read_bytes()
        page = SitePage(path, site_url(site, path), len(data))
        match = _PAGE_TYPE.search(data)
        if match:
            by_type[match.group(1).decode("utf-8")].append(page)
        else:
            untyped.append(page)
    return SitePages({name: tuple(pages) for name, pages in sorted(by_type.items())}, tuple(untyped))
