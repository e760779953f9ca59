"""The pages of a built site grouped by the type each names on its <body data-page-type="...">,
so checks visit every kind of page there is, including kinds added after the checks were written."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

_PAGE_TYPE = re.compile(rb"<body\b[^>]*\sdata-page-type=\"([^\"]+)\"")
_ELEMENT = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")
_CLASS = re.compile(rb"\sclass=\"([^\"]*)\"")


@dataclass(frozen=True)
class SitePage:
    path: Path  # the file
    url: str  # its address inside the site: "" for the home page, "meetings/2020/", "404.html"
    size: int
    components: frozenset[str]  # each element and element.class it uses: "table", "strong.tag--cancelled"


def components(html: bytes) -> frozenset[str]:
    found = set()
    for match in _ELEMENT.finditer(html):
        tag = match.group(1).decode("ascii").lower()
        found.add(tag)
        classes = _CLASS.search(match.group(2))
        if classes:
            found.update(f"{tag}.{name}" for name in classes.group(1).decode("utf-8").split())
    return frozenset(found)


@dataclass(frozen=True)
class SitePages:
    by_type: dict[str, tuple[SitePage, ...]]
    untyped: tuple[SitePage, ...]

    def representatives(self) -> dict[str, tuple[SitePage, ...]]:
        """For each type, its largest and its smallest page (the fullest and the emptiest layout),
        then as few more as it takes for every component the type uses to be seen once (a
        cancelled meeting's tag, a private item's notice, a table): checks then cover every part
        of every kind of page however many pages the archive has."""
        chosen = {}
        for page_type, pages in self.by_type.items():
            by_size = sorted(pages, key=lambda page: (-page.size, page.url))
            picked = list(dict.fromkeys([by_size[0], by_size[-1]]))
            seen = set().union(*(page.components for page in picked))
            while True:
                best = max(by_size, key=lambda page: len(page.components - seen))
                if not best.components - seen:
                    break
                picked.append(best)
                seen |= best.components
            chosen[page_type] = tuple(picked)
        return chosen


def site_url(site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return (
        relative.removesuffix("index.html")
        if relative == "index.html" or relative.endswith("/index.html")
        else relative
    )


def site_pages(site: Path) -> SitePages:
    by_type: dict[str, list[SitePage]] = defaultdict(list)
    untyped = []
    for path in sorted(site.rglob("*.html")):
        data = path.read_bytes()
        page = SitePage(path, site_url(site, path), len(data), components(data))
        match = _PAGE_TYPE.search(data)
        if match:
            by_type[match.group(1).decode("utf-8")].append(page)
        else:
            untyped.append(page)
    return SitePages({name: tuple(pages) for name, pages in sorted(by_type.items())}, tuple(untyped))
