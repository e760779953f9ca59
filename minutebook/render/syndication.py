"""Everything that follows the archive without visiting it: Atom feeds, iCalendar files, open data
and the sitemap. They name pages by full address, so they are made only when base_url is one."""

from __future__ import annotations

from dataclasses import dataclass, field

import jinja2

from ..archive import Archive
from ..cache import Memo
from ..config import SiteConfig
from . import Page
from .calendar import calendar_files
from .decisions import decisions_feed, decisions_subscription
from .feeds import feed_files
from .fingerprint import LazyFile
from .opendata import data_page, open_data
from .published import Subscription, offered_by_page
from .sitemap import sitemap_files


@dataclass
class Syndication:
    files: dict[str, bytes] = field(default_factory=dict)  # made every build (they follow the whole archive)
    lazy: dict[str, LazyFile] = field(default_factory=dict)  # feeds and calendars, made when they changed
    pages: list[Page] = field(default_factory=list)
    offered_on: dict[str, list[Subscription]] = field(default_factory=dict)


def syndicate(
    archive: Archive, config: SiteConfig, env: jinja2.Environment, pages: list[Page], shared: str, memo: Memo
) -> Syndication:
    """The files, the extra page (/data/) and the subscriptions each page offers. `pages` are the
    site's other pages, for the sitemap; `shared` is what every page is made from (see
    render/fingerprint.py), and `memo` holds pieces of the last build's calendars and data files."""
    if not config.has_public_address:
        return Syndication()
    lazy: dict[str, LazyFile] = {}
    subscriptions: list[Subscription] = []
    for made, offered in (
        feed_files(archive, config, env, shared),
        calendar_files(archive, config, shared, memo),
    ):
        lazy.update(made)
        subscriptions += offered
    files, datasets = open_data(archive, config, shared, memo)
    files[decisions_subscription(config).url] = decisions_feed(archive, config)
    subscriptions.append(decisions_subscription(config))
    extra = [data_page(datasets, subscriptions)]
    files.update(sitemap_files([page.url for page in pages + extra if page.url != "404.html"], config))
    return Syndication(files, lazy, extra, offered_by_page(subscriptions))
