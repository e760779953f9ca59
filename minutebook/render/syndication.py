"""Everything that follows the archive without visiting it: Atom feeds, iCalendar files, open data
and the sitemap. They name pages by full address, so they are made only when base_url is one."""

from __future__ import annotations

from dataclasses import dataclass, field

import jinja2

from ..archive import Archive
from ..config import SiteConfig
from . import Page
from .calendar import calendar_files
from .feeds import feed_files
from .opendata import data_page, open_data
from .published import Subscription, offered_by_page
from .sitemap import sitemap_files


@dataclass
class Syndication:
    files: dict[str, bytes] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    offered_on: dict[str, list[Subscription]] = field(default_factory=dict)


def syndicate(archive: Archive, config: SiteConfig, env: jinja2.Environment, pages: list[Page]) -> Syndication:
    """The files, the extra page (/data/) and the subscriptions each page offers. `pages` are the
    site's other pages, for the sitemap."""
    if not config.has_public_address:
        return Syndication()
    files: dict[str, bytes] = {}
    subscriptions: list[Subscription] = []
    for made, offered in (feed_files(archive, config, env), calendar_files(archive, config)):
        files.update(made)
        subscriptions += offered
    data_files, datasets = open_data(archive, config)
    files.update(data_files)
    extra = [data_page(datasets, subscriptions)]
    files.update(sitemap_files([page.url for page in pages + extra if page.url != "404.html"], config))
    return Syndication(files, extra, offered_by_page(subscriptions))
