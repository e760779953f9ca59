"""Everything that follows the archive without visiting it: Atom feeds, iCalendar files, open data
and the sitemap. They name pages by full address, so they are made only when base_url is one."""

from __future__ import annotations

from dataclasses import dataclass, field

import jinja2

from ..archive import Archive
from ..config import SiteConfig
from ..products import Product, Reuse, finished
from . import Page
from .calendar import calendar_files
from .decisions import decisions_feed, decisions_subscription
from .feeds import feed_files
from .opendata import data_page, open_data
from .published import Subscription, offered_by_page
from .sitemap import sitemap_files


@dataclass
class Syndication:
    products: list[Product] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    offered_on: dict[str, list[Subscription]] = field(default_factory=dict)


def syndicate(
    archive: Archive,
    config: SiteConfig,
    env: jinja2.Environment,
    pages: list[Page],
    shared: str,
    reuse: Reuse,
) -> Syndication:
    """The files, the extra page (/data/) and the subscriptions each page offers. `pages` are the
    site's other pages, for the sitemap; `shared` is what every page is made from (see
    render/fingerprint.py), and `reuse` may hold pieces of calendars and data files made before."""
    if not config.has_public_address:
        return Syndication()
    products: list[Product] = []
    subscriptions: list[Subscription] = []
    for files, offered in (
        feed_files(archive, config, env, shared),
        calendar_files(archive, config, shared, reuse),
    ):
        products += files
        subscriptions += offered
    data_products, datasets = open_data(archive, config, shared, reuse)
    products += data_products
    finished_files = {decisions_subscription(config).url: decisions_feed(archive, config)}
    subscriptions.append(decisions_subscription(config))
    extra = [data_page(datasets, subscriptions)]
    finished_files.update(
        sitemap_files([page.url for page in pages + extra if page.url != "404.html"], config)
    )
    products += [finished(path, data) for path, data in finished_files.items()]
    return Syndication(products, extra, offered_by_page(subscriptions))
