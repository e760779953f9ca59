"""sitemap.xml (every page by its full address) and robots.txt pointing at it."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from ..config import SiteConfig

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
# The sitemaps protocol allows 50,000 addresses a file; larger sites get an index of sitemaps.
MAX_URLS = 50_000


def _xml(root: ElementTree.Element) -> bytes:
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _urlset(addresses: list[str]) -> bytes:
    root = ElementTree.Element("urlset", xmlns=NAMESPACE)
    for address in addresses:
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = address
    return _xml(root)


def sitemap_files(page_urls: list[str], config: SiteConfig) -> dict[str, bytes]:
    """The sitemap (or an index of numbered sitemaps) and robots.txt. `page_urls` are site paths
    of HTML pages that should be found by search engines (not the 404 page)."""
    addresses = [config.absolute_url(url) for url in page_urls]
    files: dict[str, bytes] = {}
    if len(addresses) <= MAX_URLS:
        files["sitemap.xml"] = _urlset(addresses)
    else:
        index = ElementTree.Element("sitemapindex", xmlns=NAMESPACE)
        for number, start in enumerate(range(0, len(addresses), MAX_URLS), start=1):
            files[f"sitemap-{number}.xml"] = _urlset(addresses[start : start + MAX_URLS])
            ElementTree.SubElement(
                ElementTree.SubElement(index, "sitemap"), "loc"
            ).text = config.absolute_url(f"sitemap-{number}.xml")
        files["sitemap.xml"] = _xml(index)
    robots = ["User-agent: *", "Allow: /", "", f"Sitemap: {config.absolute_url('sitemap.xml')}"]
    if config.base_path != "/":
        robots[:0] = [
            f"# Crawlers read robots.txt only at the root of a domain. This archive is published under {config.base_path},",
            "# so copy the Sitemap line below into the robots.txt at the root of the domain.",
        ]
    files["robots.txt"] = ("\n".join(robots) + "\n").encode("utf-8")
    return files
