"""sitemap.xml read with an XML parser: every address is a built page, every page is listed."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from minutebook.config import load_config
from minutebook.diagnostics import Diagnostics
from minutebook.render.sitemap import sitemap_files
from tests.conftest import ROOT

BASE = "https://democracy.example.gov.uk/minutes/"
NAMESPACE = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_every_address_in_the_sitemap_is_a_built_page_and_every_page_is_listed(seed_site):
    root = ElementTree.fromstring((seed_site / "sitemap.xml").read_bytes())
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    addresses = [loc.text for loc in root.findall("sm:url/sm:loc", NAMESPACE)]
    assert len(addresses) == len(set(addresses))
    paths = set()
    for address in addresses:
        assert address.startswith(BASE), address
        path = address.removeprefix(BASE)
        target = seed_site / path / "index.html" if path == "" or path.endswith("/") else seed_site / path
        assert target.is_file(), address
        paths.add(target.relative_to(seed_site).as_posix())
    # The handbook for clerks and web teams (help/) is published with the site but is not the archive.
    pages = {
        p.relative_to(seed_site).as_posix()
        for p in seed_site.rglob("*.html")
        if not p.relative_to(seed_site).as_posix().startswith("help/")
    } - {"404.html"}
    assert paths == pages
    assert BASE + "data/" in addresses and BASE + "meetings/2020/2020-02-13-scrutiny-board-2/" in addresses


def test_robots_txt_points_at_the_sitemap(seed_site):
    robots = (seed_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()
    # Served under /minutes/, the file only helps if the web team copies the line to the root.
    assert "copy the Sitemap line" in robots


def test_large_sites_get_a_sitemap_index():
    config = load_config(ROOT / "site_config.yaml", Diagnostics())
    files = sitemap_files([f"meetings/{n}/" for n in range(50_001)], config)
    index = ElementTree.fromstring(files["sitemap.xml"])
    assert [loc.text for loc in index.findall("sm:sitemap/sm:loc", NAMESPACE)] == [
        BASE + "sitemap-1.xml",
        BASE + "sitemap-2.xml",
    ]
    parts = [ElementTree.fromstring(files[f"sitemap-{n}.xml"]).findall("sm:url", NAMESPACE) for n in (1, 2)]
    assert [len(part) for part in parts] == [50_000, 1]
