"""Sources: a meeting names its official published documents (the council's address, or a file in
its folder); the page lists them under "Official documents", and an agenda item's "(pages 3 - 6)"
links to that page of the agenda pack. Without a pack the pages stay text, never a broken link."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from minutebook.cli import main
from minutebook.model import SourceKind
from tests.conftest import FIXTURES, build_site, copy_fixture
from tests.support.crawl import crawl

MEETING = "content/meetings/2024/2024-06-13-planning.md"
PACK = "https://democracy.example.gov.uk/documents/g101/Public%20reports%20pack.pdf?T=10&amp;Lang=en"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sources") / "_site"
    result = build_site(FIXTURES / "sources" / "site_config.yaml", out)
    assert not result.failed and not result.diagnostics, "\n".join(d.format() for d in result.diagnostics)
    return out


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_the_page_links_each_official_document(site):
    html = page(site, "meetings/2024/2024-06-13-planning/")
    section = html[html.index('<section id="sources"') :]
    section = section[: section.index("</section>")]
    assert '<h2 id="sources-heading">Official documents</h2>' in section
    assert f'<a href="{PACK}">Agenda pack, 13 June 2024</a>' in section
    assert "Agenda pack, on the council's website" in section
    # A file in the meeting's folder is published beside the page, like an attachment.
    assert '<a href="signed-minutes.pdf">Signed minutes</a>' in section
    assert "Minutes, PDF, " in section
    published = site / "meetings/2024/2024-06-13-planning/signed-minutes.pdf"
    source = FIXTURES / "sources/content/meetings/2024/2024-06-13-planning/signed-minutes.pdf"
    assert published.read_bytes() == source.read_bytes()
    assert '<li><a href="#sources">Official documents</a></li>' in html


def test_an_items_pages_link_to_that_page_of_the_pack(site):
    html = page(site, "meetings/2024/2024-06-13-planning/")
    assert (
        f'<span class="agenda-list__pages">(<a href="{PACK}#page=3">pages 3 - 6'
        '<span class="visually-hidden"> of the agenda pack</span></a>)</span>'
    ) in html
    assert f'<a href="{PACK}#page=7">pages 7<' in html


def test_without_a_pack_the_pages_stay_text(site):
    html = page(site, "meetings/2024/2024-07-11-planning/")
    assert '<span class="agenda-list__pages">(pages 3 - 6)</span>' in html
    assert "#page=" not in html and 'id="sources"' not in html


def test_no_link_is_broken(site):
    assert crawl(site, base_url="https://minutes.example.org/archive/").broken == []


def written_line(config: Path, text: str) -> int:
    source = (config.parent / MEETING).read_text(encoding="utf-8")
    return source[: source.index(text)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "marker", "expected"),
    [
        (
            "    kind: minutes\n",
            "    kind: minutes\n    url: https://democracy.example.gov.uk/minutes.pdf\n",
            "    path: 2024-06-13-planning/signed-minutes.pdf",
            "error[source-address]: the minutes has both a web address and a file",
        ),
        (
            "    url: https://democracy.example.gov.uk/documents/g101/",
            "    url: democracy.example.gov.uk/documents/g101/",
            "    url: democracy",
            "error[url]: 'democracy.example.gov.uk/documents/g101/Public%20reports%20pack.pdf?T=10&Lang=en' is not a web address",
        ),
        (
            "    kind: minutes\n",
            "    kind: agenda-pack\n",
            "    kind: agenda-pack\n    path:",
            "error[source-pack]: the meeting names a second agenda pack (the first is on line 9)",
        ),
        (
            "signed-minutes.pdf",
            "signed-minutes.md",
            "    path: 2024-06-13-planning/signed-minutes.md",
            "error[source-path]: '2024-06-13-planning/signed-minutes.md' is a Markdown paper",
        ),
        (
            "    kind: minutes\n",
            "    kind: minute\n",
            "    kind: minute\n",
            "error[choice]: 'kind: minute' is not allowed",
        ),
    ],
)
def test_a_bad_source_is_reported_with_its_line(tmp_path, monkeypatch, capsys, old, new, marker, expected):
    config = copy_fixture("sources", tmp_path / "site")
    meeting = config.parent / MEETING
    text = meeting.read_text(encoding="utf-8")
    assert old in text
    meeting.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.chdir(config.parent)
    assert main(["--config", str(config), "--out", str(tmp_path / "out"), "-q"]) == 1
    reported = [line for line in capsys.readouterr().err.splitlines() if expected in line]
    assert len(reported) == 1 and reported[0].startswith(f"{MEETING}:{written_line(config, marker)}:")


def test_pages_that_are_not_a_range_stay_text_with_a_warning(tmp_path, monkeypatch, capsys):
    config = copy_fixture("sources", tmp_path / "site")
    meeting = config.parent / MEETING
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("pages: 7\n", "pages: see supplement\n"), encoding="utf-8")
    monkeypatch.chdir(config.parent)
    out = tmp_path / "out"
    assert main(["--config", str(config), "--out", str(out)]) == 0
    warning = (
        "warning[pages]: 'pages: see supplement' is not a page range, so it cannot link to the agenda pack"
    )
    reported = [line for line in capsys.readouterr().err.splitlines() if warning in line]
    assert len(reported) == 1
    assert reported[0].startswith(f"{MEETING}:{written_line(config, '      pages: see supplement')}:")
    html = (out / "meetings/2024/2024-06-13-planning/index.html").read_text(encoding="utf-8")
    assert '<span class="agenda-list__pages">(pages see supplement)</span>' in html


def test_open_data_names_them_as_the_meetings_sources(site):
    schema = json.loads((site / "data/schemas/meetings.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema,
        registry=Registry().with_resource(schema["$id"], Resource.from_contents(schema)),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    data = json.loads((site / "data/2024/meetings.json").read_text(encoding="utf-8"))
    assert [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)] == []
    meeting = next(m for m in data["meetings"] if m["id"] == "2024-06-13-planning")
    base = "https://minutes.example.org/archive/meetings/2024/2024-06-13-planning/"
    assert meeting["sources"] == [
        {"url": base, "note": "the meeting's page in the archive"},
        {
            "url": PACK.replace("&amp;", "&"),
            "note": "Agenda pack, 13 June 2024",
            "kind": "agenda-pack",
        },
        {"url": base + "signed-minutes.pdf", "note": "Signed minutes", "kind": "minutes"},
    ]
    kinds = schema["$defs"]["meeting"]["properties"]["sources"]["items"]["properties"]["kind"]["enum"]
    assert kinds == [kind.value for kind in SourceKind]


def test_a_pack_published_as_a_file_is_linked_beside_the_page(tmp_path, monkeypatch):
    config = copy_fixture("sources", tmp_path / "site")
    meeting = config.parent / MEETING
    text = meeting.read_text(encoding="utf-8")
    text = text.replace("kind: agenda-pack", "kind: supplementary-pack").replace(
        "kind: minutes", "kind: agenda-pack"
    )
    meeting.write_text(text, encoding="utf-8")
    monkeypatch.chdir(config.parent)
    out = tmp_path / "out"
    assert main(["--config", str(config), "--out", str(out), "-q"]) == 0
    html = (out / "meetings/2024/2024-06-13-planning/index.html").read_text(encoding="utf-8")
    assert '(<a href="signed-minutes.pdf#page=3">pages 3 - 6<' in html
    assert f'<a href="{PACK}">Agenda pack, 13 June 2024</a>' in html
    assert "Supplementary agenda pack, on the council's website" in html
    assert crawl(out, base_url="https://minutes.example.org/archive/").broken == []
