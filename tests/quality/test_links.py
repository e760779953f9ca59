"""Every link and #anchor of every built site resolves: pages, and feeds and sitemaps when the
site has them, with absolute links to the site's own address (canonical links, feed entries)
checked as internal ones."""

from __future__ import annotations

import pytest

from tests.support.crawl import crawl

SITES = {
    "seed_site": "https://democracy.example.gov.uk/minutes/",
    "basic_site": "https://minutes.example.org/archive/",
    "leaks_site": "https://minutes.example.org/",
    "injection_site": "https://minutes.example.org/",
}


@pytest.mark.parametrize("site_name", sorted(SITES))
def test_no_broken_links_or_anchors(site_name, request, figures):
    site = request.getfixturevalue(site_name)
    report = crawl(site, base_url=SITES[site_name])
    figures["links checked by the crawl"] += report.links
    figures["pages and feeds crawled"] += report.pages + report.feeds
    figures["broken links"] += len(report.broken)
    assert report.pages > 5 and report.links > 10 * report.pages
    assert report.broken == []


def test_the_crawl_reads_feeds_and_sitemaps(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h1 id="top">A</h1><link rel="canonical" href="https://x.example/site/a/">'
    )
    (tmp_path / "b.html").write_text('<link rel="canonical" href="https://x.example/site/gone/">')
    (tmp_path / "feed.xml").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://x.example/site/a/"/>'
        '<entry><link href="https://x.example/site/missing/"/><link href="https://elsewhere.example/"/>'
        '<content type="html">&lt;a href="a/"&gt;relative&lt;/a&gt; &lt;a href="https://x.example/site/a/#nope"&gt;x&lt;/a&gt;</content></entry></feed>'
    )
    (tmp_path / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/site/a/</loc></url>'
        "<url><loc>https://x.example/site/b/</loc></url></urlset>"
    )
    (tmp_path / "broken.xml").write_text("<feed><entry></feed>")
    report = crawl(tmp_path, base_url="https://x.example/site/")
    assert report.pages == 2 and report.feeds == 3
    assert sorted(report.broken) == [
        "b.html: /site/gone/ -> gone/index.html does not exist",
        "broken.xml: is not well-formed XML: mismatched tag: line 1, column 15",
        "feed.xml: /site/a/#nope -> no element with id 'nope'",
        "feed.xml: /site/missing/ -> missing/index.html does not exist",
        "feed.xml: has a relative link 'a/' inside <content>; feed readers need absolute addresses",
        "sitemap.xml: /site/b/ -> b/index.html does not exist",
    ]
